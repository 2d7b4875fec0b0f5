//! Cost benchmarks: `cco monitor daily --json` next to ccusage over one generated corpus of
//! Claude Code transcripts, printed as tables.
//!
//! Run: `cargo bench --bench cost` (builds the release `cco` too). ccusage is optional: the bench
//! takes `CCO_BENCH_CCUSAGE`, else the npm install in `/var/cache/cco/ccusage`
//! (`npm install --prefix /var/cache/cco/ccusage ccusage@20.0.24`; its Node launcher only starts
//! a native binary, which the bench runs directly so that Node's time and memory are not counted);
//! without one its column says n/a. Every child has a timeout and is killed when it runs over.
//!
//! * **corpus**: `CCO_BENCH_CORPUS_MB` MB (10^6 bytes, default 1100: more than 1 GiB) from
//!   `tests/support/corpus.rs` — 40 projects, sessions over 90 days, streaming duplicates,
//!   sub-agents in all three layouts, progress lines repeating sub-agent messages, 1-hour cache
//!   writes, `<synthetic>` lines, malformed and empty lines — written once into
//!   `CCO_BENCH_CORPUS_DIR` (default `/var/cache/cco/bench-corpus`, else a temp dir) and reused
//!   while `corpus.json` there says it has the same spec and generator. It is read once before
//!   the runs, so every run starts with the files in the page cache.
//! * **cold import**: `cco monitor daily --json --tz UTC` with `CLAUDE_CONFIG_DIR` on the corpus,
//!   fresh `CCO_DATA_DIR`/`CCO_CONFIG_DIR`/`CCO_RUNTIME_DIR` and `TZ=UTC`; ccusage as
//!   `ccusage claude daily --json --offline --timezone UTC` (it keeps no state between runs).
//! * **refresh unchanged**: the same commands again.
//! * **incremental append**: 5 API calls appended to one session transcript (truncated back
//!   afterwards), then the same commands again.
//!
//! Wall time and peak RSS are the child's own (`wait4`). The token counts (input, output, cache
//! writes, cache reads) of every cco run are compared with the generator's truth per UTC day and
//! overall, and with ccusage's. Goals: cold import ≤ ¼ of ccusage's time, refresh ≤ 50 ms, peak
//! RSS ≤ 100 MB. The bench fails (exit 1) when cco cannot run or its tokens differ from the
//! truth; missed goals are reported, not failed.

#[path = "../tests/support/corpus.rs"]
mod corpus;

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context as _, Result};
use serde_json::{json, Value};

use support::cco_binary;

/// The header of the table comparing cco with ccusage.
const COMPARE: [&str; 5] = ["", "cco", "ccusage", "cco/ccusage", "goal (cco)"];
const SEED: u64 = 20_250_801;
/// API calls appended for the incremental run.
const APPENDED: u32 = 5;
/// The longest any one run may take.
const TIMEOUT: Duration = Duration::from_secs(600);
/// The generator's source, all its files: a change to any makes a stored corpus stale.
const GENERATOR: &str = concat!(
    include_str!("../tests/support/corpus.rs"),
    include_str!("../tests/support/corpus_lines.rs"),
    include_str!("../tests/support/corpus_session.rs"),
    include_str!("../tests/support/corpus_text.rs"),
);

/// Result tables, labels 30 columns wide.
fn table_of(title: &str, header: &[&str], rows: Vec<Vec<String>>) {
    support::table(title, header, rows, 30);
}

fn main() {
    let started = Instant::now();
    let failed = match run() {
        Ok(ok) => !ok,
        Err(error) => {
            eprintln!("\ncost: FAILED: {error:#}");
            true
        }
    };
    println!("\nwhole bench: {:.1} s", started.elapsed().as_secs_f64());
    std::process::exit(i32::from(failed));
}

