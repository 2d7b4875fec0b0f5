//! The live cost panel and `cco monitor dashboard` in a real terminal: transcripts written
//! while cco runs show up, and budgets alert.

use serde_json::json;

use crate::harness::{Cco, Options};

fn line(message: &str, output: u64) -> String {
    let now = jiff::Timestamp::now().to_string();
    json!({"type": "assistant", "requestId": format!("req_{message}"), "isSidechain": false,
           "sessionId": "s1", "timestamp": now,
           "message": {"id": message, "model": "claude-sonnet-4-5-20250929",
                       "usage": {"input_tokens": 0, "output_tokens": output}}})
    .to_string()
        + "\n"
}

fn start(claude: &std::path::Path, args: &[&str], config: &str) -> Cco {
    Cco::start(Options {
        rows: 40,
        cols: 140,
        args: args.iter().map(ToString::to_string).collect(),
        env: vec![
            ("CLAUDE_CONFIG_DIR".into(), claude.display().to_string()),
            ("TZ".into(), "UTC".into()),
        ],
        config_files: vec![("config.toml".into(), config.into())],
        ..Options::default()
    })
}

#[test]
fn the_panel_follows_new_transcript_lines_and_alerts_over_budget() {
    let claude = tempfile::tempdir().expect("claude dir");
    let project = claude.path().join("projects/-home-u-app");
    std::fs::create_dir_all(&project).expect("project");
    let transcript = project.join("s1.jsonl");
    // 1M output tokens of Sonnet 4.5: $15.
    std::fs::write(&transcript, line("m1", 1_000_000)).expect("write");
    let mut cco = start(claude.path(), &["--", "sh"], "[budget]\ndaily = 20.0\n");
    cco.wait_text("$15.00 today");
    cco.keys("C-Space $");
    cco.wait_text("model (month)");
    cco.wait_text("sonnet-4-5");
    cco.wait_text("$15.00 / $20.00");
    // Another $7.50 written while cco runs: the panel follows and the day budget alerts.
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&transcript)
        .expect("open");
    std::io::Write::write_all(&mut file, line("m2", 500_000).as_bytes()).expect("append");
    cco.wait_text("$22.50 today");
    cco.wait_text("over the day budget: $22.50 of $20.00");
    cco.wait_text("OVER");
    cco.keys("C-Space $");
    cco.wait_gone("model (month)");
    cco.keys("C-Space q");
    cco.wait_text("Quit cco?");
    cco.type_text("y");
    assert_eq!(cco.wait_exit(), 0);
}

#[test]
fn the_dashboard_shows_the_panel_full_screen_and_quits_on_q() {
    let claude = tempfile::tempdir().expect("claude dir");
    let project = claude.path().join("projects/-home-u-app");
    std::fs::create_dir_all(&project).expect("project");
    std::fs::write(project.join("s1.jsonl"), line("m1", 200_000)).expect("write");
    let mut cco = start(claude.path(), &["monitor", "dashboard"], "");
    cco.wait_text("q quit");
    cco.wait_text("$3.00");
    cco.wait_text("-home-u-app");
    cco.type_text("q");
    assert_eq!(cco.wait_exit(), 0);
    cco.with_screen(|s| assert!(!s.alternate_screen(), "terminal restored"));
}
