//! `cco monitor doctor`: where transcripts come from, what was read, and what could not be.

use anyhow::Result;

use super::output::thousands;
use super::Context;
use crate::cost::sources::config_dirs;
use crate::cost::store::Store;

pub fn run(context: &Context) -> Result<()> {
    let dirs = config_dirs();
    if dirs.is_empty() {
        println!(
            "config dirs: none found (set CLAUDE_CONFIG_DIR, or use ~/.config/claude or ~/.claude)"
        );
    }
    for dir in &dirs {
        println!("config dir: {}", dir.display());
    }
    let database = crate::db::path(&context.paths.data_dir);
    let size = std::fs::metadata(&database).map(|m| m.len()).unwrap_or(0);
    println!(
        "database: {} ({} bytes)",
        database.display(),
        thousands(size)
    );
    let files = context.store.files()?;
    let count = |kind: &str| files.iter().filter(|f| f.kind == kind).count();
    println!(
        "transcripts read: {} sessions, {} agent files, {} sub-agent files",
        count("session"),
        count("agent"),
        count("subagent")
    );
    let gone = files
        .iter()
        .filter(|f| !std::path::Path::new(&f.path).exists())
        .count();
    if gone > 0 {
        println!("{gone} transcripts no longer exist: their calls stay in the database");
    }
    let pending: Vec<_> = files
        .iter()
        .filter(|f| f.size > f.offset && std::path::Path::new(&f.path).exists())
        .collect();
    for file in &pending {
        println!(
            "waiting for the end of a line: {} ({} bytes after the last newline)",
            file.path,
            file.size - file.offset
        );
    }
    let (calls, unpriced) = call_counts(&context.store)?;
    println!("calls stored: {}", thousands(calls));
    for (model, count) in unpriced {
        println!(
            "no price for model {model:?} ({count} calls): add it to {}",
            context.paths.config_dir.join("pricing.toml").display()
        );
    }
    malformed_files(&context.store, &mut std::io::stdout())?;
    Ok(())
}

/// Lists files with malformed lines, with the last problem seen in each.
pub fn malformed_files(store: &Store, out: &mut dyn std::io::Write) -> Result<()> {
    let files = store.files()?;
    let bad: Vec<_> = files.iter().filter(|f| f.malformed > 0).collect();
    let total: u64 = bad.iter().map(|f| f.malformed).sum();
    writeln!(out, "malformed lines: {total} (skipped)")?;
    for file in bad {
        writeln!(
            out,
            "  {}: {} ({})",
            file.path,
            file.malformed,
            file.last_problem.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}

fn call_counts(store: &Store) -> Result<(u64, Vec<(String, u64)>)> {
    let conn = store.conn();
    let calls: i64 = conn.query_row("SELECT count(*) FROM calls", [], |row| row.get(0))?;
    let mut statement = conn.prepare(
        "SELECT model, count(*) FROM calls WHERE cost IS NULL GROUP BY model ORDER BY model",
    )?;
    let unpriced = statement
        .query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((calls as u64, unpriced))
}
