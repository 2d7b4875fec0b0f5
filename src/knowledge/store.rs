//! The knowledge items in SQLite (the source of truth): storing with exact dedup and
//! supersession, listing, BM25 search through FTS5, and the stored embeddings.

use anyhow::{bail, Context as _, Result};
use rusqlite::{params, Connection, OptionalExtension as _, Row};

use super::item::{content_hash, Filter, Item, Kind, NewItem, Source};

/// Words too common to say anything about what a query wants.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from", "has",
    "have", "how", "i", "in", "is", "it", "its", "of", "on", "or", "that", "the", "this", "to",
    "was", "were", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your",
];

const COLUMNS: &str = "id, project, kind, text, source, session_id, created_ms, superseded_by";

/// The knowledge tables of one `cco.db`.
pub struct Store {
    conn: Connection,
}

impl Store {
    pub fn new(conn: Connection) -> Store {
        Store { conn }
    }

    /// Opens the database in `data_dir`, creating or upgrading it.
    pub fn open(data_dir: &std::path::Path) -> Result<Store> {
        Ok(Store::new(crate::db::open(&crate::db::path(data_dir))?))
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The id of an item with the same text in the same project, if any.
    pub fn find_exact(&self, project: &str, text: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM knowledge_items WHERE project = ?1 AND content_hash = ?2",
                params![project, content_hash(text)],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Inserts a new item (the caller has ruled out duplicates) and retires the one it
    /// supersedes, in one transaction.
    pub fn insert(&mut self, new: &NewItem, created_ms: i64) -> Result<i64> {
        let text = new.text.trim();
        if text.is_empty() {
            bail!("the text is empty: there is nothing to store");
        }
        let tx = self.conn.transaction()?;
        if let Some(old) = new.supersedes {
            let found: Option<Option<i64>> = tx
                .query_row(
                    "SELECT superseded_by FROM knowledge_items WHERE id = ?1",
                    [old],
                    |row| row.get(0),
                )
                .optional()?;
            match found {
                None => bail!("there is no item {old} to supersede (see `cco knowledge list`)"),
                Some(Some(by)) => bail!("item {old} is already superseded by item {by}"),
                Some(None) => {}
            }
        }
        tx.execute(
            "INSERT INTO knowledge_items
                 (project, kind, text, source, session_id, created_ms, content_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                new.project,
                new.kind.as_str(),
                text,
                new.source.as_str(),
                new.session_id,
                created_ms,
                content_hash(text)
            ],
        )?;
        let id = tx.last_insert_rowid();
        if let Some(old) = new.supersedes {
            tx.execute(
                "UPDATE knowledge_items SET superseded_by = ?1 WHERE id = ?2",
                [id, old],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    pub fn get(&self, id: i64) -> Result<Option<Item>> {
        let sql = format!("SELECT {COLUMNS} FROM knowledge_items WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], item_from_row).optional()?)
    }

    /// Items by id, in the order asked (ids not found are left out).
    pub fn items(&self, ids: &[i64]) -> Result<Vec<Item>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM knowledge_items WHERE id = ?1"
        ))?;
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(item) = statement.query_row([id], item_from_row).optional()? {
                items.push(item);
            }
        }
        Ok(items)
    }

    /// The newest items first.
    pub fn latest(&self, filter: &Filter, limit: usize) -> Result<Vec<Item>> {
        let (condition, values) = filter_sql(filter, "", 0);
        let sql = format!(
            "SELECT {COLUMNS} FROM knowledge_items WHERE {condition}
             ORDER BY created_ms DESC, id DESC LIMIT {limit}"
        );
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), item_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every item in id order, for export.
    pub fn all(&self) -> Result<Vec<Item>> {
        let sql = format!("SELECT {COLUMNS} FROM knowledge_items ORDER BY id");
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([], item_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// BM25 matches for the query's words, best first, with positive scores.
    pub fn lexical(&self, query: &str, filter: &Filter, limit: usize) -> Result<Vec<(i64, f64)>> {
        let Some(matching) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let (condition, mut values) = filter_sql(filter, "i.", 1);
        values.insert(0, matching);
        let sql = format!(
            "SELECT i.id, -bm25(knowledge_fts) AS score
             FROM knowledge_fts JOIN knowledge_items i ON i.id = knowledge_fts.rowid
             WHERE knowledge_fts MATCH ?1 AND {condition}
             ORDER BY bm25(knowledge_fts) LIMIT {limit}"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Ids of the items a filter lets through (for filtering vector search).
    pub fn ids(&self, filter: &Filter) -> Result<Vec<i64>> {
        let (condition, values) = filter_sql(filter, "", 0);
        let sql = format!("SELECT id FROM knowledge_items WHERE {condition}");
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn count(&self, filter: &Filter) -> Result<usize> {
        let (condition, values) = filter_sql(filter, "", 0);
        let sql = format!("SELECT count(*) FROM knowledge_items WHERE {condition}");
        let count: i64 = self
            .conn
            .query_row(&sql, rusqlite::params_from_iter(values), |row| row.get(0))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// Items per kind, every item counted.
    pub fn count_by_kind(&self) -> Result<Vec<(String, usize)>> {
        let mut statement = self
            .conn
            .prepare("SELECT kind, count(*) FROM knowledge_items GROUP BY kind ORDER BY kind")?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get(0)?,
                usize::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks an item superseded by another (used when a session's new checkpoint replaces
    /// its previous one).
    pub fn retire(&self, old: i64, by: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE knowledge_items SET superseded_by = ?1 WHERE id = ?2 AND superseded_by IS NULL",
            [by, old],
        )?;
        Ok(())
    }

    /// The live item of a kind a session stored last.
    pub fn session_item(&self, session_id: &str, kind: Kind) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM knowledge_items
                 WHERE session_id = ?1 AND kind = ?2 AND superseded_by IS NULL
                 ORDER BY id DESC LIMIT 1",
                params![session_id, kind.as_str()],
                |row| row.get(0),
            )
            .optional()?)
    }
}

impl Store {
    /// Notes what a SessionStart received.
    pub fn record_injection(&self, injection: &super::Injection) -> Result<()> {
        self.conn.execute(
            "INSERT INTO knowledge_injections
                 (at_ms, session_id, project, source, items, chars, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                injection.at_ms,
                injection.session_id,
                injection.project,
                injection.source,
                injection.items as i64,
                injection.chars as i64,
                injection.text
            ],
        )?;
        Ok(())
    }

    pub fn last_injection(&self) -> Result<Option<super::Injection>> {
        Ok(self
            .conn
            .query_row(
                "SELECT at_ms, session_id, project, source, items, chars, text
                 FROM knowledge_injections ORDER BY id DESC LIMIT 1",
                [],
                |row| {
                    Ok(super::Injection {
                        at_ms: row.get(0)?,
                        session_id: row.get(1)?,
                        project: row.get(2)?,
                        source: row.get(3)?,
                        items: usize::try_from(row.get::<_, i64>(4)?).unwrap_or(0),
                        chars: usize::try_from(row.get::<_, i64>(5)?).unwrap_or(0),
                        text: row.get(6)?,
                    })
                },
            )
            .optional()?)
    }
}

/// Reads an item row; a kind or source this cco does not know reads as a note from the CLI
/// rather than hiding the row.
fn item_from_row(row: &Row<'_>) -> rusqlite::Result<Item> {
    let kind: String = row.get(2)?;
    let source: String = row.get(4)?;
    Ok(Item {
        id: row.get(0)?,
        project: row.get(1)?,
        kind: Kind::parse(&kind).unwrap_or(Kind::Note),
        text: row.get(3)?,
        source: Source::parse(&source).unwrap_or(Source::Cli),
        session_id: row.get(5)?,
        created_ms: row.get(6)?,
        superseded_by: row.get(7)?,
    })
}

/// A WHERE condition for the filter, with its values in order.
/// `taken` is how many numbered parameters come before the filter's.
fn filter_sql(filter: &Filter, prefix: &str, taken: usize) -> (String, Vec<String>) {
    let mut parts = vec!["1".to_string()];
    let mut values = Vec::new();
    if let Some(project) = &filter.project {
        values.push(project.clone());
        parts.push(format!("{prefix}project = ?{}", taken + values.len()));
    }
    if let Some(kind) = filter.kind {
        values.push(kind.as_str().to_string());
        parts.push(format!("{prefix}kind = ?{}", taken + values.len()));
    }
    if !filter.include_superseded {
        parts.push(format!("{prefix}superseded_by IS NULL"));
    }
    (parts.join(" AND "), values)
}

/// The query's words, lowercased, stopwords dropped.
pub fn query_words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .filter(|word| !STOPWORDS.contains(&word.as_str()))
        .collect()
}

/// An FTS5 query matching any of the words, each quoted so no word is read as syntax.
fn fts_query(query: &str) -> Option<String> {
    let words = query_words(query);
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|word| format!("\"{word}\""))
            .collect::<Vec<_>>()
            .join(" OR ")
    })
}

/// Fails with a clear message when the store has no item with this id.
pub fn require(store: &Store, id: i64) -> Result<Item> {
    store
        .get(id)?
        .with_context(|| format!("there is no knowledge item {id} (see `cco knowledge list`)"))
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
