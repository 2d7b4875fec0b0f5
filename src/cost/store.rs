//! The cost tables in `cco.db`: how far each transcript was read, one row per API call, and quarter-hour sums for fast reports.

mod seen;

pub use seen::Seen;

use std::collections::HashSet;
use std::path::Path;

use anyhow::Result;
use rusqlite::ToSql;
use rusqlite::{params, Connection, OptionalExtension as _, Transaction};

use super::pricing::PriceTable;
use super::transcript::{ApiCall, Usage};

/// How far one transcript file has been read, and how to recognise it next time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileState {
    pub path: String,
    pub project: String,
    pub kind: String,
    pub device: u64,
    pub inode: u64,
    pub size: u64,
    pub mtime_ns: i64,
    /// Bytes consumed: always the end of a complete line.
    pub offset: u64,
    /// A hash of the file's first `head_len` bytes, to notice a file replaced in place.
    pub head_len: u64,
    pub head_hash: u64,
    pub lines: u64,
    pub malformed: u64,
    pub last_problem: Option<String>,
}

pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Ok(Store {
            conn: crate::db::open(path)?,
        })
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?)
    }

    pub fn file_state(&self, path: &str) -> Result<Option<FileState>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT path, project, kind, device, inode, size, mtime_ns, offset, head_len,
                    head_hash, lines, malformed, last_problem FROM files WHERE path = ?1",
        )?;
        Ok(statement.query_row([path], file_row).optional()?)
    }

    /// Every file read so far, by path.
    pub fn files(&self) -> Result<Vec<FileState>> {
        let mut statement = self.conn.prepare(
            "SELECT path, project, kind, device, inode, size, mtime_ns, offset, head_len,
                    head_hash, lines, malformed, last_problem FROM files ORDER BY path",
        )?;
        let rows = statement.query_map([], file_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether no call is stored yet.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(!self
            .conn
            .prepare_cached("SELECT 1 FROM calls LIMIT 1")?
            .exists([])?)
    }

    /// A transaction for imported calls. With `whole`, the sums are not kept in step call by
    /// call but marked stale, for one [`Store::rebuild_sums`] at the end: much faster for
    /// large imports, and a killed import leaves the mark for the next run to honour.
    pub fn writer<'a>(&'a mut self, prices: &'a PriceTable, whole: bool) -> Result<Writer<'a>> {
        Ok(Writer {
            tx: self.conn.transaction()?,
            prices,
            touched: HashSet::new(),
            whole,
        })
    }

    /// Whether a large import left the sums to be rebuilt.
    pub fn sums_stale(&self) -> Result<bool> {
        Ok(self.meta("sums")?.as_deref() == Some("stale"))
    }

    /// Recomputes every quarter-hour sum from the calls.
    pub fn rebuild_sums(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM buckets", [])?;
        tx.execute(
            &format!("INSERT INTO buckets {SUMS} GROUP BY 1, 2, 3, 4"),
            [],
        )?;
        tx.execute("DELETE FROM meta WHERE key = 'sums'", [])?;
        tx.commit()?;
        Ok(())
    }

    /// Recomputes every stored cost when the price table changed since they were computed.
    pub fn reprice_if_changed(&mut self, prices: &PriceTable) -> Result<bool> {
        let fingerprint = prices.fingerprint();
        if self.meta("prices")?.as_deref() == Some(fingerprint.as_str()) {
            return Ok(false);
        }
        let tx = self.conn.transaction()?;
        {
            let mut select = tx.prepare(
                "SELECT message_id, request_id, model, input, output, cache_write_5m,
                        cache_write_1h, cache_read, web_search, cost
                 FROM calls WHERE legacy_cost IS NULL",
            )?;
            let mut update =
                tx.prepare("UPDATE calls SET cost = ?3 WHERE message_id = ?1 AND request_id = ?2")?;
            let mut rows = select.query([])?;
            while let Some(row) = rows.next()? {
                let model: String = row.get(2)?;
                let usage = usage_from(row, 3)?;
                let old: Option<i64> = row.get(9)?;
                let new = prices.cost_picos(&model, &usage);
                if new != old {
                    let (message, request): (String, String) = (row.get(0)?, row.get(1)?);
                    update.execute(params![message, request, new])?;
                }
            }
        }
        tx.execute("DELETE FROM buckets", [])?;
        tx.execute(
            &format!("INSERT INTO buckets {SUMS} GROUP BY 1, 2, 3, 4"),
            [],
        )?;
        tx.execute(
            "INSERT INTO meta VALUES ('prices', ?1) ON CONFLICT DO UPDATE SET value = excluded.value",
            [fingerprint],
        )?;
        tx.commit()?;
        Ok(true)
    }
}

