//! git subcommands whose behaviour depends on their own actions and operands: config, remote,
//! branch, tag, stash, worktree, notes, submodule and lfs.

use super::common::{first_text, has_any, operands_skipping, split_subcommand};
use super::git_options::unknown_long_option;
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::{has_flag, Word};

/// `git config`: getting and listing read; setting, adding, editing update; unsetting deletes.
pub fn config(rest: &[Word]) -> Verdict {
    const VALUES: &[&str] = &[
        "-f",
        "--file",
        "--blob",
        "--type",
        "--default",
        "--comment",
        "--value",
    ];
    if has_any(rest, &["--unset", "--unset-all", "--remove-section"]) {
        return Verdict::delete("git config --unset removes settings");
    }
    if has_any(rest, &["--add", "--replace-all", "--rename-section"]) {
        return Verdict::update("git config --add changes settings");
    }
    if has_flag(rest, 'e', "--edit") {
        return Verdict::update("git config --edit opens an editor");
    }
    const KNOWN: &[&str] = &[
        "--global",
        "--system",
        "--local",
        "--worktree",
        "--file",
        "--blob",
        "--get",
        "--get-all",
        "--get-regexp",
        "--get-urlmatch",
        "--get-color",
        "--get-colorbool",
        "--list",
        "--show-origin",
        "--show-scope",
        "--name-only",
        "--null",
        "--type",
        "--no-type",
        "--bool",
        "--int",
        "--bool-or-int",
        "--path",
        "--expiry-date",
        "--default",
        "--includes",
        "--no-includes",
        "--fixed-value",
        "--all",
        "--regexp",
        "--url",
        "--value",
        "--show-names",
        "--no-show-names",
        "--comment",
        "--append",
    ];
    if let Some(option) = unknown_long_option(rest, KNOWN) {
        return Verdict::update(format!("git config {option} may change settings"));
    }
    let reads = has_any(
        rest,
        &[
            "--get",
            "--get-all",
            "--get-regexp",
            "--get-urlmatch",
            "--get-color",
            "--get-colorbool",
            "--list",
            "-l",
        ],
    );
    if reads {
        return Verdict::read("git config --get/--list only reads settings");
    }
    let operands = operands_skipping(rest, VALUES);
    match operands.first().map(|w| w.text.as_str()) {
        Some("list" | "get") => Verdict::read("git config get/list only reads settings"),
        Some("set") => Verdict::update("git config set changes settings"),
        Some("unset" | "remove-section") => Verdict::delete("git config unset removes settings"),
        Some("rename-section") => Verdict::update("git config rename-section changes settings"),
        Some("edit") => Verdict::update("git config edit opens an editor"),
        _ if operands.len() >= 2 => {
            Verdict::update(format!("git config {} … sets a value", operands[0].text))
        }
        _ => Verdict::read("git config with one key only reads it"),
    }
}

pub fn remote(rest: &[Word]) -> Verdict {
    let Some((action, after)) = split_subcommand(rest, &[]) else {
        return Verdict::read("git remote lists remotes");
    };
    match action.text.as_str() {
        "show" if has_flag(after, 'n', "") => Verdict::read("git remote show -n only reads"),
        "show" => Verdict::read("git remote show queries the remote").net(),
        "get-url" => Verdict::read("git remote get-url only reads"),
        "remove" | "rm" => Verdict::delete(format!(
            "git remote remove deletes remote {}",
            first_text(&operands_skipping(after, &[]))
        )),
        "prune" if has_flag(after, 'n', "--dry-run") => {
            Verdict::read("git remote prune --dry-run only lists refs").net()
        }
        "prune" => Verdict::delete("git remote prune deletes stale remote-tracking refs").net(),
        "update" => Verdict::update("git remote update fetches remotes").net(),
        "add" if has_flag(after, 'f', "--fetch") => {
            Verdict::update("git remote add -f adds and fetches a remote").net()
        }
        _ => Verdict::update(format!(
            "git remote {} changes remote configuration",
            action.text
        )),
    }
}

