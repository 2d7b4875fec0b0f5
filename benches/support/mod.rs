//! What the benches share: finding the release `cco` and printing result tables.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

/// Cargo sets `CARGO_BIN_EXE_cco` for benches; else `cco` is next to `deps/<bench>-…`.
pub fn cco_binary() -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let near = exe
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("cco"));
    let built = option_env!("CARGO_BIN_EXE_cco").map(PathBuf::from);
    let path = built.into_iter().chain(near).find(|p| p.is_file());
    path.with_context(|| format!("no cco binary near {}; build it first", exe.display()))
}

/// Prints a title, then rows under a header: the labels left-aligned in `label_width`
/// columns, the values right.
pub fn table(title: &str, header: &[&str], rows: Vec<Vec<String>>, label_width: usize) {
    println!("\n{title}");
    let header = header.iter().map(|h| h.to_string()).collect();
    let rows: Vec<Vec<String>> = std::iter::once(header).chain(rows).collect();
    let widest = rows
        .iter()
        .flat_map(|r| &r[1..])
        .map(|v| v.chars().count())
        .max();
    let w = widest.unwrap_or(0) + 3;
    for row in rows {
        let values: String = row[1..].iter().map(|v| format!("{v:>w$}")).collect();
        println!("  {:<label_width$}{}", row[0], values.trim_end());
    }
}
