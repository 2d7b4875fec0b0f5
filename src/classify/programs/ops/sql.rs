//! A SQL judge: splits statements on `;` outside quotes and comments and labels each by its
//! leading keyword, then looks through it for writes hidden inside (data-modifying CTEs,
//! `SELECT … INTO`, statements run without `;` as SQL Server allows, functions with side
//! effects). Quoting rules differ between databases, so the text is read under each dialect's
//! rules and the riskiest reading wins.

use super::sql_names::{
    is_known_function, is_side_effect_function, KEYWORDS_BEFORE_PAREN, SYSTEM_SCHEMAS,
};
use crate::classify::verdict::{Label, Verdict};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Token<'a> {
    Word(&'a str),
    /// A quoted identifier (`"…"`, `` `…` ``, `[…]`).
    Quoted,
    /// A string literal (`'…'`, `$$…$$`).
    Text,
    Punct(u8),
}

#[derive(Clone, Copy)]
struct Dialect {
    backslash_escapes: bool,
    dollar_quotes: bool,
    bracket_names: bool,
}

/// Judges SQL text (one or many statements). The reason reads "runs DROP TABLE".
pub fn judge_sql(sql: &str) -> Verdict {
    let mut worst: Option<(Label, String)> = None;
    for bits in 0..8u8 {
        let dialect = Dialect {
            backslash_escapes: bits & 1 != 0,
            dollar_quotes: bits & 2 != 0,
            bracket_names: bits & 4 != 0,
        };
        let (tokens, unterminated) = tokenize(sql, dialect);
        if unterminated
            && worst
                .as_ref()
                .is_none_or(|(label, _)| Label::Update > *label)
        {
            worst = Some((
                Label::Update,
                "has an unterminated quote or comment".to_string(),
            ));
        }
        for statement in tokens.split(|t| *t == Token::Punct(b';')) {
            if statement.is_empty() {
                continue;
            }
            let found = judge_statement(statement);
            if worst.as_ref().is_none_or(|(label, _)| found.0 > *label) {
                worst = Some(found);
            }
        }
    }
    match worst {
        Some((label, reason)) => Verdict::new(label, reason),
        None => Verdict::read("runs no SQL statement"),
    }
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'@' || byte >= 0x80
}

/// Index just past a quoted run starting at `start`, or None when it never closes.
fn skip_quoted(bytes: &[u8], start: usize, quote: u8, escapes: bool) -> Option<usize> {
    let mut at = start + 1;
    while at < bytes.len() {
        let byte = bytes[at];
        if escapes && byte == b'\\' {
            at += 2;
            continue;
        }
        if byte == quote {
            if bytes.get(at + 1) == Some(&quote) {
                at += 2;
                continue;
            }
            return Some(at + 1);
        }
        at += 1;
    }
    None
}

/// The tokens of SQL text, and whether it ends inside a quote or comment (the tokens before
/// that point are still returned, so statements before it are judged).
fn tokenize(sql: &str, dialect: Dialect) -> (Vec<Token<'_>>, bool) {
    let mut tokens = Vec::new();
    let complete = tokenize_into(sql, dialect, &mut tokens).is_some();
    (tokens, !complete)
}

