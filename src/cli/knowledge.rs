//! `cco knowledge …`: store, search, list, show, stats, verify, repair, export and import.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

use crate::config::{Paths, Settings};
use crate::db::now_ms;
use crate::knowledge::item::age;
use crate::knowledge::{self, project, Filter, Item, Kind, Knowledge, NewItem, Source, Stored};

#[derive(Debug, clap::Args)]
pub struct KnowledgeArgs {
    #[command(subcommand)]
    pub command: KnowledgeCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum KnowledgeCommand {
    /// Store an item (TEXT `-` reads stdin). The project defaults to this folder's.
    Store {
        text: String,
        #[arg(long = "type", value_enum, default_value = "note")]
        kind: Kind,
        /// A path (its git remote or canonical path is used) or a project key.
        #[arg(long)]
        project: Option<String>,
        /// Retire this older item: it is kept, marked superseded and ranked out.
        #[arg(long, value_name = "ID")]
        supersedes: Option<i64>,
        /// Store it even when an item with nearly the same meaning exists.
        #[arg(long)]
        allow_similar: bool,
        #[arg(long)]
        json: bool,
    },
    /// Search: hybrid BM25 + vectors when the model is configured, BM25 otherwise.
    Search {
        query: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Only this project (a path or a project key); default: every project.
        #[arg(long)]
        project: Option<String>,
        #[arg(long = "type", value_enum)]
        kind: Option<Kind>,
        #[arg(long)]
        json: bool,
    },
    /// The newest items, superseded ones included and marked.
    List {
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        project: Option<String>,
        #[arg(long = "type", value_enum)]
        kind: Option<Kind>,
        #[arg(long)]
        json: bool,
    },
    /// One item in full.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Counts, vector coverage, drift and the last injection.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Compare SQLite with the vector index; exits 1 when they drift.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Embed what lacks a vector and rebuild the vector index from SQLite.
    Repair,
    /// Every item, as one JSON array or JSON lines, on stdout.
    Export {
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
    },
    /// Items from an export (`-` reads stdin); items already stored are skipped.
    Import { file: PathBuf },
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Jsonl,
}

pub fn run(args: KnowledgeArgs) -> Result<ExitCode> {
    let paths = Paths::from_env();
    let settings = Settings::load(&paths, &mut Vec::new()).knowledge;
    let open = || Knowledge::open(&paths.data_dir, &settings);
    let open_lexical = || Knowledge::open_lexical(&paths.data_dir);
    match args.command {
        KnowledgeCommand::Store {
            text,
            kind,
            project,
            supersedes,
            allow_similar,
            json,
        } => {
            let new = NewItem {
                project: project_key(project.as_deref())?,
                kind,
                text: read_text(&text)?,
                source: Source::Cli,
                session_id: std::env::var("CLAUDE_CODE_SESSION_ID").ok(),
                supersedes,
            };
            let mut knowledge = open()?;
            warn_semantic(&knowledge);
            let stored = knowledge.add(&new, allow_similar, now_ms())?;
            print_stored(&stored, json)?;
        }
        KnowledgeCommand::Search {
            query,
            limit,
            project,
            kind,
            json,
        } => {
            let filter = filter(project.as_deref(), kind, false)?;
            let mut knowledge = open()?;
            warn_semantic(&knowledge);
            knowledge.catch_up(64)?;
            let hits = knowledge.search(&query, &filter, limit)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&hits)?);
            } else if hits.is_empty() {
                println!("Nothing matches {query:?}.");
            } else {
                let rows: Vec<(&Item, Option<f64>)> = hits
                    .iter()
                    .map(|hit| (&hit.item, Some(hit.score)))
                    .collect();
                print_items(&rows);
            }
        }
        KnowledgeCommand::List {
            limit,
            project,
            kind,
            json,
        } => {
            let filter = filter(project.as_deref(), kind, true)?;
            let items = open_lexical()?.store().latest(&filter, limit)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&items)?);
            } else if items.is_empty() {
                println!("No knowledge stored yet: `cco knowledge store \"…\"` adds some.");
            } else {
                let rows: Vec<(&Item, Option<f64>)> = items.iter().map(|i| (i, None)).collect();
                print_items(&rows);
            }
        }
        KnowledgeCommand::Show { id, json } => {
            let item = knowledge::store::require(open_lexical()?.store(), id)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&item)?);
            } else {
                print_item(&item);
            }
        }
        KnowledgeCommand::Stats { json } => {
            let stats = open()?.stats()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&stats)?);
            } else {
                println!("{}", knowledge::describe_stats(&stats, now_ms()).join("\n"));
            }
        }
        KnowledgeCommand::Verify { json } => {
            let knowledge = open()?;
            let Some(drift) = knowledge.verify()? else {
                println!("{}", knowledge.semantic_off().unwrap_or_default());
                println!("Only SQLite is in use; there is no vector index to verify.");
                return Ok(ExitCode::SUCCESS);
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&drift)?);
            } else {
                println!("{}", knowledge::describe_drift(&drift));
            }
            if !drift.in_sync() || drift.unembedded() > 0 {
                if !json {
                    println!("Run `cco knowledge repair` to rebuild the index from SQLite.");
                }
                return Ok(ExitCode::from(1));
            }
        }
        KnowledgeCommand::Repair => {
            let mut knowledge = open()?;
            let started = std::time::Instant::now();
            match knowledge.repair(&paths.data_dir)? {
                Some(drift) => println!(
                    "Rebuilt the vector index from SQLite in {:.2}s. {}",
                    started.elapsed().as_secs_f64(),
                    knowledge::describe_drift(&drift)
                ),
                None => bail!("{}", knowledge.semantic_off().unwrap_or_default()),
            }
        }
        KnowledgeCommand::Export { format } => {
            let items = open_lexical()?.store().all()?;
            match format {
                ExportFormat::Json => println!("{}", serde_json::to_string_pretty(&items)?),
                ExportFormat::Jsonl => {
                    for item in &items {
                        println!("{}", serde_json::to_string(item)?);
                    }
                }
            }
        }
        KnowledgeCommand::Import { file } => {
            let text = if file == Path::new("-") {
                read_text("-")?
            } else {
                std::fs::read_to_string(&file)
                    .with_context(|| format!("reading {}", file.display()))?
            };
            let items = knowledge::transfer::parse(&text)?;
            let mut knowledge = open()?;
            let report = knowledge::transfer::import(&mut knowledge, &items)?;
            let embedded = knowledge.catch_up(64)?;
            println!(
                "Imported {} items ({} already stored, {} embedded).",
                report.added, report.skipped, embedded
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A `--project` value: an existing folder stands for its project, anything else is a key.
fn project_key(given: Option<&str>) -> Result<String> {
    match given {
        None => Ok(project::identify(
            &std::env::current_dir().context("finding this folder")?,
        )),
        Some(value) if Path::new(value).is_dir() => Ok(project::identify(Path::new(value))),
        Some(value) => Ok(value.to_string()),
    }
}

/// Items of a `--project` (every project without one) and `--type`.
fn filter(project: Option<&str>, kind: Option<Kind>, include_superseded: bool) -> Result<Filter> {
    Ok(Filter {
        project: project.map(|p| project_key(Some(p))).transpose()?,
        kind,
        include_superseded,
    })
}

fn read_text(text: &str) -> Result<String> {
    if text != "-" {
        return Ok(text.to_string());
    }
    let mut read = String::new();
    std::io::stdin()
        .read_to_string(&mut read)
        .context("reading the text from stdin")?;
    Ok(read)
}

fn warn_semantic(knowledge: &Knowledge) {
    if let Some(reason) = knowledge.semantic_off() {
        eprintln!("cco: {reason}");
    }
}

fn print_stored(stored: &Stored, json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string(stored)?);
        return Ok(());
    }
    match stored {
        Stored::New { id } => println!("Stored item {id}."),
        Stored::Duplicate { id } => println!("Already stored as item {id}; nothing added."),
        Stored::NearDuplicate { id, similarity } => println!(
            "Item {id} says nearly the same (similarity {similarity:.2}); nothing added. \
             Use --supersedes {id} to replace it or --allow-similar to keep both."
        ),
    }
    Ok(())
}

