//! `cco classify` as a script uses it: arguments, stdin lines, NUL-separated and JSONL input.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::harness::cco_binary;

fn classify(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> (Vec<Value>, String) {
    let mut child = Command::new(cco_binary())
        .arg("classify")
        .args(args)
        .envs(env.iter().copied())
        .env("CCO_CONFIG_DIR", "/nonexistent/cco-test-config")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start cco classify");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("feed stdin");
    let output = child.wait_with_output().expect("cco classify output");
    assert!(output.status.success(), "cco classify failed: {output:?}");
    let verdicts = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    (
        verdicts,
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

fn labels(verdicts: &[Value]) -> Vec<&str> {
    verdicts
        .iter()
        .map(|v| v["label"].as_str().unwrap_or("?"))
        .collect()
}

#[test]
fn classifies_arguments_lines_nul_and_jsonl_input() {
    let (verdicts, _) = classify(
        &[
            "--json",
            "git status",
            "rm -rf build",
            "curl -s https://example.org",
        ],
        b"",
        &[],
    );
    assert_eq!(labels(&verdicts), ["READ", "DELETE", "READ"]);
    assert_eq!(verdicts[0]["cmd"], "git status");
    assert_eq!(verdicts[0]["source"], "rules");
    assert_eq!(verdicts[2]["net"], true);
    assert!(verdicts[1]["reason"]
        .as_str()
        .is_some_and(|r| r.contains("build")));

    let (verdicts, _) = classify(&["--json", "-"], b"ls -la\n\nmkdir out\n", &[]);
    assert_eq!(labels(&verdicts), ["READ", "CREATE"]);

    let heredoc = b"bash <<'EOF'\nrm -rf /tmp/cache\nEOF\0ls\0";
    let (verdicts, _) = classify(&["--json", "-0", "-"], heredoc, &[]);
    assert_eq!(labels(&verdicts), ["DELETE", "READ"]);

    let (verdicts, _) = classify(
        &["--json", "--jsonl", "-"],
        b"{\"cmd\": \"echo hi > out.txt\"}\n",
        &[],
    );
    assert_eq!(labels(&verdicts), ["CREATE"]);
}

#[test]
fn bad_jsonl_input_is_a_clear_error() {
    let output = Command::new(cco_binary())
        .args(["classify", "--jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(b"not json\n")?;
            child.wait_with_output()
        })
        .expect("run cco classify");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("line 1") && stderr.contains("cmd"),
        "{stderr}"
    );
}

#[test]
fn a_model_that_cannot_be_used_is_reported_and_the_rules_still_answer() {
    let (verdicts, stderr) = classify(
        &["--json", "frobnicate --list"],
        b"",
        &[("CCO_CLASSIFIER_MODEL", "/nonexistent/model.gguf")],
    );
    assert_eq!(labels(&verdicts), ["UPDATE"]);
    assert!(stderr.contains("model"), "{stderr}");
}