/// Returns whether cco's tokens equal the truth in every run.
fn run() -> Result<bool> {
    let corpus = Corpus::prepare()?;
    let (read, secs) = warm_page_cache(&corpus.dir)?;
    println!(
        "read the corpus once: {:.0} MB in {secs:.2} s",
        read as f64 / 1e6
    );
    let ccusage = find_ccusage();
    match &ccusage {
        Some(path) => println!("ccusage: {} ({})", path.display(), ccusage_version(path)),
        None => println!(
            "ccusage not found (CCO_BENCH_CCUSAGE, /var/cache/cco/ccusage): its column says n/a"
        ),
    }
    let cco = cco_binary()?;
    let state = tempfile::tempdir()?;
    let truth = Report::truth(&corpus.totals);

    let cold = run_cco(&cco, &corpus.dir, state.path()).context("cco, cold import")?;
    let ccusage_cold = ccusage
        .as_deref()
        .and_then(|c| run_ccusage(c, &corpus.dir, "cold"));
    let warm = run_cco(&cco, &corpus.dir, state.path()).context("cco, refresh unchanged")?;
    let ccusage_warm = ccusage
        .as_deref()
        .and_then(|c| run_ccusage(c, &corpus.dir, "refresh"));

    let appended = corpus.append()?;
    let mut grown = corpus.totals.clone();
    grown.add(&appended.totals);
    let truth_after = Report::truth(&grown);
    let incremental = run_cco(&cco, &corpus.dir, state.path()).context("cco, incremental")?;
    let ccusage_incremental = ccusage
        .as_deref()
        .and_then(|c| run_ccusage(c, &corpus.dir, "incremental"));
    let appended_to = appended.path.display().to_string();
    drop(appended);

    let ccusage_runs = [&ccusage_cold, &ccusage_warm, &ccusage_incremental];
    let cell = |run: &Option<Run>, f: &dyn Fn(&Run) -> String| run.as_ref().map_or("n/a".into(), f);
    let labels = [
        "cold import".to_string(),
        "refresh unchanged".to_string(),
        format!("incremental (+{APPENDED} calls)"),
    ];
    let rows = labels
        .iter()
        .zip([&cold, &warm, &incremental])
        .zip(ccusage_runs)
        .map(|((label, c), u)| {
            vec![
                label.clone(),
                format!("{:.3}", c.secs),
                format!("{:.1}", c.rss_mb),
                cell(u, &|u| format!("{:.3}", u.secs)),
                cell(u, &|u| format!("{:.1}", u.rss_mb)),
            ]
        })
        .collect();
    table_of(
        "runs (wall seconds and peak RSS in MB of the child)",
        &["", "cco s", "cco MB", "ccusage s", "ccusage MB"],
        rows,
    );

    // Tokens: cco against the truth, ccusage against the truth, cco against ccusage.
    let mut problems = Vec::new();
    let checks = [
        (&cold, &truth),
        (&warm, &truth),
        (&incremental, &truth_after),
    ];
    for ((label, (run, truth)), other) in labels.iter().zip(checks).zip(ccusage_runs) {
        for line in differences(&run.report, truth, "cco", "truth") {
            problems.push(format!("{label}: {line}"));
        }
        if let Some(other) = other {
            for line in differences(&other.report, truth, "ccusage", "truth") {
                println!("warning: {label}: {line}");
            }
        }
    }
    let cco_right = problems.is_empty();
    let ccusage_right =
        ccusage_runs
            .iter()
            .zip([&truth, &truth, &truth_after])
            .all(|(run, truth)| {
                run.as_ref()
                    .is_none_or(|r| differences(&r.report, truth, "", "").is_empty())
            });
    let same = ccusage_runs
        .iter()
        .zip([&cold, &warm, &incremental])
        .all(|(u, c)| {
            u.as_ref()
                .is_none_or(|u| differences(&c.report, &u.report, "", "").is_empty())
        });

    let time = |run: &Option<Run>| run.as_ref().map(|r| r.secs);
    let peak = |runs: &[&Run]| runs.iter().map(|r| r.rss_mb).fold(0.0, f64::max);
    let ccusage_peak = ccusage_runs
        .iter()
        .filter_map(|r| r.as_ref())
        .map(|r| r.rss_mb)
        .reduce(f64::max);
    let yes = |ok: bool| if ok { "yes" } else { "NO" }.to_string();
    table_of(
        &format!(
            "cost: {:.0} MB, {} files, {} API calls over {} days (tokens per UTC day)",
            corpus.totals.bytes as f64 / 1e6,
            thousands(corpus.totals.files),
            thousands(corpus.totals.calls),
            corpus.totals.days.len()
        ),
        &COMPARE,
        vec![
            compare(
                "cold import (s)",
                cold.secs,
                time(&ccusage_cold),
                time(&ccusage_cold).map(|t| t / 4.0),
                2,
            ),
            compare(
                "refresh unchanged (ms)",
                warm.secs * 1e3,
                time(&ccusage_warm).map(|t| t * 1e3),
                Some(50.0),
                1,
            ),
            compare(
                "incremental append (ms)",
                incremental.secs * 1e3,
                time(&ccusage_incremental).map(|t| t * 1e3),
                None,
                1,
            ),
            compare(
                "peak RSS (MB)",
                peak(&[&cold, &warm, &incremental]),
                ccusage_peak,
                Some(100.0),
                1,
            ),
            vec![
                "tokens = truth".into(),
                yes(cco_right),
                if ccusage.is_some() {
                    yes(ccusage_right)
                } else {
                    "n/a".into()
                },
                if ccusage.is_some() {
                    if same { "same" } else { "differ" }.into()
                } else {
                    "—".into()
                },
                verdict(cco_right),
            ],
        ],
    );
    println!("  (appended to {appended_to})");
    if !cco_right {
        println!("\ncco's tokens differ from the generator's truth:");
        for line in problems.iter().take(20) {
            println!("  {line}");
        }
    }
    Ok(cco_right)
}

