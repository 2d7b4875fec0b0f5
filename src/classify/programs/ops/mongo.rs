//! MongoDB: mongosh/mongo (the JavaScript given is scanned for the methods it calls) and the
//! dump, export and restore tools.

use super::{getopt, has_parsed, values_of, Call};
use crate::classify::programs::Stdin;
use crate::classify::verdict::{Label, Verdict};

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    let verdict = match call.program {
        "mongosh" | "mongo" => mongosh(call),
        "mongodump" => {
            let writes_stdout = args
                .iter()
                .any(|a| a.is("--archive") || a.is("--out=-") || a.is("-o=-"))
                || args
                    .windows(2)
                    .any(|w| (w[0].is("--out") || w[0].is("-o")) && w[1].is("-"));
            if writes_stdout {
                Verdict::read("mongodump prints an archive")
            } else {
                Verdict::create("mongodump writes a dump directory")
            }
        }
        "mongoexport" => {
            if args
                .iter()
                .any(|a| a.is("-o") || a.is("--out") || a.starts_with("--out="))
            {
                Verdict::create("mongoexport writes a file")
            } else {
                Verdict::read("mongoexport prints documents")
            }
        }
        "mongorestore" if args.iter().any(|a| a.is("--drop")) => {
            Verdict::delete("mongorestore --drop drops collections before restoring")
        }
        "mongorestore" | "mongoimport" => {
            Verdict::update(format!("{} loads documents", call.program))
        }
        "mongostat" | "mongotop" => Verdict::read(format!("{} samples the server", call.program)),
        _ => return None,
    };
    Some(verdict.net())
}

fn mongosh(call: &Call) -> Verdict {
    let (options, operands) = getopt(
        call.args,
        "uphf",
        "",
        &[
            "--eval",
            "--file",
            "--host",
            "--port",
            "--username",
            "--password",
            "--authenticationDatabase",
            "--authenticationMechanism",
            "--tlsCAFile",
            "--tlsCertificateKeyFile",
            "--tlsCertificateKeyFilePassword",
            "--apiVersion",
            "--gssapiServiceName",
            "--sspiHostnamePrincipal",
            "--awsAccessKeyId",
            "--awsSecretAccessKey",
            "--awsSessionToken",
            "--keyVaultNamespace",
            "--kmsURL",
            "--cryptSharedLibPath",
            "--tlsCRLFile",
            "--oidcFlows",
            "--oidcRedirectUri",
        ],
    );
    if has_parsed(&options, &["--version", "--help", "-h"]) && options.len() == 1 {
        return Verdict::read("mongosh prints its version or help");
    }
    if has_parsed(&options, &["-f", "--file"]) || operands.iter().any(|w| w.text.ends_with(".js")) {
        return Verdict::update("mongosh runs a script file");
    }
    let scripts = values_of(&options, &["--eval"]);
    let mut verdicts: Vec<Verdict> = scripts
        .iter()
        .map(|script| {
            if script.dynamic {
                Verdict::update("mongosh runs code only known when the shell runs")
            } else {
                judge_js(&script.text)
            }
        })
        .collect();
    if scripts.is_empty() || has_parsed(&options, &["--shell"]) {
        verdicts.push(match call.stdin {
            Stdin::Text(text) => judge_js(text),
            _ => Verdict::update("mongosh opens an interactive session or runs what it is fed"),
        });
    }
    Verdict::max_of(verdicts)
}

