//! `cco monitor` through the real binary: transcripts on disk in every layout, a real SQLite
//! file, costs computed by hand, budgets, discovery and a real `kill -9` during an import.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{json, Value};

use crate::harness::cco_binary;

/// A Claude Code config dir and cco's own dirs, all in one temp dir.
pub struct Monitor {
    pub root: tempfile::TempDir,
    pub claude: PathBuf,
}

impl Monitor {
    pub fn new() -> Monitor {
        let root = tempfile::tempdir().expect("temp dir");
        let claude = root.path().join("claude");
        std::fs::create_dir_all(claude.join("projects")).expect("projects");
        Monitor { root, claude }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.root.path().join("data")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(cco_binary());
        command
            .args(["monitor"])
            .args(args)
            .env("CLAUDE_CONFIG_DIR", &self.claude)
            .env("CCO_DATA_DIR", self.data_dir())
            .env("CCO_CONFIG_DIR", self.root.path().join("config"))
            .env("HOME", self.root.path())
            .env("TZ", "UTC");
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("cco runs")
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let output = self.run(args);
        assert!(output.status.success(), "{}", describe(&output));
        serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", describe(&output)))
    }

    pub fn write(&self, relative: &str, lines: &[String]) -> PathBuf {
        let path = self.claude.join("projects").join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        let mut text = lines.join("\n");
        text.push('\n');
        std::fs::write(&path, text).expect("write transcript");
        path
    }

    pub fn config(&self, text: &str) {
        let dir = self.root.path().join("config");
        std::fs::create_dir_all(&dir).expect("config dir");
        std::fs::write(dir.join("config.toml"), text).expect("config.toml");
    }
}

pub fn describe(output: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// One assistant line as Claude Code writes it.
pub struct Call<'a> {
    pub message: &'a str,
    pub request: Option<&'a str>,
    pub time: &'a str,
    pub model: &'a str,
    pub usage: Value,
    pub sidechain: bool,
}

impl Call<'_> {
    pub fn line(&self) -> String {
        let mut line = json!({
            "parentUuid": null, "isSidechain": self.sidechain, "type": "assistant",
            "sessionId": "11111111-2222-3333-4444-555555555555", "timestamp": self.time,
            "cwd": "/home/u/app", "version": "2.1.197", "uuid": format!("u-{}", self.message),
            "message": {"id": self.message, "type": "message", "role": "assistant", "model": self.model,
                        "content": [{"type": "text", "text": "ok"}], "usage": self.usage}
        });
        if let Some(request) = self.request {
            line["requestId"] = json!(request);
        }
        line.to_string()
    }
}

fn usage(input: u64, output: u64, write_5m: u64, write_1h: u64, read: u64) -> Value {
    json!({"input_tokens": input, "output_tokens": output,
           "cache_creation_input_tokens": write_5m + write_1h, "cache_read_input_tokens": read,
           "cache_creation": {"ephemeral_5m_input_tokens": write_5m, "ephemeral_1h_input_tokens": write_1h},
           "server_tool_use": {"web_search_requests": 0}, "service_tier": "standard"})
}

fn call<'a>(message: &'a str, request: &'a str, time: &'a str, usage: Value) -> Call<'a> {
    Call {
        message,
        request: Some(request),
        time,
        model: "claude-sonnet-4-5-20250929",
        usage,
        sidechain: false,
    }
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 1e-9)
}

