//! `cco classify`: classify shell commands from the arguments or standard input.

use std::io::{BufRead, Read, Write};

use anyhow::Context as _;

use crate::classify::{Classified, Classifier};

#[derive(Debug, clap::Args)]
pub struct ClassifyArgs {
    /// Print one JSON object per command: {"cmd","label","reason","source","net"}.
    #[arg(long)]
    pub json: bool,
    /// With `-`: each input line is a JSON object {"cmd": "…"}.
    #[arg(long)]
    pub jsonl: bool,
    /// With `-`: commands are separated by NUL bytes (commands may contain newlines).
    #[arg(short = '0', long = "null")]
    pub null: bool,
    /// Commands to classify, one per argument (quote each); `-` reads them from standard input,
    /// one per line.
    #[arg(required = true, allow_hyphen_values = true, value_name = "CMD")]
    pub commands: Vec<String>,
}

#[derive(serde::Deserialize)]
struct JsonCommand {
    cmd: String,
}

#[derive(serde::Serialize)]
struct JsonVerdict<'a> {
    cmd: &'a str,
    label: crate::classify::Label,
    reason: &'a str,
    source: crate::classify::Source,
    net: bool,
}

pub fn run(args: ClassifyArgs) -> anyhow::Result<()> {
    let mut classifier = classifier();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut emit = |command: &str| -> anyhow::Result<()> {
        let classified = classifier.classify(command);
        write_verdict(&mut out, command, &classified, args.json)
    };
    for argument in &args.commands {
        if argument != "-" {
            emit(argument)?;
            continue;
        }
        let stdin = std::io::stdin();
        if args.null {
            let mut all = Vec::new();
            stdin
                .lock()
                .read_to_end(&mut all)
                .context("reading standard input")?;
            for chunk in all.split(|b| *b == 0).filter(|c| !c.is_empty()) {
                emit(&String::from_utf8_lossy(chunk))?;
            }
            continue;
        }
        for (number, line) in stdin.lock().lines().enumerate() {
            let line = line.context("reading standard input")?;
            if line.trim().is_empty() {
                continue;
            }
            if args.jsonl {
                let parsed: JsonCommand = serde_json::from_str(&line)
                    .with_context(|| format!("line {}: expected {{\"cmd\": \"…\"}}", number + 1))?;
                emit(&parsed.cmd)?;
            } else {
                emit(&line)?;
            }
        }
    }
    Ok(())
}

/// The rules, plus the local model when one is configured.
fn classifier() -> Classifier {
    let configured = std::env::var_os("CCO_CLASSIFIER_MODEL")
        .filter(|value| !value.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| {
            let mut problems = Vec::new();
            let settings =
                crate::config::Settings::load(&crate::config::Paths::from_env(), &mut problems);
            for problem in problems {
                eprintln!("cco: {problem}");
            }
            settings.classifier_model
        });
    match configured {
        Some(path) => with_model(&path),
        None => Classifier::new(),
    }
}

#[cfg(feature = "llm")]
fn with_model(path: &std::path::Path) -> Classifier {
    match crate::classify::llm::LocalModel::load(path) {
        Ok(model) => Classifier::with_advisor(Box::new(model)),
        Err(error) => {
            eprintln!("cco: {error}; unknown programs stay UPDATE");
            Classifier::new()
        }
    }
}

#[cfg(not(feature = "llm"))]
fn with_model(path: &std::path::Path) -> Classifier {
    eprintln!(
        "cco: a classifier model is configured ({}), but this cco was built without the `llm` feature; unknown programs stay UPDATE",
        path.display()
    );
    Classifier::new()
}

fn write_verdict(
    out: &mut impl Write,
    command: &str,
    classified: &Classified,
    json: bool,
) -> anyhow::Result<()> {
    let verdict = &classified.verdict;
    if json {
        let line = JsonVerdict {
            cmd: command,
            label: verdict.label,
            reason: &verdict.reason,
            source: classified.source,
            net: verdict.net,
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    } else {
        let net = if verdict.net { " (network)" } else { "" };
        writeln!(
            out,
            "{:<6}  {command}  — {}{net}",
            verdict.label.to_string(),
            verdict.reason
        )?;
    }
    out.flush()?;
    Ok(())
}
