//! The knowledge base: items in SQLite with BM25 search, embeddings and a vector index for
//! semantic search when a local model is configured, hybrid ranking of the two, checkpoints
//! captured from transcripts and briefs injected into new sessions.

mod checkpoint;
pub mod embed;
pub mod item;
pub mod project;
pub mod rank;
mod report;
pub mod session;
pub mod shared;
pub mod store;
pub mod transfer;
pub mod vectors;
pub mod worker;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::Result;
use serde::Serialize;

pub use checkpoint::Checkpoint;
pub use embed::{KnowledgeSettings, ModelPaths};
pub use item::{Filter, Item, Kind, NewItem, Source, Stored};
use rank::{Fusion, Scores};
pub use report::{describe_drift, describe_stats};
use store::Store;
use vectors::{Drift, VectorIndex};

/// Cosine similarity from which a new item is a near duplicate of a stored one, unless
/// config.toml says otherwise.
pub const NEAR_DUPLICATE: f32 = 0.95;

/// A search result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    #[serde(flatten)]
    pub item: Item,
    pub score: f64,
    /// The BM25 score, when the words matched.
    pub lexical: Option<f64>,
    /// The cosine similarity, when semantic search is on.
    pub similarity: Option<f32>,
}

/// Whether semantic search runs, and why not.
pub enum Semantic {
    On {
        embedder: Box<embed::Embedder>,
        index: VectorIndex,
    },
    Off {
        reason: String,
    },
}

/// The knowledge base of one data dir.
pub struct Knowledge {
    store: Store,
    semantic: Semantic,
    near_duplicate: f32,
    /// The last query and its embedding: a search box re-asks the same query as it refines
    /// filters, and an evaluation asks it once per blend.
    last_query: Option<(String, Vec<f32>)>,
}

/// Figures for `stats` and the panel.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    pub items: usize,
    pub live: usize,
    pub superseded: usize,
    pub by_type: Vec<(String, usize)>,
    /// `None` when semantic search is off.
    pub drift: Option<Drift>,
    pub semantic_off: Option<String>,
    pub last_injection: Option<Injection>,
}

/// What a SessionStart received.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Injection {
    pub at_ms: i64,
    pub session_id: Option<String>,
    pub project: String,
    pub source: String,
    pub items: usize,
    pub chars: usize,
    /// The brief itself.
    pub text: String,
}

impl Knowledge {
    /// Opens the store with semantic search when the model loads; otherwise lexical only, the
    /// reason kept for `stats` and the panel.
    pub fn open(data_dir: &Path, settings: &KnowledgeSettings) -> Result<Knowledge> {
        let store = Store::open(data_dir)?;
        let semantic = match embed::Embedder::load(&ModelPaths::resolve(settings, data_dir)) {
            Ok(embedder) => {
                let path = VectorIndex::path(data_dir);
                let index = VectorIndex::open(&path, store.conn(), embedder.model_name())?;
                Semantic::On {
                    embedder: Box::new(embedder),
                    index,
                }
            }
            Err(error) => Semantic::Off {
                reason: format!(
                    "semantic search is off: {error:#}; {}",
                    embed::HOW_TO_ENABLE
                ),
            },
        };
        Ok(Knowledge {
            store,
            semantic,
            near_duplicate: settings.near_duplicate.unwrap_or(NEAR_DUPLICATE),
            last_query: None,
        })
    }