#[test]
fn daily_json_counts_each_call_once_across_layouts_and_prices_it_by_hand() {
    let monitor = Monitor::new();
    let day = "2026-11-20T09:00:00.000Z";
    // Session file: a streamed call (placeholder output first), a sidechain call, a
    // progress line repeating the sub-agent's usage, a synthetic line and a malformed one.
    let streamed_early = call("msg_a", "req_a", day, usage(1000, 1, 2000, 0, 0)).line();
    let streamed_final = call("msg_a", "req_a", day, usage(1000, 300, 2000, 0, 0)).line();
    let sidechain = Call {
        sidechain: true,
        ..call("msg_b", "req_b", day, usage(10, 20, 0, 0, 500))
    }
    .line();
    let progress = json!({"type": "progress", "timestamp": day, "sessionId": "s",
        "data": {"message": {"type": "assistant", "timestamp": day,
                 "message": {"id": "msg_c", "model": "claude-sonnet-4-5-20250929", "usage": usage(10, 20, 0, 0, 500)}}}})
    .to_string();
    let synthetic = Call {
        model: "<synthetic>",
        ..call("msg_s", "req_s", day, usage(0, 0, 0, 0, 0))
    }
    .line();
    monitor.write(
        "-home-u-app/11111111-2222-3333-4444-555555555555.jsonl",
        &[
            streamed_early,
            streamed_final.clone(),
            streamed_final,
            sidechain,
            progress,
            synthetic,
            "{\"type\":\"assistant\",\"message\":".into(),
        ],
    );
    // The newer layout: the sub-agent whose usage the progress line repeated, with a 1-hour
    // cache write; a replay of msg_a under another request id is not a new call.
    let subagent = Call {
        sidechain: true,
        ..call("msg_c", "req_c", day, usage(10, 20, 0, 100, 500))
    }
    .line();
    let replay = Call {
        sidechain: true,
        ..call("msg_a", "req_other", day, usage(1000, 300, 2000, 0, 0))
    }
    .line();
    monitor.write(
        "-home-u-app/11111111-2222-3333-4444-555555555555/subagents/agent-a1b2c3.jsonl",
        &[subagent, replay],
    );
    // The older layout, on another day, with web search and a long-context request.
    let mut searched = usage(150_000, 1000, 0, 0, 60_000);
    searched["server_tool_use"]["web_search_requests"] = json!(2);
    monitor.write(
        "-home-u-other/agent-0f0f0f0f.jsonl",
        &[Call {
            sidechain: true,
            ..call("msg_d", "req_d", "2026-11-21T01:00:00.000Z", searched)
        }
        .line()],
    );

    let report = monitor.json(&["daily", "--json", "--tz", "UTC"]);
    let days = report["daily"].as_array().expect("daily");
    assert_eq!(days.len(), 2, "{report:#}");
    let first = &days[0];
    assert_eq!(first["date"], "2026-11-20");
    // msg_a (largest counts) + msg_b + msg_c; synthetic has no tokens.
    assert_eq!(first["inputTokens"], 1000 + 10 + 10);
    assert_eq!(first["outputTokens"], 300 + 20 + 20);
    assert_eq!(first["cacheCreationTokens"], 2000 + 100);
    assert_eq!(first["cacheReadTokens"], 500 + 500);
    assert_eq!(first["calls"], 4);
    // Sonnet 4.5 per million: input 3, output 15, 5 m write 3.75, 1 h write 6, read 0.30.
    let day_one = (1020.0 * 3.0 + 340.0 * 15.0 + 2000.0 * 3.75 + 100.0 * 6.0 + 1000.0 * 0.3) / 1e6;
    assert!(close(&first["totalCost"], day_one), "{first:#}");
    // 210,000 prompt tokens > 200k: all at 6 / 22.50 / read 0.60, plus 2 searches at $0.01.
    let day_two = (150_000.0 * 6.0 + 1000.0 * 22.5 + 60_000.0 * 0.6) / 1e6 + 0.02;
    assert!(close(&days[1]["totalCost"], day_two), "{:#}", days[1]);
    assert!(close(&report["totals"]["totalCost"], day_one + day_two));
    assert_eq!(
        report["totals"]["totalTokens"],
        1020 + 340 + 2100 + 1000 + 211_000
    );

    // The malformed line is counted and named by doctor.
    let doctor = monitor.run(&["doctor", "--offline"]);
    let text = String::from_utf8_lossy(&doctor.stdout);
    assert!(text.contains("malformed lines: 1"), "{}", describe(&doctor));
    assert!(
        text.contains("1 sessions, 1 agent files, 1 sub-agent files"),
        "{text}"
    );
}

