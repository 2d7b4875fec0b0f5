//! Realistic Claude Code transcript corpora, the same for the same seed, for the cost engine's
//! tests and benchmarks.
//!
//! [`generate`] writes `<root>/projects/<encoded cwd>/…` the way Claude Code does and returns
//! the truth: every API call counted once, overall and per UTC day. Point `CLAUDE_CONFIG_DIR` at
//! `root` and a correct counter must report exactly these totals.
//!
//! The lines have the shapes of real transcripts (`shared/claude-code/sessions`): user prompts,
//! assistant lines with `message.id`, `message.model`, `message.usage` and `requestId`, tool_use
//! blocks and tool_result lines with their `toolUseResult`, attachments, `system` lines
//! (compaction, turn duration), `summary`, `file-history-snapshot`, `queue-operation`,
//! `last-prompt`, `ai-title`. Tool results and file contents make lines several KB on average.
//! What a counter has to get right:
//!
//! * one API call is written as 1–4 consecutive assistant lines, one per content block, with the
//!   same `message.id`, `requestId` and identical usage (all lines of a call fall on one UTC
//!   day, so keeping the first line or the largest gives the same answer);
//! * three generations of transcripts, by date: old sessions (1.0.x) keep sub-agent lines inline
//!   (`isSidechain: true`) and write usage without the 5m/1h split; 2.0.x sessions write
//!   `agent-<16 hex>.jsonl` beside the session file; 2.1.x sessions write
//!   `<session id>/subagents/agent-a<16 hex>.jsonl` plus `agent-<id>.meta.json`;
//! * 2.0.x and 2.1.x parents carry `type: "progress"` lines whose `data.message` repeats each
//!   sub-agent assistant message (same id, request id, timestamp and usage): not new calls;
//! * 1-hour cache writes (`ephemeral_1h_input_tokens`), web search requests, `<synthetic>`
//!   assistant lines with zero usage (not API calls: counted apart in [`Totals::synthetic`]);
//! * about one malformed line in 10,000 (torn copies of a line, NUL runs, junk, invalid UTF-8)
//!   and a few empty lines; every line ends with a newline.
//!
//! `cache_creation_input_tokens` always equals the 5m + 1h split, so counters that read either
//! agree. Left out on purpose (tested elsewhere): legacy `costUSD` lines, placeholder output
//! counts in early streaming lines, and sidechain replays of parent messages.

// Tests use some items and benches others.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use text::{
    civil, code_line, mix64, output_line, prose_line, push_base62, push_ts, Pool, Rng, HEX,
};

pub const SONNET: &str = "claude-sonnet-4-5-20250929";
pub const OPUS: &str = "claude-opus-4-1-20250805";
pub const HAIKU: &str = "claude-haiku-4-5-20251001";
pub const OPUS_46: &str = "claude-opus-4-6";
/// The model of lines Claude Code writes itself (interruptions, API errors).
pub const SYNTHETIC: &str = "<synthetic>";

const DAY_MS: i64 = 86_400_000;
const MALFORMED_RATE: f64 = 1e-4;
const EMPTY_RATE: f64 = 5e-5;

/// Writes formatted text into a `Vec<u8>`.
macro_rules! w {
    ($dst:expr, $($arg:tt)*) => {
        $dst.write_fmt(format_args!($($arg)*)).expect("writing to memory")
    };
}

#[path = "corpus_lines.rs"]
mod lines;
#[path = "corpus_session.rs"]
mod session;
#[path = "corpus_text.rs"]
mod text;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Stop once this many bytes are written (the last session is closed properly first).
    pub target_bytes: u64,
    pub seed: u64,
    /// Sessions start on one of this many days…
    pub days: u32,
    /// …from this one (Unix seconds, UTC midnight).
    pub start_unix: i64,
}

impl Spec {
    /// `target_bytes` of transcripts over 90 days from 2025-08-01 UTC.
    pub fn new(target_bytes: u64, seed: u64) -> Spec {
        Spec {
            target_bytes,
            seed,
            days: 90,
            start_unix: 1_754_006_400,
        }
    }
}

/// The tokens of the API calls of one UTC day.
#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct DayTotals {
    pub calls: u64,
    pub input: u64,
    pub output: u64,
    /// 5-minute and 1-hour cache writes.
    pub cache_create: u64,
    pub cache_read: u64,
    pub web_search: u64,
}

