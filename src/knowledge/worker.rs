//! The knowledge panel's worker: a thread of its own that owns the knowledge base (opened by
//! the first job, which may load the embedding model) and answers the panel's searches, stores
//! and stats, so no query embedding or model loading ever runs on the UI thread.

use std::path::PathBuf;
use std::sync::mpsc;

use anyhow::Result;

use super::{project, Filter, Item, Kind, Knowledge, KnowledgeSettings, NewItem, Source, Stored};
use crate::db::now_ms;

/// How many items a search, or the newest-first list, brings back.
pub const RESULTS: usize = 50;

/// Items embedded per batch when the panel opens (hooks store items without a vector).
const CATCH_UP_BATCH: usize = 64;

/// Which project a new item belongs to.
#[derive(Clone, Debug, PartialEq)]
pub enum ProjectOf {
    /// This project key: an item that supersedes another stays in that one's project.
    Key(String),
    /// The project of this folder, found by `project::identify`.
    Folder(PathBuf),
}

/// An item written in the panel, to store.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub kind: Kind,
    pub text: String,
    pub project: ProjectOf,
    pub supersedes: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Job {
    /// The best items for `query`, or the newest when it is blank. `asked` numbers the
    /// question, so the panel can drop answers to a query it no longer shows.
    Search {
        asked: u64,
        query: String,
    },
    /// Embeds what was stored without a vector, then sends the stats.
    CatchUp,
    Stats,
    Add(Draft),
    /// The project key of a folder, for the editor to show where a new item goes.
    Identify(PathBuf),
}

/// What the worker sends back.
#[derive(Clone, Debug, PartialEq)]
pub enum News {
    Results {
        asked: u64,
        items: Vec<Item>,
    },
    Stored {
        outcome: Stored,
        project: String,
    },
    Stats(Box<super::Stats>),
    /// Items that had no vector and now have one.
    Embedded(usize),
    Project {
        folder: PathBuf,
        key: String,
    },
    Failed(String),
}

/// Starts the worker; it stops when the returned sender is dropped or `send` fails.
pub fn spawn(
    data_dir: PathBuf,
    settings: KnowledgeSettings,
    send: impl Fn(News) -> bool + Send + 'static,
) -> mpsc::Sender<Job> {
    let (jobs, inbox) = mpsc::channel::<Job>();
    let spawned = std::thread::Builder::new()
        .name("knowledge".into())
        .spawn(move || {
            let mut knowledge: Option<Knowledge> = None;
            while let Ok(first) = inbox.recv() {
                let mut waiting = vec![first];
                waiting.extend(inbox.try_iter());
                for job in without_stale_searches(waiting) {
                    if knowledge.is_none() {
                        match Knowledge::open(&data_dir, &settings) {
                            Ok(opened) => knowledge = Some(opened),
                            Err(error) => {
                                if !send(News::Failed(format!("knowledge: {error:#}"))) {
                                    return;
                                }
                                continue;
                            }
                        }
                    }
                    let Some(knowledge) = knowledge.as_mut() else {
                        continue;
                    };
                    for news in run(knowledge, job) {
                        if !send(news) {
                            return;
                        }
                    }
                }
            }
        });
    if let Err(error) = spawned {
        tracing::warn!("the knowledge worker did not start: {error}");
    }
    jobs
}

/// Jobs in the order they came, with every search but the last left out: while one search
/// embeds its query the person types on, and only the newest query is still on screen.
pub fn without_stale_searches(jobs: Vec<Job>) -> Vec<Job> {
    let last_search = jobs
        .iter()
        .rposition(|job| matches!(job, Job::Search { .. }));
    jobs.into_iter()
        .enumerate()
        .filter(|(index, job)| !matches!(job, Job::Search { .. }) || Some(*index) == last_search)
        .map(|(_, job)| job)
        .collect()
}

/// Carries out one job; what fails is sent back as `News::Failed`.
pub fn run(knowledge: &mut Knowledge, job: Job) -> Vec<News> {
    let outcome = match job {
        Job::Search { asked, query } => {
            search(knowledge, &query).map(|items| vec![News::Results { asked, items }])
        }
        Job::CatchUp => knowledge.catch_up(CATCH_UP_BATCH).and_then(|embedded| {
            let mut news = Vec::new();
            if embedded > 0 {
                news.push(News::Embedded(embedded));
            }
            news.push(News::Stats(Box::new(knowledge.stats()?)));
            Ok(news)
        }),
        Job::Stats => knowledge
            .stats()
            .map(|stats| vec![News::Stats(Box::new(stats))]),
        Job::Add(draft) => add(knowledge, draft),
        Job::Identify(folder) => {
            let key = project::identify(&folder);
            Ok(vec![News::Project { folder, key }])
        }
    };
    outcome.unwrap_or_else(|error| vec![News::Failed(format!("{error:#}"))])
}

