//! The knowledge base as a long-lived service for `cco mcp`: opened on first use (the model
//! loads once), scoped to the session's project, used from blocking tasks.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::{anyhow, bail, Result};

use super::{Filter, Hit, Kind, Knowledge, KnowledgeSettings, NewItem, Source, Stored};
use crate::db::now_ms;

/// The most results one search returns.
const MAX_RESULTS: usize = 50;

#[derive(Clone)]
pub struct SharedKnowledge {
    data_dir: PathBuf,
    settings: KnowledgeSettings,
    /// The project of the folder the session runs in.
    pub project: String,
    session_id: Option<String>,
    opened: Arc<Mutex<Option<Knowledge>>>,
}

impl std::fmt::Debug for SharedKnowledge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedKnowledge")
            .field("data_dir", &self.data_dir)
            .field("project", &self.project)
            .finish_non_exhaustive()
    }
}

impl SharedKnowledge {
    pub fn new(
        data_dir: PathBuf,
        settings: KnowledgeSettings,
        project: String,
        session_id: Option<String>,
    ) -> SharedKnowledge {
        SharedKnowledge {
            data_dir,
            settings,
            project,
            session_id,
            opened: Arc::new(Mutex::new(None)),
        }
    }

    fn with<T>(&self, work: impl FnOnce(&mut Knowledge) -> Result<T>) -> Result<T> {
        let mut opened = self
            .opened
            .lock()
            .map_err(|_| anyhow!("the knowledge base failed in an earlier call"))?;
        if opened.is_none() {
            let mut knowledge = Knowledge::open(&self.data_dir, &self.settings)?;
            knowledge.catch_up(64)?;
            *opened = Some(knowledge);
        }
        match opened.as_mut() {
            Some(knowledge) => work(knowledge),
            None => bail!("the knowledge base could not be opened"),
        }
    }

    /// Searches this project (or every project).
    pub fn search(
        &self,
        query: &str,
        limit: usize,
        kind: Option<Kind>,
        all_projects: bool,
    ) -> Result<Vec<Hit>> {
        let filter = Filter {
            project: (!all_projects).then(|| self.project.clone()),
            kind,
            include_superseded: false,
        };
        self.with(|knowledge| knowledge.search(query, &filter, limit.clamp(1, MAX_RESULTS)))
    }

    /// Stores an item for this project and session.
    pub fn store(&self, text: &str, kind: Kind, supersedes: Option<i64>) -> Result<Stored> {
        let new = NewItem {
            project: self.project.clone(),
            kind,
            text: text.to_string(),
            source: Source::Mcp,
            session_id: self.session_id.clone(),
            supersedes,
        };
        self.with(|knowledge| knowledge.add(&new, false, now_ms()))
    }

    /// Why search is lexical only, if it is.
    pub fn semantic_off(&self) -> Result<Option<String>> {
        self.with(|knowledge| Ok(knowledge.semantic_off().map(str::to_string)))
    }
}
