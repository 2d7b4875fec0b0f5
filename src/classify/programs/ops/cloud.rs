//! Cloud and platform CLIs: aws, az, gcloud, gsutil, doctl, fly, vercel, netlify, heroku.
//! Every one talks to the network.

use super::{databases, has_option, option_values, positionals, Call};
use crate::classify::verdict::{Label, Verdict};
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    let only_help = args.iter().all(|a| {
        matches!(
            a.text.as_str(),
            "--version" | "-v" | "version" | "help" | "--help" | "-h"
        )
    });
    let known = matches!(
        call.program,
        "aws"
            | "az"
            | "gcloud"
            | "gsutil"
            | "doctl"
            | "flyctl"
            | "fly"
            | "vercel"
            | "netlify"
            | "heroku"
    );
    if known && only_help && !(call.program == "vercel" && args.is_empty()) {
        return Some(Verdict::read(format!(
            "{} prints its version or help",
            call.program
        )));
    }
    let verdict = match call.program {
        "aws" => aws(args),
        "az" => az(args),
        "gcloud" => gcloud(args),
        "gsutil" => gsutil(args),
        "doctl" | "flyctl" | "fly" | "vercel" | "netlify" => platform(call.program, args),
        "heroku" => heroku(args),
        _ => return None,
    };
    Some(verdict.net())
}

/// The label a generic action verb implies, if it is a known one.
fn verb_label(verb: &str) -> Option<Label> {
    #[rustfmt::skip]
    const READ: &[&str] = &[
        "show", "list", "ls", "describe", "get", "info", "status", "inspect", "whoami", "logs",
        "log", "history", "version", "search", "view", "cat", "tail", "exists", "read", "wait",
        "help", "lookup", "diagnose", "locks", "outliers", "blocking", "bloat", "cache-hit",
        "regions", "access", "du", "stat", "hash", "watch", "query",
    ];
    #[rustfmt::skip]
    const READ_PREFIXES: &[&str] = &[
        "list-", "show-", "describe-", "print-", "lookup-", "search-", "check-",
    ];
    #[rustfmt::skip]
    const CREATE: &[&str] = &[
        "create", "new", "launch", "capture", "upload", "upload-batch", "download",
        "download-batch", "mb",
    ];
    #[rustfmt::skip]
    const DELETE: &[&str] = &[
        "delete", "destroy", "remove", "rm", "purge", "unset", "uninstall", "prune", "erase", "rb",
    ];
    if READ.contains(&verb) || READ_PREFIXES.iter().any(|p| verb.starts_with(p)) {
        return Some(Label::Read);
    }
    if verb.starts_with("get-") {
        return Some(if verb == "get-credentials" {
            Label::Update
        } else {
            Label::Read
        });
    }
    if CREATE.contains(&verb) || verb.starts_with("create-") {
        return Some(Label::Create);
    }
    if DELETE.contains(&verb)
        || ["delete-", "remove-", "destroy-"]
            .iter()
            .any(|p| verb.starts_with(p))
    {
        return Some(Label::Delete);
    }
    None
}

fn describe(label: Label) -> &'static str {
    match label {
        Label::Read => "only reads",
        Label::Create => "creates resources or files",
        Label::Update => "changes resources",
        Label::Delete => "removes resources",
    }
}

/// Positionals where every option takes the next word as its value unless it is another option
/// or a known flag (the AWS and Azure CLIs work that way).
fn value_positionals<'w>(args: &'w [Word], flags: &[&str]) -> Vec<&'w Word> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let word = &args[i];
        if word.is_option() {
            let boolean = flags.contains(&word.text.as_str()) || word.text.contains('=');
            let next_is_value = args.get(i + 1).is_some_and(|n| !n.text.starts_with("--"));
            i += if !boolean && next_is_value { 2 } else { 1 };
        } else {
            found.push(word);
            i += 1;
        }
    }
    found
}

#[rustfmt::skip]
const AWS_FLAGS: &[&str] = &[
    "--debug", "--no-verify-ssl", "--no-paginate", "--no-sign-request", "--no-cli-pager",
    "--cli-auto-prompt", "--no-cli-auto-prompt", "--dryrun", "--recursive", "--quiet", "--force",
    "--dry-run", "--no-dry-run", "--no-progress", "--only-show-errors", "--exact-timestamps",
    "--delete", "--follow-symlinks", "--no-follow-symlinks", "--human-readable", "--summarize",
    "--size-only", "--no-guess-mime-type", "--version", "--help", "--generate-cli-skeleton",
    "--follow", "--with-decryption", "--no-with-decryption", "--include-email",
    "--no-include-email",
];

