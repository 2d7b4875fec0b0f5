//! `cco hook` start-to-answer time, beside a trivial Python hook in the same run: a process
//! started with the event on stdin, timed until its answer is read and it has exited (what
//! Claude Code waits for on every Bash call).
//!
//! Run: `cargo bench --bench hook`.

mod support;

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 200;

const LS: &str = r#"{"session_id":"7b0a","transcript_path":"/tmp/t.jsonl","cwd":"/tmp",
"permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Bash",
"tool_input":{"command":"ls -la","description":"list"},"tool_use_id":"toolu_1"}"#;

const RM: &str = r#"{"session_id":"7b0a","transcript_path":"/tmp/t.jsonl","cwd":"/tmp",
"permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Bash",
"tool_input":{"command":"rm -rf build","description":"clean"},"tool_use_id":"toolu_2"}"#;

/// The smallest useful Python hook: parse the event, allow `ls`, say nothing otherwise.
const PYTHON_HOOK: &str = r#"import json, sys
event = json.load(sys.stdin)
if event.get("tool_input", {}).get("command", "").split()[:1] == ["ls"]:
    print(json.dumps({"hookSpecificOutput": {"hookEventName": "PreToolUse",
        "permissionDecision": "allow", "permissionDecisionReason": "python: ls"}}))
"#;

fn time_once(command: &mut Command, stdin: &str) -> Duration {
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the hook");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write the event");
    let mut answer = String::new();
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut answer)
        .expect("read the answer");
    child.wait().expect("wait");
    started.elapsed()
}

/// (median, p90) over `RUNS` runs after a few warm-ups.
fn measure(mut make: impl FnMut() -> Command, stdin: &str) -> (Duration, Duration) {
    for _ in 0..5 {
        time_once(&mut make(), stdin);
    }
    let mut times: Vec<Duration> = (0..RUNS).map(|_| time_once(&mut make(), stdin)).collect();
    times.sort();
    (times[RUNS / 2], times[RUNS * 9 / 10])
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn main() -> anyhow::Result<()> {
    let cco = support::cco_binary()?;
    let data = tempfile::tempdir()?;
    // A socket nobody listens on: the hook must notice and answer anyway.
    let socket = data.path().join("absent.sock");
    let cco_hook = || {
        let mut command = Command::new(&cco);
        command
            .args(["hook", "PreToolUse"])
            .env("CCO_DATA_DIR", data.path())
            .env("CCO_SOCKET", &socket);
        command
    };
    let python = || {
        let mut command = Command::new("python3");
        command.args(["-c", PYTHON_HOOK]);
        command
    };
    // Stands in for a running cco: takes each hook's news and reads it to the end.
    let listening = data.path().join("cco.sock");
    let listener = std::os::unix::net::UnixListener::bind(&listening)?;
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut sink = Vec::new();
            let _ = stream.read_to_end(&mut sink);
        }
    });
    let cco_running = || {
        let mut command = cco_hook();
        command.env("CCO_SOCKET", &listening);
        command
    };
    let mut rows = Vec::new();
    for (name, event, running) in [
        ("ls -la (READ), no cco running", LS, false),
        ("ls -la (READ), cco running", LS, true),
        ("rm -rf build (no decision)", RM, true),
    ] {
        let (cco_median, cco_p90) = if running {
            measure(cco_running, event)
        } else {
            measure(cco_hook, event)
        };
        let (py_median, py_p90) = measure(python, event);
        rows.push(vec![
            name.to_string(),
            ms(cco_median),
            ms(cco_p90),
            ms(py_median),
            ms(py_p90),
        ]);
    }
    support::table(
        &format!(
            "PreToolUse hook, start to answer and exit ({RUNS} runs each, goal: cco median ≤ 5 ms)"
        ),
        &[
            "event",
            "cco median",
            "cco p90",
            "python median",
            "python p90",
        ],
        rows,
        30,
    );
    Ok(())
}