fn search(knowledge: &mut Knowledge, query: &str) -> Result<Vec<Item>> {
    let live = Filter::default();
    if query.trim().is_empty() {
        return knowledge.store().latest(&live, RESULTS);
    }
    let hits = knowledge.search(query, &live, RESULTS)?;
    Ok(hits.into_iter().map(|hit| hit.item).collect())
}

fn add(knowledge: &mut Knowledge, draft: Draft) -> Result<Vec<News>> {
    let project = match draft.project {
        ProjectOf::Key(key) => key,
        ProjectOf::Folder(folder) => project::identify(&folder),
    };
    let new = NewItem {
        project: project.clone(),
        kind: draft.kind,
        text: draft.text,
        source: Source::Tui,
        session_id: None,
        supersedes: draft.supersedes,
    };
    let outcome = knowledge.add(&new, false, now_ms())?;
    Ok(vec![
        News::Stored { outcome, project },
        News::Stats(Box::new(knowledge.stats()?)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(asked: u64) -> Job {
        Job::Search {
            asked,
            query: format!("q{asked}"),
        }
    }

    #[test]
    fn only_the_newest_search_of_a_batch_runs_and_other_jobs_keep_their_order() {
        let jobs = vec![search(1), Job::CatchUp, search(2), Job::Stats, search(3)];
        assert_eq!(
            without_stale_searches(jobs),
            vec![Job::CatchUp, Job::Stats, search(3)]
        );
        assert_eq!(without_stale_searches(vec![Job::Stats]), vec![Job::Stats]);
    }

    fn draft(text: &str, supersedes: Option<i64>) -> Draft {
        Draft {
            kind: Kind::Fact,
            text: text.into(),
            project: ProjectOf::Key("acme/widgets".into()),
            supersedes,
        }
    }

    fn stored(news: &[News]) -> Stored {
        match news.first() {
            Some(News::Stored { outcome, .. }) => outcome.clone(),
            other => panic!("not a store: {other:?}"),
        }
    }

    fn results(news: Vec<News>) -> (u64, Vec<String>) {
        match news.as_slice() {
            [News::Results { asked, items }] => {
                (*asked, items.iter().map(|i| i.text.clone()).collect())
            }
            other => panic!("not results: {other:?}"),
        }
    }

    #[test]
    fn stores_from_the_panel_search_and_leave_superseded_items_out() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut knowledge = Knowledge::open_lexical(dir.path()).expect("open");
        let first = run(
            &mut knowledge,
            Job::Add(draft("the release checklist is in docs", None)),
        );
        let Stored::New { id } = stored(&first) else {
            panic!("{first:?}");
        };
        assert!(matches!(first.get(1), Some(News::Stats(stats)) if stats.live == 1));
        let again = run(
            &mut knowledge,
            Job::Add(draft("the release checklist is in docs", None)),
        );
        assert_eq!(stored(&again), Stored::Duplicate { id });
        let item = knowledge.store().get(id).expect("get").expect("stored");
        assert_eq!(
            (item.source, item.kind, item.project.as_str()),
            (Source::Tui, Kind::Fact, "acme/widgets")
        );

        let newer = draft("the release checklist moved to RELEASING.md", Some(id));
        let Stored::New { id: newer_id } = stored(&run(&mut knowledge, Job::Add(newer))) else {
            panic!("not stored");
        };
        assert_ne!(newer_id, id);
        let asked = Job::Search {
            asked: 7,
            query: "release checklist".into(),
        };
        assert_eq!(
            results(run(&mut knowledge, asked)),
            (
                7,
                vec!["the release checklist moved to RELEASING.md".into()]
            )
        );
        let newest = Job::Search {
            asked: 8,
            query: " ".into(),
        };
        assert_eq!(results(run(&mut knowledge, newest)).1.len(), 1);
    }

    #[test]
    fn a_failure_is_news_not_a_panic() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut knowledge = Knowledge::open_lexical(dir.path()).expect("open");
        let news = run(&mut knowledge, Job::Add(draft("fixes it", Some(404))));
        assert!(
            matches!(news.as_slice(), [News::Failed(text)] if text.contains("no item 404")),
            "{news:?}"
        );
        let news = run(&mut knowledge, Job::Add(draft("   ", None)));
        assert!(matches!(news.as_slice(), [News::Failed(_)]), "{news:?}");
    }
}