fn aws(args: &[Word]) -> Verdict {
    let words = value_positionals(args, AWS_FLAGS);
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let (service, operation, rest) = match texts.as_slice() {
        [] => return Verdict::read("aws prints its help or version"),
        [service] => (*service, "", &[][..]),
        [service, operation, rest @ ..] => (*service, *operation, rest),
    };
    let name = format!("aws {service} {operation}");
    if texts.contains(&"help") || has_option(args, &["--generate-cli-skeleton"]) {
        return Verdict::read(format!("{name} prints help or a skeleton"));
    }
    if service == "ec2" && has_option(args, &["--dry-run"]) {
        return Verdict::read(format!("{name} --dry-run only checks permissions"));
    }
    match service {
        "s3" => return aws_s3(args, operation, rest),
        "configure" => {
            return match operation {
                "list" | "get" | "list-profiles" | "export-credentials" => {
                    Verdict::read(format!("{name} prints configuration"))
                }
                _ => Verdict::update(format!("{name} changes the AWS configuration")),
            }
        }
        _ => {}
    }
    let op = operation;
    let label = if op.starts_with("get-") && !rest.is_empty() {
        return Verdict::create(format!("{name} writes the response to {}", rest[0]));
    } else if [
        "describe-",
        "list-",
        "get-",
        "show-",
        "lookup-",
        "search-",
        "batch-get-",
    ]
    .iter()
    .any(|p| op.starts_with(p))
        || matches!(
            op,
            "scan"
                | "query"
                | "tail"
                | "wait"
                | "filter-log-events"
                | "validate-template"
                | "decode-authorization-message"
                | "head-object"
                | "head-bucket"
        )
        || op.starts_with("simulate-")
    {
        Label::Read
    } else if [
        "create-",
        "put-",
        "run-",
        "import-",
        "copy-",
        "register-",
        "allocate-",
        "request-",
        "upload-",
    ]
    .iter()
    .any(|p| op.starts_with(p))
    {
        Label::Create
    } else if [
        "delete-",
        "remove-",
        "terminate-",
        "deregister-",
        "purge-",
        "release-",
        "batch-delete-",
    ]
    .iter()
    .any(|p| op.starts_with(p))
    {
        Label::Delete
    } else {
        Label::Update
    };
    Verdict::new(label, format!("{name} {}", describe(label)))
}

fn aws_s3(args: &[Word], operation: &str, rest: &[&str]) -> Verdict {
    let name = format!("aws s3 {operation}");
    let dry = has_option(args, &["--dryrun"]);
    let source = rest.first().copied().unwrap_or("");
    let target = rest.get(1).copied().unwrap_or("");
    match operation {
        "ls" | "presign" => Verdict::read(format!("{name} only reads")),
        "cp" | "sync" | "mv" | "rm" if dry => Verdict::read(format!("{name} --dryrun only lists")),
        "cp" | "sync" if target == "-" => Verdict::read(format!("{name} prints {source}")),
        "sync" if has_option(args, &["--delete"]) => Verdict::delete(format!(
            "{name} --delete removes files missing from {source}"
        )),
        "cp" | "sync" if target.starts_with("s3://") => {
            Verdict::create(format!("{name} uploads to {target}"))
        }
        "cp" | "sync" => Verdict::create(format!("{name} downloads to {target}")),
        "mv" => Verdict::update(format!("{name} moves {source} to {target}")),
        "rm" | "rb" => Verdict::delete(format!("{name} removes {source}")),
        "mb" => Verdict::create(format!("{name} makes bucket {source}")),
        _ => Verdict::update(format!("{name} changes buckets")),
    }
}

fn az(args: &[Word]) -> Verdict {
    let words = value_positionals(
        args,
        &[
            "--debug",
            "--verbose",
            "--only-show-errors",
            "--yes",
            "-y",
            "--no-wait",
            "--all",
            "--help",
            "-h",
            "--version",
        ],
    );
    let Some(verb) = words.last().map(|w| w.text.as_str()) else {
        return Verdict::read("az prints its help or version");
    };
    let path: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let name = format!("az {}", path.join(" "));
    if path == ["rest"] {
        let method = option_values(args, &["--method", "-m"]);
        let reads = method
            .first()
            .is_none_or(|m| m.text.eq_ignore_ascii_case("get"));
        return if reads && !has_option(args, &["--body", "-b"]) {
            Verdict::read(format!("{name} sends a GET request"))
        } else {
            Verdict::update(format!("{name} sends a changing request"))
        };
    }
    if matches!(verb, "login" | "logout") || path.first() == Some(&"login") {
        return Verdict::update(format!("{name} changes credentials"));
    }
    let label = verb_label(verb).unwrap_or(Label::Update);
    Verdict::new(label, format!("{name} {}", describe(label)))
}

