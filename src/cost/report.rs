//! Reports over the stored calls: totals per day, week, month, session, model or project, in a
//! chosen time zone, from the quarter-hour sums.

use std::collections::BTreeMap;

use anyhow::Result;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

use super::pricing::PICOS_PER_USD;
use super::store::{usage_from, Store};
use super::transcript::Usage;

/// A quarter hour in milliseconds: the grain of the stored sums.
pub const QUARTER_MS: i64 = 900_000;

/// Summed calls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub calls: u64,
    pub usage: Usage,
    /// Priced calls only, in pico-dollars.
    pub cost_picos: i64,
    /// Calls whose model has no price (their tokens are counted, their cost is not).
    pub unpriced: u64,
}

impl Totals {
    pub fn add(&mut self, other: &Totals) {
        self.calls += other.calls;
        let (a, b) = (&mut self.usage, &other.usage);
        a.input += b.input;
        a.output += b.output;
        a.cache_write_5m += b.cache_write_5m;
        a.cache_write_1h += b.cache_write_1h;
        a.cache_read += b.cache_read;
        a.web_search += b.web_search;
        self.cost_picos += other.cost_picos;
        self.unpriced += other.unpriced;
    }

    pub fn cost_usd(&self) -> f64 {
        self.cost_picos as f64 / PICOS_PER_USD
    }

    pub fn cache_creation(&self) -> u64 {
        self.usage.cache_write_5m + self.usage.cache_write_1h
    }
}

/// One stored quarter-hour sum.
#[derive(Clone, Debug)]
pub struct Bucket {
    pub quarter: i64,
    pub model: String,
    pub project: String,
    pub session_id: String,
    pub first_ms: i64,
    pub last_ms: i64,
    pub totals: Totals,
}

/// Which calls a report covers.
#[derive(Clone, Debug)]
pub struct Filter {
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub tz: TimeZone,
    /// A part of the project folder's name.
    pub project: Option<String>,
}

impl Default for Filter {
    fn default() -> Self {
        Self {
            since: None,
            until: None,
            tz: TimeZone::system(),
            project: None,
        }
    }
}

impl Filter {
    /// The times covered: from the start of `since` to the end of `until`, in milliseconds
    /// (end exclusive).
    pub fn range_ms(&self) -> Result<(i64, i64)> {
        let start = match self.since {
            Some(date) => day_start_ms(date, &self.tz)?,
            None => i64::MIN,
        };
        let end = match self.until {
            Some(date) => day_start_ms(date.tomorrow()?, &self.tz)?,
            None => i64::MAX,
        };
        Ok((start, end))
    }
}

/// How rows are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Day,
    /// Weeks starting on Monday, named by that day.
    Week,
    Month,
    Session,
    Model,
    Project,
}

/// One report row, with its per-model split.
#[derive(Clone, Debug, Default)]
pub struct Row {
    pub key: String,
    pub totals: Totals,
    pub models: BTreeMap<String, Totals>,
    pub projects: Vec<String>,
    pub first_ms: i64,
    pub last_ms: i64,
}

/// The quarter-hour sums the filter covers, oldest first.
pub fn buckets(store: &Store, filter: &Filter) -> Result<Vec<Bucket>> {
    let (start_ms, end_ms) = filter.range_ms()?;
    let mut statement = store.conn().prepare_cached(
        "SELECT quarter, model, project, session_id, first_ts, last_ts, calls, input, output,
                cache_write_5m, cache_write_1h, cache_read, web_search, cost, unpriced
         FROM buckets WHERE quarter >= ?1 AND quarter <= ?2 ORDER BY quarter",
    )?;
    // Every time zone's offset is a whole number of quarter hours, so days hold whole quarters.
    let first_quarter = start_ms.div_euclid(QUARTER_MS);
    let last_quarter = end_ms.saturating_sub(1).div_euclid(QUARTER_MS);
    let rows = statement.query_map([first_quarter, last_quarter], |row| {
        Ok(Bucket {
            quarter: row.get(0)?,
            model: row.get(1)?,
            project: row.get(2)?,
            session_id: row.get(3)?,
            first_ms: row.get(4)?,
            last_ms: row.get(5)?,
            totals: Totals {
                calls: row.get::<_, i64>(6)? as u64,
                usage: usage_from(row, 7)?,
                cost_picos: row.get(13)?,
                unpriced: row.get::<_, i64>(14)? as u64,
            },
        })
    })?;
    let mut buckets = Vec::new();
    for bucket in rows {
        let bucket = bucket?;
        let wanted = filter
            .project
            .as_ref()
            .is_none_or(|part| bucket.project.contains(part.as_str()));
        if wanted {
            buckets.push(bucket);
        }
    }
    Ok(buckets)
}

/// Rows grouped as asked, in key order (sessions: most recent last).
pub fn rows(buckets: &[Bucket], group: GroupBy, tz: &TimeZone) -> Vec<Row> {
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for bucket in buckets {
        let key = match group {
            GroupBy::Day => local_date(bucket.first_ms, tz).to_string(),
            GroupBy::Week => week_start(local_date(bucket.first_ms, tz)).to_string(),
            GroupBy::Month => {
                let date = local_date(bucket.first_ms, tz);
                format!("{:04}-{:02}", date.year(), date.month())
            }
            GroupBy::Session => bucket.session_id.clone(),
            GroupBy::Model => bucket.model.clone(),
            GroupBy::Project => bucket.project.clone(),
        };
        let row = rows.entry(key.clone()).or_insert_with(|| Row {
            key,
            first_ms: bucket.first_ms,
            last_ms: bucket.last_ms,
            ..Row::default()
        });
        row.totals.add(&bucket.totals);
        row.models
            .entry(bucket.model.clone())
            .or_default()
            .add(&bucket.totals);
        if !row.projects.contains(&bucket.project) {
            row.projects.push(bucket.project.clone());
        }
        row.first_ms = row.first_ms.min(bucket.first_ms);
        row.last_ms = row.last_ms.max(bucket.last_ms);
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    if group == GroupBy::Session {
        rows.sort_by_key(|row| row.last_ms);
    }
    rows
}

/// The sum of all rows.
pub fn total(rows: &[Row]) -> Totals {
    let mut totals = Totals::default();
    for row in rows {
        totals.add(&row.totals);
    }
    totals
}

pub fn local_date(ms: i64, tz: &TimeZone) -> Date {
    Timestamp::from_millisecond(ms)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(tz.clone())
        .date()
}

pub fn day_start_ms(date: Date, tz: &TimeZone) -> Result<i64> {
    Ok(date.to_zoned(tz.clone())?.timestamp().as_millisecond())
}

fn week_start(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(jiff::Span::new().days(back))
        .unwrap_or(date)
}

/// `claude-sonnet-4-5-20250929` → `sonnet-4-5`.
pub fn short_model(model: &str) -> &str {
    let trimmed = model.strip_prefix("claude-").unwrap_or(model);
    match trimmed.rsplit_once('-') {
        Some((head, date)) if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) => head,
        _ => trimmed,
    }
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
