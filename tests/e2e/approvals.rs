//! Hooks and approvals with the real parts: the real `claude` (offline, loopback-only) running
//! cco's generated plugin, headless and inside a cco pane, and the real `cco hook` binary
//! falling back quietly when cco cannot answer.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::{cco_binary, wait_for, Cco};
use crate::testbed::claude::{project_slug, read_jsonl, ClaudeHome};
use crate::testbed::fake_api::{FakeApi, Turn};
use crate::testbed::with_claude;

/// The audited decisions about one command.
fn decisions_about(data_dir: &Path, subject: &str) -> Vec<Value> {
    audit(data_dir)
        .into_iter()
        .filter(|record| record["subject"] == subject)
        .collect()
}

/// `cco approvals --json` for a data dir.
fn audit(data_dir: &Path) -> Vec<Value> {
    let output = Command::new(cco_binary())
        .args(["approvals", "--json"])
        .env("CCO_DATA_DIR", data_dir)
        .output()
        .expect("cco approvals");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice::<Value>(&output.stdout)
        .expect("json")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Every transcript line of the project's sessions.
fn transcripts(home: &ClaudeHome) -> Vec<Value> {
    let folder = home
        .config_dir
        .join("projects")
        .join(project_slug(&home.cwd));
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
        if entry.path().extension().is_some_and(|e| e == "jsonl") {
            lines.extend(read_jsonl(&entry.path()));
        }
    }
    lines
}

/// The tool results Claude Code recorded, as (is_error, text).
fn tool_results(home: &ClaudeHome) -> Vec<(bool, String)> {
    transcripts(home)
        .iter()
        .filter(|line| line["type"] == "user")
        .filter_map(|line| line["message"]["content"].as_array().cloned())
        .flatten()
        .filter(|block| block["type"] == "tool_result")
        .map(|block| {
            let text = match &block["content"] {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            (block["is_error"].as_bool().unwrap_or(false), text)
        })
        .collect()
}

#[test]
fn headless_claude_with_the_plugin_runs_a_read_command_cco_allowed() {
    with_claude(move |binary| {
        let api = FakeApi::start(vec![
            Turn::bash("Listing.", "ls -la"),
            Turn::text("Listed."),
        ]);
        let home = ClaudeHome::new(binary);
        std::fs::write(home.cwd.join("marker-file.txt"), "x").expect("marker");
        let data_dir = home.root.path().join("cco-data");
        let plugin = Command::new(cco_binary())
            .arg("plugin")
            .env("CCO_DATA_DIR", &data_dir)
            .output()
            .expect("cco plugin");
        assert!(plugin.status.success(), "{plugin:?}");
        let plugin_dir = String::from_utf8_lossy(&plugin.stdout).trim().to_string();
        assert!(Path::new(&plugin_dir).join("hooks/hooks.json").is_file());
        let session = uuid::Uuid::new_v4().to_string();
        let output = home
            .command(
                &api,
                &[
                    "-p",
                    "list the files",
                    "--output-format",
                    "stream-json",
                    "--verbose",
                    "--session-id",
                    &session,
                    "--plugin-dir",
                    &plugin_dir,
                ],
            )
            .env("CCO_DATA_DIR", &data_dir)
            .output()
            .expect("claude");
        let describe = || String::from_utf8_lossy(&output.stdout).to_string();
        assert!(output.status.success(), "{}", describe());
        let results = tool_results(&home);
        assert!(
            results
                .iter()
                .any(|(error, text)| !error && text.contains("marker-file.txt")),
            "ls ran: {results:?}"
        );
        let ls = decisions_about(&data_dir, "ls -la");
        assert_eq!(ls.len(), 1, "{ls:?}");
        assert_eq!(ls[0]["decision"], "allow");
        assert_eq!(ls[0]["decided_by"], "classifier");
        assert_eq!(ls[0]["label"], "READ");
        assert_eq!(ls[0]["session_id"], session.as_str());
    });
}

/// How the person answers the request.
#[derive(Clone, Copy)]
enum Answer {
    /// Keys after cco's prefix.
    InCco(&'static str),
    /// Text typed into the pane's own permission dialog.
    InPane(&'static str),
}

/// Claude in a cco pane asks to `rm -rf build`, and the person answers.
fn rm_build_answered(answer: Answer) -> (ClaudeHome, PathBuf, Cco) {
    let (sender, receiver) = std::sync::mpsc::channel();
    with_claude(move |binary| {
        let api = FakeApi::start(vec![
            Turn::bash("Cleaning.", "rm -rf build"),
            Turn::text("Finished the cleanup turn."),
        ]);
        let home = ClaudeHome::new(binary.clone());
        home.seed_interactive();
        std::fs::create_dir_all(home.cwd.join("build/out")).expect("build dir");
        let mut cco = crate::testbed::cco_running_claude(&home, &api);
        cco.wait_text("? for shortcuts");
        cco.type_text("clean the build");
        cco.wait_text("clean the build");
        cco.type_text("\r");
        cco.wait_text("approvals · 1 waiting");
        cco.wait_text("Bash · DELETE");
        cco.wait_text("rm -rf build");
        cco.wait_text("needs approval");
        match answer {
            Answer::InCco(key) => cco.keys(&format!("C-Space {key}")),
            Answer::InPane(text) => {
                cco.wait_text("Do you want to proceed?");
                cco.type_text(text);
            }
        }
        cco.wait_text("Finished the cleanup turn.");
        cco.wait_gone("approvals · 1 waiting");
        cco.wait_text("your turn");
        cco.wait_until("the session's cost in the pane's border", |screen| {
            screen
                .rows(0, 120)
                .next()
                .is_some_and(|top| top.contains("your turn  $"))
        });
        let data_dir = cco.dir.path().join("data");
        // Claude Code writes its transcript a moment after drawing the reply.
        wait_for("the tool result in the transcript", || {
            !tool_results(&home).is_empty()
        });
        let _ = api;
        sender.send((home, data_dir, cco)).expect("send");
    });
    receiver.recv().expect("the scenario ran")
}

#[test]
fn interactive_claude_in_a_pane_runs_rm_once_allowed_in_cco() {
    if crate::testbed::require_claude().is_none() {
        return;
    }
    let (home, data_dir, mut cco) = rm_build_answered(Answer::InCco("y"));
    assert!(!home.cwd.join("build").exists(), "the allowed rm ran");
    let results = tool_results(&home);
    assert!(results.iter().any(|(error, _)| !error), "{results:?}");
    let rm = decisions_about(&data_dir, "rm -rf build");
    assert_eq!(rm.len(), 1, "{rm:?}");
    assert_eq!(rm[0]["decision"], "allow");
    assert_eq!(rm[0]["decided_by"], "person");
    assert_eq!(rm[0]["label"], "DELETE");
    assert_eq!(rm[0]["pane"], "1");
    cco.keys("C-Space q y");
    cco.wait_exit();
}

#[test]
fn interactive_claude_in_a_pane_keeps_the_dir_when_denied_in_cco() {
    if crate::testbed::require_claude().is_none() {
        return;
    }
    let (home, data_dir, mut cco) = rm_build_answered(Answer::InCco("n"));
    assert!(
        home.cwd.join("build/out").is_dir(),
        "the denied rm did not run"
    );
    let results = tool_results(&home);
    assert!(
        results
            .iter()
            .any(|(error, text)| *error && text.contains("Denied by the person in cco")),
        "{results:?}"
    );
    let rm = decisions_about(&data_dir, "rm -rf build");
    assert!(rm.iter().any(|r| r["decision"] == "deny"), "{rm:?}");
    cco.keys("C-Space q y");
    cco.wait_exit();
}

const REQUEST: &str = r#"{"session_id":"s","transcript_path":"/t","cwd":"/p",
  "hook_event_name":"PermissionRequest","tool_name":"Bash",
  "tool_input":{"command":"rm -rf build"},"permission_suggestions":[]}"#;

/// Runs the real `cco hook` with `stdin` and extra environment; returns (exit code, stdout,
/// stderr, how long it took).
pub fn run_hook(event: &str, stdin: &str, env: &[(&str, &str)]) -> (i32, String, String, Duration) {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(cco_binary())
        .args(["hook", event])
        .env_remove("CCO_SOCKET")
        .env("CCO_DATA_DIR", dir.path())
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cco hook");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write");
    let output = child.wait_with_output().expect("wait");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
        started.elapsed(),
    )
}

