//! The knowledge base's speed: storing an item with its embedding, searching 100,000 items
//! (hybrid: FTS5 BM25 + usearch HNSW + blend), rebuilding the vector index from SQLite, beside
//! plain SQLite FTS5 queried from Python on the same items (the approach of Python memory
//! tools) in the same run.
//!
//! Needs the model (`ORT_DYLIB_PATH`, `CCO_KNOWLEDGE_MODEL`). Run:
//! `cargo bench --bench knowledge`. The 100,000 items are generated (a Zipf-distributed
//! vocabulary) and their vectors are clustered random unit vectors, stored as cco stores real
//! ones: embedding 100,000 texts would take the model tens of minutes here. The queries are
//! embedded by the real model.

// The benchmark starts no cco binary.
#[allow(dead_code)]
mod support;

use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use cco::db::now_ms;
use cco::knowledge::vectors::{self, VectorIndex, DIMENSIONS};
use cco::knowledge::{transfer, Filter, Item, Kind, Knowledge, KnowledgeSettings, NewItem, Source};

const ITEMS: usize = 100_000;
const QUERIES: usize = 300;
const STORED: usize = 200;
const TOPICS: usize = 200;

/// A small deterministic generator (xorshift64*), so every run searches the same items.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0
    }

    /// Word ranks drawn with a Zipf-like skew: common words common, most words rare.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

fn word(rank: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ter", "son", "va", "rel", "qu", "is", "dor", "pen", "ul", "ax", "be",
        "ro", "ti",
    ];
    let mut word = String::new();
    let mut rest = rank + 16;
    while rest > 0 {
        word.push_str(SYLLABLES[rest % 16]);
        rest /= 16;
    }
    word
}