#[test]
fn every_config_dir_in_the_list_is_read() {
    let first = Monitor::new();
    let second = Monitor::new();
    let time = "2026-11-20T09:00:00.000Z";
    first.write(
        "-a/s.jsonl",
        &[call("m1", "r1", time, usage(1, 2, 0, 0, 0)).line()],
    );
    second.write(
        "-b/s.jsonl",
        &[call("m2", "r2", time, usage(10, 20, 0, 0, 0)).line()],
    );
    let list = format!("{}, {}", first.claude.display(), second.claude.display());
    let output = first
        .command(&["projects", "--json"])
        .env("CLAUDE_CONFIG_DIR", list)
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    let projects: Vec<&str> = report["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .filter_map(|p| p["project"].as_str())
        .collect();
    assert_eq!(projects, ["-a", "-b"]);
    // Without the variable: ~/.config/claude and ~/.claude.
    let home = tempfile::tempdir().expect("home");
    for dir in [".config/claude", ".claude"] {
        let source = if dir == ".claude" { &first } else { &second };
        let target = home.path().join(dir);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("dirs");
        std::os::unix::fs::symlink(&source.claude, &target).expect("link");
    }
    let fresh = Monitor::new();
    let output = fresh
        .command(&["daily", "--json"])
        .env_remove("CLAUDE_CONFIG_DIR")
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", home.path())
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(
        report["totals"]["outputTokens"],
        22,
        "{}",
        describe(&output)
    );
}

#[test]
fn check_fails_over_budget_and_passes_under_it() {
    let monitor = Monitor::new();
    let now = jiff::Timestamp::now().to_string();
    // 1M output tokens of Sonnet 4.5 today: $15.
    monitor.write(
        "-a/s.jsonl",
        &[call("m1", "r1", &now, usage(0, 1_000_000, 0, 0, 0)).line()],
    );
    monitor.config("[budget]\ndaily = 10.0\nmonthly = 100.0\n");
    let over = monitor.run(&["check"]);
    assert_eq!(over.status.code(), Some(1), "{}", describe(&over));
    let text = String::from_utf8_lossy(&over.stdout);
    assert!(text.contains("day") && text.contains("OVER"), "{text}");
    monitor.config("[budget]\ndaily = 20.0\n");
    let under = monitor.run(&["check", "--json"]);
    assert_eq!(under.status.code(), Some(0), "{}", describe(&under));
    let report: Value = serde_json::from_slice(&under.stdout).expect("json");
    assert!(close(&report["budgets"][0]["spentUSD"], 15.0), "{report:#}");
    // A malformed config is reported and the check still runs on defaults (no budgets).
    monitor.config("[budget]\ndaily = \"ten\"\n");
    let broken = monitor.run(&["check"]);
    assert_eq!(broken.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&broken.stderr).contains("config.toml:2"),
        "{}",
        describe(&broken)
    );
}

#[test]
fn reports_agree_with_each_other_and_with_csv() {
    let monitor = Monitor::new();
    let lines: Vec<String> = (0..30)
        .map(|i| {
            let time = format!("2026-11-{:02}T{:02}:30:00.000Z", 1 + i % 28, i % 24);
            Call {
                model: if i % 3 == 0 {
                    "claude-opus-4-1-20250805"
                } else {
                    "claude-haiku-4-5-20251001"
                },
                ..call(
                    &format!("m{i}"),
                    &format!("r{i}"),
                    &time,
                    usage(100 + i, 50 * i, 10, 0, 1000),
                )
            }
            .line()
        })
        .collect();
    monitor.write("-p/s.jsonl", &lines);
    let total_of = |command: &str| {
        monitor.json(&[command, "--json", "--tz", "UTC"])["totals"]["totalCost"].as_f64()
    };
    let daily = total_of("daily").expect("daily");
    for command in ["weekly", "monthly", "session", "models", "projects"] {
        let other = total_of(command).expect("total");
        assert!(
            (other - daily).abs() < 1e-9,
            "{command}: {other} vs {daily}"
        );
    }
    let csv = monitor.run(&["export", "--format", "csv", "--offline"]);
    let text = String::from_utf8_lossy(&csv.stdout);
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 30);
    let csv_total: f64 = rows
        .iter()
        .map(|row| {
            row.rsplit(',')
                .next()
                .and_then(|c| c.parse::<f64>().ok())
                .expect("cost")
        })
        .sum();
    assert!((csv_total - daily).abs() < 1e-6, "{csv_total} vs {daily}");
    let since = monitor.json(&[
        "daily",
        "--json",
        "--offline",
        "--since",
        "20261110",
        "--until",
        "2026-11-12",
    ]);
    let dates: Vec<&str> = since["daily"]
        .as_array()
        .expect("days")
        .iter()
        .filter_map(|d| d["date"].as_str())
        .collect();
    assert_eq!(dates, ["2026-11-10", "2026-11-11", "2026-11-12"]);
    let bad = monitor.run(&["daily", "--since", "last week"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
}

/// Counts (message id, request id) pairs of assistant lines with usage, straight from JSON.
fn distinct_calls(files: &[PathBuf]) -> usize {
    let mut seen = std::collections::HashSet::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("transcript");
        for line in text.lines() {
            let Ok(value) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            if value["type"] == "assistant" && value["message"]["usage"].is_object() {
                seen.insert((
                    value["message"]["id"].to_string(),
                    value["requestId"].to_string(),
                ));
            }
        }
    }
    seen.len()
}