/// One transaction of imported calls and file positions: all of it lands, or none.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    prices: &'a PriceTable,
    /// The sums whose calls changed.
    touched: HashSet<BucketKey>,
    /// Leave the sums to one rebuild after the import.
    whole: bool,
}

/// A quarter hour, model, project and session: one row of sums.
type BucketKey = (i64, String, String, String);

const QUARTER_MS: i64 = 900_000;

/// Sums of calls, per quarter hour, model, project and session, in the column order of
/// `buckets` (a `WHERE` and `GROUP BY 1, 2, 3, 4` complete it).
const SUMS: &str = "SELECT ts / 900000, model, project, session_id, min(ts), max(ts), count(*),
    sum(input), sum(output), sum(cache_write_5m), sum(cache_write_1h), sum(cache_read),
    sum(web_search), coalesce(sum(cost), 0), count(*) - count(cost) FROM calls";

fn bucket_key(row: &rusqlite::Row<'_>) -> rusqlite::Result<BucketKey> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
}

impl Writer<'_> {
    /// Records one call; returns whether it was a new one. A repeat keeps the largest counts;
    /// a sidechain line reusing a stored message id under another request id is a replay.
    pub fn add_call(
        &mut self,
        call: &ApiCall,
        ts_ms: i64,
        project: &str,
        seen: &mut Seen,
    ) -> Result<bool> {
        let request = call.request_id.as_deref().unwrap_or("");
        let message = call.message_id.as_str();
        if call.sidechain {
            let replay = match seen.other_request(message, request, false) {
                Some(known) => known,
                None => self
                    .tx
                    .prepare_cached(
                        "SELECT 1 FROM calls WHERE message_id = ?1 AND request_id <> ?2 LIMIT 1",
                    )?
                    .exists(params![message, request])?,
            };
            if replay {
                return Ok(false);
            }
        } else if seen.other_request(message, request, true) != Some(false) {
            let removed: Vec<BucketKey> = self
                .tx
                .prepare_cached(
                    "DELETE FROM calls WHERE message_id = ?1 AND request_id <> ?2 AND sidechain = 1
                     RETURNING ts / 900000, model, project, session_id",
                )?
                .query_map(params![message, request], bucket_key)?
                .collect::<rusqlite::Result<_>>()?;
            if !removed.is_empty() {
                self.touched.extend(removed);
                seen.forget_other_sidechains(message, request);
            }
        }
        let existing = match seen.usage(message, request) {
            Some(usage) => Some(usage),
            None if seen.fresh() => None,
            None => self
                .tx
                .prepare_cached(
                    "SELECT input, output, cache_write_5m, cache_write_1h, cache_read, web_search
                     FROM calls WHERE message_id = ?1 AND request_id = ?2",
                )?
                .query_row(params![message, request], |row| usage_from(row, 0))
                .optional()?,
        };
        let usage = match existing {
            Some(stored) => {
                let merged = stored.max(&call.usage);
                if merged == stored {
                    return Ok(false);
                }
                merged
            }
            None => call.usage,
        };
        seen.remember(message, request, usage, call.sidechain);
        let legacy = call
            .legacy_cost_usd
            .map(|usd| (usd * super::pricing::PICOS_PER_USD).round() as i64);
        let cost = legacy.or_else(|| self.prices.cost_picos(&call.model, &usage));
        let counts = counts(&usage);
        if existing.is_some() {
            let touched = self
                .tx
                .prepare_cached(
                    "UPDATE calls SET input = ?3, output = ?4, cache_write_5m = ?5,
                        cache_write_1h = ?6, cache_read = ?7, web_search = ?8, cost = ?9
                     WHERE message_id = ?1 AND request_id = ?2
                     RETURNING ts / 900000, model, project, session_id",
                )?
                .query_row(
                    [&message as &dyn ToSql, &request]
                        .into_iter()
                        .chain(counts.iter().map(|count| count as &dyn ToSql))
                        .chain([&cost as &dyn ToSql])
                        .collect::<Vec<_>>()
                        .as_slice(),
                    bucket_key,
                )?;
            self.touched.insert(touched);
            return Ok(false);
        }
        if !self.whole {
            self.touched.insert((
                ts_ms.div_euclid(QUARTER_MS),
                call.model.clone(),
                project.to_string(),
                call.session_id.clone(),
            ));
        }
        self.tx
            .prepare_cached(
                "INSERT INTO calls VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                                           ?14, ?15)",
            )?
            .execute(
                [
                    &message as &dyn ToSql,
                    &request,
                    &ts_ms,
                    &call.model,
                    &call.session_id,
                    &project,
                    &call.sidechain,
                ]
                .into_iter()
                .chain(counts.iter().map(|count| count as &dyn ToSql))
                .chain([&cost as &dyn ToSql, &legacy])
                .collect::<Vec<_>>()
                .as_slice(),
            )?;
        Ok(true)
    }

    pub fn save_file(&mut self, state: &FileState) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO files VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                                                      ?11, ?12, ?13)",
            )?
            .execute(params![
                state.path,
                state.project,
                state.kind,
                state.device as i64,
                state.inode as i64,
                state.size as i64,
                state.mtime_ns,
                state.offset as i64,
                state.head_len as i64,
                state.head_hash as i64,
                state.lines as i64,
                state.malformed as i64,
                state.last_problem
            ])?;
        Ok(())
    }

    /// Rebuilds the sums the transaction touched, then commits.
    pub fn commit(self) -> Result<()> {
        if self.whole {
            self.tx.execute(
                "INSERT INTO meta VALUES ('sums', 'stale') ON CONFLICT DO UPDATE SET value = 'stale'",
                [],
            )?;
            self.tx.commit()?;
            return Ok(());
        }
        {
            let mut clear = self.tx.prepare_cached(
                "DELETE FROM buckets
                 WHERE quarter = ?1 AND model = ?2 AND project = ?3 AND session_id = ?4",
            )?;
            let mut sum = self.tx.prepare_cached(&format!(
                "INSERT INTO buckets {SUMS} WHERE ts >= ?1 * 900000 AND ts < (?1 + 1) * 900000
                   AND model = ?2 AND project = ?3 AND session_id = ?4 GROUP BY 1, 2, 3, 4"
            ))?;
            for (quarter, model, project, session) in &self.touched {
                clear.execute(params![quarter, model, project, session])?;
                sum.execute(params![quarter, model, project, session])?;
            }
        }
        self.tx.commit()?;
        Ok(())
    }
}

