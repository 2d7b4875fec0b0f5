//! Report tests: calls stored in a real database, grouped in several time zones.

use super::*;
use crate::cost::pricing::PriceTable;
use crate::cost::transcript::ApiCall;

fn store_with(calls: &[(&str, &str, &str, u64)]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("cco.db")).expect("store");
    let prices = PriceTable::load(None).expect("prices");
    let mut writer = store.writer(&prices, false).expect("writer");
    let mut seen = crate::cost::store::Seen::new(false);
    for (index, (time, model, project, output)) in calls.iter().enumerate() {
        let call = ApiCall {
            message_id: format!("m{index}"),
            request_id: Some(format!("r{index}")),
            model: model.to_string(),
            timestamp: time.to_string(),
            session_id: format!("s-{project}"),
            cwd: None,
            sidechain: false,
            usage: Usage {
                output: *output,
                ..Usage::default()
            },
            legacy_cost_usd: None,
        };
        let ms = time.parse::<Timestamp>().expect("time").as_millisecond();
        writer.add_call(&call, ms, project, &mut seen).expect("add");
    }
    writer.commit().expect("commit");
    (dir, store)
}

fn keyed(rows: &[Row]) -> Vec<(String, u64)> {
    rows.iter()
        .map(|row| (row.key.clone(), row.totals.usage.output))
        .collect()
}

fn filter(tz: &str) -> Filter {
    Filter {
        tz: TimeZone::get(tz).expect("zone"),
        ..Filter::default()
    }
}

const CALLS: [(&str, &str, &str, u64); 4] = [
    ("2026-11-01T23:30:00Z", "claude-opus-4-1", "-a", 1),
    ("2026-11-02T08:00:00Z", "claude-opus-4-1", "-b", 10),
    ("2026-11-09T12:00:00Z", "claude-sonnet-4-6", "-a", 100),
    ("2026-12-01T00:10:00Z", "mystery-model", "-a", 1000),
];

#[test]
fn days_weeks_and_months_follow_the_time_zone() {
    let (_dir, store) = store_with(&CALLS);
    let utc = filter("UTC");
    let all = buckets(&store, &utc).expect("buckets");
    assert_eq!(
        keyed(&rows(&all, GroupBy::Day, &utc.tz)),
        [
            ("2026-11-01".into(), 1),
            ("2026-11-02".into(), 10),
            ("2026-11-09".into(), 100),
            ("2026-12-01".into(), 1000)
        ]
    );
    // In Paris (UTC+1) the first call is already on the 2nd; in New York the last one is
    // still in November.
    let paris = filter("Europe/Paris");
    assert_eq!(
        keyed(&rows(&all, GroupBy::Day, &paris.tz))[0],
        ("2026-11-02".into(), 11)
    );
    let new_york = filter("America/New_York");
    assert_eq!(
        keyed(&rows(&all, GroupBy::Month, &new_york.tz)),
        [("2026-11".into(), 1111)]
    );
    // 2026-11-02 is a Monday.
    assert_eq!(
        keyed(&rows(&all, GroupBy::Week, &utc.tz)),
        [
            ("2026-10-26".into(), 1),
            ("2026-11-02".into(), 10),
            ("2026-11-09".into(), 100),
            ("2026-11-30".into(), 1000)
        ]
    );
}

#[test]
fn since_until_and_project_narrow_the_calls() {
    let (_dir, store) = store_with(&CALLS);
    let narrowed = Filter {
        since: Some(jiff::civil::date(2026, 11, 2)),
        until: Some(jiff::civil::date(2026, 11, 9)),
        ..filter("UTC")
    };
    let found = buckets(&store, &narrowed).expect("buckets");
    assert_eq!(
        keyed(&rows(&found, GroupBy::Project, &narrowed.tz)),
        [("-a".into(), 100), ("-b".into(), 10)]
    );
    let only_b = Filter {
        project: Some("b".into()),
        ..filter("UTC")
    };
    let found = buckets(&store, &only_b).expect("buckets");
    assert_eq!(
        total(&rows(&found, GroupBy::Day, &only_b.tz)).usage.output,
        10
    );
}

#[test]
fn unknown_models_are_counted_but_flagged_unpriced() {
    let (_dir, store) = store_with(&CALLS);
    let utc = filter("UTC");
    let models = rows(
        &buckets(&store, &utc).expect("buckets"),
        GroupBy::Model,
        &utc.tz,
    );
    let mystery = models
        .iter()
        .find(|row| row.key == "mystery-model")
        .expect("row");
    assert_eq!((mystery.totals.unpriced, mystery.totals.cost_picos), (1, 0));
    assert_eq!(mystery.totals.usage.output, 1000);
    // Opus 4.1 output: 11 tokens × $75 per million.
    let opus = models
        .iter()
        .find(|row| row.key == "claude-opus-4-1")
        .expect("row");
    assert_eq!(opus.totals.cost_picos, 11 * 75 * 1_000_000);
}