impl DayTotals {
    /// input + output + cache writes + cache reads, as ccusage's `totalTokens`.
    pub fn tokens(&self) -> u64 {
        self.input + self.output + self.cache_create + self.cache_read
    }

    fn add(&mut self, other: &DayTotals) {
        self.calls += other.calls;
        self.input += other.input;
        self.output += other.output;
        self.cache_create += other.cache_create;
        self.cache_read += other.cache_read;
        self.web_search += other.web_search;
    }
}

/// What was written: each API call once, and the lines and files around them.
#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// API calls (`<synthetic>` lines are not calls).
    pub calls: u64,
    pub input: u64,
    pub output: u64,
    /// 5-minute and 1-hour cache writes.
    pub cache_create: u64,
    pub cache_read: u64,
    pub web_search: u64,
    /// The part of `cache_create` written with a 1-hour lifetime.
    pub cache_create_1h: u64,
    /// Calls made by sub-agents (all three layouts).
    pub sidechain_calls: u64,
    /// `<synthetic>` assistant lines (zero usage).
    pub synthetic: u64,
    /// `type: "progress"` lines repeating a sub-agent's assistant message.
    pub progress_repeats: u64,
    pub malformed_lines: u64,
    pub empty_lines: u64,
    /// All lines, the malformed and empty ones included.
    pub lines: u64,
    /// JSONL files.
    pub files: u64,
    /// Bytes written (JSONL and sub-agent `.meta.json` files).
    pub bytes: u64,
    /// Per UTC day (`YYYY-MM-DD`) of the call's lines.
    pub days: BTreeMap<String, DayTotals>,
}

impl Totals {
    /// input + output + cache writes + cache reads, as ccusage's `totalTokens`.
    pub fn tokens(&self) -> u64 {
        self.input + self.output + self.cache_create + self.cache_read
    }

    /// Adds what `other` counted (e.g. lines appended later).
    pub fn add(&mut self, other: &Totals) {
        self.calls += other.calls;
        self.input += other.input;
        self.output += other.output;
        self.cache_create += other.cache_create;
        self.cache_read += other.cache_read;
        self.web_search += other.web_search;
        self.cache_create_1h += other.cache_create_1h;
        self.sidechain_calls += other.sidechain_calls;
        self.synthetic += other.synthetic;
        self.progress_repeats += other.progress_repeats;
        self.malformed_lines += other.malformed_lines;
        self.empty_lines += other.empty_lines;
        self.lines += other.lines;
        self.files += other.files;
        self.bytes += other.bytes;
        for (day, totals) in &other.days {
            self.days.entry(day.clone()).or_default().add(totals);
        }
    }
}

