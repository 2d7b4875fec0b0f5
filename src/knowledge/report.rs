//! Plain-text descriptions of the knowledge base's state, shared by the CLI and the panel.

use super::item::age;
use super::vectors::Drift;
use super::Stats;

pub fn describe_drift(drift: &Drift) -> String {
    let mut text = format!(
        "{} items, {} embedded, {} in the vector index",
        drift.items, drift.embedded, drift.indexed
    );
    if drift.in_sync() && drift.unembedded() == 0 {
        text.push_str(": in sync.");
        return text;
    }
    let mut problems = Vec::new();
    if drift.unembedded() > 0 {
        problems.push(format!("{} without an embedding", drift.unembedded()));
    }
    if !drift.missing_from_index.is_empty() {
        problems.push(format!(
            "{} missing from the index",
            drift.missing_from_index.len()
        ));
    }
    if drift.extra_in_index > 0 {
        problems.push(format!(
            "{} in the index but not in SQLite",
            drift.extra_in_index
        ));
    }
    text.push_str(&format!(": drift ({}).", problems.join(", ")));
    text
}

/// The lines `cco knowledge stats` prints and the panel shows.
pub fn describe_stats(stats: &Stats, now_ms: i64) -> Vec<String> {
    let mut lines = vec![format!(
        "{} items ({} live, {} superseded)",
        stats.items, stats.live, stats.superseded
    )];
    if !stats.by_type.is_empty() {
        let kinds: Vec<String> = stats
            .by_type
            .iter()
            .map(|(kind, count)| format!("{kind} {count}"))
            .collect();
        lines.push(format!("by type: {}", kinds.join(", ")));
    }
    match (&stats.drift, &stats.semantic_off) {
        (Some(drift), _) => {
            let coverage = if drift.items == 0 {
                100.0
            } else {
                drift.embedded as f64 * 100.0 / drift.items as f64
            };
            lines.push(format!("vector coverage: {coverage:.0}%"));
            lines.push(describe_drift(drift));
        }
        (None, Some(reason)) => lines.push(format!("BM25 only: {reason}")),
        (None, None) => {}
    }
    match &stats.last_injection {
        Some(injection) => lines.push(format!(
            "last injection: {} items, {} chars, {} ago (SessionStart {}, {})",
            injection.items,
            injection.chars,
            age(now_ms, injection.at_ms),
            injection.source,
            injection.project
        )),
        None => lines.push("last injection: none yet".into()),
    }
    lines
}
