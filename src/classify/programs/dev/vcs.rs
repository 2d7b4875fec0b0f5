//! Version control besides git: Mercurial (hg), Subversion (svn) and Jujutsu (jj).

use super::common::{has_any, literal, only_flags, split_subcommand, Subcommands};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::{has_flag, Word};

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    Some(match call.program {
        "hg" => hg(args),
        "svn" => svn(args),
        "jj" => jj(args),
        _ => return None,
    })
}

fn hg(args: &[Word]) -> Verdict {
    // `--config` can set hooks, pagers and aliases for this run.
    if has_any(args, &["--config", "--debugger"]) {
        return Verdict::update("hg --config can make hg run other programs");
    }
    if args.is_empty() || only_flags(args, &["--version", "-h", "--help"]) {
        return Verdict::read("hg prints its version or help");
    }
    let Some((sub, rest)) = split_subcommand(args, &["-R", "--repository", "--cwd"]) else {
        return Verdict::update("hg with unknown options");
    };
    let name = literal(sub).unwrap_or("$");
    match name {
        "export" | "cat" | "archive" if has_flag(rest, 'o', "--output") => {
            Verdict::create(format!("hg {name} -o writes files"))
        }
        "config" | "showconfig" if has_flag(rest, 'e', "--edit") => {
            Verdict::update("hg config --edit opens an editor")
        }
        "diff" | "log" if has_any(rest, &["--tool"]) => {
            Verdict::update(format!("hg {name} --tool runs another program"))
        }
        "purge" | "clean" if has_any(rest, &["--print", "-p"]) => {
            Verdict::read("hg purge --print only lists files")
        }
        "bookmarks" | "bookmark" | "branch" | "topics"
            if rest.iter().all(|w| {
                matches!(
                    w.text.as_str(),
                    "-l" | "--list" | "-q" | "--quiet" | "-v" | "--verbose"
                )
            }) =>
        {
            Verdict::read(format!("hg {name} lists"))
        }
        "resolve" if has_flag(rest, 'l', "--list") => Verdict::read("hg resolve -l only lists"),
        "shelve" if has_flag(rest, 'l', "--list") => Verdict::read("hg shelve --list only lists"),
        _ => Subcommands {
            tool: "hg",
            read: &[
                "status",
                "st",
                "log",
                "diff",
                "annotate",
                "blame",
                "cat",
                "files",
                "manifest",
                "identify",
                "id",
                "summary",
                "sum",
                "heads",
                "branches",
                "tags",
                "paths",
                "root",
                "version",
                "help",
                "incoming",
                "in",
                "outgoing",
                "out",
                "grep",
                "config",
                "showconfig",
                "parents",
                "tip",
                "export",
                "verify",
            ],
            create: &["clone", "init", "bundle", "archive"],
            delete: &["remove", "rm", "forget", "purge", "clean", "strip", "prune"],
            net: &["incoming", "in", "outgoing", "out", "clone", "pull", "push"],
            noun: "repository state",
        }
        .judge(sub),
    }
}

fn svn(args: &[Word]) -> Verdict {
    if args.is_empty() || only_flags(args, &["--version", "-h", "--help"]) {
        return Verdict::read("svn prints its version or help");
    }
    if has_any(
        args,
        &[
            "--diff-cmd",
            "--diff3-cmd",
            "--editor-cmd",
            "--config-option",
        ],
    ) {
        return Verdict::update("svn runs the given diff or editor command");
    }
    let Some((sub, rest)) = split_subcommand(args, &["--username", "--password", "--config-dir"])
    else {
        return Verdict::update("svn with unknown options");
    };
    match literal(sub) {
        Some("cleanup") if has_any(rest, &["--remove-unversioned", "--remove-ignored"]) => {
            Verdict::delete("svn cleanup --remove-unversioned deletes files")
        }
        _ => Subcommands {
            tool: "svn",
            read: &[
                "status",
                "stat",
                "st",
                "log",
                "diff",
                "di",
                "info",
                "list",
                "ls",
                "cat",
                "blame",
                "praise",
                "annotate",
                "ann",
                "propget",
                "pget",
                "pg",
                "proplist",
                "plist",
                "pl",
                "help",
                "mergeinfo",
            ],
            create: &["checkout", "co", "export", "mkdir", "import", "copy", "cp"],
            delete: &["delete", "del", "remove", "rm"],
            net: &[
                "log", "info", "list", "ls", "cat", "checkout", "co", "commit", "ci",
            ],
            noun: "the working copy or repository",
        }
        .judge(sub),
    }
}

fn jj(args: &[Word]) -> Verdict {
    if has_any(args, &["--config", "--config-toml", "--config-file"]) {
        return Verdict::update("jj --config can make jj run other programs");
    }
    if args.is_empty() {
        return Verdict::read("jj shows the log");
    }
    if only_flags(args, &["--version", "-V", "-h", "--help"]) {
        return Verdict::read("jj prints its version or help");
    }
    let Some((sub, rest)) =
        split_subcommand(args, &["-R", "--repository", "--at-op", "--at-operation"])
    else {
        return Verdict::update("jj with unknown options");
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the jj subcommand is only known when the shell runs");
    };
    let action = split_subcommand(rest, &[]).map(|(w, _)| w.text.as_str());
    let detail = split_subcommand(rest, &[])
        .and_then(|(_, after)| split_subcommand(after, &[]))
        .map(|(w, _)| w.text.as_str());
    let runs_tool = has_any(rest, &["--tool"]);
    match (name, action) {
        ("diff" | "show" | "log" | "interdiff" | "evolog" | "obslog", _) if runs_tool => {
            Verdict::update(format!("jj {name} --tool runs another program"))
        }
        (
            "log" | "status" | "st" | "diff" | "show" | "evolog" | "obslog" | "interdiff" | "root"
            | "help" | "version",
            _,
        )
        | ("op" | "operation", Some("log" | "show" | "diff"))
        | ("file", Some("show" | "list" | "annotate"))
        | ("bookmark" | "b" | "branch" | "tag" | "workspace", Some("list" | "l"))
        | ("config", Some("get" | "list" | "path")) => {
            Verdict::read(format!("jj {name} only reads"))
        }
        ("git", Some("remote")) if detail == Some("list") => {
            Verdict::read("jj git remote list only reads")
        }
        ("abandon", _)
        | ("bookmark" | "b" | "branch" | "tag", Some("delete" | "d" | "forget" | "f"))
        | ("op" | "operation", Some("abandon"))
        | ("workspace", Some("forget")) => {
            Verdict::delete(format!("jj {name} deletes changes or refs"))
        }
        ("git", Some("clone" | "init")) | ("init", _) => {
            Verdict::create("jj git clone creates a repository")
        }
        ("bookmark" | "b" | "branch" | "tag", Some("create" | "c")) => {
            Verdict::create(format!("jj {name} create creates a ref"))
        }
        _ => Verdict::update(format!("jj {name} changes the repository")),
    }
}