pub fn branch(rest: &[Word]) -> Verdict {
    const VALUES: &[&str] = &[
        "--sort",
        "--format",
        "--points-at",
        "--contains",
        "--no-contains",
        "--merged",
        "--no-merged",
        "-u",
        "--set-upstream-to",
    ];
    const KNOWN: &[&str] = &[
        "--list",
        "--all",
        "--remotes",
        "--verbose",
        "--quiet",
        "--show-current",
        "--contains",
        "--no-contains",
        "--merged",
        "--no-merged",
        "--points-at",
        "--sort",
        "--format",
        "--color",
        "--no-color",
        "--column",
        "--no-column",
        "--abbrev",
        "--no-abbrev",
        "--ignore-case",
        "--omit-empty",
        "--track",
        "--no-track",
        "--force",
        "--create-reflog",
        "--recurse-submodules",
        "--delete",
        "--move",
        "--copy",
        "--set-upstream-to",
        "--unset-upstream",
        "--edit-description",
        "--set-upstream",
    ];
    let names = operands_skipping(rest, VALUES);
    let name = first_text(&names);
    if has_flag(rest, 'd', "--delete") || has_flag(rest, 'D', "") {
        return Verdict::delete(format!("git branch -d deletes branch {name}"));
    }
    if let Some(option) = unknown_long_option(rest, KNOWN) {
        return Verdict::update(format!("git branch {option} is not a known option"));
    }
    if has_flag(rest, 'm', "--move") || has_flag(rest, 'M', "") {
        return Verdict::update("git branch -m renames a branch");
    }
    if has_flag(rest, 'c', "--copy") || has_flag(rest, 'C', "") {
        return Verdict::create("git branch -c copies a branch");
    }
    if has_flag(rest, 'u', "--set-upstream-to")
        || has_any(
            rest,
            &["--unset-upstream", "--edit-description", "--set-upstream"],
        )
    {
        return Verdict::update("git branch changes branch settings");
    }
    let lists = has_flag(rest, 'l', "--list")
        || has_flag(rest, 'v', "--verbose")
        || has_any(
            rest,
            &[
                "--show-current",
                "--contains",
                "--no-contains",
                "--merged",
                "--no-merged",
                "--points-at",
            ],
        );
    if lists || names.is_empty() {
        return Verdict::read("git branch lists branches");
    }
    if has_flag(rest, 'f', "--force") {
        return Verdict::update(format!("git branch -f resets branch {name}"));
    }
    Verdict::create(format!("git branch creates branch {name}"))
}

pub fn tag(rest: &[Word]) -> Verdict {
    const VALUES: &[&str] = &[
        "-m",
        "--message",
        "-F",
        "--file",
        "-u",
        "--local-user",
        "--sort",
        "--format",
        "--cleanup",
        "--points-at",
        "--contains",
        "--no-contains",
        "--merged",
        "--no-merged",
        "--trailer",
    ];
    let names = operands_skipping(rest, VALUES);
    let name = first_text(&names);
    if has_flag(rest, 'd', "--delete") {
        return Verdict::delete(format!("git tag -d deletes tag {name}"));
    }
    if has_flag(rest, 'v', "--verify") {
        return Verdict::read("git tag -v verifies tags");
    }
    let numbered = rest.iter().any(|w| {
        w.text
            .strip_prefix("-n")
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
    });
    let lists = numbered
        || has_flag(rest, 'l', "--list")
        || has_any(
            rest,
            &[
                "--contains",
                "--no-contains",
                "--merged",
                "--no-merged",
                "--points-at",
            ],
        );
    if lists || names.is_empty() {
        return Verdict::read("git tag lists tags");
    }
    if has_flag(rest, 'f', "--force") {
        return Verdict::update(format!("git tag -f replaces tag {name}"));
    }
    Verdict::create(format!("git tag creates tag {name}"))
}

pub fn stash(rest: &[Word]) -> Verdict {
    match rest.first().map(|w| w.text.as_str()) {
        Some("list" | "show") => Verdict::read("git stash list/show only reads"),
        Some(action @ ("drop" | "clear")) => {
            Verdict::delete(format!("git stash {action} deletes stashed changes"))
        }
        Some(action @ ("apply" | "pop" | "branch")) => {
            Verdict::update(format!("git stash {action} applies stashed changes"))
        }
        _ => Verdict::update("git stash saves and reverts local changes"),
    }
}