fn print_items(rows: &[(&Item, Option<f64>)]) {
    let now = now_ms();
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    let scored = rows.iter().any(|(_, score)| score.is_some());
    let mut header = vec!["id", "type", "age", "project", "text"];
    if scored {
        header.insert(1, "score");
    }
    table.set_header(header);
    for (item, score) in rows {
        let mut text = crate::text::one_line(&item.text, 100);
        if let Some(by) = item.superseded_by {
            text = format!("[superseded by {by}] {text}");
        }
        let mut row = vec![
            item.id.to_string(),
            item.kind.as_str().to_string(),
            age(now, item.created_ms),
            item.project.clone(),
            text,
        ];
        if let Some(score) = score {
            row.insert(1, format!("{score:.3}"));
        }
        table.add_row(row);
    }
    println!("{table}");
}

fn print_item(item: &Item) {
    let when = jiff::Timestamp::from_millisecond(item.created_ms)
        .map(|t| {
            t.to_zoned(jiff::tz::TimeZone::system())
                .strftime("%F %T")
                .to_string()
        })
        .unwrap_or_default();
    println!("item {} · {} · {}", item.id, item.kind.as_str(), when);
    println!("project: {}", item.project);
    println!("source:  {}", item.source.as_str());
    if let Some(session) = &item.session_id {
        println!("session: {session}");
    }
    if let Some(by) = item.superseded_by {
        println!("superseded by item {by}");
    }
    println!("\n{}", item.text);
}