#[rustfmt::skip]
const READ_METHODS: &[&str] = &[
    "find", "findOne", "count", "countDocuments", "estimatedDocumentCount", "distinct",
    "aggregate", "getCollectionNames", "getCollectionInfos", "listCollections", "getIndexes",
    "getIndexKeys", "getIndexSpecs", "stats", "dataSize", "storageSize", "totalSize",
    "totalIndexSize", "version", "serverStatus", "serverBuildInfo", "hostInfo", "isMaster",
    "hello", "getName", "getCollection", "getSiblingDB", "getMongo", "getDB", "getDBNames",
    "explain", "pretty", "toArray", "limit", "skip", "sort", "projection", "batchSize", "hint",
    "maxTimeMS", "comment", "collation", "readPref", "readConcern", "allowDiskUse", "itcount",
    "size", "hasNext", "next", "tryNext", "forEach", "map", "filter", "reduce", "some", "every",
    "includes", "indexOf", "join", "slice", "concat", "keys", "values", "entries", "toString",
    "toJSON", "valueOf", "stringify", "parse", "getTime", "toISOString", "toLocaleString",
    "getTimestamp", "str", "log", "error", "info", "warn", "table", "status", "conf", "config",
    "getUsers", "getUser", "getRoles", "getRole", "currentOp", "getProfilingStatus",
    "getProfilingLevel", "getReplicationInfo", "printReplicationInfo",
    "printSecondaryReplicationInfo", "printShardingStatus", "getShardDistribution", "isCapped",
    "latencyStats", "watch", "min", "max", "floor", "ceil", "round", "abs", "push", "pop", "then",
    "equals", "toHexString", "getFullYear", "getMonth", "getDate", "toFixed", "trim", "split",
    "toLowerCase", "toUpperCase", "startsWith", "endsWith", "padStart", "padEnd", "localeCompare",
    "substring", "substr", "charAt", "match", "test", "from", "isArray", "assign", "freeze", "now",
    "random", "sqrt", "pow", "getSearchIndexes", "listSearchIndexes", "isObjectId", "getLastError",
    "getLastErrorObj", "listDatabases", "getCollectionInfos", "printjson", "print", "sum", "flat",
    "flatMap", "find_one", "reverse", "toDate", "getHours", "getMinutes", "getSeconds", "getDay",
    "toUTCString", "fromEntries",
];
#[rustfmt::skip]
const CREATE_METHODS: &[&str] = &[
    "insert", "insertOne", "insertMany", "createCollection", "createIndex", "createIndexes",
    "createView", "createUser", "createRole", "ensureIndex", "createSearchIndex",
];
#[rustfmt::skip]
const DELETE_METHODS: &[&str] = &[
    "deleteOne", "deleteMany", "remove", "drop", "dropDatabase", "findOneAndDelete", "dropIndex",
    "dropIndexes", "dropUser", "dropRole", "dropAllUsers", "dropAllRoles", "dropSearchIndex",
];
#[rustfmt::skip]
const FUNCTIONS: &[&str] = &[
    "print", "printjson", "printjsononeline", "ObjectId", "ISODate", "Date", "NumberLong",
    "NumberInt", "NumberDecimal", "UUID", "Timestamp", "BinData", "MinKey", "MaxKey", "DBRef",
    "tojson", "tojsononeline", "parseInt", "parseFloat", "String", "Number", "Boolean", "Object",
    "Array", "isNaN", "isFinite", "RegExp", "Map", "Set", "hex_md5", "sleep", "version", "Mongo",
    "connect", "Error", "Long", "Int32", "Double", "Decimal128",
];
#[rustfmt::skip]
const SYNTAX: &[&str] = &[
    "if", "for", "while", "switch", "catch", "function", "return", "typeof", "await", "new", "do",
    "else", "in", "of", "yield", "void", "async",
];

/// Judges mongosh JavaScript by the methods and functions it calls.
fn judge_js(code: &str) -> Verdict {
    if code.contains("$out") || code.contains("$merge") {
        return Verdict::update("mongosh aggregates into a collection ($out/$merge)");
    }
    let calls = match js_calls(code) {
        Ok(calls) => calls,
        Err(reason) => return Verdict::update(format!("mongosh {reason}")),
    };
    let mut worst = Verdict::read("mongosh only reads");
    for (name, is_method) in calls {
        let label = if is_method && READ_METHODS.contains(&name)
            || !is_method && FUNCTIONS.contains(&name)
        {
            Label::Read
        } else if is_method && CREATE_METHODS.contains(&name) {
            Label::Create
        } else if is_method && DELETE_METHODS.contains(&name) {
            Label::Delete
        } else {
            Label::Update
        };
        if label > worst.label {
            worst = Verdict::new(label, format!("mongosh calls {name}"));
        }
    }
    worst
}