#[rustfmt::skip]
const GCLOUD_VALUED: &[&str] = &[
    "--verbosity", "--project", "--account", "--configuration", "--format", "--billing-project",
    "--impersonate-service-account", "--flatten", "--trace-token", "--zone", "--region",
    "--filter", "--limit", "--sort-by", "--page-size", "--location",
];

fn gcloud(args: &[Word]) -> Verdict {
    let words = positionals(args, GCLOUD_VALUED);
    let path: Vec<&str> = words
        .iter()
        .map(|w| w.text.as_str())
        .skip_while(|w| matches!(*w, "alpha" | "beta" | "preview"))
        .collect();
    let Some(first) = path.first() else {
        return Verdict::read("gcloud prints its help or version");
    };
    if matches!(*first, "info" | "version" | "help" | "topic") {
        return Verdict::read(format!("gcloud {first} prints information"));
    }
    let name = format!(
        "gcloud {}",
        path.iter().take(4).copied().collect::<Vec<_>>().join(" ")
    );
    if path.contains(&"ssh") || path.contains(&"scp") || path.contains(&"connect") {
        return Verdict::update(format!("{name} opens a remote session"));
    }
    if path.first() == Some(&"storage") {
        let verb = path.get(1).copied().unwrap_or("");
        match verb {
            "cp" | "rsync" if path.last() == Some(&"-") => {
                return Verdict::read(format!("{name} prints an object"))
            }
            "rsync"
                if args
                    .iter()
                    .any(|w| w.text.starts_with("--delete-unmatched")) =>
            {
                return Verdict::delete(format!("{name} deletes unmatched objects"))
            }
            "cp" | "rsync" => return Verdict::create(format!("{name} copies objects")),
            "mv" => return Verdict::update(format!("{name} moves objects")),
            _ => {}
        }
    }
    let label = first_verb_label(&path, |word| !ACTION_WORDS.contains(&word));
    Verdict::new(label, format!("{name} {}", describe(label)))
}

/// Words that are actions, not command groups: a read verb after one is an argument.
#[rustfmt::skip]
const ACTION_WORDS: &[&str] = &[
    "call", "invoke", "run", "execute", "exec", "deploy", "set", "add", "update", "start", "stop",
    "restart", "reset", "resize", "attach", "detach", "move", "import", "export", "submit",
    "trigger", "send", "publish", "enable", "disable", "cancel", "apply", "patch", "replace",
    "rollback", "promote", "scale", "migrate", "upgrade", "login", "connect", "ssh", "scp",
    "suspend", "resume", "create", "delete", "tail-logs", "copy", "clone", "rename", "restore",
];

/// The label of the first known verb, raised by any later verb word; UPDATE when no verb is
/// known or a word before it is not a command group.
fn first_verb_label(path: &[&str], is_group: impl Fn(&str) -> bool) -> Label {
    let Some(at) = path.iter().position(|w| verb_label(w).is_some()) else {
        return Label::Update;
    };
    if !path[..at].iter().all(|w| is_group(w)) {
        return Label::Update;
    }
    path[at..]
        .iter()
        .filter_map(|w| verb_label(w))
        .max()
        .unwrap_or(Label::Update)
}

fn gsutil(args: &[Word]) -> Verdict {
    let words = positionals(args, &["-o", "-h", "-u", "-i"]);
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let Some((command, rest)) = texts.split_first() else {
        return Verdict::read("gsutil prints its help");
    };
    let name = format!("gsutil {command}");
    let sub = rest.first().copied().unwrap_or("");
    match *command {
        "ls" | "cat" | "du" | "stat" | "hash" | "version" | "help" | "signurl" => {
            Verdict::read(format!("{name} only reads"))
        }
        "acl" | "iam" | "defacl" | "versioning" | "lifecycle" | "cors" | "logging" | "web"
        | "label" | "retention" | "notification" | "requesterpays" | "ubla" | "pap" | "kms"
        | "defstorageclass" | "autoclass" | "rpo" => {
            if matches!(sub, "get" | "list") {
                Verdict::read(format!("{name} {sub} only reads"))
            } else {
                Verdict::update(format!("{name} {sub} changes bucket settings"))
            }
        }
        "cp" if rest.last() == Some(&"-") => Verdict::read(format!("{name} prints an object")),
        "rsync" if has_option(args, &["-n"]) || args.iter().any(|w| is_short_with(w, 'n')) => {
            Verdict::read(format!("{name} -n only lists"))
        }
        "rsync" if args.iter().any(|w| is_short_with(w, 'd')) => {
            Verdict::delete(format!("{name} -d deletes extra objects"))
        }
        "cp" | "rsync" => Verdict::create(format!("{name} copies objects")),
        "mb" => Verdict::create(format!("{name} makes a bucket")),
        "rm" | "rb" => Verdict::delete(format!("{name} removes objects or buckets")),
        _ => Verdict::update(format!("{name} changes storage")),
    }
}

