//! The approvals queue on the app: hook news in, keys answer, effects out.

use super::*;
use crate::app::tests::{app, config, keys};
use crate::app::HookLink;
use crate::hook::audit::Record;
use crate::hook::wire::HookInput;

fn hook(event: HookEvent) -> crate::event::Event {
    crate::event::Event::Hook(Box::new(event))
}

fn ask(app: &mut App, key: u64, pane: &str, command: &str) {
    let input = HookInput::parse(&format!(
        r#"{{"session_id":"s{pane}","hook_event_name":"PermissionRequest","tool_name":"Bash",
            "tool_input":{{"command":"{command}"}}}}"#
    ))
    .expect("input");
    app.update(hook(HookEvent::Ask {
        key,
        pane: Some(pane.into()),
        input,
    }));
}

fn tell(app: &mut App, pane: &str, json: &str) {
    app.update(hook(HookEvent::Tell {
        pane: Some(pane.into()),
        input: HookInput::parse(json).expect("input"),
        decided: None,
    }));
}

fn answers(effects: &[Effect]) -> Vec<(u64, Answer)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Answer { key, answer } => Some((*key, answer.clone())),
            _ => None,
        })
        .collect()
}

fn audits(effects: &[Effect]) -> Vec<Record> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Audit(record) => Some((**record).clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_request_is_queued_announced_and_shown() {
    let mut app = app();
    ask(&mut app, 7, "1", "rm -rf build");
    assert_eq!(app.approvals.len(), 1);
    assert!(
        app.panels.panels.contains(&PanelKind::Approvals),
        "panel opens"
    );
    assert_eq!(app.panes[&1].activity, Some(Activity::NeedsApproval));
    assert_eq!(app.panes[&1].session_id.as_deref(), Some("s1"));
    let effects = app.take_effects();
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::Announce(bytes) if bytes == b"\x07")));
    let message = app.message.clone().expect("said");
    assert!(
        message.text.contains("pane 1 (sh) asks: Bash (DELETE)"),
        "{}",
        message.text
    );
}

#[test]
fn keys_answer_the_selected_request_and_audit_it() {
    let mut app = app();
    ask(&mut app, 1, "1", "rm -rf build");
    ask(&mut app, 2, "1", "touch new.txt");
    ask(&mut app, 3, "1", "git push");
    app.take_effects();
    keys(&mut app, "C-Space y");
    let effects = app.take_effects();
    assert_eq!(answers(&effects), vec![(1, Answer::Allow)]);
    let records = audits(&effects);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].decision, "allow");
    assert_eq!(records[0].decided_by, "person");
    assert_eq!(records[0].subject, "rm -rf build");
    assert_eq!(records[0].label.as_deref(), Some("DELETE"));
    assert_eq!(
        app.panes[&1].activity,
        Some(Activity::NeedsApproval),
        "two still wait"
    );

    keys(&mut app, "C-Space > C-Space Y");
    assert_eq!(answers(&app.take_effects()), vec![(3, Answer::AllowAlways)]);

    keys(&mut app, "C-Space N n o t Space y e t Enter");
    let effects = app.take_effects();
    assert_eq!(
        answers(&effects),
        vec![(
            2,
            Answer::Deny {
                message: "not yet".into()
            }
        )]
    );
    assert_eq!(audits(&effects)[0].message.as_deref(), Some("not yet"));
    assert!(app.approvals.is_empty());
    assert_eq!(app.panes[&1].activity, Some(Activity::Working));

    keys(&mut app, "C-Space n");
    assert!(answers(&app.take_effects()).is_empty());
    assert!(app
        .message
        .expect("said")
        .text
        .contains("no approvals waiting"));
}

#[test]
fn plain_deny_sends_the_default_message() {
    let mut app = app();
    ask(&mut app, 4, "1", "rm -rf /tmp/x");
    keys(&mut app, "C-Space n");
    assert_eq!(
        answers(&app.take_effects()),
        vec![(
            4,
            Answer::Deny {
                message: DEFAULT_DENIAL.into()
            }
        )]
    );
}

#[test]
fn a_withdrawn_request_leaves_the_queue_as_answered_in_the_pane() {
    let mut app = app();
    ask(&mut app, 5, "1", "rm -rf build");
    app.take_effects();
    app.update(hook(HookEvent::Withdrawn { key: 5 }));
    assert!(app.approvals.is_empty());
    let effects = app.take_effects();
    assert!(answers(&effects).is_empty());
    assert_eq!(audits(&effects)[0].decision, "answered_in_pane");
    app.update(hook(HookEvent::Withdrawn { key: 5 }));
    assert!(audits(&app.take_effects()).is_empty(), "once only");
}

