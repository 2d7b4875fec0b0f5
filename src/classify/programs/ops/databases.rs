//! SQL clients: psql, mysql/mariadb, clickhouse, cockroach, sqlcmd, sqlite3 and duckdb. The SQL they are given is judged; SQL they read from a file or a
//! session is unknown (UPDATE). Client/server databases talk to the network.

use super::sql::judge_sql;
use super::sql_meta::{dot_command, psql_meta};
use super::{getopt, has_parsed, values_of, Call, Parsed};
use crate::classify::programs::Stdin;
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    let program = call.program;
    let args = call.args;
    let verdict = match program {
        "psql" => psql(call),
        "mysql" | "mariadb" => mysql(call),
        "clickhouse-client" | "clickhouse-local" | "chdb" => clickhouse(call, program, args),
        "clickhouse" => match args.split_first() {
            Some((mode, rest)) if mode.is("client") || mode.is("local") => {
                clickhouse(call, &format!("clickhouse {}", mode.text), rest)
            }
            _ => Verdict::update("clickhouse runs a server or tool"),
        },
        "cockroach" => cockroach(call),
        "sqlcmd" => sqlcmd(args),
        "sqlite3" | "sqlite" | "duckdb" => sqlite(call),
        _ => return None,
    };
    Some(verdict)
}

/// SQL given as one shell word: unknown when part of it is only known when the shell runs.
fn judge_sql_word(program: &str, sql: &Word) -> Verdict {
    if sql.dynamic {
        Verdict::update(format!("{program} runs SQL only known when the shell runs"))
    } else {
        judge_sql_text(program, &sql.text)
    }
}

/// SQL given on the command line, judged and named after the program.
pub fn judge_sql_text(program: &str, sql: &str) -> Verdict {
    let verdict = judge_sql(sql);
    let reason = format!("{program} {}", verdict.reason);
    Verdict { reason, ..verdict }
}

/// What a client does when it gets no SQL on the command line: it reads its input.
fn from_input(program: &str, stdin: &Stdin, judge_text: impl Fn(&str) -> Verdict) -> Verdict {
    match stdin {
        Stdin::Text(text) if has_shell_expansion(text) => Verdict::update(format!(
            "{program} runs SQL holding shell expansions only known when the shell runs"
        )),
        Stdin::Text(text) => judge_text(text),
        Stdin::File(file) => Verdict::update(format!("{program} runs the SQL in {file}")),
        Stdin::Piped => Verdict::update(format!("{program} runs SQL it is fed")),
        Stdin::Inherited => Verdict::update(format!("{program} opens an interactive SQL session")),
    }
}

/// Whether text fed from an unquoted here-document may hold `$VAR`, `${…}` or `$(…)`, which the
/// shell replaces before the client reads it. PostgreSQL's `$1` and `$tag$` quotes are not.
fn has_shell_expansion(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, byte)| {
        if *byte != b'$' {
            return false;
        }
        match bytes.get(at + 1) {
            Some(b'(' | b'{') => true,
            Some(next) if next.is_ascii_alphabetic() || *next == b'_' => {
                let name_end = bytes[at + 1..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                    .map_or(bytes.len(), |end| at + 1 + end);
                bytes.get(name_end) != Some(&b'$')
            }
            _ => false,
        }
    })
}

fn writes_output(program: &str, options: &[Parsed], names: &[&str]) -> Option<Verdict> {
    values_of(options, names)
        .first()
        .filter(|f| !f.is("-") && !f.is("/dev/null"))
        .map(|file| Verdict::create(format!("{program} writes its output to {}", file.text)))
}

fn psql(call: &Call) -> Verdict {
    let (options, _) = getopt(
        call.args,
        "cdfhpUvoLPFRT",
        "",
        &[
            "--command",
            "--dbname",
            "--file",
            "--host",
            "--port",
            "--username",
            "--set",
            "--variable",
            "--output",
            "--log-file",
            "--pset",
            "--field-separator",
            "--record-separator",
            "--table-attr",
        ],
    );
    if has_parsed(&options, &["-V", "--version", "-?", "--help"]) {
        return Verdict::read("psql prints its version or help");
    }
    let mut verdicts = Vec::new();
    verdicts.extend(writes_output(
        "psql",
        &options,
        &["-o", "--output", "-L", "--log-file"],
    ));
    if has_parsed(&options, &["-f", "--file"]) {
        verdicts.push(Verdict::update("psql runs the SQL in a file"));
    }
    let commands = values_of(&options, &["-c", "--command"]);
    for command in &commands {
        if command.dynamic {
            verdicts.push(Verdict::update(
                "psql runs SQL only known when the shell runs",
            ));
        } else if command.text.trim_start().starts_with('\\') {
            verdicts.push(psql_meta(call, &command.text));
        } else {
            verdicts.push(judge_sql_text("psql", &command.text));
        }
    }
    if has_parsed(&options, &["-l", "--list"]) && commands.is_empty() {
        verdicts.push(Verdict::read("psql --list lists databases"));
    } else if commands.is_empty() && !has_parsed(&options, &["-f", "--file"]) {
        verdicts.push(from_input("psql", call.stdin, |text| {
            psql_script(call, text)
        }));
    }
    Verdict::max_of(verdicts).net()
}