fn sentence(random: &mut Random, words: usize) -> String {
    (0..words)
        .map(|_| word(random.zipf(20_000)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

fn figures(mut times: Vec<Duration>) -> Vec<String> {
    times.sort();
    let ms = |d: Duration| format!("{:.2}", d.as_secs_f64() * 1000.0);
    vec![
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.9)),
        ms(percentile(&times, 0.99)),
    ]
}

fn main() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let settings = KnowledgeSettings::default();
    let mut knowledge = Knowledge::open(dir.path(), &settings)?;
    if let Some(reason) = knowledge.semantic_off() {
        bail!("{reason}");
    }
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut rows = Vec::new();

    // Storing, one item at a time as the CLI, hooks and MCP do: embed, dedup, insert, index.
    let mut store_times = Vec::new();
    for index in 0..STORED {
        let new = NewItem {
            project: "bench".into(),
            kind: Kind::Note,
            text: format!("Decision {index}: {}", sentence(&mut random, 14)),
            source: Source::Cli,
            session_id: None,
            supersedes: None,
        };
        let started = Instant::now();
        knowledge.add(&new, false, now_ms())?;
        store_times.push(started.elapsed());
    }
    let mut row = vec![format!("store one item, embedded ({STORED})")];
    row.extend(figures(store_times));
    rows.push(row);

    // 100,000 items: texts into SQLite (FTS5 follows by trigger), vectors beside them.
    let items: Vec<Item> = (0..ITEMS)
        .map(|index| Item {
            id: index as i64,
            project: format!("project-{}", index % 10),
            kind: Kind::ALL[index % Kind::ALL.len()],
            text: {
                let words = 8 + random.below(30);
                sentence(&mut random, words)
            },
            source: Source::Hook,
            session_id: None,
            created_ms: index as i64,
            superseded_by: None,
        })
        .collect();
    transfer::import(&mut knowledge, &items)?;
    let centroids: Vec<Vec<f32>> = (0..TOPICS)
        .map(|_| (0..DIMENSIONS).map(|_| random.unit()).collect())
        .collect();
    let model = knowledge.model_name().unwrap_or_default().to_string();
    {
        let conn = knowledge.store().conn();
        let tx = conn.unchecked_transaction()?;
        let pending = vectors::unembedded(&tx, &model, usize::MAX >> 1)?;
        for (id, _) in pending {
            let centroid = &centroids[random.below(TOPICS)];
            let mut vector: Vec<f32> = centroid.iter().map(|c| c + 0.6 * random.unit()).collect();
            cco::knowledge::embed::normalise(&mut vector);
            vectors::put(&tx, id, &model, &vector)?;
        }
        tx.commit()?;
    }
    let started = Instant::now();
    VectorIndex::rebuild(
        &VectorIndex::path(dir.path()),
        knowledge.store().conn(),
        &model,
    )?;
    let rebuild = started.elapsed();
    let mut knowledge = Knowledge::open(dir.path(), &settings)?;
    let total = knowledge.stats()?.items;

    let queries: Vec<String> = (0..QUERIES)
        .map(|_| {
            let words = 2 + random.below(4);
            sentence(&mut random, words)
        })
        .collect();
    let everywhere = Filter::default();
    let one_project = Filter {
        project: Some("project-3".into()),
        ..Filter::default()
    };
    for (label, filter) in [("all projects", &everywhere), ("one project", &one_project)] {
        let mut embedded = Vec::new();
        let mut cached = Vec::new();
        for query in &queries {
            let started = Instant::now();
            knowledge.search(query, filter, 10)?;
            embedded.push(started.elapsed());
            let started = Instant::now();
            knowledge.search(query, filter, 10)?;
            cached.push(started.elapsed());
        }
        let mut row = vec![format!("search {total} items, {label}")];
        row.extend(figures(embedded));
        rows.push(row);
        let mut row = vec![format!("  same, query vector cached")];
        row.extend(figures(cached));
        rows.push(row);
    }
    // Where the time goes: each side alone, and the query's embedding.
    let library = cco::knowledge::ModelPaths::resolve(&settings, dir.path());
    let mut embedder = cco::knowledge::embed::Embedder::load(&library)?;
    let index = VectorIndex::open(
        &VectorIndex::path(dir.path()),
        knowledge.store().conn(),
        &model,
    )?;
    let (mut embedding, mut hnsw, mut bm25) = (Vec::new(), Vec::new(), Vec::new());
    for query in &queries {
        let started = Instant::now();
        let vector = embedder.embed_one(query)?;
        embedding.push(started.elapsed());
        let started = Instant::now();
        index.search(&vector, 50, None)?;
        hnsw.push(started.elapsed());
        let started = Instant::now();
        knowledge.store().lexical(query, &everywhere, 50)?;
        bm25.push(started.elapsed());
    }
    for (label, times) in [
        ("  embed the query (MiniLM)", embedding),
        ("  HNSW top 50 alone (usearch)", hnsw),
        ("  BM25 top 50 alone (FTS5)", bm25),
    ] {
        let mut row = vec![label.to_string()];
        row.extend(figures(times));
        rows.push(row);
    }
    rows.push(vec![
        format!("rebuild the index ({total} vectors)"),
        format!("{:.0}", rebuild.as_secs_f64() * 1000.0),
        String::new(),
        String::new(),
    ]);
    rows.extend(python_fts(dir.path(), &queries)?);
    support::table(
        "knowledge base (ms)",
        &["operation", "median", "p90", "p99"],
        rows,
        44,
    );
    Ok(())
}

/// The peer: the same FTS5 table queried from Python's sqlite3 (BM25, top 10), timed in
/// process per query.
fn python_fts(data_dir: &std::path::Path, queries: &[String]) -> Result<Vec<Vec<String>>> {
    let script = r#"
import json, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
queries = json.load(open(sys.argv[2]))
times = []
for q in queries:
    match = " OR ".join('"%s"' % w for w in q.split())
    start = time.perf_counter()
    db.execute("SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY rank LIMIT 10", (match,)).fetchall()
    times.append((time.perf_counter() - start) * 1000)
times.sort()
pick = lambda p: times[round((len(times) - 1) * p)]
print(json.dumps([pick(0.5), pick(0.9), pick(0.99)]))
"#;
    let queries_file = data_dir.join("queries.json");
    std::fs::write(&queries_file, serde_json::to_string(queries)?)?;
    let output = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(data_dir.join("cco.db"))
        .arg(&queries_file)
        .output()?;
    if !output.status.success() {
        println!(
            "python3 FTS5 peer failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        return Ok(Vec::new());
    }
    let times: Vec<f64> = serde_json::from_slice(&output.stdout)?;
    let mut row = vec!["peer: Python sqlite3 FTS5 BM25, all projects".to_string()];
    row.extend(times.iter().map(|ms| format!("{ms:.2}")));
    Ok(vec![row])
}
