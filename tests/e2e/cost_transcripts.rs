//! The cost engine on a transcript written by the real Claude Code CLI: scripted usage in,
//! each API call counted once and priced as computed by hand.

use cco::cost::pricing::{Cost, PriceTable};
use cco::cost::transcript::{parse_line, Ledger, Line, Usage};

use crate::testbed::claude::ClaudeHome;
use crate::testbed::fake_api::{FakeApi, Turn, Usage as Scripted};
use crate::testbed::with_claude;

#[test]
fn a_real_transcript_is_counted_once_per_call_and_priced_by_hand() {
    with_claude(|binary| {
        let first = Scripted {
            input: 1200,
            output: 40,
            cache_write_5m: 3000,
            cache_write_1h: 500,
            cache_read: 0,
        };
        let second = Scripted {
            input: 90,
            output: 31,
            cache_write_5m: 0,
            cache_write_1h: 0,
            cache_read: 4200,
        };
        let api = FakeApi::start(vec![
            Turn::bash("Listing.", "ls").usage(first),
            Turn::text("Done.").usage(second),
        ]);
        let home = ClaudeHome::new(binary);
        let session = uuid::Uuid::new_v4().to_string();
        let args = [
            "--model",
            "claude-sonnet-4-5-20250929",
            "--allowedTools",
            "Bash(ls)",
        ];
        let run = home.headless(&api, "list", &session, &args);
        assert!(run.output.status.success(), "{}", run.describe());

        let text = std::fs::read_to_string(home.transcript(&session)).expect("the transcript");
        let mut ledger = Ledger::default();
        let mut lines_with_usage = 0;
        for line in text.lines() {
            match parse_line(line) {
                Line::Call(call) => {
                    lines_with_usage += 1;
                    ledger.add(call);
                }
                Line::Other => {}
                Line::Malformed(why) => panic!("malformed line: {why}"),
            }
        }
        assert_eq!(ledger.len(), 2, "two API calls");
        assert!(
            lines_with_usage >= 3,
            "text + tool_use were written as separate lines"
        );
        let table = PriceTable::load(None).expect("price table");
        let total: f64 = ledger
            .calls()
            .map(|call| {
                assert_eq!(call.model, "claude-sonnet-4-5-20250929");
                match table.cost(&call.model, &call.usage) {
                    Cost::Usd(usd) => usd,
                    Cost::Unpriced => panic!("unpriced"),
                }
            })
            .sum();
        // Sonnet 4.5 per million: input 3, output 15, 5-minute write 3.75, 1-hour write 6, read 0.30.
        let by_hand = (1200.0 * 3.0 + 40.0 * 15.0 + 3000.0 * 3.75 + 500.0 * 6.0) / 1e6
            + (90.0 * 3.0 + 31.0 * 15.0 + 4200.0 * 0.30) / 1e6;
        assert!((total - by_hand).abs() < 1e-9, "{total} vs {by_hand}");
        // The same transcript through `cco monitor`: the stored, reported total is the same.
        let monitor = crate::monitor_cli::Monitor::new();
        let output = monitor
            .command(&["daily", "--json"])
            .env("CLAUDE_CONFIG_DIR", &home.config_dir)
            .output()
            .expect("cco runs");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("daily JSON");
        let reported = report["totals"]["totalCost"].as_f64().unwrap_or(-1.0);
        assert!((reported - by_hand).abs() < 1e-9, "{reported} vs {by_hand}");
        assert_eq!(report["totals"]["calls"], 2);
        assert_eq!(report["totals"]["cacheCreationTokens"], 3500);
        let tokens: Vec<Usage> = ledger.calls().map(|c| c.usage).collect();
        assert!(tokens
            .iter()
            .any(|u| u.cache_write_1h == 500 && u.cache_write_5m == 3000));
    });
}