// ---------------------------------------------------------------------------------------------
// The corpus

/// The generated transcripts and their truth.
struct Corpus {
    dir: PathBuf,
    totals: corpus::Totals,
    /// Holds a temp dir when the corpus has no lasting place.
    _temp: Option<tempfile::TempDir>,
}

impl Corpus {
    /// Reuses the corpus in the bench folder when `corpus.json` there matches, else writes it.
    fn prepare() -> Result<Corpus> {
        let mb: Result<u64, _> =
            std::env::var("CCO_BENCH_CORPUS_MB").map_or(Ok(1100), |v| v.parse());
        let mb = mb.context("CCO_BENCH_CORPUS_MB must be a whole number of MB")?;
        let spec = corpus::Spec::new(mb * 1_000_000, SEED);
        let (dir, temp) = corpus_dir()?;
        let marker = dir.join("corpus.json");
        let stored = std::fs::read_to_string(&marker).ok();
        if let Some(totals) = stored
            .as_deref()
            .and_then(|text| stored_totals(text, &spec))
        {
            println!(
                "corpus: {} ({:.0} MB, {} files), reused",
                dir.display(),
                totals.bytes as f64 / 1e6,
                thousands(totals.files)
            );
            return Ok(Corpus {
                dir,
                totals,
                _temp: temp,
            });
        }
        let projects = dir.join("projects");
        if projects.exists() {
            if stored.is_none() {
                bail!(
                    "{} has a projects folder that this bench did not write (no corpus.json): \
                     refusing to replace it",
                    dir.display()
                );
            }
            std::fs::remove_file(&marker)?;
            std::fs::remove_dir_all(&projects).context("removing the stale corpus")?;
        }
        println!("corpus: writing {mb} MB into {} …", dir.display());
        let started = Instant::now();
        let totals = corpus::generate(&dir, &spec).context("generating the corpus")?;
        let secs = started.elapsed().as_secs_f64();
        let record = json!({
            "spec": spec_json(&spec),
            "generator": generator_hash(),
            "seconds": secs,
            "totals": totals_json(&totals),
        });
        std::fs::write(&marker, serde_json::to_string_pretty(&record)?)?;
        println!(
            "corpus: {:.0} MB in {} files ({} API calls, {} by sub-agents, {} progress repeats, \
             {} malformed lines) generated in {secs:.1} s ({:.0} MB/s)",
            totals.bytes as f64 / 1e6,
            thousands(totals.files),
            thousands(totals.calls),
            thousands(totals.sidechain_calls),
            thousands(totals.progress_repeats),
            totals.malformed_lines,
            totals.bytes as f64 / 1e6 / secs
        );
        Ok(Corpus {
            dir,
            totals,
            _temp: temp,
        })
    }