/// The six token columns, in table order.
fn counts(usage: &Usage) -> [i64; 6] {
    [
        usage.input,
        usage.output,
        usage.cache_write_5m,
        usage.cache_write_1h,
        usage.cache_read,
        usage.web_search,
    ]
    .map(|count| i64::try_from(count).unwrap_or(i64::MAX))
}

fn file_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<FileState> {
    Ok(FileState {
        path: row.get(0)?,
        project: row.get(1)?,
        kind: row.get(2)?,
        device: row.get::<_, i64>(3)? as u64,
        inode: row.get::<_, i64>(4)? as u64,
        size: row.get::<_, i64>(5)? as u64,
        mtime_ns: row.get(6)?,
        offset: row.get::<_, i64>(7)? as u64,
        head_len: row.get::<_, i64>(8)? as u64,
        head_hash: row.get::<_, i64>(9)? as u64,
        lines: row.get::<_, i64>(10)? as u64,
        malformed: row.get::<_, i64>(11)? as u64,
        last_problem: row.get(12)?,
    })
}

/// Six token columns from `first` on: input, output, 5 m and 1 h writes, reads, web searches.
pub(crate) fn usage_from(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Usage> {
    let count =
        |index: usize| -> rusqlite::Result<u64> { Ok(row.get::<_, i64>(first + index)? as u64) };
    Ok(Usage {
        input: count(0)?,
        output: count(1)?,
        cache_write_5m: count(2)?,
        cache_write_1h: count(3)?,
        cache_read: count(4)?,
        web_search: count(5)?,
    })
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