pub fn worktree(rest: &[Word]) -> Verdict {
    let (action, after) = match split_subcommand(rest, &[]) {
        Some((action, after)) => (Some(action.text.as_str()), after),
        None => (None, rest),
    };
    match action {
        Some("list") => Verdict::read("git worktree list only reads"),
        Some("add") => Verdict::create(format!(
            "git worktree add creates worktree {}",
            first_text(&operands_skipping(after, &["-b", "-B", "--reason"]))
        )),
        Some("remove") => Verdict::delete(format!(
            "git worktree remove deletes worktree {}",
            first_text(&operands_skipping(after, &[]))
        )),
        Some("prune") if has_flag(after, 'n', "--dry-run") => {
            Verdict::read("git worktree prune -n only lists")
        }
        Some("prune") => Verdict::delete("git worktree prune deletes stale worktree data"),
        _ => Verdict::update("git worktree changes worktrees"),
    }
}

pub fn notes(rest: &[Word]) -> Verdict {
    let Some((action, after)) = split_subcommand(rest, &["--ref"]) else {
        return Verdict::read("git notes lists notes");
    };
    match action.text.as_str() {
        "list" | "show" | "get-ref" => Verdict::read("git notes list/show only reads"),
        "add" | "copy" => Verdict::create("git notes add creates a note"),
        "prune" if has_flag(after, 'n', "--dry-run") => {
            Verdict::read("git notes prune -n only lists")
        }
        "remove" | "prune" => Verdict::delete("git notes remove deletes notes"),
        _ => Verdict::update("git notes changes notes"),
    }
}

pub fn submodule(call: &Call, rest: &[Word]) -> Verdict {
    let Some((action, after)) = split_subcommand(rest, &[]) else {
        return Verdict::read("git submodule shows submodule status");
    };
    match action.text.as_str() {
        "status" | "summary" => Verdict::read("git submodule status only reads"),
        "foreach" => {
            let command = after
                .iter()
                .position(|w| !w.is_option())
                .map_or(&[][..], |start| &after[start..]);
            let inner = match command {
                [] => Verdict::read("nothing to run"),
                // git runs a single argument through the shell, several as a command.
                [script] if script.dynamic && !script.substituted => Verdict::update(
                    "git submodule foreach runs a command only known when the shell runs",
                ),
                [script] => call.script(&script.text),
                words => call.run(words),
            };
            inner.at_least(Verdict::read(
                "git submodule foreach runs a command in each",
            ))
        }
        "deinit" => Verdict::delete("git submodule deinit removes submodule checkouts"),
        "update" | "add" => Verdict::update(format!(
            "git submodule {} fetches and checks out",
            action.text
        ))
        .net(),
        _ => Verdict::update(format!("git submodule {} changes submodules", action.text)),
    }
}

pub fn lfs(rest: &[Word]) -> Verdict {
    let Some((action, after)) = split_subcommand(rest, &[]) else {
        return Verdict::read("git lfs prints help");
    };
    match action.text.as_str() {
        "ls-files" | "status" | "env" | "version" | "pointer" | "ext" => {
            Verdict::read(format!("git lfs {} only reads", action.text))
        }
        "locks" => Verdict::read("git lfs locks lists locks").net(),
        "track" | "untrack" if operands_skipping(after, &[]).is_empty() => {
            Verdict::read("git lfs track lists tracked patterns")
        }
        "prune" if has_flag(after, 'd', "--dry-run") => {
            Verdict::read("git lfs prune --dry-run only lists")
        }
        "prune" => Verdict::delete("git lfs prune deletes local LFS objects"),
        "fetch" | "pull" | "push" | "clone" | "lock" | "unlock" => {
            Verdict::update(format!("git lfs {} talks to the LFS server", action.text)).net()
        }
        _ => Verdict::update(format!("git lfs {} changes files or settings", action.text)),
    }
}
