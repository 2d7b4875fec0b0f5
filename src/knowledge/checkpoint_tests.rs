//! Tests of extractive checkpoints: which transcript lines count, and how the note is cut.

use super::*;
use serde_json::json;

fn entry(kind: &str, content: Value) -> String {
    let message = json!({"role": kind, "content": content});
    json!({"type": kind, "isSidechain": false, "sessionId": "s-1", "cwd": "/repo", "message": message})
        .to_string()
}

fn user(content: Value) -> String {
    entry("user", content)
}

fn text(text: &str) -> String {
    entry("assistant", json!([{"type": "text", "text": text}]))
}

fn tool(name: &str, input: Value) -> String {
    entry(
        "assistant",
        json!([{"type": "tool_use", "id": "t", "name": name, "input": input}]),
    )
}

fn transcript(lines: &[String]) -> Checkpoint {
    Checkpoint::from_transcript(&lines.join("\n"))
}

fn sample() -> Checkpoint {
    transcript(&[
        user(json!("add a cache to the fetcher")),
        text("I'll use an LRU cache instead of a plain map."),
        tool(
            "Edit",
            json!({"file_path": "src/fetch.rs", "old_string": "a", "new_string": "b"}),
        ),
        tool("Bash", json!({"command": "cargo test"})),
        user(json!("now make it configurable")),
    ])
}

#[test]
fn only_real_user_prompts_count() {
    let flagged = |flag: &str, content: &str| {
        json!({"type": "user", flag: true, "message": {"content": content}}).to_string()
    };
    #[rustfmt::skip]
    let cases: &[(&str, String, Option<&str>)] = &[
        ("plain string", user(json!(" fix the login bug\n")), Some("fix the login bug")),
        ("text blocks", user(json!([{"type": "text", "text": "look"}, {"type": "image"}, {"type": "text", "text": "here"}])), Some("look\nhere")),
        ("tool result", user(json!([{"type": "tool_result", "tool_use_id": "t", "content": "ok"}])), None),
        ("tool result with text", user(json!([{"type": "tool_result", "content": "ok"}, {"type": "text", "text": "note"}])), None),
        ("slash command", user(json!("<command-name>/compact</command-name>\n<command-message>compact</command-message>")), None),
        ("command message first", user(json!("<command-message>review</command-message>\n<command-name>/review</command-name>")), None),
        ("command output", user(json!("<local-command-stdout>Compacted</local-command-stdout>")), None),
        ("interruption", user(json!([{"type": "text", "text": "[Request interrupted by user for tool use]"}])), None),
        ("blank", user(json!("   ")), None),
        ("not text", user(json!({"text": "an object"})), None),
        ("meta", flagged("isMeta", "<local-command-caveat>Caveat: …"), None),
        ("meta plain text", flagged("isMeta", "hello"), None),
        ("compact summary", flagged("isCompactSummary", "This session is being continued"), None),
        ("sidechain", flagged("isSidechain", "SUBAGENT-TASK: check the repo"), None),
        ("system line", entry("system", json!("not a prompt")), None),
    ];
    for (name, input, expected) in cases {
        let checkpoint = Checkpoint::from_transcript(input);
        assert_eq!(checkpoint.opening_request.as_deref(), *expected, "{name}");
    }
}

#[test]
fn opening_request_then_last_three_prompts() {
    let mut lines = vec![user(json!("<command-name>/clear</command-name>"))];
    lines.extend(["first", "second", "third", "fourth", "fifth"].map(|prompt| user(json!(prompt))));
    let checkpoint = transcript(&lines);
    assert_eq!(checkpoint.opening_request.as_deref(), Some("first"));
    assert_eq!(checkpoint.last_prompts, ["third", "fourth", "fifth"]);
}

#[test]
fn decisions_are_found_and_questions_skipped() {
    let too_long = format!("We should {}stop.", "really ".repeat(50));
    #[rustfmt::skip]
    let cases: &[(&str, &str, &[&str])] = &[
        ("cue", "I'll use SQLite for storage here.", &["I'll use SQLite for storage here."]),
        ("curly apostrophe", "We’ll use the existing parser.", &["We’ll use the existing parser."]),
        ("case-insensitive", "DECIDED to keep the old API for now.", &["DECIDED to keep the old API for now."]),
        ("question", "Should we switch to tokio instead of threads?", &[]),
        ("no cue", "The tests pass now and the build is green.", &[]),
        ("too short", "I chose X.", &[]),
        ("too long", &too_long, &[]),
        ("two sentences", "Reading the file first. Then I went with a rewrite rather than a patch! Done.", &["Then I went with a rewrite rather than a patch!"]),
        ("lines", "Plan:\n- Opted for a bounded channel for backpressure\n## Settled on serde for the format", &["Opted for a bounded channel for backpressure", "Settled on serde for the format"]),
        ("code fence", "```rust\n// we should use unsafe here instead of Vec\n```\nAll done.", &[]),
        ("decimal point", "Going with version 2.5 of the spec for now.", &["Going with version 2.5 of the spec for now."]),
    ];
    for (name, input, expected) in cases {
        assert_eq!(transcript(&[text(input)]).decisions, *expected, "{name}");
    }
}