fn tokenize_into<'a>(sql: &'a str, dialect: Dialect, tokens: &mut Vec<Token<'a>>) -> Option<()> {
    let bytes = sql.as_bytes();
    let mut last_word_end = usize::MAX;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let next = bytes.get(i + 1).copied();
        match byte {
            b if b.is_ascii_whitespace() => i += 1,
            // `--` starts a comment everywhere only when a space follows (MySQL's rule); a
            // `--x` read as code can only find more, never hide a statement.
            b'-' if next == Some(b'-')
                && bytes.get(i + 2).is_none_or(|b| b.is_ascii_whitespace()) =>
            {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if next == Some(b'*') => {
                if bytes.get(i + 2) == Some(&b'!') {
                    // MySQL runs the text of `/*! … */` comments.
                    i += 3;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                    continue;
                }
                let end = sql[i + 2..].find("*/")?;
                i += 2 + end + 2;
            }
            b'\'' => {
                let e_string = last_word_end == i
                    && matches!(tokens.last(), Some(Token::Word(w)) if w.eq_ignore_ascii_case("e"));
                i = skip_quoted(bytes, i, b'\'', dialect.backslash_escapes || e_string)?;
                tokens.push(Token::Text);
            }
            b'"' => {
                i = skip_quoted(bytes, i, b'"', dialect.backslash_escapes)?;
                tokens.push(Token::Quoted);
            }
            b'`' => {
                i = skip_quoted(bytes, i, b'`', false)?;
                tokens.push(Token::Quoted);
            }
            b'[' if dialect.bracket_names => {
                i = skip_quoted(bytes, i, b']', false)?;
                tokens.push(Token::Quoted);
            }
            b'$' if dialect.dollar_quotes => {
                let mut end = i + 1;
                while end < bytes.len()
                    && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_')
                {
                    end += 1;
                }
                let tag_ok = bytes.get(end) == Some(&b'$')
                    && !bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                if tag_ok {
                    let delimiter = &sql[i..=end];
                    let close = sql[end + 1..].find(delimiter)?;
                    i = end + 1 + close + delimiter.len();
                    tokens.push(Token::Text);
                } else {
                    tokens.push(Token::Word(&sql[i..end]));
                    i = end;
                }
            }
            b if is_word_byte(b) => {
                let start = i;
                while i < bytes.len() && (is_word_byte(bytes[i]) || bytes[i] == b'$') {
                    i += 1;
                }
                tokens.push(Token::Word(&sql[start..i]));
                last_word_end = i;
            }
            other => {
                tokens.push(Token::Punct(other));
                i += 1;
            }
        }
    }
    Some(())
}

#[rustfmt::skip]
const READ_FIRST: &[&str] = &[
    "select", "with", "values", "table", "use", "begin", "commit", "end", "rollback", "savepoint",
    "release", "abort", "go", "print", "declare", "listen", "unlisten", "fetch", "close",
    "deallocate", "exists", "waitfor", "move",
];
const CREATE_FIRST: &[&str] = &["insert", "create", "backup"];
const DELETE_FIRST: &[&str] = &["delete", "drop", "truncate", "detach", "purge"];
/// First keywords named in reasons with the word after them (`DROP TABLE`).
#[rustfmt::skip]
const TWO_WORD_NAMES: &[&str] = &[
    "create", "drop", "alter", "truncate", "insert", "delete", "grant", "revoke", "copy",
    "replace", "attach", "detach", "vacuum", "reindex", "refresh", "lock", "load",
];

fn word_at<'a>(tokens: &[Token<'a>], at: usize) -> Option<&'a str> {
    match tokens.get(at) {
        Some(Token::Word(word)) => Some(word),
        _ => None,
    }
}

fn is_word(tokens: &[Token], at: usize, expected: &str) -> bool {
    word_at(tokens, at).is_some_and(|w| w.eq_ignore_ascii_case(expected))
}

fn judge_statement(tokens: &[Token]) -> (Label, String) {
    let Some(at) = tokens.iter().position(|t| *t != Token::Punct(b'(')) else {
        return (Label::Read, "runs no SQL statement".to_string());
    };
    let Some(first) = word_at(tokens, at) else {
        return (
            Label::Update,
            "runs SQL that is not a known statement".to_string(),
        );
    };
    let keyword = first.to_ascii_lowercase();
    let rest = &tokens[at + 1..];
    let mut name = first.to_ascii_uppercase();
    if TWO_WORD_NAMES.contains(&keyword.as_str()) {
        if let Some(second) = word_at(rest, 0) {
            name = format!("{name} {second}");
        }
    }
    let ran = format!("runs {name}");
    let (label, scan_rest, read_statement) = match keyword.as_str() {
        "show" | "describe" | "desc" | "help" => return (Label::Read, ran),
        "explain" => return explain(rest),
        "pragma" => return pragma(rest),
        "copy" => (copy(rest), true, false),
        "start" if is_word(rest, 0, "transaction") => (Label::Read, true, true),
        "prepare" if !is_word(rest, 0, "transaction") => (Label::Read, true, true),
        k if READ_FIRST.contains(&k) => (Label::Read, true, true),
        k if CREATE_FIRST.contains(&k) => (Label::Create, true, false),
        k if DELETE_FIRST.contains(&k) => (Label::Delete, true, false),
        _ => (Label::Update, true, false),
    };
    let mut worst = (label, ran);
    if scan_rest {
        if let Some(found) = scan(rest, read_statement) {
            if found.0 > worst.0 {
                worst = found;
            }
        }
    }
    worst
}

