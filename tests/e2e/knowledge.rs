//! `cco knowledge` and the knowledge hooks through the real binary: a real SQLite file, the
//! real ONNX Runtime and MiniLM model when they are installed (CI installs them), and the
//! clear lexical fallback when they are not.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

use crate::harness::cco_binary;

/// A data dir, a config dir and a project folder, all in one temp dir.
pub struct Knowledge {
    pub root: tempfile::TempDir,
    model: bool,
}

/// The installed model's paths, if any: `ORT_DYLIB_PATH` and `CCO_KNOWLEDGE_MODEL`.
pub fn model_env() -> Option<(String, String)> {
    let library = std::env::var("ORT_DYLIB_PATH")
        .ok()
        .filter(|p| Path::new(p).is_file());
    let model = std::env::var("CCO_KNOWLEDGE_MODEL")
        .ok()
        .filter(|p| Path::new(p).is_dir());
    match (library, model) {
        (Some(library), Some(model)) => Some((library, model)),
        _ if std::env::var_os("CCO_REQUIRE_KNOWLEDGE_MODEL").is_some() => panic!(
            "CCO_REQUIRE_KNOWLEDGE_MODEL is set but ORT_DYLIB_PATH / CCO_KNOWLEDGE_MODEL do not \
             name the ONNX Runtime library and the model folder"
        ),
        _ => None,
    }
}

impl Knowledge {
    pub fn new(model: bool) -> Knowledge {
        let root = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(root.path().join("project")).expect("project");
        Knowledge { root, model }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.root.path().join("data")
    }

    pub fn project(&self) -> PathBuf {
        self.root.path().join("project")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(cco_binary());
        command
            .arg("knowledge")
            .args(args)
            .current_dir(self.project())
            .env("CCO_DATA_DIR", self.data_dir())
            .env("CCO_CONFIG_DIR", self.root.path().join("config"))
            .env("HOME", self.root.path())
            .env_remove("ORT_DYLIB_PATH")
            .env_remove("CCO_KNOWLEDGE_MODEL");
        if self.model {
            if let Some((library, model)) = model_env() {
                command
                    .env("ORT_DYLIB_PATH", library)
                    .env("CCO_KNOWLEDGE_MODEL", model);
            }
        }
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("cco knowledge")
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(output.status.success(), "{args:?}: {}", describe(&output));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut with_json = args.to_vec();
        with_json.push("--json");
        serde_json::from_str(&self.ok(&with_json)).expect("json output")
    }

    pub fn store(&self, text: &str, kind: &str) -> Value {
        self.json(&["store", text, "--type", kind])
    }
}

