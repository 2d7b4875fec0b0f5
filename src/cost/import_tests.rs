//! Import tests on real files and a real SQLite database in a temp dir.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::*;
use crate::cost::sources::transcript_files;

#[path = "../../tests/support/stored_facts.rs"]
mod stored_facts;

struct Bed {
    root: tempfile::TempDir,
    store: Store,
    prices: PriceTable,
}

impl Bed {
    fn new() -> Bed {
        let root = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&root.path().join("data/cco.db")).expect("store");
        Bed {
            root,
            store,
            prices: PriceTable::load(None).expect("prices"),
        }
    }

    fn project(&self) -> PathBuf {
        let dir = self.root.path().join("claude/projects/-home-u-app");
        std::fs::create_dir_all(&dir).expect("project dir");
        dir
    }

    fn import(&mut self) -> ImportReport {
        let files = transcript_files(&[self.root.path().join("claude")]);
        import(&mut self.store, &self.prices, &files, &mut |_, _| {}).expect("import")
    }

    /// Every stored fact: calls and sums, in a stable order.
    fn facts(&self) -> Vec<String> {
        stored_facts::stored_facts(self.store.conn())
    }

    fn totals(&self) -> (i64, i64, i64) {
        self.store
            .conn()
            .query_row(
                "SELECT count(*), coalesce(sum(output), 0), coalesce(sum(cost), 0) FROM calls",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .expect("totals")
    }
}

fn call_line(message: &str, request: &str, output: u64, sidechain: bool) -> String {
    format!(
        r#"{{"type":"assistant","requestId":"{request}","isSidechain":{sidechain},"sessionId":"s1","timestamp":"2026-11-21T10:00:00.000Z","message":{{"id":"{message}","model":"claude-opus-4-1-20250805","usage":{{"input_tokens":100,"output_tokens":{output},"cache_read_input_tokens":1000}}}}}}"#
    ) + "\n"
}

fn append(path: &Path, text: &str) {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("open");
    file.write_all(text.as_bytes()).expect("append");
}

/// Opus 4.1: 100 in × 15 + out × 75 + 1,000 reads × 1.5, per million, in picos.
fn opus_picos(output: i64) -> i64 {
    (100 * 15 + output * 75 + 1000 * 15 / 10) * 1_000_000
}

#[test]
fn streaming_lines_count_once_with_the_largest_counts() {
    let mut bed = Bed::new();
    let file = bed.project().join("s1.jsonl");
    append(&file, &call_line("m1", "r1", 1, false));
    append(&file, &call_line("m1", "r1", 250, false));
    append(&file, &call_line("m1", "r1", 250, false));
    append(&file, &call_line("m2", "r2", 10, false));
    let report = bed.import();
    assert_eq!(
        (report.lines, report.new_calls, report.malformed),
        (4, 2, 0)
    );
    assert_eq!(bed.totals(), (2, 260, opus_picos(250) + opus_picos(10)));
}

#[test]
fn reimport_is_idempotent_and_appends_are_read_incrementally() {
    let mut bed = Bed::new();
    let file = bed.project().join("s1.jsonl");
    append(&file, &call_line("m1", "r1", 5, false));
    bed.import();
    let first = bed.facts();
    let again = bed.import();
    assert_eq!((again.files_read, again.bytes_read), (0, 0));
    assert_eq!(bed.facts(), first);
    append(&file, &call_line("m2", "r2", 7, false));
    let appended = bed.import();
    assert_eq!(
        appended.bytes_read,
        call_line("m2", "r2", 7, false).len() as u64
    );
    assert_eq!(bed.totals().0, 2);
}

#[test]
fn a_partial_last_line_waits_until_it_is_complete() {
    let mut bed = Bed::new();
    let file = bed.project().join("s1.jsonl");
    let line = call_line("m1", "r1", 5, false);
    let (head, tail) = line.split_at(40);
    append(&file, head);
    let report = bed.import();
    assert_eq!((report.new_calls, report.malformed), (0, 0));
    append(&file, tail);
    let report = bed.import();
    assert_eq!((report.new_calls, report.malformed), (1, 0));
}

