//! Language version managers: mise, asdf, nvm, fnm, volta, sdk, and the *env family (pyenv,
//! rbenv, nodenv, goenv, jenv). Listing and showing read; installing and switching versions
//! update; uninstalling deletes.

use super::common::{literal, only_flags, operands_skipping, runs_command, split_subcommand};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;

pub fn judge(call: &Call) -> Option<Verdict> {
    let program = call.program;
    let args = call.args;
    let (read, delete): (&[&str], &[&str]) = match program {
        "mise" | "rtx" => (
            &[
                "ls",
                "list",
                "current",
                "which",
                "where",
                "ls-remote",
                "doctor",
                "env",
                "version",
                "latest",
                "outdated",
                "bin-paths",
                "activate",
                "help",
                "completion",
                "search",
                "registry",
                "tasks",
                "settings",
                "config",
                "alias",
                "plugins",
                "dr",
            ],
            &["uninstall", "rm", "remove", "prune", "implode", "cache"],
        ),
        "asdf" => (
            &[
                "list",
                "current",
                "which",
                "where",
                "info",
                "version",
                "latest",
                "help",
                "plugin-list",
                "plugin-list-all",
                "plugin",
            ],
            &["uninstall", "plugin-remove"],
        ),
        "nvm" => (
            &[
                "ls",
                "list",
                "ls-remote",
                "list-remote",
                "current",
                "which",
                "version",
                "version-remote",
                "help",
            ],
            &["uninstall", "unalias", "cache"],
        ),
        "fnm" => (
            &[
                "list",
                "ls",
                "ls-remote",
                "list-remote",
                "current",
                "env",
                "completions",
                "help",
            ],
            &["uninstall", "unalias"],
        ),
        "volta" => (&["list", "which", "help", "completions"], &["uninstall"]),
        "sdk" => (
            &["list", "ls", "current", "c", "version", "v", "help", "home"],
            &["uninstall", "rm", "flush"],
        ),
        "pyenv" | "rbenv" | "nodenv" | "goenv" | "jenv" | "plenv" | "phpenv" => (
            &[
                "versions",
                "version",
                "version-name",
                "version-file",
                "which",
                "whence",
                "root",
                "prefix",
                "commands",
                "help",
                "completions",
                "virtualenvs",
                "latest",
                "version-origin",
            ],
            &["uninstall", "virtualenv-delete"],
        ),
        _ => return None,
    };
    if args.is_empty() || only_flags(args, &["--version", "-v", "-V", "--help", "-h"]) {
        return Some(Verdict::read(format!(
            "{program} prints its version or help"
        )));
    }
    let Some((sub, rest)) = split_subcommand(args, &["-C", "--cd"]) else {
        return Some(Verdict::update(format!("{program} with unknown options")));
    };
    let Some(name) = literal(sub) else {
        return Some(Verdict::update(format!(
            "the {program} subcommand is only known when the shell runs"
        )));
    };
    let operands = operands_skipping(rest, &[]);
    let action = operands.first().map(|w| w.text.as_str());
    Some(match name {
        // Sub-tables whose read forms are list/ls/get.
        "plugin" | "plugins" | "alias" | "settings" | "config" | "tasks" | "cache"
            if !matches!(action, None | Some("list" | "ls" | "get" | "dir" | "show")) =>
        {
            match action {
                Some("rm" | "remove" | "uninstall" | "clear" | "unset" | "prune") => {
                    Verdict::delete(format!("{program} {name} removes things"))
                }
                _ => Verdict::update(format!("{program} {name} changes settings")),
            }
        }
        "cache" => Verdict::read(format!("{program} cache only reads")),
        // Without a version these print the current choice.
        "global" | "local" | "shell" | "default" if rest.is_empty() => {
            Verdict::read(format!("{program} {name} prints the selected version"))
        }
        // `init -` prints shell code; bare `rbenv init` (1.3+) edits the shell startup file.
        "init" if rest.iter().any(|w| w.is("-") || w.is("--path")) => {
            Verdict::read(format!("{program} init - prints shell code"))
        }
        "install" if rest.iter().any(|w| w.is("--list") || w.is("-l")) => {
            Verdict::read(format!("{program} install --list only lists versions"))
        }
        "exec" | "x" | "run" => runs_command(
            call,
            format!("{program} {name} runs a command with a chosen version"),
            match rest.iter().position(|w| w.is("--")) {
                Some(marker) => &rest[marker + 1..],
                None => {
                    &rest[rest
                        .iter()
                        .position(|w| !w.is_option())
                        .unwrap_or(rest.len())..]
                }
            },
        ),
        "virtualenv" => Verdict::create(format!("{program} virtualenv creates an environment")),
        "ls-remote" | "list-remote" | "latest" | "version-remote" | "search"
            if read.contains(&name) =>
        {
            Verdict::read(format!("{program} {name} lists available versions")).net()
        }
        _ if read.contains(&name) => Verdict::read(format!("{program} {name} only reads")),
        _ if delete.contains(&name) => {
            Verdict::delete(format!("{program} {name} removes versions"))
        }
        _ => Verdict::update(format!("{program} {name} installs or switches versions")),
    })
}
