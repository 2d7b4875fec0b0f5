//! The real Claude Code CLI, offline, against the fake API: headless with a command hook, with
//! retried API errors, and interactive inside a cco pane.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::testbed::claude::{read_jsonl, ClaudeHome};
use crate::testbed::fake_api::{FakeApi, Turn, Usage};
use crate::testbed::{netns, with_claude};

#[test]
fn the_test_namespace_has_loopback_only() {
    if let Some(reason) = netns::unavailable() {
        eprintln!("SKIPPED: {reason}");
        return;
    }
    let links = netns::run_isolated(|| {
        let output = std::process::Command::new("ip")
            .args(["-o", "link", "show"])
            .output()
            .expect("ip link");
        String::from_utf8_lossy(&output.stdout).to_string()
    })
    .expect("namespace");
    let names: Vec<&str> = links
        .lines()
        .filter_map(|l| l.split(':').nth(1))
        .map(str::trim)
        .collect();
    assert_eq!(names, vec!["lo"], "{links}");
    assert!(links.contains("UP"), "loopback is up: {links}");
}

/// A hook script that logs its stdin as one JSON line and allows the tool call.
fn allow_and_log_hook(home: &ClaudeHome) -> (std::path::PathBuf, std::path::PathBuf) {
    let log = home.root.path().join("hook.log");
    let script = home.root.path().join("hook.sh");
    let allow = json!({ "hookSpecificOutput": {
        "hookEventName": "PreToolUse",
        "permissionDecision": "allow",
        "permissionDecisionReason": "test hook"
    }});
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ntr -d '\\n' >> '{}'\necho >> '{}'\necho '{allow}'\n",
            log.display(),
            log.display()
        ),
    )
    .expect("hook script");
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .expect("chmod");
    let settings = home.root.path().join("settings.json");
    let hooks = json!({ "hooks": { "PreToolUse": [
        { "matcher": "Bash", "hooks": [{ "type": "command", "command": script.to_string_lossy() }] }
    ]}});
    std::fs::write(&settings, hooks.to_string()).expect("settings");
    (settings, log)
}

#[test]
fn headless_two_tool_calls_leave_a_transcript_and_reach_the_hook() {
    with_claude(move |binary| {
        let usages = [
            Usage {
                input: 1200,
                output: 40,
                cache_write_5m: 3000,
                cache_write_1h: 500,
                cache_read: 0,
            },
            Usage {
                input: 90,
                output: 31,
                cache_write_5m: 0,
                cache_write_1h: 0,
                cache_read: 4200,
            },
            Usage {
                input: 60,
                output: 25,
                cache_write_5m: 100,
                cache_write_1h: 0,
                cache_read: 4400,
            },
        ];
        let api = FakeApi::start(vec![
            Turn::bash("Listing first.", "ls -la").usage(usages[0]),
            Turn::bash("", "rm -rf build").usage(usages[1]),
            Turn::text("Listed and cleaned.").usage(usages[2]),
        ]);
        let home = ClaudeHome::new(binary);
        std::fs::create_dir_all(home.cwd.join("build/out")).expect("build dir");
        std::fs::write(home.cwd.join("marker-file.txt"), "x").expect("marker");
        let (settings, hook_log) = allow_and_log_hook(&home);
        let session = uuid::Uuid::new_v4().to_string();
        let run = home.headless(
            &api,
            "list files then clean",
            &session,
            &["--settings", &settings.to_string_lossy()],
        );
        assert!(run.output.status.success(), "{}", run.describe());
        let result = run.result();
        assert_eq!(
            result["result"],
            "Listed and cleaned.",
            "{}",
            run.describe()
        );
        assert!(!home.cwd.join("build").exists(), "the scripted rm ran");

        let hooked: Vec<Value> = read_jsonl(&hook_log);
        let commands: Vec<&str> = hooked
            .iter()
            .filter_map(|h| h["tool_input"]["command"].as_str())
            .collect();
        assert_eq!(commands, vec!["ls -la", "rm -rf build"]);
        assert!(hooked
            .iter()
            .all(|h| h["hook_event_name"] == "PreToolUse" && h["session_id"] == session.as_str()));

        let transcript = home.transcript(&session);
        let lines = read_jsonl(&transcript);
        assert!(!lines.is_empty(), "transcript at {}", transcript.display());
        let mut by_message: BTreeMap<String, Value> = BTreeMap::new();
        for line in lines.iter().filter(|l| l["type"] == "assistant") {
            let id = line["message"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            by_message.insert(id, line["message"]["usage"].clone());
        }
        assert_eq!(by_message.len(), 3, "three API calls: {by_message:?}");
        for (usage, expected) in by_message.values().zip(usages) {
            assert_eq!(usage["input_tokens"], expected.input);
            assert_eq!(usage["output_tokens"], expected.output);
            assert_eq!(usage["cache_read_input_tokens"], expected.cache_read);
            assert_eq!(
                usage["cache_creation_input_tokens"],
                expected.cache_write_5m + expected.cache_write_1h
            );
        }
        let turns = api.main_turns();
        assert_eq!(turns.len(), 3);
        assert!(
            turns[1].text().contains("marker-file.txt"),
            "the ls output went back to the model"
        );
        assert!(turns.iter().all(|t| t
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("x-api-key")
                || k.eq_ignore_ascii_case("authorization"))));
    });
}