#[test]
fn truncated_or_replaced_files_are_read_again_without_double_counting() {
    let mut bed = Bed::new();
    let file = bed.project().join("s1.jsonl");
    append(&file, &call_line("m1", "r1", 5, false));
    append(&file, &call_line("m2", "r2", 5, false));
    bed.import();
    // Truncated to its first line, then a new call: nothing is lost, nothing doubled.
    std::fs::write(&file, call_line("m1", "r1", 5, false)).expect("truncate");
    append(&file, &call_line("m3", "r3", 5, false));
    let report = bed.import();
    assert_eq!((report.files_reread, report.new_calls), (1, 1));
    assert_eq!(bed.totals().0, 3);
    // Replaced by a different file of the same size.
    let replacement = call_line("m4", "r4", 5, false) + &call_line("m5", "r5", 5, false);
    let temp = file.with_extension("tmp");
    std::fs::write(&temp, replacement).expect("write");
    std::fs::rename(&temp, &file).expect("replace");
    let report = bed.import();
    assert_eq!((report.files_reread, report.new_calls), (1, 2));
    // Deleted transcripts keep their history.
    std::fs::remove_file(&file).expect("delete");
    bed.import();
    assert_eq!(bed.totals().0, 5);
}

#[test]
fn a_sidechain_replay_is_not_a_new_call_in_either_order() {
    for replay_first in [false, true] {
        let mut bed = Bed::new();
        let project = bed.project();
        // The agent file sorts before the session file, so it is read first.
        let (original_file, replay_file) = if replay_first {
            ("zz-session.jsonl", "agent-00.jsonl")
        } else {
            ("s1.jsonl", "zz-agent.jsonl")
        };
        append(
            &project.join(original_file),
            &call_line("m1", "r1", 5, false),
        );
        append(&project.join(replay_file), &call_line("m1", "r9", 5, true));
        append(&project.join(replay_file), &call_line("m2", "r2", 8, true));
        bed.import();
        assert_eq!(
            bed.totals(),
            (2, 13, opus_picos(5) + opus_picos(8)),
            "{replay_first}"
        );
    }
}

#[test]
fn malformed_lines_are_counted_and_the_rest_is_read() {
    let mut bed = Bed::new();
    let file = bed.project().join("s1.jsonl");
    append(&file, "{\"type\":\"assistant\",\"message\":{\n");
    append(&file, "\n");
    append(&file, &call_line("m1", "r1", 5, false));
    append(
        &file,
        &call_line("m2", "r2", 5, false).replace("2026-11-21T10:00:00.000Z", "yesterday"),
    );
    let report = bed.import();
    assert_eq!((report.new_calls, report.malformed), (1, 2));
    let state = bed
        .store
        .file_state(&file.to_string_lossy())
        .expect("query")
        .expect("state");
    assert_eq!(state.malformed, 2);
    assert!(state
        .last_problem
        .unwrap_or_default()
        .starts_with("line 4: an API call without a valid time"));
}

#[test]
fn a_price_change_recomputes_stored_costs() {
    let mut bed = Bed::new();
    append(
        &bed.project().join("s1.jsonl"),
        &call_line("m1", "r1", 5, false),
    );
    bed.import();
    bed.prices = PriceTable::load(Some(
        "[[model]]\nname = \"cheap\"\nprefixes = [\"claude-opus-4-1\"]\ninput = 1.0\noutput = 1.0\n",
    ))
    .expect("prices");
    bed.import();
    // 100 in × 1 + 5 out × 1 + 1,000 reads × 0.1, per million.
    assert_eq!(bed.totals().2, (100 + 5 + 100) * 1_000_000);
    let buckets: i64 = bed
        .store
        .conn()
        .query_row("SELECT sum(cost) FROM buckets", [], |row| row.get(0))
        .expect("sum");
    assert_eq!(buckets, bed.totals().2);
}