pub fn describe(output: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn texts(hits: &Value) -> Vec<String> {
    hits.as_array()
        .expect("array")
        .iter()
        .map(|hit| hit["text"].as_str().expect("text").to_string())
        .collect()
}

#[test]
fn the_cli_stores_searches_supersedes_and_moves_items_without_a_model() {
    let k = Knowledge::new(false);
    let first = k.store("Deploys go through the staging cluster first", "decision");
    assert_eq!(first["outcome"], "new");
    let again = k.store("Deploys go through  the staging cluster first", "note");
    assert_eq!(again, json!({"outcome": "duplicate", "id": first["id"]}));

    let mut stdin = k
        .command(&["store", "-", "--type", "fact", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("store from stdin");
    let piped = "The staging cluster runs on three nodes\nin eu-west-1";
    stdin
        .stdin
        .take()
        .expect("stdin")
        .write_all(piped.as_bytes())
        .expect("write");
    let output = stdin.wait_with_output().expect("wait");
    assert!(output.status.success(), "{}", describe(&output));
    k.store("Lunch is at noon", "note");

    let hits = k.json(&["search", "staging cluster nodes"]);
    assert_eq!(texts(&hits)[0], piped, "{hits}");
    assert_eq!(hits[0]["type"], "fact");
    let project = hits[0]["project"].as_str().expect("project");
    let canonical = std::fs::canonicalize(k.project()).expect("canonical");
    assert_eq!(project, canonical.display().to_string());
    let decisions = k.json(&["search", "staging", "--type", "decision"]);
    assert_eq!(decisions.as_array().map(Vec::len), Some(1));
    let other = k.json(&["search", "staging", "--project", "github.com/someone/else"]);
    assert_eq!(other, json!([]));

    let id = first["id"].to_string();
    let fix = k.json(&[
        "store",
        "Deploys go to canary first, then staging",
        "--type",
        "decision",
        "--supersedes",
        &id,
    ]);
    let hits = k.json(&["search", "deploys staging"]);
    assert!(!texts(&hits).contains(&"Deploys go through the staging cluster first".into()));
    let listed = k.ok(&["list"]);
    assert!(
        listed.contains(&format!("[superseded by {}]", fix["id"])),
        "{listed}"
    );
    let shown = k.ok(&["show", &id]);
    assert!(
        shown.contains(&format!("superseded by item {}", fix["id"])),
        "{shown}"
    );
    let missing = k.run(&["show", "999"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no knowledge item 999"));

    let stats = k.ok(&["stats"]);
    assert!(stats.contains("4 items (3 live, 1 superseded)"), "{stats}");
    assert!(
        stats.contains("BM25 only: semantic search is off"),
        "{stats}"
    );
    assert!(
        stats.contains("ORT_DYLIB_PATH"),
        "says how to turn it on: {stats}"
    );
    assert!(k.ok(&["verify"]).contains("no vector index"));

    let exported = k.ok(&["export", "--format", "jsonl"]);
    assert_eq!(exported.lines().count(), 4);
    let copy = Knowledge::new(false);
    let file = copy.root.path().join("export.jsonl");
    std::fs::write(&file, &exported).expect("write export");
    let path = file.display().to_string();
    assert!(copy
        .ok(&["import", &path])
        .contains("Imported 4 items (0 already stored"));
    assert!(copy
        .ok(&["import", &path])
        .contains("Imported 0 items (4 already stored"));
    let moved = copy.json(&["list"]);
    assert_eq!(moved, k.json(&["list"]), "the same items, ids and links");

    std::fs::write(&file, "{\"broken\": true}\n").expect("write");
    let refused = copy.run(&["import", &path]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("line 1 is not a knowledge item"));
    assert_eq!(
        copy.json(&["list"]).as_array().map(Vec::len),
        Some(4),
        "nothing lost"
    );
}

#[test]
fn a_library_that_is_not_onnx_runtime_leaves_search_lexical_without_a_panic() {
    let k = Knowledge::new(false);
    let fake = k.root.path().join("libonnxruntime.so");
    std::fs::write(&fake, "not a library").expect("fake library");
    let model = k.root.path().join("model");
    std::fs::create_dir_all(&model).expect("model dir");
    k.store("The release train leaves on Thursdays", "fact");
    let output = k
        .command(&["search", "release train"])
        .env("ORT_DYLIB_PATH", &fake)
        .env("CCO_KNOWLEDGE_MODEL", &model)
        .output()
        .expect("search");
    assert!(output.status.success(), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("semantic search is off"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("release train leaves"));
}

#[test]
fn real_embeddings_rank_meaning_above_unrelated_text() {
    if model_env().is_none() {
        eprintln!("skipped: ORT_DYLIB_PATH and CCO_KNOWLEDGE_MODEL are not set (see the README)");
        return;
    }
    let k = Knowledge::new(true);
    for text in [
        "The cafeteria serves tomato soup on Tuesdays",
        "Command to remove a branch in git",
        "Quarterly revenue grew by four percent",
    ] {
        assert_eq!(k.store(text, "note")["outcome"], "new");
    }
    // Not one word in common besides "git" and "branch" order: the model must carry it.
    let hits = k.json(&["search", "How do I delete a git branch?"]);
    let ranked = texts(&hits);
    assert_eq!(ranked[0], "Command to remove a branch in git", "{hits}");
    let similarity = |text: &str| {
        hits.as_array()
            .expect("hits")
            .iter()
            .find(|hit| hit["text"] == text)
            .and_then(|hit| hit["similarity"].as_f64())
    };
    let related = similarity("Command to remove a branch in git").expect("similarity");
    let unrelated = similarity("The cafeteria serves tomato soup on Tuesdays").unwrap_or(0.0);
    assert!(
        related > 0.6 && related > unrelated + 0.3,
        "{related} vs {unrelated}"
    );

    let near = k.store("Command to remove a git branch", "note");
    assert_eq!(near["outcome"], "near_duplicate", "{near}");
    assert_eq!(near["id"], hits[0]["id"]);

    let old = hits[0]["id"].to_string();
    let fix = "Delete a git branch with git branch -d NAME (-D if unmerged)";
    k.json(&["store", fix, "--supersedes", &old]);
    let hits = k.json(&["search", "How do I delete a git branch?"]);
    assert_eq!(texts(&hits)[0], fix, "{hits}");
    assert!(!texts(&hits).contains(&"Command to remove a branch in git".to_string()));

    let stats = k.ok(&["stats"]);
    assert!(stats.contains("vector coverage: 100%"), "{stats}");
    assert!(stats.contains("in sync"), "{stats}");

    // Items stored while the model was off are drift until repaired.
    let lexical = Command::new(cco_binary())
        .args([
            "knowledge",
            "store",
            "Rotate the signing keys every ninety days",
        ])
        .current_dir(k.project())
        .env("CCO_DATA_DIR", k.data_dir())
        .env("CCO_CONFIG_DIR", k.root.path().join("config"))
        .env_remove("ORT_DYLIB_PATH")
        .env_remove("CCO_KNOWLEDGE_MODEL")
        .output()
        .expect("store without the model");
    assert!(lexical.status.success(), "{}", describe(&lexical));
    let verify = k.run(&["verify"]);
    assert_eq!(verify.status.code(), Some(1), "{}", describe(&verify));
    assert!(String::from_utf8_lossy(&verify.stdout).contains("1 without an embedding"));
    std::fs::remove_file(k.data_dir().join("knowledge.usearch")).expect("index file");
    assert!(k.ok(&["repair"]).contains("in sync"));
    assert_eq!(k.run(&["verify"]).status.code(), Some(0));
    let hits = k.json(&["search", "how often do we change the signing key?"]);
    assert_eq!(texts(&hits)[0], "Rotate the signing keys every ninety days");
}

/// A transcript as Claude Code writes it: one prompt, one decision, one edit.
fn transcript(dir: &Path) -> PathBuf {
    let lines = [
        json!({"type": "user", "sessionId": "k1", "cwd": "/w",
               "message": {"role": "user", "content": "Make the importer resumable"}}),
        json!({"type": "assistant", "sessionId": "k1", "message": {"role": "assistant",
               "content": [{"type": "text",
                            "text": "I'll use a byte offset per file instead of a line count."}]}}),
        json!({"type": "assistant", "sessionId": "k1", "message": {"role": "assistant",
               "content": [{"type": "tool_use", "id": "e1", "name": "Edit",
                            "input": {"file_path": "/w/src/import.rs"}}]}}),
    ];
    let path = dir.join("k1.jsonl");
    let text: String = lines.iter().map(|line| format!("{line}\n")).collect();
    std::fs::write(&path, text).expect("transcript");
    path
}

#[test]
fn hooks_capture_a_compacting_session_and_brief_the_next_start() {
    let k = Knowledge::new(false);
    let transcript = transcript(k.root.path());
    let data = k.data_dir().display().to_string();
    let event = |name: &str, extra: Value| {
        let mut input = json!({"session_id": "k1", "cwd": k.project(),
            "transcript_path": transcript, "hook_event_name": name});
        if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
            input.extend(extra.clone());
        }
        input.to_string()
    };
    let env = [("CCO_DATA_DIR", data.as_str())];
    let (code, out, err, _) = crate::approvals::run_hook(
        "PreCompact",
        &event("PreCompact", json!({"trigger": "manual"})),
        &env,
    );
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let listed = k.json(&["list"]);
    let kinds: Vec<&str> = listed
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| item["type"].as_str())
        .collect();
    assert_eq!(kinds, ["edit", "decision", "checkpoint"], "{listed}");
    assert_eq!(listed[0]["source"], "hook");

    let (code, out, err, _) = crate::approvals::run_hook(
        "SessionStart",
        &event("SessionStart", json!({"source": "compact"})),
        &env,
    );
    assert_eq!(code, 0, "{err}");
    let answer: Value = serde_json::from_str(&out).expect("SessionStart answer");
    assert_eq!(
        answer["hookSpecificOutput"]["hookEventName"],
        "SessionStart"
    );
    let context = answer["hookSpecificOutput"]["additionalContext"]
        .as_str()
        .expect("context");
    assert!(context.contains("Make the importer resumable"), "{context}");
    assert!(context.contains("byte offset per file"), "{context}");
    assert!(context.chars().count() <= 10_000);
    let stats = k.ok(&["stats"]);
    assert!(stats.contains("last injection: 3 items"), "{stats}");
    assert!(stats.contains("SessionStart compact"), "{stats}");
}
