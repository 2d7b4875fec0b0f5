//! Retrieval quality of `cco knowledge search` on a conversational-memory set: each
//! conversation's turns are stored as one project, each query searched within its own
//! project. BM25, vectors and the hybrid blend are measured on the development split, the
//! blend weight is chosen there, and all three are reported on the held-out test split.
//!
//! The set lives outside the project (it may not be shipped): point `CCO_KNOWLEDGE_EVAL` at
//! the folder holding `corpus.jsonl` and `queries.jsonl`. The model comes from
//! `ORT_DYLIB_PATH` and `CCO_KNOWLEDGE_MODEL`, as for cco.

// The evaluation prints tables only; it starts no binary.
#[allow(dead_code)]
mod support;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use cco::knowledge::rank::{Fusion, FUSION};
use cco::knowledge::{transfer, Filter, Item, Kind, Knowledge, KnowledgeSettings, Source};
use serde::Deserialize;

#[derive(Deserialize)]
struct Turn {
    id: String,
    conversation: String,
    text: String,
}

#[derive(Deserialize)]
struct Query {
    conversation: String,
    split: String,
    query: String,
    relevant: Vec<String>,
}

/// Macro-averaged figures over a split's queries.
#[derive(Default, Clone, Copy)]
struct Figures {
    recall_5: f64,
    recall_10: f64,
    ndcg_10: f64,
    mrr_10: f64,
}

fn read_lines<T: for<'de> Deserialize<'de>>(path: PathBuf) -> Result<Vec<T>> {
    let text = std::fs::read_to_string(&path).with_context(|| format!("{}", path.display()))?;
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| Ok(serde_json::from_str(line)?))
        .collect()
}

fn score(ranked: &[i64], relevant: &HashSet<i64>) -> Figures {
    let hits_in = |k: usize| {
        ranked
            .iter()
            .take(k)
            .filter(|id| relevant.contains(id))
            .count()
    };
    let total = relevant.len().max(1) as f64;
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .filter(|(_, id)| relevant.contains(id))
        .map(|(rank, _)| 1.0 / (rank as f64 + 2.0).log2())
        .sum();
    let ideal: f64 = (0..relevant.len().min(10))
        .map(|rank| 1.0 / (rank as f64 + 2.0).log2())
        .sum();
    let first = ranked.iter().take(10).position(|id| relevant.contains(id));
    Figures {
        recall_5: hits_in(5) as f64 / total,
        recall_10: hits_in(10) as f64 / total,
        ndcg_10: if ideal > 0.0 { dcg / ideal } else { 0.0 },
        mrr_10: first.map_or(0.0, |rank| 1.0 / (rank as f64 + 1.0)),
    }
}

struct Eval {
    knowledge: Knowledge,
    queries: Vec<(Query, HashSet<i64>)>,
}

impl Eval {
    fn measure(&mut self, split: &str, fusion: Fusion) -> Result<Figures> {
        let mut sum = Figures::default();
        let mut count = 0.0;
        for (query, relevant) in self.queries.iter().filter(|(q, _)| q.split == split) {
            let filter = Filter {
                project: Some(query.conversation.clone()),
                ..Filter::default()
            };
            let hits = self
                .knowledge
                .search_with(&query.query, &filter, 10, fusion)?;
            let ranked: Vec<i64> = hits.iter().map(|hit| hit.item.id).collect();
            let figures = score(&ranked, relevant);
            sum.recall_5 += figures.recall_5;
            sum.recall_10 += figures.recall_10;
            sum.ndcg_10 += figures.ndcg_10;
            sum.mrr_10 += figures.mrr_10;
            count += 1.0;
        }
        Ok(Figures {
            recall_5: sum.recall_5 / count,
            recall_10: sum.recall_10 / count,
            ndcg_10: sum.ndcg_10 / count,
            mrr_10: sum.mrr_10 / count,
        })
    }
}