/// `EXPLAIN` only plans, unless ANALYZE makes it run the statement.
fn explain(rest: &[Token]) -> (Label, String) {
    let mut analyze = false;
    let mut at = 0;
    if rest.first() == Some(&Token::Punct(b'(')) {
        let close = rest
            .iter()
            .position(|t| *t == Token::Punct(b')'))
            .unwrap_or(rest.len());
        analyze = rest[..close]
            .iter()
            .any(|t| matches!(t, Token::Word(w) if w.eq_ignore_ascii_case("analyze") || w.eq_ignore_ascii_case("analyse")));
        at = close + 1;
    }
    #[rustfmt::skip]
    const OPTIONS: &[&str] = &[
        "analyze", "analyse", "verbose", "query", "plan", "format", "extended", "partitions",
        "json", "tree", "traditional", "costs", "buffers",
    ];
    while let Some(word) = word_at(rest, at) {
        let lower = word.to_ascii_lowercase();
        if !OPTIONS.contains(&lower.as_str()) {
            break;
        }
        analyze |= lower == "analyze" || lower == "analyse";
        at += 1;
        if rest.get(at) == Some(&Token::Punct(b'=')) {
            at += 2;
        }
    }
    if analyze {
        let inner = judge_statement(rest.get(at..).unwrap_or_default());
        if inner.0 > Label::Read {
            return (inner.0, format!("EXPLAIN ANALYZE {}", inner.1));
        }
    }
    (Label::Read, "runs EXPLAIN, which only plans".to_string())
}

/// SQLite `PRAGMA name`, `PRAGMA name(arg)`, `PRAGMA name = value`.
fn pragma(rest: &[Token]) -> (Label, String) {
    #[rustfmt::skip]
    const READ_WITH_ARGUMENT: &[&str] = &[
        "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list",
        "foreign_key_check", "integrity_check", "quick_check", "table_list",
    ];
    const CHANGING: &[&str] = &[
        "optimize",
        "wal_checkpoint",
        "incremental_vacuum",
        "shrink_memory",
    ];
    let (name, after) = if rest.get(1) == Some(&Token::Punct(b'.')) {
        (word_at(rest, 2), rest.get(3..).unwrap_or_default())
    } else {
        (word_at(rest, 0), rest.get(1..).unwrap_or_default())
    };
    let name = name.unwrap_or("").to_ascii_lowercase();
    let label = match after.first() {
        Some(Token::Punct(b'=')) => Label::Update,
        Some(Token::Punct(b'(')) if READ_WITH_ARGUMENT.contains(&name.as_str()) => Label::Read,
        Some(Token::Punct(b'(')) => Label::Update,
        _ if CHANGING.contains(&name.as_str()) => Label::Update,
        _ => Label::Read,
    };
    let what = if label == Label::Read {
        "reads"
    } else {
        "changes"
    };
    (label, format!("runs PRAGMA {name}, which {what} a setting"))
}

/// `COPY … TO STDOUT` prints; `TO 'file'` writes on the server; `FROM` loads rows; `PROGRAM`
/// runs a shell command on the server.
fn copy(rest: &[Token]) -> Label {
    let mut depth = 0i32;
    for (at, token) in rest.iter().enumerate() {
        match token {
            Token::Punct(b'(') => depth += 1,
            Token::Punct(b')') => depth -= 1,
            Token::Word(word) if depth == 0 && word.eq_ignore_ascii_case("from") => {
                return Label::Update;
            }
            Token::Word(word) if depth == 0 && word.eq_ignore_ascii_case("to") => {
                return match rest.get(at + 1) {
                    Some(Token::Word(target)) if target.eq_ignore_ascii_case("stdout") => {
                        Label::Read
                    }
                    Some(Token::Text) => Label::Create,
                    _ => Label::Update,
                };
            }
            _ => {}
        }
    }
    Label::Update
}

