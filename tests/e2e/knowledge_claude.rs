//! The knowledge base across a real compaction: the real Claude Code CLI, offline in a
//! loopback-only namespace, with cco's plugin. A session edits a file and states a decision;
//! its Stop and PreCompact hooks capture them; `/compact` runs; the SessionStart(compact) hook
//! briefs the compacted session, and the model's next request carries the brief.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

use crate::harness::cco_binary;
use crate::knowledge::describe;
use crate::testbed::claude::ClaudeHome;
use crate::testbed::fake_api::{FakeApi, Turn};
use crate::testbed::with_claude;

const REQUEST: &str = "Make the importer resumable";
const DECISION: &str = "I'll use a byte offset per file instead of a line count.";

fn cco(data: &Path, args: &[&str]) -> Value {
    let output = Command::new(cco_binary())
        .args(args)
        .env("CCO_DATA_DIR", data)
        .env("CCO_CONFIG_DIR", data.join("config"))
        .env_remove("ORT_DYLIB_PATH")
        .output()
        .expect("cco");
    assert!(output.status.success(), "{args:?}: {}", describe(&output));
    serde_json::from_slice(&output.stdout).expect("json")
}

#[test]
fn a_compacted_claude_session_is_briefed_with_what_it_knew() {
    with_claude(move |binary| {
        let home = ClaudeHome::new(binary);
        let importer = home.cwd.join("importer.rs");
        let api = FakeApi::start(vec![
            Turn::tool(
                "Write",
                json!({"file_path": importer, "content": "// resumable importer\n"}),
            ),
            Turn::text(&format!(
                "{DECISION} The importer now resumes where it stopped."
            )),
            // The compaction's own request offers tools too, so it takes a scripted turn.
            Turn::text("<summary>The importer work.</summary>"),
            Turn::text("Carrying on with the offsets."),
        ]);
        let data = home.root.path().join("cco-data");
        let plugin = Command::new(cco_binary())
            .arg("plugin")
            .env("CCO_DATA_DIR", &data)
            .env("CCO_CONFIG_DIR", data.join("config"))
            .output()
            .expect("cco plugin");
        let plugin = String::from_utf8_lossy(&plugin.stdout).trim().to_string();
        let session = uuid::Uuid::new_v4().to_string();
        let claude = |args: &[&str]| {
            let mut all = vec![
                "--plugin-dir",
                plugin.as_str(),
                "--output-format",
                "stream-json",
            ];
            all.extend_from_slice(&["--verbose", "--permission-mode", "acceptEdits"]);
            all.extend_from_slice(args);
            let output = home
                .command(&api, &all)
                .env("CCO_DATA_DIR", &data)
                .env("CCO_CONFIG_DIR", data.join("config"))
                .output()
                .expect("claude");
            assert!(output.status.success(), "{args:?}: {}", describe(&output));
        };

        claude(&["-p", REQUEST, "--session-id", &session]);
        assert!(importer.is_file(), "the scripted Write ran");
        let items = cco(&data, &["knowledge", "list", "--json"]);
        let items = items.as_array().expect("items");
        let of_kind = |kind: &str| {
            items
                .iter()
                .find(|item| item["type"] == kind && item["superseded_by"].is_null())
                .unwrap_or_else(|| panic!("a live {kind} item in {items:?}"))
        };
        assert!(of_kind("checkpoint")["text"]
            .as_str()
            .expect("text")
            .contains(REQUEST));
        assert_eq!(of_kind("decision")["text"], DECISION);
        let edit = of_kind("edit")["text"].as_str().expect("text");
        assert!(edit.contains("importer.rs"), "{edit}");
        assert!(of_kind("completion")["text"]
            .as_str()
            .expect("text")
            .contains("resumes"));
        assert!(items
            .iter()
            .all(|item| item["source"] == "hook" && item["session_id"] == session.as_str()));

        claude(&["-p", "/compact", "--resume", &session]);
        let stats = cco(&data, &["knowledge", "stats", "--json"]);
        let injection = &stats["last_injection"];
        assert_eq!(injection["source"], "compact", "{stats}");
        assert_eq!(injection["session_id"], session.as_str());
        let brief = injection["text"].as_str().expect("brief");
        assert!(
            brief.contains(REQUEST) && brief.contains(DECISION),
            "{brief}"
        );
        assert!(brief.contains("importer.rs"), "{brief}");
        let size = injection["chars"].as_u64().expect("chars");
        assert!(size as usize == brief.chars().count() && size <= 10_000);

        claude(&["-p", "What is next?", "--resume", &session]);
        let turns = api.main_turns();
        let after = turns.last().expect("a turn after the compaction").text();
        assert!(
            after.contains("This session is being continued"),
            "compacted"
        );
        let brief_at = after
            .find("SessionStart hook additional context: Knowledge cco kept for this project")
            .expect("the brief reached the model");
        assert!(after[brief_at..].contains("Request: Make the importer resumable"));
    });
}
