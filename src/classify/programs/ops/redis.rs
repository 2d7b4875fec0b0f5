//! redis-cli (and valkey-cli, keydb-cli): the command given, by a table of Redis commands.

use super::Call;
use crate::classify::programs::Stdin;
use crate::classify::verdict::{Label, Verdict};
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    match call.program {
        "redis-cli" | "valkey-cli" | "keydb-cli" => Some(redis_cli(call).net()),
        _ => None,
    }
}

#[rustfmt::skip]
const VALUED: &[&str] = &[
    "-h", "-p", "-s", "-a", "--user", "--pass", "-u", "-r", "-i", "-n", "-X", "-d", "-D", "--sni",
    "--cacert", "--cacertdir", "--cert", "--key", "--tls-ciphers", "--tls-ciphersuites",
    "--pattern", "--count", "--quoted-pattern", "--memkeys-samples", "--pipe-timeout",
    "--intrinsic-latency", "--ldb-sync-mode", "-t", "--keystats-samples", "--cursor", "--top",
];

/// Modes that only watch or sample the server.
#[rustfmt::skip]
const READ_MODES: &[&str] = &[
    "--scan", "--bigkeys", "--memkeys", "--hotkeys", "--keystats", "--stat", "--latency",
    "--latency-history", "--latency-dist", "--intrinsic-latency", "--replica", "--slave",
    "--version", "-v", "--help",
];

fn redis_cli(call: &Call) -> Verdict {
    let args = call.args;
    let mut i = 0;
    let mut modes: Vec<&str> = Vec::new();
    while i < args.len() && args[i].is_option() {
        let text = args[i].text.as_str();
        if matches!(text, "--rdb" | "--functions-rdb") {
            return Verdict::create(format!("redis-cli {text} writes a dump file"));
        }
        if matches!(
            text,
            "--pipe" | "--eval" | "--lru-test" | "--ldb" | "--cluster"
        ) {
            return cluster_or_script(text, &args[i + 1..]);
        }
        modes.push(text);
        i += if VALUED.contains(&text) { 2 } else { 1 };
    }
    let command = args.get(i..).unwrap_or_default();
    if command.is_empty() {
        if modes.iter().any(|m| READ_MODES.contains(m)) {
            return Verdict::read("redis-cli only samples or scans the server");
        }
        return match call.stdin {
            Stdin::Text(text) => Verdict::max_of(
                text.lines()
                    .filter(|line| !line.trim().is_empty())
                    .map(|line| {
                        judge_command(
                            &line
                                .split_whitespace()
                                .map(Word::literal)
                                .collect::<Vec<_>>(),
                        )
                    }),
            ),
            _ => Verdict::update("redis-cli opens a session or runs commands it is fed"),
        };
    }
    judge_command(command)
}

fn cluster_or_script(mode: &str, rest: &[Word]) -> Verdict {
    if mode == "--cluster"
        && rest
            .first()
            .is_some_and(|w| w.is("check") || w.is("info") || w.is("help"))
    {
        return Verdict::read("redis-cli --cluster check only reports");
    }
    Verdict::update(format!(
        "redis-cli {mode} runs scripts or changes the cluster"
    ))
}

#[rustfmt::skip]
const READ_COMMANDS: &[&str] = &[
    "GET", "MGET", "GETRANGE", "SUBSTR", "STRLEN", "EXISTS", "TYPE", "TTL", "PTTL", "EXPIRETIME",
    "PEXPIRETIME", "KEYS", "SCAN", "RANDOMKEY", "DBSIZE", "HGET", "HMGET", "HGETALL", "HKEYS",
    "HVALS", "HLEN", "HEXISTS", "HSTRLEN", "HSCAN", "HRANDFIELD", "HTTL", "HPTTL", "LRANGE",
    "LLEN", "LINDEX", "LPOS", "SMEMBERS", "SCARD", "SISMEMBER", "SMISMEMBER", "SRANDMEMBER",
    "SSCAN", "SINTER", "SUNION", "SDIFF", "SINTERCARD", "ZRANGE", "ZREVRANGE", "ZRANGEBYSCORE",
    "ZREVRANGEBYSCORE", "ZRANGEBYLEX", "ZREVRANGEBYLEX", "ZCARD", "ZSCORE", "ZMSCORE", "ZRANK",
    "ZREVRANK", "ZCOUNT", "ZLEXCOUNT", "ZSCAN", "ZRANDMEMBER", "ZINTER", "ZUNION", "ZDIFF",
    "ZINTERCARD", "XRANGE", "XREVRANGE", "XLEN", "XREAD", "XINFO", "XPENDING", "BITCOUNT",
    "BITPOS", "GETBIT", "BITFIELD_RO", "PFCOUNT", "GEOPOS", "GEODIST", "GEOHASH", "GEORADIUS_RO",
    "GEORADIUSBYMEMBER_RO", "GEOSEARCH", "INFO", "PING", "ECHO", "TIME", "LASTSAVE", "ROLE",
    "DUMP", "OBJECT", "MONITOR", "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE",
    "PUNSUBSCRIBE", "SORT_RO", "AUTH", "HELLO", "SELECT", "READONLY", "READWRITE", "LOLWUT",
    "WAIT", "WAITAOF", "QUIT", "JSON.GET", "JSON.MGET", "JSON.TYPE", "JSON.STRLEN", "JSON.ARRLEN",
    "JSON.OBJKEYS", "JSON.OBJLEN", "FT.SEARCH", "FT.INFO", "FT._LIST", "FT.AGGREGATE",
    "FT.EXPLAIN", "TS.GET", "TS.MGET", "TS.RANGE", "TS.MRANGE", "TS.INFO", "BF.EXISTS",
    "BF.MEXISTS", "CF.EXISTS", "GRAPH.RO_QUERY", "STRALGO", "LCS", "COMMAND",
];