#[test]
fn a_real_session_with_a_sub_agent_counts_the_sub_agent_once() {
    let monitor = Monitor::new();
    let source =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/claude-sessions");
    let name = "subagent-then-compact-session";
    let project = monitor.claude.join("projects/-home-u-app");
    let subagents = project.join(name).join("subagents");
    std::fs::create_dir_all(&subagents).expect("dirs");
    let parent = project.join(format!("{name}.jsonl"));
    std::fs::copy(source.join(format!("{name}.jsonl")), &parent).expect("copy");
    let mut files = vec![parent];
    for entry in std::fs::read_dir(source.join(name).join("subagents"))
        .expect("subagents")
        .flatten()
    {
        let target = subagents.join(entry.file_name());
        std::fs::copy(entry.path(), &target).expect("copy");
        if target.extension().is_some_and(|e| e == "jsonl") {
            files.push(target);
        }
    }
    let expected = distinct_calls(&files);
    assert!(
        expected > distinct_calls(&files[..1]),
        "the sub-agent made calls of its own"
    );
    let report = monitor.json(&["session", "--json"]);
    let sessions = report["sessions"].as_array().expect("sessions");
    assert_eq!(
        sessions.len(),
        1,
        "sub-agent calls belong to the parent session: {report:#}"
    );
    assert_eq!(report["totals"]["calls"], expected as u64);
}

/// Everything stored about calls, in a stable order.
fn stored_facts(database: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(database).expect("database");
    crate::stored_facts::stored_facts(&conn)
}

#[test]
fn kill_9_during_an_import_loses_nothing_and_the_next_run_completes_it() {
    let monitor = Monitor::new();
    let padding = "x".repeat(800);
    let mut number = 0;
    for file in 0..100 {
        let lines: Vec<String> = (0..1200)
            .map(|i| {
                number += 1;
                let time = format!("2026-11-{:02}T10:{:02}:00.000Z", 1 + file % 28, i % 60);
                let mut line: Value = serde_json::from_str(
                    &call(
                        &format!("m{number}"),
                        &format!("r{number}"),
                        &time,
                        usage(number % 1000, 7, 0, 0, 0),
                    )
                    .line(),
                )
                .expect("json");
                line["message"]["content"][0]["text"] = json!(padding);
                line.to_string()
            })
            .collect();
        monitor.write(&format!("-p/s{file:03}.jsonl"), &lines);
    }
    let database = monitor.data_dir().join("cco.db");
    let mut child = monitor
        .command(&["import"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start import");
    // Wait for the first committed batch, then kill without warning.
    let deadline = std::time::Instant::now() + crate::harness::timeout();
    let committed = loop {
        assert!(
            std::time::Instant::now() < deadline,
            "no batch was committed"
        );
        let files: i64 = rusqlite::Connection::open(&database)
            .and_then(|conn| conn.query_row("SELECT count(*) FROM files", [], |row| row.get(0)))
            .unwrap_or(0);
        if files > 0 {
            break files;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    child.kill().expect("kill -9");
    child.wait().expect("reaped");
    assert!(
        committed < 100,
        "the import was still under way when killed ({committed} files)"
    );
    let resumed = monitor.run(&["import"]);
    assert!(resumed.status.success(), "{}", describe(&resumed));
    // A clean import of the same transcripts stores exactly the same facts.
    let clean = Monitor::new();
    let clean_output = clean
        .command(&["import"])
        .env("CLAUDE_CONFIG_DIR", &monitor.claude)
        .output()
        .expect("clean import");
    assert!(clean_output.status.success());
    let facts = stored_facts(&database);
    assert_eq!(
        facts.len(),
        120_000 + 28 * 4,
        "every call, and 4 quarter-hour sums a day"
    );
    assert_eq!(facts, stored_facts(&clean.data_dir().join("cco.db")));
}

#[test]
fn a_generated_corpus_in_every_layout_is_counted_exactly() {
    let monitor = Monitor::new();
    let truth = crate::corpus::generate(&monitor.claude, &crate::corpus::Spec::new(40_000_000, 7))
        .expect("corpus");
    assert!(truth.sidechain_calls > 0 && truth.progress_repeats > 0);
    let report = monitor.json(&["daily", "--json", "--tz", "UTC"]);
    let days = report["daily"].as_array().expect("days");
    assert_eq!(days.len(), truth.days.len());
    for day in days {
        let date = day["date"].as_str().expect("date");
        let expected = &truth.days[date];
        let got = [
            "inputTokens",
            "outputTokens",
            "cacheCreationTokens",
            "cacheReadTokens",
        ]
        .map(|name| day[name].as_u64().unwrap_or(u64::MAX));
        let want = [
            expected.input,
            expected.output,
            expected.cache_create,
            expected.cache_read,
        ];
        assert_eq!(got, want, "{date}");
    }
    // Calls: every real one, plus the zero-usage synthetic lines cco keeps as calls.
    assert_eq!(report["totals"]["calls"], truth.calls + truth.synthetic);
    assert_eq!(report["totals"]["webSearchRequests"], truth.web_search);
    let doctor = monitor.run(&["doctor", "--offline"]);
    let text = String::from_utf8_lossy(&doctor.stdout);
    let counted = format!("malformed lines: {} ", truth.malformed_lines);
    assert!(text.contains(&counted), "{counted}: {text}");
}