    /// Appends calls to the first session transcript; undone when the result is dropped.
    fn append(&self) -> Result<Appended> {
        let path = first_session(&self.dir.join("projects"))?;
        let len = std::fs::metadata(&path)?.len();
        let marker = self.dir.join("corpus.json");
        let record = std::fs::read_to_string(&marker).ok();
        // Until the file is truncated back the stored truth is wrong: a bench stopped in between
        // then generates the corpus anew.
        if record.is_some() {
            std::fs::remove_file(&marker)?;
        }
        let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as i64;
        // Built before appending, so that a failed append is truncated back too.
        let mut appended = Appended {
            path,
            len,
            marker,
            record,
            totals: Default::default(),
        };
        appended.totals = corpus::append_calls(&appended.path, SEED, APPENDED, now)
            .with_context(|| format!("appending to {}", appended.path.display()))?;
        Ok(appended)
    }
}

/// Calls appended to a transcript; dropping it truncates the file back and restores the record.
struct Appended {
    path: PathBuf,
    len: u64,
    marker: PathBuf,
    record: Option<String>,
    totals: corpus::Totals,
}

impl Drop for Appended {
    fn drop(&mut self) {
        let restored = std::fs::OpenOptions::new()
            .write(true)
            .open(&self.path)
            .and_then(|file| file.set_len(self.len));
        match (restored, &self.record) {
            (Ok(()), Some(record)) => {
                if let Err(error) = std::fs::write(&self.marker, record) {
                    eprintln!(
                        "warning: could not restore {}: {error}",
                        self.marker.display()
                    );
                }
            }
            (Ok(()), None) => {}
            (Err(error), _) => eprintln!(
                "warning: could not truncate {} back: {error}; the corpus will be generated anew",
                self.path.display()
            ),
        }
    }
}

/// `CCO_BENCH_CORPUS_DIR`, else `/var/cache/cco/bench-corpus` if writable, else a temp dir.
fn corpus_dir() -> Result<(PathBuf, Option<tempfile::TempDir>)> {
    if let Some(dir) = std::env::var_os("CCO_BENCH_CORPUS_DIR") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        return Ok((dir, None));
    }
    let default = PathBuf::from("/var/cache/cco/bench-corpus");
    let writable =
        std::fs::create_dir_all(&default).is_ok() && tempfile::tempfile_in(&default).is_ok();
    if writable {
        return Ok((default, None));
    }
    let temp = tempfile::tempdir()?;
    println!(
        "{} is not writable: the corpus goes to {} and is removed at the end",
        default.display(),
        temp.path().display()
    );
    Ok((temp.path().to_path_buf(), Some(temp)))
}

/// The first `<project>/<session>.jsonl` (not a sub-agent file), by name.
fn first_session(projects: &Path) -> Result<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(projects)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    for folder in folders {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.ends_with(".jsonl") && !name.starts_with("agent-")
            })
            .collect();
        files.sort();
        if let Some(file) = files.into_iter().next() {
            return Ok(file);
        }
    }
    bail!("no session transcript under {}", projects.display())
}

/// Reads every file once, so that all runs find the corpus in the page cache.
fn warm_page_cache(dir: &Path) -> Result<(u64, f64)> {
    let started = Instant::now();
    let (mut bytes, mut buffer) = (0u64, vec![0u8; 1 << 20]);
    let mut pending = vec![dir.join("projects")];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let mut file = File::open(&path)?;
                loop {
                    let n = file.read(&mut buffer)?;
                    if n == 0 {
                        break;
                    }
                    bytes += n as u64;
                }
            }
        }
    }
    Ok((bytes, started.elapsed().as_secs_f64()))
}

