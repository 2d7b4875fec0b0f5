//! Randomness and text for the corpus: the PRNG, timestamps, JSON escaping and line pools.

use std::io::Write;

use super::DAY_MS;

// ---------------------------------------------------------------------------------------------
// Randomness and formatting

/// The splitmix64 finaliser: a bijection on u64.
pub(super) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// xorshift64*, seeded through splitmix64.
#[derive(Clone)]
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        Rng(mix64(seed.wrapping_add(0x9e37_79b9_7f4a_7c15)) | 1)
    }

    pub(super) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// 0..n (0 when n is 0).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// lo..=hi.
    pub(super) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    pub(super) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// lo..=hi, log-uniform: mostly small, now and then large.
    pub(super) fn skewed(&mut self, lo: u64, hi: u64) -> u64 {
        let (lo, hi) = (lo.max(1) as f64, hi.max(lo + 1) as f64);
        (lo * (hi / lo).powf(self.unit())) as u64
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub(super) fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut r = self.below(u64::from(total)) as u32;
        for (item, weight) in items {
            if r < *weight {
                return *item;
            }
            r -= weight;
        }
        items[items.len() - 1].0
    }
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
pub(super) const HEX: &[u8; 16] = b"0123456789abcdef";

/// Eleven base-62 digits: enough for any u64, so distinct values give distinct text.
pub(super) fn push_base62(out: &mut String, mut value: u64) {
    for _ in 0..11 {
        out.push(BASE62[(value % 62) as usize] as char);
        value /= 62;
    }
}

/// (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub(super) fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// RFC 3339 with milliseconds and `Z`, as Claude Code writes it.
pub(super) fn push_ts(out: &mut Vec<u8>, ms: i64) {
    let (y, mo, d) = civil(ms.div_euclid(DAY_MS));
    let in_day = ms.rem_euclid(DAY_MS);
    let (h, mi, s, milli) = (
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000,
    );
    w!(
        out,
        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z"
    );
}