#[test]
fn decisions_are_deduplicated_and_the_latest_kept() {
    let decision = |n: usize| format!("Decision {n}: keep module {n} small.");
    let mut lines: Vec<String> = (0..12).map(|n| text(&decision(n))).collect();
    lines.push(text(&decision(3)));
    let expected: Vec<String> = [5, 6, 7, 8, 9, 10, 11, 3].map(decision).to_vec();
    assert_eq!(transcript(&lines).decisions, expected);
}

#[test]
fn edited_files_come_from_edit_tools() {
    let checkpoint = transcript(&[
        tool("Edit", json!({"file_path": "src/a.rs"})),
        tool("Write", json!({"file_path": "src/b.rs", "content": "x"})),
        tool("MultiEdit", json!({"file_path": "src/a.rs", "edits": []})),
        tool(
            "NotebookEdit",
            json!({"notebook_path": "nb.ipynb", "new_source": "x"}),
        ),
        tool("Read", json!({"file_path": "src/read-only.rs"})),
        tool("Edit", json!({"file_path": 42})),
        tool("Write", json!({})),
    ]);
    assert_eq!(
        checkpoint.files_edited,
        ["src/a.rs", "src/b.rs", "nb.ipynb"]
    );
}

#[test]
fn commands_are_deduplicated_cut_and_the_latest_kept() {
    let bash = |command: String| tool("Bash", json!({"command": command}));
    let mut lines: Vec<String> = (0..12).map(|n| bash(format!("make step{n}"))).collect();
    lines.push(bash("make step5".to_string()));
    lines.push(bash("cat <<EOF > notes.txt\nline two\nEOF".to_string()));
    lines.push(bash(format!("echo {}", "é".repeat(300))));
    lines.push(tool("Bash", json!({"description": "no command"})));
    let commands = transcript(&lines).commands;
    let steps = ["make step4", "make step6", "make step7", "make step8"];
    assert_eq!(commands[..4], steps);
    assert_eq!(
        commands[4..8],
        ["make step9", "make step10", "make step11", "make step5"]
    );
    assert_eq!(commands[8], "cat <<EOF > notes.txt …");
    assert_eq!(commands[9].chars().count(), 200);
    assert!(commands[9].ends_with('…'), "{}", commands[9]);
    assert_eq!(commands.len(), 10);
}

#[test]
fn sidechain_lines_add_no_prompts_or_decisions() {
    let sidechain = |kind: &str, content: Value| {
        let message = json!({"role": kind, "content": content});
        json!({"type": kind, "isSidechain": true, "message": message}).to_string()
    };
    let checkpoint = transcript(&[
        sidechain("user", json!("SUBAGENT-TASK: check the repo")),
        sidechain(
            "assistant",
            json!([{"type": "text", "text": "I decided the repo is fine."}]),
        ),
        user(json!("ask the checker to look at the repo")),
    ]);
    assert_eq!(
        checkpoint.opening_request.as_deref(),
        Some("ask the checker to look at the repo")
    );
    assert!(checkpoint.decisions.is_empty());
}

#[test]
fn session_id_is_the_first_and_cwd_the_latest() {
    let checkpoint = transcript(&[
        json!({"type": "queue-operation", "sessionId": "first", "cwd": "/a"}).to_string(),
        json!({"type": "user", "sessionId": "second", "cwd": "/b", "message": {"content": "hi"}})
            .to_string(),
        json!({"type": "summary", "sessionId": "", "cwd": 3}).to_string(),
    ]);
    assert_eq!(checkpoint.session_id.as_deref(), Some("first"));
    assert_eq!(checkpoint.cwd.as_deref(), Some("/b"));
}