/// FNV-1a of the generator's source.
fn generator_hash() -> String {
    let hash = GENERATOR.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

fn spec_json(spec: &corpus::Spec) -> Value {
    json!({
        "target_bytes": spec.target_bytes,
        "seed": spec.seed,
        "days": spec.days,
        "start_unix": spec.start_unix,
    })
}

/// The totals in `corpus.json` if it describes this spec and this generator.
fn stored_totals(text: &str, spec: &corpus::Spec) -> Option<corpus::Totals> {
    let record: Value = serde_json::from_str(text).ok()?;
    if record["spec"] != spec_json(spec) || record["generator"] != generator_hash() {
        return None;
    }
    totals_from_json(&record["totals"])
}

const TOTAL_FIELDS: [&str; 15] = [
    "calls",
    "input",
    "output",
    "cache_create",
    "cache_read",
    "web_search",
    "cache_create_1h",
    "sidechain_calls",
    "synthetic",
    "progress_repeats",
    "malformed_lines",
    "empty_lines",
    "lines",
    "files",
    "bytes",
];

fn totals_fields(t: &corpus::Totals) -> [u64; 15] {
    [
        t.calls,
        t.input,
        t.output,
        t.cache_create,
        t.cache_read,
        t.web_search,
        t.cache_create_1h,
        t.sidechain_calls,
        t.synthetic,
        t.progress_repeats,
        t.malformed_lines,
        t.empty_lines,
        t.lines,
        t.files,
        t.bytes,
    ]
}

fn totals_json(t: &corpus::Totals) -> Value {
    let mut object = serde_json::Map::new();
    for (name, value) in TOTAL_FIELDS.iter().zip(totals_fields(t)) {
        object.insert(name.to_string(), json!(value));
    }
    let days: serde_json::Map<String, Value> = t
        .days
        .iter()
        .map(|(day, d)| {
            let row = [
                d.calls,
                d.input,
                d.output,
                d.cache_create,
                d.cache_read,
                d.web_search,
            ];
            (day.clone(), json!(row))
        })
        .collect();
    object.insert("days".into(), Value::Object(days));
    Value::Object(object)
}

fn totals_from_json(value: &Value) -> Option<corpus::Totals> {
    let n = |name: &str| value.get(name)?.as_u64();
    let mut days = BTreeMap::new();
    for (day, row) in value.get("days")?.as_object()? {
        let row: Vec<u64> = row
            .as_array()?
            .iter()
            .map(Value::as_u64)
            .collect::<Option<_>>()?;
        let [calls, input, output, cache_create, cache_read, web_search] = row[..] else {
            return None;
        };
        let d = corpus::DayTotals {
            calls,
            input,
            output,
            cache_create,
            cache_read,
            web_search,
        };
        days.insert(day.clone(), d);
    }
    Some(corpus::Totals {
        calls: n("calls")?,
        input: n("input")?,
        output: n("output")?,
        cache_create: n("cache_create")?,
        cache_read: n("cache_read")?,
        web_search: n("web_search")?,
        cache_create_1h: n("cache_create_1h")?,
        sidechain_calls: n("sidechain_calls")?,
        synthetic: n("synthetic")?,
        progress_repeats: n("progress_repeats")?,
        malformed_lines: n("malformed_lines")?,
        empty_lines: n("empty_lines")?,
        lines: n("lines")?,
        files: n("files")?,
        bytes: n("bytes")?,
        days,
    })
}

// ---------------------------------------------------------------------------------------------
// Reports

/// Input, output, cache writes and cache reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tokens {
    input: u64,
    output: u64,
    cache_create: u64,
    cache_read: u64,
}

/// A daily report as ccusage writes it (and `cco monitor daily --json`).
struct Report {
    days: BTreeMap<String, Tokens>,
    totals: Tokens,
}

impl Report {
    fn truth(t: &corpus::Totals) -> Report {
        let days = t
            .days
            .iter()
            .map(|(day, d)| {
                let tokens = Tokens {
                    input: d.input,
                    output: d.output,
                    cache_create: d.cache_create,
                    cache_read: d.cache_read,
                };
                (day.clone(), tokens)
            })
            .collect();
        let totals = Tokens {
            input: t.input,
            output: t.output,
            cache_create: t.cache_create,
            cache_read: t.cache_read,
        };
        Report { days, totals }
    }

    /// `{"daily":[{"date","inputTokens","outputTokens","cacheCreationTokens","cacheReadTokens",…}],"totals":{…}}`.
    fn parse(text: &str) -> Result<Report> {
        let json: Value = serde_json::from_str(text).context("the daily report is not JSON")?;
        let tokens = |v: &Value| -> Result<Tokens> {
            let n = |key: &str| {
                v.get(key)
                    .and_then(Value::as_u64)
                    .with_context(|| format!("no whole number {key:?} in {v}"))
            };
            Ok(Tokens {
                input: n("inputTokens")?,
                output: n("outputTokens")?,
                cache_create: n("cacheCreationTokens")?,
                cache_read: n("cacheReadTokens")?,
            })
        };
        let mut days = BTreeMap::new();
        let daily = json.get("daily").and_then(Value::as_array);
        for day in daily.context("no \"daily\" array")? {
            let date = day
                .get("date")
                .and_then(Value::as_str)
                .context("a day without \"date\"")?;
            if days.insert(date.to_string(), tokens(day)?).is_some() {
                bail!("{date} twice in the daily report");
            }
        }
        let totals = tokens(json.get("totals").context("no \"totals\"")?)?;
        Ok(Report { days, totals })
    }
}