/// A psql script: backslash lines are meta-commands, the rest is SQL.
fn psql_script(call: &Call, text: &str) -> Verdict {
    let mut sql = String::new();
    let mut verdicts = Vec::new();
    for line in text.lines() {
        match line.find('\\') {
            Some(at) => {
                sql.push_str(&line[..at]);
                sql.push('\n');
                verdicts.push(psql_meta(call, &line[at..]));
            }
            None => {
                sql.push_str(line);
                sql.push('\n');
            }
        }
    }
    verdicts.push(judge_sql_text("psql", &sql));
    Verdict::max_of(verdicts)
}

fn mysql(call: &Call) -> Verdict {
    let program = call.program;
    let (options, _) = getopt(
        call.args,
        "eDhuPSOTb",
        "p",
        &[
            "--execute",
            "--database",
            "--host",
            "--user",
            "--port",
            "--socket",
            "--tee",
            "--pager",
            "--init-command",
            "--default-character-set",
            "--login-path",
            "--protocol",
            "--connect-timeout",
            "--max-allowed-packet",
        ],
    );
    if has_parsed(&options, &["-V", "--version", "-?", "--help"]) {
        return Verdict::read(format!("{program} prints its version or help"));
    }
    let mut verdicts = Vec::new();
    verdicts.extend(writes_output(program, &options, &["--tee"]));
    if has_parsed(&options, &["--pager", "--plugin-dir", "--default-auth"]) {
        verdicts.push(Verdict::update(format!(
            "{program} runs a pager or loads a plugin"
        )));
    }
    for init in values_of(&options, &["--init-command"]) {
        verdicts.push(judge_sql_word(program, init));
    }
    let statements = values_of(&options, &["-e", "--execute"]);
    for sql in &statements {
        if sql.dynamic {
            verdicts.push(Verdict::update(format!(
                "{program} runs SQL only known when the shell runs"
            )));
        } else {
            verdicts.push(mysql_text(call, &sql.text));
        }
    }
    if statements.is_empty() {
        verdicts.push(from_input(program, call.stdin, |text| {
            mysql_text(call, text)
        }));
    }
    Verdict::max_of(verdicts).net()
}

/// Text for the mysql client: lines starting with a client command (`system`, `source`, `tee`…)
/// are the client's, the rest is SQL.
fn mysql_text(call: &Call, text: &str) -> Verdict {
    #[rustfmt::skip]
    const HARMLESS: &[&str] = &[
        "use", "status", "charset", "warnings", "nowarning", "print", "prompt", "rehash",
        "connect", "ego", "go", "quit", "exit", "delimiter", "resetconnection", "notee", "nopager",
        "help", "clear",
    ];
    let program = call.program;
    let mut sql = String::new();
    let mut verdicts = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let (first, rest) = trimmed
            .split_once(char::is_whitespace)
            .map_or((trimmed, ""), |(f, r)| (f, r.trim()));
        let command = first.trim_end_matches(';').to_ascii_lowercase();
        match command.as_str() {
            "system" => verdicts.push(call.script(rest).at_least(Verdict::update(format!(
                "{program} system runs a shell command"
            )))),
            "source" | "pager" | "edit" => {
                verdicts.push(Verdict::update(format!(
                    "{program} {command} runs a file or program"
                )));
            }
            "tee" => verdicts.push(Verdict::create(format!("{program} tee writes {rest}"))),
            c if HARMLESS.contains(&c) && c != "use" => {}
            _ => {
                sql.push_str(line);
                sql.push('\n');
            }
        }
    }
    verdicts.push(judge_sql_text(program, &sql));
    Verdict::max_of(verdicts)
}

fn clickhouse(call: &Call, program: &str, args: &[Word]) -> Verdict {
    let (options, _) = getopt(
        args,
        "qhduf",
        "",
        &[
            "--query",
            "--host",
            "--port",
            "--user",
            "--password",
            "--database",
            "--format",
            "--queries-file",
            "--config-file",
        ],
    );
    let local = program.contains("local") || program == "chdb";
    let with_net = |v: Verdict| if local { v } else { v.net() };
    if has_parsed(&options, &["--queries-file", "--config-file", "-C"]) {
        return with_net(Verdict::update(format!(
            "{program} runs queries from a file"
        )));
    }
    let queries = values_of(&options, &["-q", "--query"]);
    if queries.is_empty() {
        return with_net(from_input(program, call.stdin, |text| {
            judge_sql_text(program, text)
        }));
    }
    let verdicts = queries.iter().map(|q| judge_sql_word(program, q));
    with_net(Verdict::max_of(verdicts))
}

