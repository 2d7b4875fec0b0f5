//! What cco.db knows about credentials: metadata rows, the audit trail, the attempts the rate
//! limit counts and when a store last proved it persists. Never a value.

use anyhow::{Context as _, Result};
use rusqlite::{params, Connection, OptionalExtension as _, TransactionBehavior};
use serde::Serialize;

use super::Kind;

/// A credential's metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub name: String,
    pub kind: Kind,
    pub service: String,
    pub description: String,
    /// The store holding the value: "keyring" or "file".
    pub store: String,
    pub created_ms: i64,
    pub rotated_ms: i64,
    pub rotation_days: u32,
    pub last_used_ms: Option<i64>,
}

/// One audit row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditRow {
    pub at_ms: i64,
    pub operation: String,
    pub name: String,
    pub pid: i64,
    pub parent: String,
    pub pane: Option<String>,
    pub outcome: String,
    pub detail: String,
}

pub fn insert_meta(conn: &Connection, meta: &Meta) -> Result<()> {
    conn.execute(
        "INSERT INTO credentials (name, kind, service, description, store, created_ms, \
         rotated_ms, rotation_days, last_used_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            meta.name,
            meta.kind.as_str(),
            meta.service,
            meta.description,
            meta.store,
            meta.created_ms,
            meta.rotated_ms,
            meta.rotation_days,
            meta.last_used_ms
        ],
    )
    .context("recording the credential's metadata")?;
    Ok(())
}

const META_COLUMNS: &str = "name, kind, service, description, store, created_ms, rotated_ms, \
                            rotation_days, last_used_ms";

fn meta_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Meta> {
    let kind: String = row.get(1)?;
    Ok(Meta {
        name: row.get(0)?,
        kind: Kind::parse(&kind).unwrap_or(Kind::Generic),
        service: row.get(2)?,
        description: row.get(3)?,
        store: row.get(4)?,
        created_ms: row.get(5)?,
        rotated_ms: row.get(6)?,
        rotation_days: row.get(7)?,
        last_used_ms: row.get(8)?,
    })
}

pub fn meta(conn: &Connection, name: &str) -> Result<Option<Meta>> {
    let sql = format!("SELECT {META_COLUMNS} FROM credentials WHERE name = ?1");
    conn.query_row(&sql, [name], meta_from_row)
        .optional()
        .context("reading the credential's metadata")
}

pub fn all_meta(conn: &Connection) -> Result<Vec<Meta>> {
    let sql = format!("SELECT {META_COLUMNS} FROM credentials ORDER BY name");
    let mut statement = conn.prepare(&sql)?;
    let rows = statement.query_map([], meta_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn delete_meta(conn: &Connection, name: &str) -> Result<()> {
    conn.execute("DELETE FROM credentials WHERE name = ?1", [name])?;
    Ok(())
}

pub fn mark_rotated(conn: &Connection, name: &str, at_ms: i64) -> Result<()> {
    conn.execute(
        "UPDATE credentials SET rotated_ms = ?2 WHERE name = ?1",
        params![name, at_ms],
    )?;
    Ok(())
}

pub fn mark_used(conn: &Connection, name: &str, at_ms: i64) -> Result<()> {
    conn.execute(
        "UPDATE credentials SET last_used_ms = ?2 WHERE name = ?1",
        params![name, at_ms],
    )?;
    Ok(())
}

/// Writes the audit row of an operation about to run; its id completes it later.
pub fn begin_audit(conn: &Connection, row: &AuditRow) -> Result<i64> {
    conn.execute(
        "INSERT INTO credential_audit (at_ms, operation, name, pid, parent, pane, outcome, \
         detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            row.at_ms,
            row.operation,
            row.name,
            row.pid,
            row.parent,
            row.pane,
            row.outcome,
            row.detail
        ],
    )
    .context("writing the audit entry")?;
    Ok(conn.last_insert_rowid())
}

pub fn finish_audit(conn: &Connection, id: i64, outcome: &str, detail: &str) -> Result<()> {
    conn.execute(
        "UPDATE credential_audit SET outcome = ?2, detail = ?3 WHERE id = ?1",
        params![id, outcome, detail],
    )
    .context("completing the audit entry")?;
    Ok(())
}

/// The latest audit rows, newest first.
pub fn audit_tail(conn: &Connection, limit: usize, name: Option<&str>) -> Result<Vec<AuditRow>> {
    let mut statement = conn.prepare(
        "SELECT at_ms, operation, name, pid, parent, pane, outcome, detail FROM credential_audit \
         WHERE ?1 IS NULL OR name = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = statement.query_map(params![name, limit as i64], |row| {
        Ok(AuditRow {
            at_ms: row.get(0)?,
            operation: row.get(1)?,
            name: row.get(2)?,
            pid: row.get(3)?,
            parent: row.get(4)?,
            pane: row.get(5)?,
            outcome: row.get(6)?,
            detail: row.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Counts one attempt to read a value, unless `max` attempts already fell in the window:
/// then says how many milliseconds until the oldest one leaves it. Atomic across processes.
pub fn take_attempt(
    conn: &mut Connection,
    now_ms: i64,
    max: u32,
    window_ms: i64,
) -> Result<Option<i64>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let since = now_ms - window_ms;
    tx.execute("DELETE FROM credential_attempts WHERE at_ms <= ?1", [since])?;
    let (count, oldest): (i64, Option<i64>) = tx.query_row(
        "SELECT count(*), min(at_ms) FROM credential_attempts",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    if count >= i64::from(max) {
        let wait = oldest.map_or(window_ms, |oldest| oldest + window_ms - now_ms);
        tx.commit()?;
        return Ok(Some(wait.max(1)));
    }
    tx.execute(
        "INSERT INTO credential_attempts (at_ms) VALUES (?1)",
        [now_ms],
    )?;
    tx.commit()?;
    Ok(None)
}

pub fn store_checked_ms(conn: &Connection, store: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT checked_ms FROM credential_store_checks WHERE store = ?1",
            [store],
            |row| row.get(0),
        )
        .optional()?)
}

pub fn record_store_check(conn: &Connection, store: &str, at_ms: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO credential_store_checks (store, checked_ms) VALUES (?1, ?2) \
         ON CONFLICT(store) DO UPDATE SET checked_ms = excluded.checked_ms",
        params![store, at_ms],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::take_attempt;

    #[test]
    fn attempts_are_counted_across_connections_within_the_window() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = crate::db::path(dir.path());
        let mut first = crate::db::open(&path).expect("open");
        let mut second = crate::db::open(&path).expect("open");
        let start = 1_000_000;
        for i in 0..10 {
            let conn = if i % 2 == 0 { &mut first } else { &mut second };
            assert_eq!(
                take_attempt(conn, start + i * 1_000, 10, 60_000).expect("take"),
                None
            );
        }
        let wait = take_attempt(&mut second, start + 30_000, 10, 60_000).expect("take");
        assert_eq!(
            wait,
            Some(30_000),
            "the oldest attempt leaves the window in 30 s"
        );
        assert_eq!(
            take_attempt(&mut first, start + 60_001, 10, 60_000).expect("take"),
            None,
            "one slot free once the oldest attempt is out of the window"
        );
        assert!(take_attempt(&mut first, start + 60_002, 10, 60_000)
            .expect("take")
            .is_some());
    }
}