/// Where two reports differ: each day (a missing day counts as zero), then the totals.
fn differences(a: &Report, b: &Report, a_name: &str, b_name: &str) -> Vec<String> {
    let dates: BTreeSet<&String> = a.days.keys().chain(b.days.keys()).collect();
    let mut out = Vec::new();
    for date in dates {
        let (x, y) = (a.days.get(date).copied(), b.days.get(date).copied());
        let (x, y) = (x.unwrap_or_default(), y.unwrap_or_default());
        if x != y {
            out.push(format!("{date}: {a_name} {x:?}, {b_name} {y:?}"));
        }
    }
    if a.totals != b.totals {
        out.push(format!(
            "totals: {a_name} {:?}, {b_name} {:?}",
            a.totals, b.totals
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Running the tools

/// One measured run: wall seconds, peak RSS in MB, the report.
struct Run {
    secs: f64,
    rss_mb: f64,
    report: Report,
}

fn run_cco(cco: &Path, corpus: &Path, state: &Path) -> Result<Run> {
    let dirs = ["data", "config", "run"].map(|d| state.join(d));
    for dir in &dirs {
        std::fs::create_dir_all(dir)?;
    }
    let mut command = Command::new(cco);
    command
        .args(["monitor", "daily", "--json", "--tz", "UTC"])
        .current_dir(state)
        .env("CLAUDE_CONFIG_DIR", corpus)
        .env("CCO_DATA_DIR", &dirs[0])
        .env("CCO_CONFIG_DIR", &dirs[1])
        .env("CCO_RUNTIME_DIR", &dirs[2])
        .env("TZ", "UTC");
    let child = measure(&mut command, TIMEOUT)?;
    child.check("cco monitor daily --json")?;
    let report = Report::parse(&child.stdout).context("cco's output")?;
    Ok(Run {
        secs: child.secs,
        rss_mb: child.rss_mb,
        report,
    })
}

/// A ccusage run, or a warning and `None`.
fn run_ccusage(ccusage: &Path, corpus: &Path, what: &str) -> Option<Run> {
    let run = || -> Result<Run> {
        let home = tempfile::tempdir()?;
        let mut command = Command::new(ccusage);
        command
            .args([
                "claude",
                "daily",
                "--json",
                "--offline",
                "--timezone",
                "UTC",
            ])
            // No user config (`./.ccusage/ccusage.json`, `$HOME/…`) can change what it reports.
            .current_dir(home.path())
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("CLAUDE_CONFIG_DIR", corpus)
            .env("TZ", "UTC")
            .env("NO_COLOR", "1");
        let child = measure(&mut command, TIMEOUT)?;
        child.check("ccusage claude daily --json")?;
        let report = Report::parse(&child.stdout).context("ccusage's output")?;
        Ok(Run {
            secs: child.secs,
            rss_mb: child.rss_mb,
            report,
        })
    };
    run()
        .map_err(|error| println!("warning: ccusage, {what}: {error:#}"))
        .ok()
}

/// `CCO_BENCH_CCUSAGE`, else the npm install in `/var/cache/cco/ccusage`: its native binary if
/// the platform package is there, else the launcher.
fn find_ccusage() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CCO_BENCH_CCUSAGE") {
        let path = PathBuf::from(path);
        if !path.is_file() {
            println!("CCO_BENCH_CCUSAGE={} is not a file", path.display());
            return None;
        }
        return Some(path);
    }
    let modules = Path::new("/var/cache/cco/ccusage/node_modules");
    let arch = match std::env::consts::ARCH {
        "aarch64" => "arm64",
        _ => "x64",
    };
    let native = modules.join(format!("@ccusage/ccusage-linux-{arch}/bin/ccusage"));
    [native, modules.join(".bin/ccusage")]
        .into_iter()
        .find(|p| p.is_file())
}

fn ccusage_version(ccusage: &Path) -> String {
    let mut command = Command::new(ccusage);
    command.arg("--version");
    match measure(&mut command, Duration::from_secs(30)) {
        Ok(child) if child.code == Some(0) => child.stdout.trim().to_string(),
        Ok(child) => format!("--version exited with {:?}", child.code),
        Err(error) => format!("--version failed: {error:#}"),
    }
}

/// A finished child: wall time, peak RSS, exit code, output.
struct Child {
    secs: f64,
    rss_mb: f64,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Child {
    fn check(&self, what: &str) -> Result<()> {
        if self.code == Some(0) {
            return Ok(());
        }
        let lines: Vec<&str> = self.stderr.lines().collect();
        let tail = lines[lines.len().saturating_sub(15)..].join("\n");
        bail!(
            "{what} exited with {:?} after {:.2} s:\n{tail}",
            self.code,
            self.secs
        )
    }
}

/// Runs `command` to its end (killed after `timeout`): wall time from spawn to exit, and the
/// child's peak RSS from `wait4`.
fn measure(command: &mut Command, timeout: Duration) -> Result<Child> {
    let (mut out, mut err) = (tempfile::tempfile()?, tempfile::tempfile()?);
    command
        .stdin(Stdio::null())
        .stdout(out.try_clone()?)
        .stderr(err.try_clone()?);
    let started = Instant::now();
    let child = command
        .spawn()
        .with_context(|| format!("start {:?}", command.get_program()))?;
    let pid = child.id() as libc::pid_t;
    let done = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let deadline = Instant::now() + timeout;
            while !done.load(Ordering::SeqCst) {
                if Instant::now() >= deadline {
                    // SAFETY: plain syscall; the child is not reaped before `done` is set.
                    unsafe { libc::kill(pid, libc::SIGKILL) };
                    return true;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            false
        })
    };
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = loop {
        // SAFETY: waits for our own child, writing into the two locals.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break Ok(());
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            break Err(error);
        }
    };
    let secs = started.elapsed().as_secs_f64();
    done.store(true, Ordering::SeqCst);
    let killed = watchdog.join().unwrap_or(false);
    reaped.context("wait4")?;
    // Reaped by wait4 above: std's handle must not wait again (dropping it does not).
    drop(child);
    if killed {
        bail!("{:?} killed after {timeout:?}", command.get_program());
    }
    let read = |file: &mut File| -> Result<String> {
        let mut text = String::new();
        file.seek(SeekFrom::Start(0))?;
        file.read_to_string(&mut text)?;
        Ok(text)
    };
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Ok(Child {
        secs,
        // Linux reports kilobytes.
        rss_mb: usage.ru_maxrss as f64 / 1024.0,
        code,
        stdout: read(&mut out)?,
        stderr: read(&mut err)?,
    })
}

// ---------------------------------------------------------------------------------------------
// Printing

fn verdict(ok: bool) -> String {
    if ok { "OK" } else { "MISSED" }.into()
}

/// A row of the comparison table: label, cco, ccusage, their ratio, cco's goal (≤).
fn compare(
    label: &str,
    cco: f64,
    ccusage: Option<f64>,
    goal: Option<f64>,
    digits: usize,
) -> Vec<String> {
    let ratio = ccusage
        .filter(|u| *u > 0.0)
        .map_or("—".into(), |u| format!("{:.2}×", cco / u));
    let goal = goal.map_or(String::new(), |g| {
        format!("≤ {g:.digits$} {}", verdict(cco <= g))
    });
    let ccusage = ccusage.map_or("n/a".into(), |u| format!("{u:.digits$}"));
    vec![
        label.into(),
        format!("{cco:.digits$}"),
        ccusage,
        ratio,
        goal,
    ]
}

/// 12,345,678.
fn thousands(n: u64) -> String {
    let digits = n.to_string().into_bytes();
    let groups: Vec<&str> = digits
        .rchunks(3)
        .rev()
        .map(|group| std::str::from_utf8(group).expect("ASCII digits"))
        .collect();
    groups.join(",")
}