/// Claude Code's folder name for a working directory: every `/` and `.` (every character but
/// ASCII letters and digits) becomes `-`.
pub fn encode_cwd(cwd: &str) -> String {
    cwd.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// `YYYY-MM-DD` of a Unix time, in UTC.
pub fn utc_date(unix_secs: i64) -> String {
    let (y, m, d) = civil(unix_secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Writes the corpus under `root` (`root/projects/…`); returns the true totals.
pub fn generate(root: &Path, spec: &Spec) -> io::Result<Totals> {
    let projects_dir = root.join("projects");
    fs::create_dir_all(&projects_dir)?;
    let mut gen = Gen::new(spec.seed, spec.target_bytes);
    let projects = gen.projects(40);
    let days = i64::from(spec.days.max(1));
    while gen.totals.bytes < spec.target_bytes {
        // Popular projects get most sessions.
        let u = gen.rng.unit();
        let project = &projects[((u * u) * projects.len() as f64) as usize];
        let day = gen.rng.below(days as u64) as i64;
        // Mostly working hours (UTC), some evenings and nights.
        let hour = gen
            .rng
            .weighted(&[(7, 2), (9, 6), (12, 6), (15, 6), (18, 3), (21, 2), (0, 1)]);
        let minute = gen.rng.below(180) as i64;
        let start = (spec.start_unix + day * 86_400 + hour * 3600 + minute * 60) * 1000
            + gen.rng.below(60_000) as i64;
        let era = Era::at((day as f64 + 0.5) / days as f64 + (gen.rng.unit() - 0.5) * 0.2);
        gen.session(&projects_dir.join(&project.dir), &project.cwd, start, era)?;
    }
    Ok(gen.finish())
}

/// Appends one turn of `calls` API calls (a prompt, then tool calls, then an answer; no new
/// files, no malformed lines) to the session transcript at `path`, starting at `at_ms` (Unix
/// milliseconds). Returns what was added.
pub fn append_calls(path: &Path, seed: u64, calls: u32, at_ms: i64) -> io::Result<Totals> {
    let mut file = fs::OpenOptions::new().read(true).append(true).open(path)?;
    let len = file.metadata()?.len();
    let from = len.saturating_sub(256 * 1024);
    file.seek(SeekFrom::Start(from))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail)?;
    let tail = String::from_utf8_lossy(&tail).into_owned();
    let field = |name: &str| {
        let key = format!("\"{name}\":\"");
        let at = tail.rfind(&key)? + key.len();
        let end = tail[at..].find('"')?;
        Some(tail[at..at + end].to_string())
    };
    let session = field("sessionId").ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidData, "no sessionId in the transcript")
    })?;
    let cwd = field("cwd").unwrap_or_else(|| "/home/dev/src/app".into());
    let version = field("version").unwrap_or_else(|| "2.1.197".into());
    let branch = field("gitBranch").unwrap_or_else(|| "main".into());
    let era = if version.starts_with("1.") {
        Era::Inline
    } else if version.starts_with("2.0.") {
        Era::ProjectFiles
    } else {
        Era::SubagentDirs
    };

    let mut gen = Gen::new(seed ^ 0x5eed_a99e_11d0_0001, u64::MAX);
    gen.quiet = true;
    let mut sink = Sink {
        w: BufWriter::new(file),
    };
    if !tail.is_empty() && !tail.ends_with('\n') {
        gen.line.clear();
        gen.raw(&mut sink)?;
    }
    let ctx = Ctx {
        id: session,
        cwd,
        dir: path.parent().unwrap_or(Path::new(".")).to_path_buf(),
        era,
        env: String::new(),
        ttl_1h: false,
    };
    let env = env(&ctx.cwd, &ctx.id, &version, &branch, era);
    let ctx = Ctx { env, ..ctx };
    let mut who = Who::new(None, SONNET, 18_000, at_ms);
    gen.user_prompt(&ctx, &mut who, &mut sink)?;
    let steps = calls.max(1);
    for step in 0..steps {
        who.t += gen.rng.range(1_500, 20_000) as i64;
        let last = step + 1 == steps;
        let call = gen.plan_call(&ctx, &mut who, last, TOOLS_NO_TASK);
        gen.write_call(&ctx, &mut who, &mut sink, None, &call)?;
        for block in &call.blocks {
            if let Block::Tool(tool) = block {
                who.t += tool_millis(&mut gen.rng, tool.kind);
                gen.tool_result(&ctx, &mut who, &mut sink, tool)?;
            }
        }
    }
    sink.w.flush()?;
    Ok(gen.finish())
}

// ---------------------------------------------------------------------------------------------
// The generator

/// Which generation of Claude Code wrote a session, by date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Era {
    /// 1.0.x: sub-agent lines inline, usage without the 5m/1h split.
    Inline,
    /// 2.0.x: `agent-<16 hex>.jsonl` beside the session, progress lines in the parent.
    ProjectFiles,
    /// 2.1.x: `<session>/subagents/agent-a<16 hex>.jsonl` + `.meta.json`, progress lines.
    SubagentDirs,
}

impl Era {
    /// By position in the time span (0 first day, 1 last).
    fn at(f: f64) -> Era {
        if f < 0.3 {
            Era::Inline
        } else if f < 0.6 {
            Era::ProjectFiles
        } else {
            Era::SubagentDirs
        }
    }
}

/// The `"userType":…,"gitBranch":"…"` tail of a session's lines.
fn env(cwd: &str, session: &str, version: &str, branch: &str, era: Era) -> String {
    let entry = if era == Era::Inline {
        ""
    } else {
        "\"entrypoint\":\"cli\","
    };
    format!(
        "\"userType\":\"external\",{entry}\"cwd\":\"{cwd}\",\"sessionId\":\"{session}\",\"version\":\"{version}\",\"gitBranch\":\"{branch}\""
    )
}

struct Project {
    cwd: String,
    dir: String,
}

/// A session's fixed facts.
struct Ctx {
    id: String,
    cwd: String,
    /// The project folder.
    dir: PathBuf,
    era: Era,
    env: String,
    ttl_1h: bool,
}

