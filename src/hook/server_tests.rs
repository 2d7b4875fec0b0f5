//! The socket server on a real Unix socket, driven by the real hook client.

use std::time::Duration;

use tokio::sync::mpsc::unbounded_channel;

use super::*;
use crate::hook::client::{self, HookEnv};

fn hook_env(path: &Path) -> HookEnv {
    HookEnv {
        socket: Some(path.to_path_buf()),
        pane: Some("1".into()),
        auto_approve_read: true,
        ask_timeout: Duration::from_secs(5),
    }
}

const REQUEST: &str = r#"{"session_id":"s","hook_event_name":"PermissionRequest",
    "tool_name":"Bash","tool_input":{"command":"rm -rf build"}}"#;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn an_ask_becomes_an_event_and_the_answer_goes_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    runtime().block_on(async {
        let (events, mut inbox) = unbounded_channel();
        let server = start(dir.path(), move |event| events.send(event).is_ok()).expect("start");
        let mode = std::fs::metadata(&server.path)
            .expect("socket")
            .permissions();
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(mode.mode() & 0o777, 0o600);
        let dir_mode = std::fs::metadata(dir.path()).expect("dir").permissions();
        assert_eq!(dir_mode.mode() & 0o777, 0o700);
        let env = hook_env(&server.path);
        let hook =
            tokio::task::spawn_blocking(move || client::handle("PermissionRequest", REQUEST, &env));
        let Some(HookEvent::Ask { key, pane, input }) = inbox.recv().await else {
            panic!("expected an ask");
        };
        assert_eq!(pane.as_deref(), Some("1"));
        assert_eq!(input.bash_command(), Some("rm -rf build"));
        assert!(server.responder.answer(key, Answer::Allow));
        let outcome = hook.await.expect("hook");
        let stdout = outcome.stdout.expect("answered");
        assert!(stdout.contains(r#""behavior":"allow""#), "{stdout}");
        assert!(
            !server.responder.answer(key, Answer::Allow),
            "answered once"
        );
    });
}

#[test]
fn a_hook_that_goes_away_withdraws_its_question() {
    let dir = tempfile::tempdir().expect("temp dir");
    runtime().block_on(async {
        let (events, mut inbox) = unbounded_channel();
        let server = start(dir.path(), move |event| events.send(event).is_ok()).expect("start");
        let mut env = hook_env(&server.path);
        env.ask_timeout = Duration::from_millis(200);
        let hook =
            tokio::task::spawn_blocking(move || client::handle("PermissionRequest", REQUEST, &env));
        let Some(HookEvent::Ask { key, .. }) = inbox.recv().await else {
            panic!("expected an ask");
        };
        let outcome = hook.await.expect("hook");
        assert_eq!(outcome.stdout, None, "timed out without approving");
        let withdrawn = tokio::time::timeout(Duration::from_secs(5), inbox.recv())
            .await
            .expect("in time");
        assert!(
            matches!(withdrawn, Some(HookEvent::Withdrawn { key: gone }) if gone == key),
            "{withdrawn:?}"
        );
        assert!(!server.responder.answer(key, Answer::Allow));
    });
}

#[test]
fn news_arrives_as_tell_and_the_socket_is_removed_on_drop() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = runtime().block_on(async {
        let (events, mut inbox) = unbounded_channel();
        let server = start(dir.path(), move |event| events.send(event).is_ok()).expect("start");
        let env = hook_env(&server.path);
        let stop = r#"{"session_id":"s","hook_event_name":"Stop"}"#;
        tokio::task::spawn_blocking(move || client::handle("Stop", stop, &env))
            .await
            .expect("hook");
        let Some(HookEvent::Tell { input, .. }) = inbox.recv().await else {
            panic!("expected news");
        };
        assert_eq!(input.hook_event_name, "Stop");
        server.path.clone()
    });
    assert!(!path.exists(), "socket removed");
}