#[test]
fn api_errors_are_retried_until_the_scripted_reply() {
    with_claude(move |binary| {
        let api = FakeApi::start(vec![Turn::text("Recovered after an overload.").failing(1)]);
        let home = ClaudeHome::new(binary);
        let session = uuid::Uuid::new_v4().to_string();
        let run = home.headless(&api, "hello", &session, &[]);
        assert!(run.output.status.success(), "{}", run.describe());
        let result = run.result();
        assert_eq!(result["result"], "Recovered after an overload.");
        assert_eq!(api.main_turns().len(), 2, "one failure, then the reply");
    });
}

#[test]
fn interactive_claude_in_a_cco_pane_talks_to_the_fake_api() {
    with_claude(move |binary| {
        let api = FakeApi::start(vec![Turn::text("Hello from the scripted model.")]);
        let home = ClaudeHome::new(binary.clone());
        home.seed_interactive();
        let mut cco = crate::testbed::cco_running_claude(&home, &api);
        cco.wait_text("? for shortcuts");
        cco.type_text("say hello");
        cco.wait_text("say hello");
        cco.type_text("\r");
        cco.wait_text("Hello from the scripted model.");
        let turns = api.main_turns();
        assert!(
            turns.iter().any(|t| t.text().contains("say hello")),
            "the prompt reached the API"
        );
        cco.keys("C-Space q y");
        cco.wait_exit();
    });
}

/// A bare HTTP/1.1 exchange with the fake (Connection: close), returning status, headers, body.
fn http(url: &str, method: &str, path: &str, body: &str) -> (u16, String, String) {
    use std::io::{Read, Write};
    let address = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).expect("connect to the fake");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("receive");
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

#[test]
fn the_fake_api_speaks_json_sse_errors_and_count_tokens() {
    let api = FakeApi::start(vec![
        Turn::bash("Running.", "ls -la").usage(Usage {
            input: 7,
            output: 3,
            cache_write_5m: 0,
            cache_write_1h: 2,
            cache_read: 5,
        }),
        Turn::text("Done."),
    ]);
    let tools = r#""tools":[{"name":"Bash","input_schema":{}}],"unknown_field":{"nested":true}"#;
    let plain = format!(
        r#"{{"model":"claude-opus-4-8","max_tokens":10,"messages":[{{"role":"user","content":"hi"}}],{tools}}}"#
    );
    let (status, head, body) = http(&api.url, "POST", "/v1/messages?beta=true", &plain);
    assert_eq!(status, 200);
    assert!(head.contains("request-id: req_fake_"), "{head}");
    let message: Value = serde_json::from_str(&body).expect("JSON body");
    assert_eq!(message["model"], "claude-opus-4-8", "echoes the model");
    assert_eq!(message["stop_reason"], "tool_use");
    assert_eq!(message["content"][1]["input"]["command"], "ls -la");
    assert_eq!(
        message["usage"]["cache_creation"]["ephemeral_1h_input_tokens"],
        2
    );

    let second = format!(
        r#"{{"model":"m","stream":true,"messages":[{{"role":"user","content":"hi"}},{{"role":"assistant","content":"x"}},{{"role":"user","content":"y"}}],{tools}}}"#
    );
    let (status, head, body) = http(&api.url, "POST", "/v1/messages", &second);
    assert_eq!(status, 200);
    assert!(head.contains("text/event-stream"), "{head}");
    let events: Vec<&str> = body
        .lines()
        .filter_map(|l| l.strip_prefix("event: "))
        .collect();
    assert_eq!(
        events,
        [
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"
        ]
    );
    assert!(
        body.contains(r#""text":"Do""#) && body.contains(r#""text":"ne.""#),
        "text arrives in deltas: {body}"
    );

    let (status, _, body) = http(&api.url, "POST", "/v1/messages/count_tokens", &plain);
    assert_eq!(status, 200);
    assert!(
        serde_json::from_str::<Value>(&body).expect("JSON")["input_tokens"]
            .as_u64()
            .is_some()
    );
    assert_eq!(http(&api.url, "HEAD", "/", "").0, 200);
    let (status, _, body) = http(&api.url, "GET", "/v1/models", "");
    assert_eq!(status, 404);
    assert_eq!(
        serde_json::from_str::<Value>(&body).expect("JSON")["type"],
        "error"
    );
    assert_eq!(api.requests().len(), 5, "every request is recorded");
}