/// Database commands (`db.runCommand({ping: 1})`) that only report.
#[rustfmt::skip]
const READ_COMMANDS: &[&str] = &[
    "ping", "listDatabases", "serverStatus", "dbStats", "collStats", "buildInfo", "hostInfo",
    "connectionStatus", "isMaster", "hello", "getParameter", "listCollections", "listIndexes",
    "replSetGetStatus", "getCmdLineOpts", "top", "whatsmyuri", "getLog", "usersInfo",
    "rolesInfo", "connPoolStats", "features", "listCommands", "dataSize", "explain",
    "count", "distinct", "lockInfo", "replSetGetConfig", "currentOp",
];

/// The command named by the first argument of `runCommand(`: `{name: …}` or `"name"`.
fn database_command(argument: &str) -> Option<&str> {
    let argument = argument.trim_start();
    let body = argument.strip_prefix('{').map_or(argument, str::trim_start);
    let body = body.trim_start_matches(['"', '\'']);
    let end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(body.len());
    let name = &body[..end];
    let rest = body[end..].trim_start_matches(['"', '\'']).trim_start();
    let complete = if argument.starts_with('{') {
        rest.starts_with(':')
    } else {
        rest.starts_with(')') || rest.starts_with(',')
    };
    (complete && !name.is_empty()).then_some(name)
}

/// The calls in JavaScript source: (name, whether it is a method), skipping strings, comments
/// and regular expressions. An error when the code calls something whose name is not written.
fn js_calls(code: &str) -> Result<Vec<(&str, bool)>, &'static str> {
    let bytes = code.as_bytes();
    let mut calls = Vec::new();
    let mut previous: u8 = b'(';
    let mut previous_word = "";
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        match byte {
            b if b.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = code[i + 2..]
                    .find("*/")
                    .ok_or("has an unterminated comment")?;
                i += end + 4;
                continue;
            }
            b'/' if b"(,=:[!&|?{};+-*%<>~^".contains(&previous) => {
                i = skip_regex(bytes, i).ok_or("has an unterminated regular expression")?;
                previous = b'r';
            }
            b'\'' | b'"' | b'`' => {
                let end = skip_string(bytes, i).ok_or("has an unterminated string")?;
                if byte == b'`' && code[i..end].contains("${") {
                    return Err("runs code inside a template string");
                }
                i = end;
                previous = b's';
            }
            b if b.is_ascii_alphabetic() || b == b'_' || b == b'$' => {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'$')
                {
                    i += 1;
                }
                let name = &code[start..i];
                let mut after = i;
                while after < bytes.len() && bytes[after].is_ascii_whitespace() {
                    after += 1;
                }
                let is_call = matches!(bytes.get(after), Some(b'(' | b'`'));
                if is_call && !SYNTAX.contains(&name) && previous_word != "function" {
                    let is_method = code[..start].trim_end().ends_with('.');
                    let reads = is_method
                        && matches!(name, "runCommand" | "adminCommand")
                        && database_command(&code[after + 1..])
                            .is_some_and(|command| READ_COMMANDS.contains(&command));
                    calls.push((if reads { "find" } else { name }, is_method));
                }
                previous_word = name;
                previous = b'a';
                continue;
            }
            b'(' if matches!(previous, b')' | b']' | b's') => {
                return Err("calls the result of an expression");
            }
            other => {
                previous = other;
                previous_word = "";
                i += 1;
                continue;
            }
        }
        previous_word = "";
    }
    Ok(calls)
}

fn skip_string(bytes: &[u8], start: usize) -> Option<usize> {
    let quote = bytes[start];
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b if b == quote => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

fn skip_regex(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    let mut in_class = false;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'[' => {
                in_class = true;
                at += 1;
            }
            b']' => {
                in_class = false;
                at += 1;
            }
            b'/' if !in_class => {
                at += 1;
                while at < bytes.len() && bytes[at].is_ascii_alphabetic() {
                    at += 1;
                }
                return Some(at);
            }
            b'\n' => return None,
            _ => at += 1,
        }
    }
    None
}
