//! The vector side: embeddings kept in SQLite beside their items, and the usearch index file
//! derived from them (HNSW, cosine), checked against SQLite and rebuilt when they drift.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context as _, Result};
use rusqlite::{params, Connection};
use serde::Serialize;
use usearch::{Index, IndexOptions, MetricKind, ScalarKind};

use super::embed::{from_blob, to_blob};

/// all-MiniLM-L6-v2's width.
pub const DIMENSIONS: usize = 384;

/// How SQLite and the index file compare.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Drift {
    /// Items in SQLite.
    pub items: usize,
    /// Items with an embedding of the current model in SQLite.
    pub embedded: usize,
    /// Vectors in the index file.
    pub indexed: usize,
    /// Embedded items the index lacks.
    pub missing_from_index: Vec<i64>,
    /// Index entries SQLite has no embedding for.
    pub extra_in_index: usize,
}

impl Drift {
    pub fn in_sync(&self) -> bool {
        self.missing_from_index.is_empty() && self.extra_in_index == 0
    }

    /// Items without an embedding yet.
    pub fn unembedded(&self) -> usize {
        self.items.saturating_sub(self.embedded)
    }
}

/// The usearch index of one data dir.
pub struct VectorIndex {
    index: Index,
    path: PathBuf,
}

fn new_index(capacity: usize) -> Result<Index> {
    let options = IndexOptions {
        dimensions: DIMENSIONS,
        metric: MetricKind::Cos,
        quantization: ScalarKind::F32,
        connectivity: 0,
        expansion_add: 0,
        expansion_search: 0,
        multi: false,
    };
    let index = Index::new(&options).map_err(|error| anyhow!("creating the index: {error}"))?;
    index
        .reserve(capacity.max(16))
        .map_err(|error| anyhow!("reserving the index: {error}"))?;
    Ok(index)
}

impl VectorIndex {
    /// The index file in the data dir.
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join("knowledge.usearch")
    }

    /// Loads the index file, or builds it from SQLite when it is missing or unreadable.
    pub fn open(path: &Path, conn: &Connection, model: &str) -> Result<VectorIndex> {
        let index = new_index(0)?;
        let loaded = path.is_file() && index.load(&path.to_string_lossy()).is_ok();
        if !loaded || index.dimensions() != DIMENSIONS {
            return VectorIndex::rebuild(path, conn, model);
        }
        Ok(VectorIndex {
            index,
            path: path.to_path_buf(),
        })
    }

    /// Builds the index anew from the embeddings in SQLite and saves it.
    pub fn rebuild(path: &Path, conn: &Connection, model: &str) -> Result<VectorIndex> {
        let count = embedded_count(conn, model)?;
        let index = new_index(count)?;
        let mut statement =
            conn.prepare("SELECT item_id, vector FROM knowledge_vectors WHERE model = ?1")?;
        let mut rows = statement.query([model])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let vector = from_blob(&row.get::<_, Vec<u8>>(1)?);
            add_to(&index, id, &vector)?;
        }
        let built = VectorIndex {
            index,
            path: path.to_path_buf(),
        };
        built.save()?;
        Ok(built)
    }

    /// Writes the index next to its file and renames it over, so a reader never sees half.
    pub fn save(&self) -> Result<()> {
        let temporary = self.path.with_extension("usearch.tmp");
        self.index
            .save(&temporary.to_string_lossy())
            .map_err(|error| anyhow!("saving {}: {error}", temporary.display()))?;
        std::fs::rename(&temporary, &self.path)
            .with_context(|| format!("replacing {}", self.path.display()))
    }

    pub fn add(&self, id: i64, vector: &[f32]) -> Result<()> {
        add_to(&self.index, id, vector)
    }

    pub fn len(&self) -> usize {
        self.index.size()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The nearest items with their cosine similarity, best first; `allowed` limits the
    /// search to those ids.
    pub fn search(
        &self,
        query: &[f32],
        limit: usize,
        allowed: Option<&HashSet<i64>>,
    ) -> Result<Vec<(i64, f32)>> {
        if self.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let matches = match allowed {
            None => self.index.search(query, limit),
            Some(allowed) => self.index.filtered_search(query, limit, |key| {
                i64::try_from(key).is_ok_and(|id| allowed.contains(&id))
            }),
        }
        .map_err(|error| anyhow!("vector search failed: {error}"))?;
        Ok(matches
            .keys
            .iter()
            .zip(&matches.distances)
            .filter_map(|(key, distance)| Some((i64::try_from(*key).ok()?, 1.0 - distance)))
            .collect())
    }

    /// Compares the index with the embeddings in SQLite.
    pub fn drift(&self, conn: &Connection, model: &str) -> Result<Drift> {
        let ids = embedded_ids(conn, model)?;
        let missing_from_index: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| u64::try_from(*id).map_or(true, |key| !self.index.contains(key)))
            .collect();
        let present = ids.len() - missing_from_index.len();
        Ok(Drift {
            items: item_count(conn)?,
            embedded: ids.len(),
            indexed: self.len(),
            missing_from_index,
            extra_in_index: self.len().saturating_sub(present),
        })
    }

    /// Brings the index in step with SQLite: adds what it lacks, rebuilds when it holds
    /// entries SQLite no longer has. Returns whether anything changed.
    pub fn catch_up(&mut self, conn: &Connection, model: &str) -> Result<bool> {
        let drift = self.drift(conn, model)?;
        if drift.in_sync() {
            return Ok(false);
        }
        if drift.extra_in_index > 0 {
            *self = VectorIndex::rebuild(&self.path, conn, model)?;
            return Ok(true);
        }
        self.index
            .reserve(drift.embedded)
            .map_err(|error| anyhow!("reserving the index: {error}"))?;
        let mut statement = conn.prepare_cached(
            "SELECT vector FROM knowledge_vectors WHERE item_id = ?1 AND model = ?2",
        )?;
        for id in &drift.missing_from_index {
            let blob: Vec<u8> = statement.query_row(params![id, model], |row| row.get(0))?;
            self.add(*id, &from_blob(&blob))?;
        }
        self.save()?;
        Ok(true)
    }
}