/// Writes hidden anywhere in a statement: the riskiest one found.
fn scan(tokens: &[Token], read_statement: bool) -> Option<(Label, String)> {
    let mut worst: Option<(Label, String)> = None;
    let mut note = |label: Label, reason: String| {
        if worst.as_ref().is_none_or(|(l, _)| label > *l) {
            worst = Some((label, reason));
        }
    };
    for (at, token) in tokens.iter().enumerate() {
        if *token == Token::Punct(b'\\') {
            // mysql client commands: `\G` ends a statement; `\!` runs a shell command, `\.` a
            // file, `\T` tees output to a file.
            let harmless = word_at(tokens, at + 1)
                .and_then(|w| w.chars().next())
                .is_some_and(|c| "GgcqsuCWwpRtnxhd".contains(c));
            if !harmless {
                note(Label::Update, "runs a client command".to_string());
            }
            continue;
        }
        let Token::Word(word) = token else { continue };
        let lower = word.to_ascii_lowercase();
        let previous = if at > 0 {
            word_at(tokens, at - 1).map(str::to_ascii_lowercase)
        } else {
            None
        };
        let previous = previous.as_deref().unwrap_or("");
        if tokens.get(at + 1) == Some(&Token::Punct(b'(')) {
            if let Some(reason) = function_call(tokens, at, &lower, previous, read_statement) {
                note(Label::Update, reason);
            }
            continue;
        }
        let found = match lower.as_str() {
            "insert" | "create" | "backup" => Some(Label::Create),
            "update" if !matches!(previous, "for" | "key" | "on") => Some(Label::Update),
            "delete" if previous != "on" => Some(Label::Delete),
            "drop" if !matches!(previous, "on" | "commit") => Some(Label::Delete),
            "truncate" => Some(Label::Delete),
            "alter" | "grant" | "revoke" | "deny" | "merge" | "exec" | "execute" | "restore"
            | "dbcc" | "reconfigure" | "shutdown" | "kill" | "checkpoint" | "writetext"
            | "updatetext" | "send" | "receive" | "disable" | "enable" | "bulk" => {
                Some(Label::Update)
            }
            "lock" if !is_word(tokens, at + 1, "in") => Some(Label::Update),
            "into" if read_statement => {
                if is_word(tokens, at + 1, "outfile") || is_word(tokens, at + 1, "dumpfile") {
                    note(
                        Label::Create,
                        "runs SELECT … INTO OUTFILE, which writes a file".to_string(),
                    );
                } else if !word_at(tokens, at + 1).is_some_and(|w| w.starts_with('@')) {
                    let table = word_at(tokens, at + 1).unwrap_or("a table");
                    note(
                        Label::Create,
                        format!("runs SELECT … INTO, which creates {table}"),
                    );
                }
                None
            }
            _ => None,
        };
        if let Some(label) = found {
            note(label, format!("runs {}", word.to_ascii_uppercase()));
        }
    }
    worst
}

/// Why a call `name(…)` at `at` may change something, if it may.
fn function_call(
    tokens: &[Token],
    at: usize,
    lower: &str,
    previous: &str,
    read_statement: bool,
) -> Option<String> {
    if KEYWORDS_BEFORE_PAREN.contains(&lower) {
        return None;
    }
    let qualifier = if at >= 2 && tokens[at - 1] == Token::Punct(b'.') {
        word_at(tokens, at - 2).map(str::to_ascii_lowercase)
    } else {
        None
    };
    if is_side_effect_function(lower) {
        return Some(format!("calls {lower}, which has side effects"));
    }
    if !read_statement {
        return None;
    }
    let system = qualifier
        .as_deref()
        .is_none_or(|q| SYSTEM_SCHEMAS.contains(&q));
    if system && is_known_function(lower) {
        return None;
    }
    // `AS t(a, b)` names the columns of an alias.
    if qualifier.is_none() && previous == "as" {
        return None;
    }
    if names_a_cte(tokens, at) {
        return None;
    }
    Some(format!(
        "calls {lower}, a function whose effects are unknown"
    ))
}

/// `name (columns) AS (…)`: a common table expression, not a call.
fn names_a_cte(tokens: &[Token], at: usize) -> bool {
    let mut depth = 0i32;
    for (offset, token) in tokens[at + 1..].iter().enumerate() {
        match token {
            Token::Punct(b'(') => depth += 1,
            Token::Punct(b')') => {
                depth -= 1;
                if depth == 0 {
                    let after = at + 1 + offset + 1;
                    return is_word(tokens, after, "as")
                        && (tokens.get(after + 1) == Some(&Token::Punct(b'('))
                            || is_word(tokens, after + 1, "materialized")
                            || is_word(tokens, after + 1, "not"));
                }
            }
            _ => {}
        }
    }
    false
}