#[test]
fn hook_fallbacks_approve_nothing_and_exit_zero() {
    // No cco running.
    let (code, stdout, stderr, _) = run_hook(
        "PermissionRequest",
        REQUEST,
        &[("CCO_SOCKET", "/nonexistent/cco.sock")],
    );
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert!(stderr.contains("no answer from cco"), "{stderr}");

    // Garbage on stdin, for a permission request and for a tool call.
    for event in ["PermissionRequest", "PreToolUse"] {
        let (code, stdout, stderr, _) = run_hook(event, "\u{0}garbage{", &[]);
        assert_eq!((code, stdout.as_str()), (0, ""), "{event}: {stderr}");
        assert!(stderr.contains("not valid JSON"), "{stderr}");
    }

    // A cco that never answers: the hook gives up at its timeout.
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("silent.sock");
    let listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind");
    let silent = std::thread::spawn(move || {
        let held = listener.accept();
        std::thread::sleep(Duration::from_secs(3));
        drop(held);
    });
    let (code, stdout, stderr, took) = run_hook(
        "PermissionRequest",
        REQUEST,
        &[
            ("CCO_SOCKET", socket.to_str().expect("utf-8 path")),
            ("CCO_HOOK_TIMEOUT", "0.5"),
        ],
    );
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert!(
        took < Duration::from_millis(2500),
        "gave up at the timeout: {took:?}"
    );
    silent.join().expect("listener");

    // Without cco a READ command is still allowed, and a DELETE still is not.
    let ls = REQUEST
        .replace("PermissionRequest", "PreToolUse")
        .replace("rm -rf build", "ls -la");
    let (code, stdout, _, _) = run_hook("PreToolUse", &ls, &[]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains(r#""permissionDecision":"allow""#),
        "{stdout}"
    );
    let rm = REQUEST.replace("PermissionRequest", "PreToolUse");
    let (code, stdout, _, _) = run_hook("PreToolUse", &rm, &[]);
    assert_eq!((code, stdout.as_str()), (0, ""));
}

#[test]
fn answering_in_the_panes_own_dialog_withdraws_the_request_from_cco() {
    if crate::testbed::require_claude().is_none() {
        return;
    }
    let (home, data_dir, mut cco) = rm_build_answered(Answer::InPane("1"));
    assert!(
        !home.cwd.join("build").exists(),
        "allowed in the pane's dialog"
    );
    wait_for("the withdrawal in the audit", || {
        audit(&data_dir)
            .iter()
            .any(|r| r["subject"] == "rm -rf build" && r["decision"] == "answered_in_pane")
    });
    cco.keys("C-Space q y");
    cco.wait_exit();
}