fn cockroach(call: &Call) -> Verdict {
    let args = call.args;
    let Some((command, rest)) = args.split_first() else {
        return Verdict::read("cockroach prints its help");
    };
    match command.text.as_str() {
        "sql" | "demo" => {
            let (options, _) = getopt(
                rest,
                "eudf",
                "",
                &[
                    "--execute",
                    "--url",
                    "--host",
                    "--user",
                    "--database",
                    "--certs-dir",
                    "--format",
                    "--file",
                ],
            );
            if has_parsed(&options, &["-f", "--file"]) {
                return Verdict::update("cockroach sql runs the SQL in a file").net();
            }
            let statements = values_of(&options, &["-e", "--execute"]);
            if statements.is_empty() {
                return from_input("cockroach sql", call.stdin, |text| {
                    judge_sql_text("cockroach sql", text)
                })
                .net();
            }
            Verdict::max_of(
                statements
                    .iter()
                    .map(|s| judge_sql_word("cockroach sql", s)),
            )
            .net()
        }
        "version" => Verdict::read("cockroach version prints its version"),
        "node" if rest.first().is_some_and(|w| w.is("ls") || w.is("status")) => {
            Verdict::read("cockroach node lists nodes").net()
        }
        other => Verdict::update(format!("cockroach {other} changes a cluster")).net(),
    }
}

fn sqlcmd(args: &[Word]) -> Verdict {
    let value_after = |names: &[&str]| {
        args.iter()
            .position(|a| names.contains(&a.text.as_str()))
            .and_then(|at| args.get(at + 1))
    };
    if value_after(&["-i", "--input-file"]).is_some() {
        return Verdict::update("sqlcmd runs the SQL in a file").net();
    }
    let mut verdicts = Vec::new();
    if let Some(file) = value_after(&["-o", "--output-file"]) {
        verdicts.push(Verdict::create(format!("sqlcmd writes {}", file.text)));
    }
    match value_after(&["-Q", "-q", "--query"]) {
        Some(sql) => verdicts.push(judge_sql_word("sqlcmd", sql)),
        None => verdicts.push(Verdict::update("sqlcmd opens an interactive SQL session")),
    }
    Verdict::max_of(verdicts).net()
}

/// `sqlite3 [OPTIONS] DB [SQL or .command …]` (and duckdb, which works alike).
fn sqlite(call: &Call) -> Verdict {
    #[rustfmt::skip]
    const VALUED: &[&str] = &[
        "-cmd", "-init", "-separator", "-newline", "-nullvalue", "-mmap", "-maxsize", "-vfs",
        "-nonce", "-escape", "-c", "-s",
    ];
    const TWO_VALUES: &[&str] = &["-heap", "-lookaside", "-pagecache"];
    let program = call.program;
    let args = call.args;
    let mut database: Option<&Word> = None;
    let mut commands: Vec<&Word> = Vec::new();
    let mut runs_and_exits = false;
    let mut i = 0;
    while i < args.len() {
        let word = &args[i];
        i += 1;
        if !word.is_option() {
            if database.is_none() {
                database = Some(word);
            } else {
                commands.push(word);
                runs_and_exits = true;
            }
            continue;
        }
        let option = word
            .text
            .strip_prefix('-')
            .filter(|t| t.starts_with('-'))
            .unwrap_or(&word.text);
        match option {
            "-version" | "-help" => {
                return Verdict::read(format!("{program} prints its version or help"))
            }
            "-init" | "-A" | "-append" | "-deserialize" | "-zip" | "-ui" => {
                return Verdict::update(format!(
                    "{program} {option} runs a file or changes an archive"
                ));
            }
            _ if VALUED.contains(&option) => {
                if let Some(value) = args.get(i) {
                    if matches!(option, "-cmd" | "-c" | "-s") {
                        commands.push(value);
                    }
                    runs_and_exits |= matches!(option, "-c" | "-s");
                }
                i += 1;
            }
            _ if TWO_VALUES.contains(&option) => i += 2,
            _ => {}
        }
    }
    let mut verdicts: Vec<Verdict> = commands.iter().map(|c| sqlite_command(call, c)).collect();
    if !runs_and_exits {
        verdicts.push(from_input(program, call.stdin, |text| {
            sqlite_script(call, text)
        }));
    }
    let verdict = Verdict::max_of(verdicts);
    match database {
        Some(db) => Verdict {
            reason: format!("{} (on {})", verdict.reason, db.text),
            ..verdict
        },
        None => verdict,
    }
}

fn sqlite_command(call: &Call, command: &Word) -> Verdict {
    if command.dynamic {
        return Verdict::update(format!(
            "{} runs SQL only known when the shell runs",
            call.program
        ));
    }
    if command.text.trim_start().starts_with('.') {
        dot_command(call, command.text.trim())
    } else {
        let verdict = judge_sql(&command.text);
        Verdict {
            reason: format!("{} {}", call.program, verdict.reason),
            ..verdict
        }
    }
}

/// A script fed to sqlite3: lines starting with `.` are dot-commands, the rest is SQL.
fn sqlite_script(call: &Call, text: &str) -> Verdict {
    let mut sql = String::new();
    let mut verdicts = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with('.') {
            verdicts.push(dot_command(call, line.trim()));
        } else {
            sql.push_str(line);
            sql.push('\n');
        }
    }
    let verdict = judge_sql(&sql);
    verdicts.push(Verdict {
        reason: format!("{} {}", call.program, verdict.reason),
        ..verdict
    });
    Verdict::max_of(verdicts)
}
