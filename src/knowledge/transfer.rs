//! Export and import: items as JSON (an array or JSON lines), ids remapped on import so
//! supersession links survive, items already stored skipped.

use std::collections::HashMap;

use anyhow::{Context as _, Result};

use super::{Item, Knowledge, NewItem};

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub added: usize,
    pub skipped: usize,
}

/// Reads an export: one JSON array, or one item per line.
pub fn parse(text: &str) -> Result<Vec<Item>> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        return serde_json::from_str(trimmed).context("the file is not a JSON array of items");
    }
    trimmed
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str(line)
                .with_context(|| format!("line {} is not a knowledge item", index + 1))
        })
        .collect()
}

/// Stores the items in order (created times kept). Nothing is embedded here: the caller
/// catches the vectors up in batches afterwards.
pub fn import(knowledge: &mut Knowledge, items: &[Item]) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let mut new_ids: HashMap<i64, i64> = HashMap::new();
    let store = &mut knowledge.store;
    for item in items {
        if let Some(id) = store.find_exact(&item.project, &item.text)? {
            new_ids.insert(item.id, id);
            report.skipped += 1;
            continue;
        }
        let new = NewItem {
            project: item.project.clone(),
            kind: item.kind,
            text: item.text.clone(),
            source: item.source,
            session_id: item.session_id.clone(),
            supersedes: None,
        };
        new_ids.insert(item.id, store.insert(&new, item.created_ms)?);
        report.added += 1;
    }
    for item in items {
        if let (Some(old), Some(by)) = (
            new_ids.get(&item.id),
            item.superseded_by.and_then(|by| new_ids.get(&by)),
        ) {
            store.retire(*old, *by)?;
        }
    }
    Ok(report)
}
