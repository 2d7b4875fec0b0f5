//! `cco.db`, the one SQLite file (WAL mode) every capability keeps its tables in, and the
//! versioned migrations that create them.

use std::path::Path;

use anyhow::{bail, Context as _, Result};
use rusqlite::Connection;

/// Migrations in order; the database's `user_version` says how many have run.
const MIGRATIONS: [&str; 4] = [
    include_str!("db/v1_cost.sql"),
    include_str!("db/v2_approvals.sql"),
    include_str!("db/v3_credentials.sql"),
    include_str!("db/v4_knowledge.sql"),
];

/// The schema version this cco writes.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// The clock rows are stamped with: milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// The database's file in cco's data dir.
pub fn path(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join("cco.db")
}

/// Opens (creating if needed) the database and brings its schema up to date.
pub fn open(path: &Path) -> Result<Connection> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let mut conn = Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Imports touch many pages in one transaction: keep them (and the statement journals
    // the triggers need) in memory instead of spilling to files.
    conn.pragma_update(None, "cache_size", -16_000)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Fewer, larger checkpoints: pages rewritten by many batches are copied back once.
    conn.pragma_update(None, "wal_autocheckpoint", 16_384)?;
    migrate(&mut conn).with_context(|| format!("upgrading the database {}", path.display()))?;
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        bail!(
            "it was written by a newer cco (schema {version}; this one knows {}): update cco",
            MIGRATIONS.len()
        );
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