#[test]
fn garbage_never_panics_and_bad_lines_are_counted() {
    let huge = format!(
        r#"{{"type":"user","message":{{"content":"{}"}}}}"#,
        "x".repeat(2_000_000)
    );
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let wrong_shapes = r#"42
[1,2]
null
{"type":7,"message":"x"}
{"type":"assistant","message":{"content":[1,null,{"type":"tool_use","name":"Bash","input":"ls"}]}}
{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Edit","input":{"file_path":["x"]}}]}}"#;
    #[rustfmt::skip]
    let inputs = [
        ("empty", String::new(), 0),
        ("blank lines", "\n\n  \r\n".to_string(), 0),
        ("not json", "hello\n{\"type\":\n\u{0}\u{ffff}".to_string(), 3),
        ("escapes", r#"{"type":"user","message":{"content":"\ud800"}}"#.to_string() + "\n\"\\u00e9\\uD83D\\uDE80\"", 1),
        ("wrong shapes", wrong_shapes.to_string(), 0),
        ("deep nesting", deep, 1),
        ("huge line", huge, 0),
    ];
    for (name, input, skipped) in inputs {
        let checkpoint = Checkpoint::from_transcript(&input);
        assert_eq!(checkpoint.skipped_lines, skipped, "{name}");
        assert!(checkpoint.render(100).chars().count() <= 100, "{name}");
    }
}

#[test]
fn is_empty_only_without_prompts_decisions_edits_or_commands() {
    #[rustfmt::skip]
    let cases: &[(&str, Vec<String>, bool)] = &[
        ("nothing", vec![], true),
        ("only metadata", vec![json!({"type": "summary", "sessionId": "s", "cwd": "/x"}).to_string()], true),
        ("only a slash command", vec![user(json!("<command-name>/exit</command-name>"))], true),
        ("assistant chatter", vec![text("Hello, how can I help?")], true),
        ("a prompt", vec![user(json!("hi"))], false),
        ("a decision", vec![text("Let's use the builder pattern here.")], false),
        ("an edit", vec![tool("Write", json!({"file_path": "a.txt"}))], false),
        ("a command", vec![tool("Bash", json!({"command": "ls"}))], false),
    ];
    for (name, lines, empty) in cases {
        assert_eq!(transcript(lines).is_empty(), *empty, "{name}");
    }
}

#[test]
fn render_keeps_section_order() {
    let expected = "Session checkpoint s-1 in /repo\n\
        Request: add a cache to the fetcher\n\
        Latest prompts:\n- now make it configurable\n\
        Decisions:\n- I'll use an LRU cache instead of a plain map.\n\
        Files edited:\n- src/fetch.rs\n\
        Commands run:\n- cargo test";
    assert_eq!(sample().render(10_000), expected);
}

#[test]
fn render_skips_empty_sections() {
    let checkpoint = transcript(&[tool("Bash", json!({"command": "ls"}))]);
    assert_eq!(
        checkpoint.render(1_000),
        "Session checkpoint s-1 in /repo\nCommands run:\n- ls"
    );
    assert_eq!(Checkpoint::default().render(1_000), "Session checkpoint");
    assert_eq!(Checkpoint::default().render(20), "Session checkpoint");
}

#[test]
fn render_respects_max_chars_with_multibyte_text() {
    let mut lines = vec![user(json!(format!(
        "請把這個函式改寫 🚀 {}",
        "長".repeat(400)
    )))];
    let decision = |n: usize| {
        text(&format!(
            "We should prefer 日本語 option {n} {}.",
            "é".repeat(150)
        ))
    };
    lines.extend((0..8).map(decision));
    lines.extend((0..30).map(|n| tool("Edit", json!({"file_path": format!("src/模块/{n}.rs")}))));
    let command = |n: usize| {
        tool(
            "Bash",
            json!({"command": format!("echo {n} {}", "ü".repeat(180))}),
        )
    };
    lines.extend((0..10).map(command));
    let checkpoint = transcript(&lines);
    assert!(checkpoint.render(usize::MAX).contains("- … and 10 more"));
    for max_chars in [0, 1, 5, 30, 200, 600, 1_000, 2_000, 5_000] {
        let count = checkpoint.render(max_chars).chars().count();
        assert!(count <= max_chars, "{max_chars}: {count}");
    }
    // With room for short items every section stays, and long items are cut instead.
    let note = checkpoint.render(3_000);
    let titles = [
        "Session checkpoint",
        "Request:",
        "Decisions:",
        "Files edited:",
        "Commands run:",
    ];
    let positions: Vec<Option<usize>> = titles.iter().map(|title| note.find(title)).collect();
    assert!(positions.iter().all(Option::is_some), "{note}");
    assert!(
        positions.windows(2).all(|pair| pair[0] < pair[1]),
        "{positions:?}"
    );
    let request = note
        .lines()
        .find(|line| line.starts_with("Request:"))
        .unwrap_or_default();
    let longest_bullet = note
        .lines()
        .filter(|line| line.starts_with("- "))
        .map(|line| line.chars().count());
    assert!(
        request.chars().count() > longest_bullet.max().unwrap_or(0) + 50,
        "{note}"
    );
    assert!(note.contains('…'));
    assert!(
        note.chars().count() > 2_500,
        "the room is used: {}",
        note.chars().count()
    );
}

#[test]
fn render_cuts_the_end_first_when_even_short_items_do_not_fit() {
    let note = sample().render(60);
    assert!(note.chars().count() <= 60);
    assert!(
        note.starts_with("Session checkpoint s-1 in /repo\nRequest: add a cache"),
        "{note}"
    );
    assert!(note.ends_with('…'), "{note}");
    assert!(!note.contains("Commands run:"));
}
