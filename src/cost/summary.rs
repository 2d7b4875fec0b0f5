//! The live picture of spending: today, the active block with its burn rate, this month,
//! budgets, models, the last days and the most recent calls. One owned value, built from the
//! store, shown by `cco monitor summary`, `check` and the cost panel.

use std::collections::HashMap;

use anyhow::Result;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::blocks::{blocks, Block, Burn};
use super::budget::{Budgets, Gauge};
use super::report::{buckets, local_date, rows, Filter, GroupBy, Row, Totals};
use super::store::{usage_from, Store};
use super::transcript::Usage;

/// Days in the history chart.
pub const CHART_DAYS: usize = 30;
/// Calls in the recent list.
pub const RECENT_CALLS: usize = 25;

#[derive(Clone, Debug, PartialEq)]
pub struct RecentCall {
    pub ms: i64,
    pub model: String,
    pub session_id: String,
    pub project: String,
    pub usage: Usage,
    /// `None` when the model has no price.
    pub cost_picos: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct Summary {
    pub now_ms: i64,
    /// The zone days and times are shown in.
    pub tz: TimeZone,
    pub today: Date,
    pub today_totals: Totals,
    pub month_totals: Totals,
    pub block: Option<Block>,
    pub burn: Option<Burn>,
    /// This month, per model, most expensive first.
    pub models: Vec<Row>,
    /// The last [`CHART_DAYS`] days, oldest first, days without calls included.
    pub days: Vec<(Date, Totals)>,
    pub recent: Vec<RecentCall>,
    /// Per session over the chart's days: what each pane's session has cost.
    pub sessions: HashMap<String, Totals>,
    pub gauges: Vec<Gauge>,
}

impl Summary {
    pub fn build(store: &Store, tz: &TimeZone, now_ms: i64, budgets: &Budgets) -> Result<Summary> {
        let today = local_date(now_ms, tz);
        let month_start = today.first_of_month();
        let chart_start = today.checked_sub(jiff::Span::new().days(CHART_DAYS as i64 - 1))?;
        // A block can reach five hours back into yesterday.
        let since = month_start.min(chart_start).min(today.yesterday()?);
        let filter = Filter {
            since: Some(since),
            until: None,
            tz: tz.clone(),
            project: None,
        };
        let found = buckets(store, &filter)?;
        let by_day = rows(&found, GroupBy::Day, tz);
        let day_totals: HashMap<String, Totals> = by_day
            .iter()
            .map(|row| (row.key.clone(), row.totals))
            .collect();
        let mut days = Vec::with_capacity(CHART_DAYS);
        let mut day = chart_start;
        while day <= today {
            days.push((
                day,
                day_totals
                    .get(&day.to_string())
                    .copied()
                    .unwrap_or_default(),
            ));
            day = day.tomorrow()?;
        }
        let in_month: Vec<_> = found
            .iter()
            .filter(|bucket| local_date(bucket.first_ms, tz) >= month_start)
            .cloned()
            .collect();
        let mut models = rows(&in_month, GroupBy::Model, tz);
        models.sort_by_key(|row| std::cmp::Reverse(row.totals.cost_picos));
        let block = blocks(&found, now_ms)
            .into_iter()
            .last()
            .filter(|b| b.active);
        let burn = block.as_ref().and_then(|b| b.burn(now_ms));
        let sessions: HashMap<String, Totals> = rows(&found, GroupBy::Session, tz)
            .into_iter()
            .map(|row| (row.key, row.totals))
            .collect();
        let mut summary = Summary {
            now_ms,
            tz: tz.clone(),
            today,
            today_totals: day_totals
                .get(&today.to_string())
                .copied()
                .unwrap_or_default(),
            month_totals: super::report::total(&models),
            block,
            burn,
            models,
            days,
            recent: recent_calls(store, RECENT_CALLS)?,
            sessions,
            gauges: Vec::new(),
        };
        let today_sessions = rows(
            &found
                .iter()
                .filter(|bucket| local_date(bucket.first_ms, tz) == today)
                .cloned()
                .collect::<Vec<_>>(),
            GroupBy::Session,
            tz,
        );
        summary.gauges = gauges(&summary, &today_sessions, budgets);
        Ok(summary)
    }
}

fn gauges(summary: &Summary, today_sessions: &[Row], budgets: &Budgets) -> Vec<Gauge> {
    let mut gauges = Vec::new();
    let mut push = |scope, subject: String, spent: f64, limit: Option<f64>| {
        if let Some(limit_usd) = limit {
            gauges.push(Gauge {
                scope,
                subject,
                spent_usd: spent,
                limit_usd,
            });
        }
    };
    push(
        "day",
        summary.today.to_string(),
        summary.today_totals.cost_usd(),
        budgets.daily,
    );
    if let Some(block) = &summary.block {
        let start = jiff::Timestamp::from_millisecond(block.start_ms)
            .map(|t| t.to_string())
            .unwrap_or_default();
        push("block", start, block.totals.cost_usd(), budgets.block);
    }
    push(
        "month",
        format!("{:04}-{:02}", summary.today.year(), summary.today.month()),
        summary.month_totals.cost_usd(),
        budgets.monthly,
    );
    // The session budget is shown for today's most expensive session.
    if let Some(row) = today_sessions
        .iter()
        .max_by_key(|row| row.totals.cost_picos)
    {
        push(
            "session",
            row.key.clone(),
            row.totals.cost_usd(),
            budgets.session,
        );
    }
    gauges
}

/// The most recent calls, newest first.
pub fn recent_calls(store: &Store, limit: usize) -> Result<Vec<RecentCall>> {
    let mut statement = store.conn().prepare_cached(&format!(
        "SELECT {CALL_COLUMNS} FROM calls ORDER BY ts DESC LIMIT ?1"
    ))?;
    let rows = statement.query_map([limit as i64], call_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every call from `from_ms` (inclusive) to `to_ms` (exclusive), oldest first.
pub fn calls_between(store: &Store, from_ms: i64, to_ms: i64) -> Result<Vec<RecentCall>> {
    let mut statement = store.conn().prepare_cached(&format!(
        "SELECT {CALL_COLUMNS} FROM calls WHERE ts >= ?1 AND ts < ?2 ORDER BY ts, message_id"
    ))?;
    let rows = statement.query_map([from_ms, to_ms], call_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const CALL_COLUMNS: &str = "ts, model, session_id, project, input, output, cache_write_5m,
    cache_write_1h, cache_read, web_search, cost";

fn call_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<RecentCall> {
    Ok(RecentCall {
        ms: row.get(0)?,
        model: row.get(1)?,
        session_id: row.get(2)?,
        project: row.get(3)?,
        usage: usage_from(row, 4)?,
        cost_picos: row.get(10)?,
    })
}