/// Who writes lines: the main conversation or a sub-agent, with its clock and its cache.
struct Who {
    sidechain: bool,
    agent: Option<String>,
    parent: Option<String>,
    prompt_id: String,
    t: i64,
    model: &'static str,
    /// System prompt and tools.
    sys: u64,
    /// The cached prefix after the last call.
    context: u64,
    /// Tokens added since the last call.
    pending: u64,
    warm: bool,
    last_call: i64,
}

impl Who {
    fn new(agent: Option<String>, model: &'static str, sys: u64, t: i64) -> Who {
        Who {
            sidechain: agent.is_some(),
            agent,
            parent: None,
            prompt_id: String::new(),
            t,
            model,
            sys,
            context: sys,
            pending: 0,
            warm: false,
            last_call: t,
        }
    }
}

#[derive(Clone, Copy, Default)]
struct Usage {
    input: u64,
    output: u64,
    c5: u64,
    c1: u64,
    read: u64,
    web: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Read,
    Bash,
    Edit,
    Write,
    Grep,
    Glob,
    Todo,
    WebSearch,
    Task,
}

/// The main session's tools with their weights; Task comes last so the list without it can
/// be derived.
const TOOLS: &[(Kind, u32)] = &[
    (Kind::Read, 300),
    (Kind::Bash, 250),
    (Kind::Edit, 180),
    (Kind::Grep, 80),
    (Kind::Glob, 40),
    (Kind::Write, 40),
    (Kind::Todo, 50),
    (Kind::WebSearch, 15),
    (Kind::Task, 30),
];
/// The same without Task.
const TOOLS_NO_TASK: &[(Kind, u32)] = match TOOLS.split_last() {
    Some(((Kind::Task, _), rest)) => rest,
    _ => panic!("Task is the last of TOOLS"),
};
const SUB_TOOLS: &[(Kind, u32)] = &[
    (Kind::Read, 400),
    (Kind::Grep, 250),
    (Kind::Glob, 100),
    (Kind::Bash, 200),
    (Kind::WebSearch, 10),
];

struct Tool {
    id: String,
    kind: Kind,
    /// Bytes of input (Edit/Write contents, Task prompt).
    input: usize,
    /// Bytes of the result.
    result: usize,
    file: &'static str,
    command: usize,
    error: bool,
}

enum Block {
    Thinking(usize),
    Text(usize),
    Tool(Tool),
}

struct Call {
    id: String,
    request: String,
    usage: Usage,
    blocks: Vec<Block>,
    stop: &'static str,
}

/// An open JSONL file.
struct Sink {
    w: BufWriter<File>,
}

impl Sink {
    fn create(path: &Path) -> io::Result<Sink> {
        Ok(Sink {
            w: BufWriter::with_capacity(256 * 1024, File::create(path)?),
        })
    }
}

struct Gen {
    rng: Rng,
    target: u64,
    code: Pool,
    output: Pool,
    prose: Pool,
    totals: Totals,
    days: BTreeMap<i64, DayTotals>,
    counter: u64,
    salt: u64,
    line: Vec<u8>,
    msg: Vec<u8>,
    /// No malformed or empty lines.
    quiet: bool,
}

fn tool_millis(rng: &mut Rng, kind: Kind) -> i64 {
    (match kind {
        Kind::Bash => rng.skewed(150, 180_000),
        Kind::WebSearch => rng.range(2_000, 9_000),
        _ => rng.range(30, 600),
    }) as i64
}

impl Gen {
    fn new(seed: u64, target: u64) -> Gen {
        let mut rng = Rng::new(seed);
        let code = Pool::build(&mut rng, 4000, code_line);
        let output = Pool::build(&mut rng, 2000, output_line);
        let prose = Pool::build(&mut rng, 2000, prose_line);
        let salt = rng.next();
        Gen {
            rng,
            target,
            code,
            output,
            prose,
            totals: Totals::default(),
            days: BTreeMap::new(),
            counter: 0,
            salt,
            line: Vec::with_capacity(1 << 16),
            msg: Vec::with_capacity(1 << 16),
            quiet: false,
        }
    }

    fn finish(mut self) -> Totals {
        for (day, totals) in std::mem::take(&mut self.days) {
            self.totals.days.insert(utc_date(day * 86_400), totals);
        }
        self.totals
    }

    // -- ids -----------------------------------------------------------------------------------