    /// Lexical only, no model loaded: what hooks use, where every millisecond counts.
    pub fn open_lexical(data_dir: &Path) -> Result<Knowledge> {
        Ok(Knowledge {
            store: Store::open(data_dir)?,
            semantic: Semantic::Off {
                reason: "semantic search is not loaded here".into(),
            },
            near_duplicate: NEAR_DUPLICATE,
            last_query: None,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The embedding model's name, when semantic search is on.
    pub fn model_name(&self) -> Option<&str> {
        match &self.semantic {
            Semantic::On { embedder, .. } => Some(embedder.model_name()),
            Semantic::Off { .. } => None,
        }
    }

    pub fn semantic_off(&self) -> Option<&str> {
        match &self.semantic {
            Semantic::On { .. } => None,
            Semantic::Off { reason } => Some(reason),
        }
    }

    /// Stores an item unless the project already has the same text (or, with semantic search
    /// on and `allow_near` false, nearly the same meaning). `now_ms` is its creation time.
    pub fn add(&mut self, new: &NewItem, allow_near: bool, now_ms: i64) -> Result<Stored> {
        if let Some(id) = self.store.find_exact(&new.project, &new.text)? {
            return Ok(Stored::Duplicate { id });
        }
        let vector = match &mut self.semantic {
            Semantic::On { embedder, .. } => Some(embedder.embed_one(&new.text)?),
            Semantic::Off { .. } => None,
        };
        if let (Some(vector), false, Semantic::On { index, .. }) =
            (&vector, allow_near, &self.semantic)
        {
            let filter = Filter {
                project: Some(new.project.clone()),
                ..Filter::default()
            };
            let allowed: HashSet<i64> = self.store.ids(&filter)?.into_iter().collect();
            let nearest = index.search(vector, 1, Some(&allowed))?;
            if let Some(&(id, similarity)) = nearest.first() {
                if similarity >= self.near_duplicate && Some(id) != new.supersedes {
                    return Ok(Stored::NearDuplicate { id, similarity });
                }
            }
        }
        let id = self.store.insert(new, now_ms)?;
        if let (Some(vector), Semantic::On { embedder, index }) = (vector, &mut self.semantic) {
            vectors::put(self.store.conn(), id, embedder.model_name(), &vector)?;
            index.add(id, &vector)?;
            index.save()?;
        }
        Ok(Stored::New { id })
    }

    /// The best items for a query: hybrid when semantic search is on, else BM25.
    pub fn search(&mut self, query: &str, filter: &Filter, limit: usize) -> Result<Vec<Hit>> {
        self.search_with(query, filter, limit, rank::FUSION)
    }

    /// Search with a given blend (the evaluation tunes it).
    pub fn search_with(
        &mut self,
        query: &str,
        filter: &Filter,
        limit: usize,
        fusion: Fusion,
    ) -> Result<Vec<Hit>> {
        let depth = fusion.depth.max(limit);
        let mut candidates: HashMap<i64, Scores> = HashMap::new();
        for (id, score) in self.store.lexical(query, filter, depth)? {
            candidates.entry(id).or_default().lexical = Some(score);
        }
        if let Semantic::On { embedder, index } = &mut self.semantic {
            let query_vector = match self.last_query.take() {
                Some((asked, vector)) if asked == query => vector,
                _ => embedder.embed_one(query)?,
            };
            // Superseded items are few: they are dropped after ranking rather than listing
            // every live id before the search.
            let restricted = filter.project.is_some() || filter.kind.is_some();
            let allowed: Option<HashSet<i64>> = restricted
                .then(|| self.store.ids(filter))
                .transpose()?
                .map(|ids| ids.into_iter().collect());
            for (id, similarity) in index.search(&query_vector, depth, allowed.as_ref())? {
                candidates.entry(id).or_default().vector = Some(similarity);
            }
            let model = embedder.model_name().to_string();
            for (id, scores) in candidates.iter_mut().filter(|(_, s)| s.vector.is_none()) {
                if let Some(vector) = vectors::get(self.store.conn(), *id, &model)? {
                    scores.vector = Some(embed::dot(&query_vector, &vector));
                }
            }
            self.last_query = Some((query.to_string(), query_vector));
        }
        let fusion = match self.semantic {
            Semantic::On { .. } => fusion,
            Semantic::Off { .. } => Fusion {
                vector_weight: 0.0,
                ..fusion
            },
        };
        let ranked = rank::fuse(&candidates, fusion);
        let ids: Vec<i64> = ranked.iter().map(|(id, _)| *id).collect();
        let blended: HashMap<i64, f64> = ranked.into_iter().collect();
        Ok(self
            .store
            .items(&ids)?
            .into_iter()
            .filter(|item| filter.include_superseded || item.superseded_by.is_none())
            .take(limit)
            .map(|item| {
                let scores = candidates.get(&item.id).copied().unwrap_or_default();
                Hit {
                    score: blended.get(&item.id).copied().unwrap_or_default(),
                    item,
                    lexical: scores.lexical,
                    similarity: scores.vector,
                }
            })
            .collect())
    }

    /// Embeds items stored without a vector (by hooks, imports or while the model was off) and
    /// brings the index in step. Returns how many items were embedded.
    pub fn catch_up(&mut self, batch: usize) -> Result<usize> {
        let Semantic::On { embedder, index } = &mut self.semantic else {
            return Ok(0);
        };
        let model = embedder.model_name().to_string();
        let mut embedded = 0;
        loop {
            let pending = vectors::unembedded(self.store.conn(), &model, batch.max(1))?;
            if pending.is_empty() {
                break;
            }
            let texts: Vec<&str> = pending.iter().map(|(_, text)| text.as_str()).collect();
            let embeddings = embedder.embed(&texts)?;
            let tx = self.store.conn().unchecked_transaction()?;
            for ((id, _), vector) in pending.iter().zip(&embeddings) {
                vectors::put(&tx, *id, &model, vector)?;
            }
            tx.commit()?;
            embedded += pending.len();
        }
        index.catch_up(self.store.conn(), &model)?;
        Ok(embedded)
    }

    /// SQLite against the index file (`None` when semantic search is off).
    pub fn verify(&self) -> Result<Option<Drift>> {
        match &self.semantic {
            Semantic::On { embedder, index } => {
                Ok(Some(index.drift(self.store.conn(), embedder.model_name())?))
            }
            Semantic::Off { .. } => Ok(None),
        }
    }

    /// Embeds what lacks a vector and rebuilds the index from SQLite.
    pub fn repair(&mut self, data_dir: &Path) -> Result<Option<Drift>> {
        self.catch_up(64)?;
        if let Semantic::On { embedder, index } = &mut self.semantic {
            *index = VectorIndex::rebuild(
                &VectorIndex::path(data_dir),
                self.store.conn(),
                embedder.model_name(),
            )?;
        }
        self.verify()
    }

    pub fn stats(&self) -> Result<Stats> {
        let items = self.store.count(&Filter {
            include_superseded: true,
            ..Filter::default()
        })?;
        let live = self.store.count(&Filter::default())?;
        Ok(Stats {
            items,
            live,
            superseded: items - live.min(items),
            by_type: self.store.count_by_kind()?,
            drift: self.verify()?,
            semantic_off: self.semantic_off().map(str::to_string),
            last_injection: self.store.last_injection()?,
        })
    }
}