/// Two-word commands: the subcommands that only read.
fn reading_subcommand(command: &str, sub: &str) -> bool {
    match command {
        "CONFIG" => sub == "GET",
        "CLIENT" => matches!(
            sub,
            "LIST" | "INFO" | "GETNAME" | "ID" | "GETREDIR" | "TRACKINGINFO"
        ),
        "MEMORY" => matches!(sub, "USAGE" | "STATS" | "DOCTOR" | "MALLOC-STATS" | "HELP"),
        "SLOWLOG" => matches!(sub, "GET" | "LEN" | "HELP"),
        "LATENCY" => matches!(
            sub,
            "LATEST" | "HISTORY" | "DOCTOR" | "GRAPH" | "HISTOGRAM" | "HELP"
        ),
        "CLUSTER" => matches!(
            sub,
            "INFO"
                | "NODES"
                | "SLOTS"
                | "SHARDS"
                | "KEYSLOT"
                | "COUNTKEYSINSLOT"
                | "GETKEYSINSLOT"
                | "MYID"
                | "MYSHARDID"
                | "REPLICAS"
                | "SLAVES"
                | "LINKS"
                | "COUNT-FAILURE-REPORTS"
        ),
        "PUBSUB" => matches!(
            sub,
            "CHANNELS" | "NUMSUB" | "NUMPAT" | "SHARDCHANNELS" | "SHARDNUMSUB"
        ),
        "ACL" => matches!(
            sub,
            "WHOAMI" | "LIST" | "USERS" | "GETUSER" | "CAT" | "LOG" | "DRYRUN" | "GENPASS"
        ),
        "MODULE" => sub == "LIST",
        "FUNCTION" => matches!(sub, "LIST" | "DUMP" | "STATS"),
        "SCRIPT" => sub == "EXISTS",
        "XINFO" | "OBJECT" | "COMMAND" => true,
        _ => false,
    }
}

#[rustfmt::skip]
const DELETE_COMMANDS: &[&str] = &[
    "DEL", "UNLINK", "GETDEL", "HGETDEL", "FLUSHDB", "FLUSHALL", "LPOP", "RPOP", "BLPOP", "BRPOP",
    "LMPOP", "BLMPOP", "SPOP", "ZPOPMIN", "ZPOPMAX", "BZPOPMIN", "BZPOPMAX", "ZMPOP", "BZMPOP",
    "HDEL", "SREM", "ZREM", "ZREMRANGEBYSCORE", "ZREMRANGEBYRANK", "ZREMRANGEBYLEX", "LREM",
    "LTRIM", "XDEL", "XTRIM", "JSON.DEL", "JSON.FORGET", "FT.DROPINDEX", "TS.DEL", "GRAPH.DELETE",
];

fn judge_command(words: &[Word]) -> Verdict {
    let Some(first) = words.first() else {
        return Verdict::read("redis-cli sends nothing");
    };
    if first.dynamic {
        return Verdict::update(format!(
            "redis-cli runs {}, only known when the shell runs",
            first.text
        ));
    }
    let command = first.text.to_ascii_uppercase();
    let sub = words
        .get(1)
        .map(|w| w.text.to_ascii_uppercase())
        .unwrap_or_default();
    let key = words.get(1).map_or("", |w| w.text.as_str());
    let sorts_only =
        command == "SORT" && !words.iter().any(|w| w.text.eq_ignore_ascii_case("STORE"));
    let label = if READ_COMMANDS.contains(&command.as_str())
        || reading_subcommand(&command, &sub)
        || sorts_only
    {
        Label::Read
    } else if DELETE_COMMANDS.contains(&command.as_str())
        || (command == "SCRIPT" && sub == "FLUSH")
        || (command == "FUNCTION" && matches!(sub.as_str(), "DELETE" | "FLUSH"))
        || (command == "ACL" && sub == "DELUSER")
        || (command == "XGROUP" && matches!(sub.as_str(), "DESTROY" | "DELCONSUMER"))
    {
        Label::Delete
    } else {
        Label::Update
    };
    let what = match label {
        Label::Read => "only reads",
        Label::Create => "creates keys",
        Label::Update => "changes data or the server",
        Label::Delete => "removes data",
    };
    Verdict::new(
        label,
        format!("redis-cli {command} {key} {what}").replace("  ", " "),
    )
}