/// JSON string escaping (without the quotes).
pub(super) fn escape_into(out: &mut Vec<u8>, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if (c as u32) < 0x20 => w!(out, "\\u{:04x}", c as u32),
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Text

/// Lines of text, JSON-escaped once, each followed by an escaped newline.
pub(super) struct Pool {
    blob: Vec<u8>,
    /// Where each line starts, then the end of the blob.
    starts: Vec<usize>,
}

impl Pool {
    pub(super) fn build(rng: &mut Rng, lines: usize, make: fn(&mut Rng) -> String) -> Pool {
        let mut pool = Pool {
            blob: Vec::new(),
            starts: Vec::with_capacity(lines + 1),
        };
        for _ in 0..lines {
            pool.starts.push(pool.blob.len());
            escape_into(&mut pool.blob, &make(rng));
            pool.blob.extend_from_slice(b"\\n");
        }
        pool.starts.push(pool.blob.len());
        pool
    }

    fn lines(&self) -> usize {
        self.starts.len() - 1
    }

    /// Appends whole consecutive lines, about `bytes` of them (at least one line).
    pub(super) fn take(&self, rng: &mut Rng, out: &mut Vec<u8>, bytes: usize) {
        let n = self.lines();
        let mut i = rng.below(n as u64) as usize;
        let mut left = bytes.max(1);
        while left > 0 {
            let start = self.starts[i];
            let want = start + left;
            let j = match self.starts.binary_search(&want) {
                Ok(j) | Err(j) => j.clamp(i + 1, n),
            };
            out.extend_from_slice(&self.blob[start..self.starts[j]]);
            left = left.saturating_sub(self.starts[j] - start);
            i = if j == n { 0 } else { j };
        }
    }

    /// Like `take`, with `cat -n` style line numbers as Claude Code's Read tool shows them.
    pub(super) fn take_numbered(
        &self,
        rng: &mut Rng,
        out: &mut Vec<u8>,
        bytes: usize,
        first: u64,
    ) -> u64 {
        let n = self.lines();
        let mut i = rng.below(n as u64) as usize;
        let (end, mut number) = (out.len() + bytes.max(1), first);
        while out.len() < end {
            w!(out, "{number:>6}→");
            out.extend_from_slice(&self.blob[self.starts[i]..self.starts[i + 1]]);
            number += 1;
            i = (i + 1) % n;
        }
        number - first
    }

    /// One line without its newline.
    pub(super) fn one(&self, rng: &mut Rng, out: &mut Vec<u8>) {
        let i = rng.below(self.lines() as u64) as usize;
        out.extend_from_slice(&self.blob[self.starts[i]..self.starts[i + 1] - 2]);
    }
}

const IDENTS: &[&str] = &[
    "config", "session", "ledger", "usage", "parser", "offset", "buffer", "reader", "writer",
    "path", "line", "tokens", "model", "price", "store", "watcher", "event", "state", "pane",
    "theme", "keymap", "request", "response", "error", "cache", "entry", "index", "count", "total",
    "summary", "daily", "project", "agent", "hook", "socket", "frame", "layout", "cursor",
    "user_id", "retry", "timeout", "handler", "router", "schema", "batch", "queue",
];
const TYPES: &[&str] = &[
    "Result<()>",
    "Option<String>",
    "Vec<u8>",
    "HashMap<String, u64>",
    "&str",
    "PathBuf",
    "u64",
    "bool",
    "Arc<Mutex<State>>",
    "io::Result<usize>",
    "Duration",
    "&[Entry]",
];
pub(super) const NOUNS: &[&str] = &[
    "parser",
    "ledger",
    "cache",
    "test",
    "migration",
    "endpoint",
    "config file",
    "watcher",
    "offset",
    "query",
    "build",
    "schema",
    "handler",
    "retry loop",
    "price table",
    "index",
    "timeout",
    "fixture",
    "snapshot",
    "dependency",
    "layout",
    "error message",
    "API client",
];
pub(super) const VERBS: &[&str] = &[
    "update", "refactor", "fix", "check", "move", "rename", "simplify", "test", "split",
    "document", "remove", "inline", "cache", "validate",
];
const ADJS: &[&str] = &[
    "stale",
    "missing",
    "duplicated",
    "slow",
    "flaky",
    "wrong",
    "unused",
    "too strict",
    "out of date",
    "correct",
    "incomplete",
    "expensive",
];
pub(super) const FILES: &[&str] = &[
    "src/cost/ledger.rs",
    "src/app.rs",
    "src/ui/cost.rs",
    "src/config.rs",
    "src/session.rs",
    "tests/e2e/main.rs",
    "Cargo.toml",
    "README.md",
    "src/lib/api.ts",
    "web/src/components/Table.tsx",
    "app/models/user.py",
    "scripts/release.sh",
    "docs/design.md",
    "cmd/server/main.go",
    "pkg/store/query.go",
    "src/routes/index.ts",
    "migrations/0042_add_usage.sql",
    "app/services/billing.py",
    "src/parser/mod.rs",
    "package.json",
];
pub(super) const COMMANDS: &[(&str, &str)] = &[
    ("cargo test --workspace", "Run the test suite"),
    ("git status --short", "Show working tree status"),
    ("npm run build", "Build the web app"),
    ("pytest -q tests/", "Run Python tests"),
    ("ls -la src", "List source files"),
    ("rg -n \"fn main\" src", "Find entry points"),
    ("cargo clippy --all-targets -- -D warnings", "Lint"),
    ("git diff --stat", "Summarise changes"),
    ("go test ./...", "Run Go tests"),
    ("docker compose ps", "Check services"),
    ("git log --oneline -20", "Recent commits"),
    ("make check", "Run checks"),
];
pub(super) const BRANCHES: &[&str] = &[
    "main",
    "main",
    "main",
    "develop",
    "fix/flaky-tests",
    "feature/usage-export",
    "HEAD",
];

pub(super) fn ident(rng: &mut Rng) -> &'static str {
    IDENTS[rng.below(IDENTS.len() as u64) as usize]
}

fn camel(rng: &mut Rng) -> String {
    let (a, b) = (ident(rng), ident(rng));
    let mut out = String::new();
    for word in [a, b] {
        for part in word.split('_') {
            let mut chars = part.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
                out.extend(chars);
            }
        }
    }
    out
}

fn clause(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => format!("the {} is {}", rng.pick(NOUNS), rng.pick(ADJS)),
        1 => format!("it reads the {} twice", rng.pick(NOUNS)),
        2 => format!("the tests expect {} entries", rng.range(2, 40)),
        3 => format!(
            "`{}()` returns early on an empty {}",
            ident(rng),
            rng.pick(NOUNS)
        ),
        4 => format!("the {} has to stay backwards compatible", rng.pick(NOUNS)),
        _ => format!("we keep the {} — it is cheap", rng.pick(NOUNS)),
    }
}