#[test]
fn hook_news_drives_the_pane_state() {
    let mut app = app();
    keys(&mut app, "C-Space %");
    app.take_effects();
    tell(
        &mut app,
        "1",
        r#"{"hook_event_name":"UserPromptSubmit","session_id":"a"}"#,
    );
    assert_eq!(app.panes[&1].activity, Some(Activity::Working));
    tell(
        &mut app,
        "1",
        r#"{"hook_event_name":"Stop","session_id":"a"}"#,
    );
    assert_eq!(app.panes[&1].activity, Some(Activity::YourTurn));
    assert!(
        app.panes[&1].bell,
        "pane 1 is not focused: marked for attention"
    );
    tell(
        &mut app,
        "1",
        r#"{"hook_event_name":"SessionEnd","session_id":"a"}"#,
    );
    assert_eq!(app.panes[&1].activity, Some(Activity::Ended));
    tell(&mut app, "99", r#"{"hook_event_name":"Stop"}"#);
    tell(&mut app, "x", r#"{"hook_event_name":"Stop"}"#);
    assert_eq!(app.panes.len(), 2, "news from unknown panes is harmless");
}

#[test]
fn read_commands_the_hook_allowed_are_audited() {
    let mut app = app();
    let input = HookInput::parse(
        r#"{"session_id":"s","hook_event_name":"PreToolUse","tool_name":"Bash",
            "tool_input":{"command":"ls -la"}}"#,
    )
    .expect("input");
    app.update(hook(HookEvent::Tell {
        pane: Some("1".into()),
        input,
        decided: Some(crate::hook::protocol::Decided {
            label: crate::classify::Label::Read,
            reason: "ls only reads".into(),
        }),
    }));
    let records = audits(&app.take_effects());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].decided_by, "classifier");
    assert_eq!(records[0].subject, "ls -la");
}

#[test]
fn claude_panes_start_with_a_session_id_the_plugin_and_the_socket() {
    let mut app = App::new(&config(), vec!["sh".into()], 80, 24);
    app.hooks = Some(HookLink {
        plugin_dir: "/data/plugin".into(),
        socket: "/run/cco/cco-1.sock".into(),
    });
    app.open_pane(vec!["/usr/bin/claude".into()], None);
    let spawn = app
        .take_effects()
        .into_iter()
        .find_map(|e| match e {
            Effect::Spawn { command, env, .. } => Some((command, env)),
            _ => None,
        })
        .expect("spawned");
    let (command, env) = spawn;
    let session = app.panes[&1].session_id.clone().expect("session id");
    assert_eq!(
        command,
        [
            "/usr/bin/claude",
            "--session-id",
            &session,
            "--plugin-dir",
            "/data/plugin"
        ]
    );
    assert_eq!(app.panes[&1].command, ["/usr/bin/claude"], "shown as typed");
    let get = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    assert_eq!(get("CCO_PANE"), Some("1"));
    assert_eq!(get("CCO_SOCKET"), Some("/run/cco/cco-1.sock"));
    assert_eq!(get("CCO_AUTO_APPROVE_READ"), Some("1"));
}

#[test]
fn news_that_the_pane_settled_a_request_withdraws_and_releases_it() {
    let mut app = app();
    ask(&mut app, 8, "1", "rm -rf build");
    ask(&mut app, 9, "1", "touch a");
    app.take_effects();
    // Another session's news, and a different call's result, settle nothing.
    tell(
        &mut app,
        "1",
        r#"{"hook_event_name":"Stop","session_id":"other"}"#,
    );
    tell(
        &mut app,
        "1",
        r#"{"hook_event_name":"PostToolUse","session_id":"s1","tool_name":"Bash",
            "tool_input":{"command":"ls"}}"#,
    );
    assert_eq!(app.approvals.len(), 2);
    assert!(answers(&app.take_effects()).is_empty());
    tell(
        &mut app,
        "1",
        r#"{"hook_event_name":"PostToolUse","session_id":"s1","tool_name":"Bash",
            "tool_input":{"command":"rm -rf build"}}"#,
    );
    let effects = app.take_effects();
    assert_eq!(answers(&effects), vec![(8, Answer::Abstain)]);
    assert_eq!(audits(&effects)[0].decision, "answered_in_pane");
    tell(
        &mut app,
        "1",
        r#"{"hook_event_name":"Stop","session_id":"s1"}"#,
    );
    assert_eq!(answers(&app.take_effects()), vec![(9, Answer::Abstain)]);
    assert!(app.approvals.is_empty());
    assert_eq!(app.panes[&1].activity, Some(Activity::YourTurn));
}