    /// `prefix` + 22 base-62 characters; never the same twice in one run.
    fn id(&mut self, prefix: &str) -> String {
        let n = self.counter;
        self.counter += 1;
        let mut id = String::with_capacity(prefix.len() + 22);
        id.push_str(prefix);
        push_base62(&mut id, self.rng.next());
        push_base62(&mut id, mix64(n ^ self.salt));
        id
    }

    fn uuid(&mut self) -> String {
        let (a, b) = (self.rng.next(), self.rng.next());
        let a = (a & !0xf000) | 0x4000; // version 4
        let b = (b & !(0b11 << 62)) | (0b10 << 62); // RFC 4122 variant
        let mut out = String::with_capacity(36);
        for (i, nibble) in (0..16)
            .rev()
            .map(|k| (a >> (4 * k)) & 15)
            .chain((0..16).rev().map(|k| (b >> (4 * k)) & 15))
            .enumerate()
        {
            if matches!(i, 8 | 12 | 16 | 20) {
                out.push('-');
            }
            out.push(HEX[nibble as usize] as char);
        }
        out
    }

    fn hex(&mut self, digits: usize) -> String {
        let mut out = String::with_capacity(digits);
        let mut value = mix64(self.counter ^ self.salt.rotate_left(17)) ^ self.rng.next();
        self.counter += 1;
        for _ in 0..digits {
            out.push(HEX[(value & 15) as usize] as char);
            value = value.rotate_right(4);
        }
        out
    }

    // -- writing -------------------------------------------------------------------------------

    /// Writes `self.line` and a newline; now and then a malformed or an empty line after it.
    fn emit(&mut self, out: &mut Sink) -> io::Result<()> {
        self.raw(out)?;
        if self.quiet {
            return Ok(());
        }
        if self.rng.chance(MALFORMED_RATE) {
            let bad: Vec<u8> = match self.rng.below(5) {
                // A torn write: the start of the line just written.
                0 | 1 => {
                    let cut = (self.line.len() as u64 * self.rng.range(10, 90) / 100).max(1);
                    self.line[..cut as usize].to_vec()
                }
                2 => vec![0u8; self.rng.range(16, 4096) as usize],
                3 => b"{\"type\":\"assistant\",\"message\":{\"id\":\"msg_".to_vec(),
                _ => {
                    let mut junk = b"\xff\xfe garbage \xc3(".to_vec();
                    junk.extend_from_slice(&self.line[..self.line.len().min(40)]);
                    junk
                }
            };
            out.w.write_all(&bad)?;
            out.w.write_all(b"\n")?;
            self.totals.malformed_lines += 1;
            self.totals.lines += 1;
            self.totals.bytes += bad.len() as u64 + 1;
        }
        if self.rng.chance(EMPTY_RATE) {
            out.w.write_all(b"\n")?;
            self.totals.empty_lines += 1;
            self.totals.lines += 1;
            self.totals.bytes += 1;
        }
        Ok(())
    }

    /// Writes `self.line` and a newline, nothing else.
    fn raw(&mut self, out: &mut Sink) -> io::Result<()> {
        out.w.write_all(&self.line)?;
        out.w.write_all(b"\n")?;
        self.totals.lines += 1;
        self.totals.bytes += self.line.len() as u64 + 1;
        Ok(())
    }

    /// `{"parentUuid":…,"isSidechain":…,` and, for sub-agents, `"agentId":…,`.
    fn head(&mut self, who: &Who, prompt: bool) {
        let l = &mut self.line;
        l.clear();
        match &who.parent {
            Some(p) => w!(
                l,
                "{{\"parentUuid\":\"{p}\",\"isSidechain\":{},",
                who.sidechain
            ),
            None => w!(
                l,
                "{{\"parentUuid\":null,\"isSidechain\":{},",
                who.sidechain
            ),
        }
        if prompt && !who.prompt_id.is_empty() {
            w!(l, "\"promptId\":\"{}\",", who.prompt_id);
        }
        if let Some(agent) = &who.agent {
            w!(l, "\"agentId\":\"{agent}\",");
        }
    }

    /// `"uuid":…,"timestamp":…,<env>}`; moves `who.parent` on.
    fn tail(&mut self, ctx: &Ctx, who: &mut Who) {
        let uuid = self.uuid();
        let l = &mut self.line;
        w!(l, "\"uuid\":\"{uuid}\",\"timestamp\":\"");
        push_ts(l, who.t);
        w!(l, "\",{}}}", ctx.env);
        who.parent = Some(uuid);
    }
}