pub(super) fn code_line(rng: &mut Rng) -> String {
    let indent = " ".repeat(4 * rng.below(4) as usize);
    let body = match rng.below(20) {
        0 => format!(
            "let {} = {}.{}(&{})?;",
            ident(rng),
            ident(rng),
            ident(rng),
            ident(rng)
        ),
        1 => format!(
            "fn {}(&mut self, {}: {}) -> {} {{",
            ident(rng),
            ident(rng),
            rng.pick(TYPES),
            rng.pick(TYPES)
        ),
        2 => format!(
            "if {}.{}() > {} {{",
            ident(rng),
            ident(rng),
            rng.range(0, 4096)
        ),
        3 => "}".into(),
        4 => format!("// {}", clause(rng)),
        5 => format!("match {} {{", ident(rng)),
        6 => format!(
            "    Some({}) => {}.push({}),",
            ident(rng),
            ident(rng),
            ident(rng)
        ),
        7 => "#[derive(Debug, Clone, PartialEq)]".into(),
        8 => format!("pub struct {} {{", camel(rng)),
        9 => format!("    pub {}: {},", ident(rng), rng.pick(TYPES)),
        10 => format!(
            "const {}: u64 = {};",
            ident(rng).to_uppercase(),
            rng.range(1, 1 << 20)
        ),
        11 => format!(
            "assert_eq!({}.len(), {}, \"{}\");",
            ident(rng),
            rng.range(0, 64),
            clause(rng)
        ),
        12 => format!(
            "export async function {}({}: string): Promise<{}> {{",
            ident(rng),
            ident(rng),
            camel(rng)
        ),
        13 => format!(
            "  const {} = await {}.{}(`${{{}}}/api/v1`);",
            ident(rng),
            ident(rng),
            ident(rng),
            ident(rng)
        ),
        14 => format!("def {}(self, {}: int) -> dict:", ident(rng), ident(rng)),
        15 => format!(
            "    return {{\"{}\": {}, \"{}\": None}}",
            ident(rng),
            ident(rng),
            ident(rng)
        ),
        16 => format!(
            "\t{} := {}.{}({})",
            ident(rng),
            ident(rng),
            camel(rng),
            ident(rng)
        ),
        17 => format!(
            "        println!(\"{} → {}: {{}}\", {});",
            ident(rng),
            ident(rng),
            ident(rng)
        ),
        18 => format!("        \"{}\": \"{}\\n\",", ident(rng), clause(rng)),
        _ => String::new(),
    };
    indent + &body
}

pub(super) fn output_line(rng: &mut Rng) -> String {
    match rng.below(16) {
        0 => format!("   Compiling {}-{} v0.{}.{}", ident(rng), ident(rng), rng.range(1, 40), rng.range(0, 20)),
        1 | 2 => format!("test {}::tests::{}_{} ... ok", ident(rng), ident(rng), ident(rng)),
        3 => format!(
            "test result: ok. {} passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in {}.{:02}s",
            rng.range(1, 400), rng.range(0, 90), rng.below(100)
        ),
        4 => format!("error[E0{}]: mismatched types", rng.range(100, 799)),
        5 => format!("  --> {}:{}:{}", rng.pick(FILES), rng.range(1, 900), rng.range(1, 80)),
        6 => format!("warning: unused variable: `{}`", ident(rng)),
        7 => format!(
            "-rw-r--r--  1 dev dev {:>7} Oct {:>2} 12:{:02} {}",
            rng.skewed(100, 90_000), rng.range(1, 31), rng.below(60), rng.pick(FILES)
        ),
        8 => format!(" M {}", rng.pick(FILES)),
        9 => format!("{}:{}:    let {} = {};", rng.pick(FILES), rng.range(1, 900), ident(rng), ident(rng)),
        10 => format!("PASS  {} ({}.{} s)", rng.pick(FILES), rng.below(9), rng.below(10)),
        11 => format!("✓ {} {} ({} ms)", ident(rng), ident(rng), rng.skewed(1, 3000)),
        12 => format!("Error: ENOENT: no such file or directory, open '{}'", rng.pick(FILES)),
        13 => format!("=== {} passed, {} warnings in {}.{:02}s ===", rng.range(1, 500), rng.below(9), rng.below(60), rng.below(100)),
        14 => format!("{:07x} {}", rng.next() & 0xfff_ffff, clause(rng)),
        _ => format!("    Finished `dev` profile [unoptimized + debuginfo] target(s) in {}.{:02}s", rng.below(90), rng.below(100)),
    }
}

pub(super) fn prose_line(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => format!(
            "I'll {} the {} in `{}` so that {}.",
            rng.pick(VERBS),
            rng.pick(NOUNS),
            rng.pick(FILES),
            clause(rng)
        ),
        1 => format!(
            "The {} is {} because {}.",
            rng.pick(NOUNS),
            rng.pick(ADJS),
            clause(rng)
        ),
        2 => format!(
            "Let me check how `{}` is used before changing it.",
            ident(rng)
        ),
        3 => format!("- **{}**: {}.", camel(rng), clause(rng)),
        4 => format!("## {} {}", camel(rng), rng.pick(NOUNS)),
        5 => format!(
            "{}. {} `{}` in `{}` — {}.",
            rng.range(1, 9),
            rng.pick(VERBS),
            ident(rng),
            rng.pick(FILES),
            clause(rng)
        ),
        6 => format!(
            "That fixes the {}; the {} is still {}.",
            rng.pick(NOUNS),
            rng.pick(NOUNS),
            rng.pick(ADJS)
        ),
        7 => format!(
            "Next I need to look at {}:{} where {}.",
            rng.pick(FILES),
            rng.range(1, 900),
            clause(rng)
        ),
        8 => format!("All {} tests pass now ✓", rng.range(3, 600)),
        9 => format!(
            "Note: the café example in the docs (日本語 too) still renders, since {}.",
            clause(rng)
        ),
        10 => String::new(),
        _ => format!("```\n{}\n```", code_line(rng)),
    }
}