/// A short option cluster (`-rd`) that contains `letter`.
fn is_short_with(word: &Word, letter: char) -> bool {
    word.is_option() && !word.text.starts_with("--") && word.text[1..].contains(letter)
}

/// CLIs with `group … verb` commands (doctl, fly, vercel, netlify).
fn platform(program: &str, args: &[Word]) -> Verdict {
    let words = positionals(
        args,
        &[
            "-a",
            "--app",
            "-c",
            "--config",
            "-t",
            "--token",
            "--context",
            "-o",
            "--output",
            "--format",
            "-r",
            "--region",
            "--scope",
            "-S",
            "--site",
            "--team",
            "--filter",
        ],
    );
    let path: Vec<&str> = if program == "netlify" {
        words.iter().flat_map(|w| w.text.split(':')).collect()
    } else {
        words.iter().map(|w| w.text.as_str()).collect()
    };
    let name = format!(
        "{program} {}",
        path.iter().take(3).copied().collect::<Vec<_>>().join(" ")
    );
    let Some(first) = path.first() else {
        return if program == "vercel" && !has_option(args, &["--version", "-v", "--help", "-h"]) {
            Verdict::update("vercel deploys the current project")
        } else {
            Verdict::read(format!("{program} prints its help or version"))
        };
    };
    if matches!(
        *first,
        "ssh" | "proxy" | "console" | "sftp" | "open" | "dev" | "login"
    ) {
        return Verdict::update(format!("{name} opens a session or changes credentials"));
    }
    if path.contains(&"pull") {
        return Verdict::create(format!("{name} writes settings to local files"));
    }
    let label = first_verb_label(&path, |word| PLATFORM_GROUPS.contains(&word));
    Verdict::new(label, format!("{name} {}", describe(label)))
}

/// Command groups of doctl, fly, vercel and netlify (nouns before the verb).
#[rustfmt::skip]
const PLATFORM_GROUPS: &[&str] = &[
    "account", "apps", "app", "auth", "balance", "billing-history", "compute", "databases",
    "invoice", "kubernetes", "k8s", "monitoring", "projects", "project", "registry", "serverless",
    "vpcs", "droplet", "droplet-action", "volume", "volume-action", "domain", "domains", "records",
    "firewall", "image", "image-action", "load-balancer", "region", "size", "snapshot", "ssh-key",
    "tag", "certificate", "action", "cdn", "reserved-ip", "floating-ip", "cluster", "node-pool",
    "repository", "garbage-collection", "kubeconfig", "db", "pool", "user", "replica", "alert",
    "uptime", "functions", "namespaces", "activations", "1-click", "options", "backups",
    "connection", "firewalls", "sql-mode", "maintenance-window", "resources", "spaces", "keys",
    "deployments", "machine", "machines", "m", "secrets", "volumes", "vol", "ips", "certs",
    "regions", "config", "orgs", "platform", "postgres", "pg", "redis", "checks", "releases",
    "services", "wireguard", "tokens", "extensions", "consul", "env", "dns", "teams", "alias",
    "integration", "git", "blob", "blobs", "sites", "addons", "recipes", "d", "lb", "cert", "fw",
];

fn heroku(args: &[Word]) -> Verdict {
    #[rustfmt::skip]
    const READ_TOPICS: &[&str] = &[
        "apps", "ps", "config", "releases", "addons", "domains", "logs", "pg", "access",
        "features", "regions", "stack", "buildpacks", "labs", "drains", "certs", "spaces", "teams",
        "pipelines", "webhooks", "authorizations", "keys", "sessions", "status", "whoami", "info",
        "members", "notifications", "orgs", "plugins", "version", "help", "maintenance", "redis",
        "dyno", "auth",
    ];
    let words = positionals(args, &["-a", "--app", "-r", "--remote", "-t", "--team"]);
    let Some(command) = words.first().map(|w| w.text.as_str()) else {
        return Verdict::read("heroku prints its help");
    };
    let parts: Vec<&str> = command.split(':').collect();
    let name = format!("heroku {command}");
    if command == "pg:psql" {
        let sql = option_values(args, &["-c", "--command"]);
        return match sql.first() {
            Some(sql) if !sql.dynamic => databases::judge_sql_text(&name, &sql.text),
            _ => Verdict::update(format!("{name} opens a SQL session")),
        };
    }
    let label = match parts.as_slice() {
        [topic] if READ_TOPICS.contains(topic) => Label::Read,
        ["pg", "reset"] | ["destroy"] => Label::Delete,
        ["create"] => Label::Create,
        [_, .., verb] if parts.len() > 1 => verb_label(verb).unwrap_or(Label::Update),
        _ => Label::Update,
    };
    Verdict::new(label, format!("{name} {}", describe(label)))
}