impl Eval {
    /// Writes every query's candidates with both scores (JSON lines), for studying blends.
    fn dump(&mut self, path: &std::path::Path) -> Result<()> {
        use std::io::Write as _;
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        let everything = Fusion {
            vector_weight: 0.5,
            ..FUSION
        };
        for (query, relevant) in &self.queries {
            let filter = Filter {
                project: Some(query.conversation.clone()),
                ..Filter::default()
            };
            let hits = self
                .knowledge
                .search_with(&query.query, &filter, 100, everything)?;
            let candidates: Vec<_> = hits
                .iter()
                .map(|hit| (hit.item.id, hit.lexical, hit.similarity))
                .collect();
            let line = serde_json::json!({
                "split": query.split, "relevant": relevant, "candidates": candidates,
            });
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

fn row(label: &str, figures: Figures) -> Vec<String> {
    vec![
        label.to_string(),
        format!("{:.3}", figures.recall_5),
        format!("{:.3}", figures.recall_10),
        format!("{:.3}", figures.ndcg_10),
        format!("{:.3}", figures.mrr_10),
    ]
}

fn main() -> Result<()> {
    let Some(folder) = std::env::var_os("CCO_KNOWLEDGE_EVAL").map(PathBuf::from) else {
        println!("knowledge_eval: set CCO_KNOWLEDGE_EVAL to the retrieval set's folder");
        return Ok(());
    };
    let turns: Vec<Turn> = read_lines(folder.join("corpus.jsonl"))?;
    let queries: Vec<Query> = read_lines(folder.join("queries.jsonl"))?;
    // CCO_KNOWLEDGE_EVAL_DATA keeps the store between runs, so re-tuning skips embedding.
    let temporary = tempfile::tempdir()?;
    let data = std::env::var_os("CCO_KNOWLEDGE_EVAL_DATA")
        .map_or_else(|| temporary.path().to_path_buf(), PathBuf::from);
    let mut knowledge = Knowledge::open(&data, &KnowledgeSettings::default())?;
    if let Some(reason) = knowledge.semantic_off() {
        bail!("{reason}");
    }
    let items: Vec<Item> = turns
        .iter()
        .enumerate()
        .map(|(index, turn)| Item {
            id: index as i64 + 1,
            project: turn.conversation.clone(),
            kind: Kind::Note,
            text: turn.text.clone(),
            source: Source::Cli,
            session_id: None,
            created_ms: 0,
            superseded_by: None,
        })
        .collect();
    let started = std::time::Instant::now();
    transfer::import(&mut knowledge, &items)?;
    let embedded = knowledge.catch_up(64)?;
    println!(
        "stored and embedded {embedded} turns in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    let mut item_of: HashMap<&str, i64> = HashMap::new();
    for turn in &turns {
        let id = knowledge
            .store()
            .find_exact(&turn.conversation, &turn.text)?;
        item_of.insert(&turn.id, id.context("a stored turn")?);
    }
    let queries = queries
        .into_iter()
        .map(|query| {
            let relevant = query
                .relevant
                .iter()
                .filter_map(|id| item_of.get(id.as_str()).copied())
                .collect();
            (query, relevant)
        })
        .collect();
    let mut eval = Eval { knowledge, queries };
    if let Some(path) = std::env::var_os("CCO_KNOWLEDGE_EVAL_DUMP") {
        eval.dump(&PathBuf::from(path))?;
    }

    let header = ["blend", "Recall@5", "Recall@10", "nDCG@10", "MRR@10"];
    let mut dev_rows = Vec::new();
    let mut best = (f64::MIN, FUSION);
    for tenth in 0..=10 {
        let fusion = Fusion {
            vector_weight: f64::from(tenth) / 10.0,
            ..FUSION
        };
        let figures = eval.measure("dev", fusion)?;
        if figures.ndcg_10 > best.0 {
            best = (figures.ndcg_10, fusion);
        }
        dev_rows.push(row(
            &format!("vector weight {:.1}", fusion.vector_weight),
            figures,
        ));
    }
    support::table("development split (tuning)", &header, dev_rows, 22);
    println!(
        "  best on dev: vector weight {:.1} (cco ships {:.1})",
        best.1.vector_weight, FUSION.vector_weight
    );

    let bm25 = Fusion {
        vector_weight: 0.0,
        ..FUSION
    };
    let vector = Fusion {
        vector_weight: 1.0,
        ..FUSION
    };
    let test_rows = vec![
        row("BM25", eval.measure("test", bm25)?),
        row("vector (MiniLM)", eval.measure("test", vector)?),
        row("hybrid (shipped)", eval.measure("test", FUSION)?),
    ];
    support::table("held-out test split", &header, test_rows, 22);
    Ok(())
}
