//! Client-side commands of SQL shells: psql's backslash meta-commands and the dot-commands of
//! sqlite3 and duckdb. Some print, some write files, some run shell commands.

use super::Call;
use crate::classify::verdict::Verdict;

/// psql meta-commands (`\dt`, `\copy … to 'f'`, `\! cmd`), one or many in `text`.
pub fn psql_meta(call: &Call, text: &str) -> Verdict {
    let verdicts = text
        .split('\\')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| psql_one(call, part));
    Verdict::max_of(verdicts)
}

fn psql_one(call: &Call, command: &str) -> Verdict {
    let (name, rest) = command
        .split_once(char::is_whitespace)
        .map_or((command, ""), |(n, r)| (n, r.trim()));
    let shown = format!("psql \\{name}");
    match name {
        "!" => call
            .script(rest)
            .at_least(Verdict::read(format!("{shown} runs a shell command"))),
        "o" | "out" | "g" | "gx" | "w" | "write" | "s" => {
            if let Some(program) = rest.strip_prefix('|') {
                call.script(program)
                    .at_least(Verdict::read(format!("{shown} pipes to a command")))
            } else if rest.is_empty() && name != "w" && name != "write" {
                Verdict::read(format!("{shown} only changes where output goes"))
            } else {
                Verdict::create(format!("{shown} writes {rest}"))
            }
        }
        "copy" => {
            let lower = rest.to_ascii_lowercase();
            if lower.contains(" from ") {
                Verdict::update(format!("{shown} … from loads rows into a table"))
            } else if lower.contains(" to program") {
                Verdict::update(format!("{shown} … to program runs a command"))
            } else if lower.contains(" to stdout") || lower.contains(" to pstdout") {
                Verdict::read(format!("{shown} … to stdout prints rows"))
            } else {
                Verdict::create(format!("{shown} … to writes a file"))
            }
        }
        "gexec" => Verdict::update(format!("{shown} runs query results as SQL")),
        "i" | "ir" | "include" | "include_relative" | "e" | "edit" | "ef" | "ev" | "setenv"
        | "password" => Verdict::update(format!(
            "{shown} runs a file or an editor, or changes settings"
        )),
        "lo_import" => Verdict::create(format!("{shown} stores a file in the database")),
        "lo_export" => Verdict::create(format!("{shown} writes a file")),
        "lo_unlink" => Verdict::delete(format!("{shown} removes a large object")),
        _ if name.starts_with('d') => Verdict::read(format!("{shown} describes objects")),
        "l" | "l+" | "list" | "list+" | "z" | "sf" | "sf+" | "sv" | "sv+" | "conninfo" | "echo"
        | "qecho" | "warn" | "?" | "h" | "help" | "x" | "a" | "t" | "timing" | "pset"
        | "encoding" | "q" | "quit" | "C" | "f" | "H" | "T" | "copyright" | "errverbose"
        | "set" | "unset" | "p" | "print" | "r" | "reset" | "c" | "connect" | "cd" | "getenv"
        | "if" | "elif" | "else" | "endif" | "bind" | "crosstabview" | "watch" | "gdesc"
        | "gset" | "lo_list" | "sendpipeline" | "startpipeline" | "endpipeline"
        | "syncpipeline" | "flushrequest" | "flush" | "getresults" | "parse" | "bind_named"
        | "close" | "close_prepared" | "restrict" | "unrestrict" => {
            Verdict::read(format!("{shown} only prints or sets display options"))
        }
        _ => Verdict::update(format!("{shown} is not a known read-only meta-command")),
    }
}

/// One sqlite3/duckdb dot-command line (`.tables`, `.output file`, `.shell cmd`).
pub fn dot_command(call: &Call, line: &str) -> Verdict {
    let program = call.program;
    let body = line.trim_start_matches('.');
    let (name, rest) = body
        .split_once(char::is_whitespace)
        .map_or((body, ""), |(n, r)| (n, r.trim()));
    let shown = format!("{program} .{name}");
    let target = rest.trim_matches(|c| c == '\'' || c == '"');
    match name {
        "tables" | "table" | "schema" | "headers" | "header" | "mode" | "indexes" | "indices"
        | "dump" | "databases" | "dbinfo" | "show" | "help" | "width" | "nullvalue"
        | "separator" | "timer" | "echo" | "explain" | "eqp" | "stats" | "lint" | "fullschema"
        | "print" | "version" | "changes" | "bail" | "prompt" | "quit" | "exit" | "crnl"
        | "binary" | "timeout" | "recover" | "sha3sum" | "vfsinfo" | "vfslist" | "vfsname"
        | "connection" | "maxrows" | "maxwidth" | "columns" | "rows" | "highlight" | "cd"
        | "scanstats" | "progress" | "width_mode" | "last" | "limit" => {
            Verdict::read(format!("{shown} only prints or sets display options"))
        }
        "parameter" | "param" if rest.is_empty() || rest.starts_with("list") => {
            Verdict::read(format!("{shown} lists parameters"))
        }
        "dbconfig" if rest.split_whitespace().count() <= 1 => {
            Verdict::read(format!("{shown} prints configuration"))
        }
        "shell" | "system" => call
            .script(rest)
            .at_least(Verdict::read(format!("{shown} runs a shell command"))),
        "output" | "once" | "log" | "trace" => {
            if let Some(command) = target.strip_prefix('|') {
                call.script(command)
                    .at_least(Verdict::read(format!("{shown} pipes to a command")))
            } else if matches!(target, "" | "stdout" | "stderr" | "off") {
                Verdict::read(format!("{shown} only changes where output goes"))
            } else if target.starts_with('-') {
                Verdict::update(format!("{shown} {target} opens another program"))
            } else {
                Verdict::create(format!("{shown} writes {target}"))
            }
        }
        "backup" | "save" | "clone" => Verdict::create(format!("{shown} writes {target}")),
        _ => Verdict::update(format!(
            "{shown} may read files, load code or change the database"
        )),
    }
}