fn add_to(index: &Index, id: i64, vector: &[f32]) -> Result<()> {
    let key = u64::try_from(id).context("item ids are positive")?;
    if index.size() + 1 > index.capacity() {
        index
            .reserve((index.capacity() * 2).max(64))
            .map_err(|error| anyhow!("growing the index: {error}"))?;
    }
    if index.contains(key) {
        index
            .remove(key)
            .map_err(|error| anyhow!("replacing vector {id}: {error}"))?;
    }
    index
        .add(key, vector)
        .map_err(|error| anyhow!("adding vector {id}: {error}"))
}

/// Stores an item's embedding in SQLite (the index is derived from these).
pub fn put(conn: &Connection, id: i64, model: &str, vector: &[f32]) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO knowledge_vectors (item_id, model, vector) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id, model, to_blob(vector)])?;
    Ok(())
}

/// Items without an embedding of this model, oldest first, with their text.
pub fn unembedded(conn: &Connection, model: &str, limit: usize) -> Result<Vec<(i64, String)>> {
    let mut statement = conn.prepare_cached(
        "SELECT i.id, i.text FROM knowledge_items i
         LEFT JOIN knowledge_vectors v ON v.item_id = i.id AND v.model = ?1
         WHERE v.item_id IS NULL ORDER BY i.id LIMIT ?2",
    )?;
    let rows = statement.query_map(params![model, limit as i64], |row| {
        Ok((row.get(0)?, row.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An item's stored embedding.
pub fn get(conn: &Connection, id: i64, model: &str) -> Result<Option<Vec<f32>>> {
    use rusqlite::OptionalExtension as _;
    let blob: Option<Vec<u8>> = conn
        .query_row(
            "SELECT vector FROM knowledge_vectors WHERE item_id = ?1 AND model = ?2",
            params![id, model],
            |row| row.get(0),
        )
        .optional()?;
    Ok(blob.map(|blob| from_blob(&blob)))
}

fn embedded_ids(conn: &Connection, model: &str) -> Result<Vec<i64>> {
    let mut statement = conn.prepare("SELECT item_id FROM knowledge_vectors WHERE model = ?1")?;
    let rows = statement.query_map([model], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn embedded_count(conn: &Connection, model: &str) -> Result<usize> {
    let count: i64 = conn.query_row(
        "SELECT count(*) FROM knowledge_vectors WHERE model = ?1",
        [model],
        |row| row.get(0),
    )?;
    Ok(usize::try_from(count).unwrap_or(0))
}

fn item_count(conn: &Connection) -> Result<usize> {
    let count: i64 =
        conn.query_row("SELECT count(*) FROM knowledge_items", [], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
}
