//! JavaScript package managers and runners: npm, npx, yarn, pnpm, bun, corepack. Installing and
//! running scripts run package code; listing, viewing and auditing only read.

use super::common::{
    has_any, literal, only_flags, operands_skipping, runs_command, split_subcommand, Subcommands,
};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    Some(match call.program {
        "npm" => npm(args),
        "npx" | "pnpx" | "bunx" => package_runner(call, args),
        "yarn" => yarn(args),
        "pnpm" => pnpm(call, args),
        "bun" => bun(args),
        "corepack" if only_flags(args, VERSION) => Verdict::read("corepack prints its version"),
        "corepack" => Verdict::update("corepack installs or runs package managers"),
        "rimraf" | "del-cli" => Verdict::delete(format!("{} deletes files", call.program)),
        _ => return None,
    })
}

const VERSION: &[&str] = &["--version", "-v", "-V", "--help", "-h"];

/// Sub-actions of npm's account and registry commands that only read.
const READ_ACTIONS: &[&str] = &["get", "list", "ls", "ll", "view"];

fn npm(args: &[Word]) -> Verdict {
    const VALUES: &[&str] = &[
        "--prefix",
        "-w",
        "--workspace",
        "--registry",
        "--cache",
        "--userconfig",
        "--globalconfig",
        "--loglevel",
        "-C",
    ];
    if args.is_empty() || only_flags(args, &["-v", "--version", "-h", "--help", "-l", "--usage"]) {
        return Verdict::read("npm prints its version or help");
    }
    let Some((sub, rest)) = split_subcommand(args, VALUES) else {
        return Verdict::update("npm with unknown options");
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the npm subcommand is only known when the shell runs");
    };
    let action = split_subcommand(rest, VALUES).map(|(w, _)| w.text.as_str());
    let operands = operands_skipping(rest, VALUES);
    let dry_run_without_scripts =
        has_any(rest, &["--dry-run"]) && has_any(rest, &["--ignore-scripts"]);
    let table = Subcommands {
        tool: "npm",
        read: &[
            "ls",
            "list",
            "la",
            "ll",
            "view",
            "v",
            "info",
            "show",
            "outdated",
            "help",
            "help-search",
            "search",
            "s",
            "se",
            "find",
            "prefix",
            "root",
            "bin",
            "whoami",
            "explain",
            "why",
            "fund",
            "query",
            "ping",
            "sbom",
            "completion",
            "stars",
            "diff",
            "get",
        ],
        create: &[],
        delete: &[
            "uninstall",
            "remove",
            "rm",
            "r",
            "un",
            "unlink",
            "prune",
            "unpublish",
        ],
        net: &[
            "view",
            "v",
            "info",
            "show",
            "outdated",
            "search",
            "s",
            "se",
            "find",
            "whoami",
            "ping",
            "diff",
            "install",
            "i",
            "ci",
            "update",
            "publish",
            "unpublish",
            "fund",
        ],
        noun: "packages",
    };
    match name {
        "version" if operands.is_empty() => Verdict::read("npm version prints versions"),
        "fund" if !operands.is_empty() => Verdict::update("npm fund PACKAGE opens a web browser"),
        "version" => Verdict::update("npm version bumps the package version"),
        "audit" if action == Some("fix") => Verdict::update("npm audit fix changes packages").net(),
        "audit" => Verdict::read("npm audit queries the registry").net(),
        "config" | "c" | "pkg" | "access" | "owner" | "dist-tag" | "dist-tags" | "team" | "org"
        | "token" | "profile" | "hook" => match action {
            None => Verdict::read(format!("npm {name} only reads")),
            Some(verb) if READ_ACTIONS.contains(&verb) => {
                let verdict = Verdict::read(format!("npm {name} {verb} only reads"));
                if matches!(name, "config" | "c" | "pkg") {
                    verdict
                } else {
                    verdict.net()
                }
            }
            Some(verb @ ("delete" | "rm" | "remove" | "revoke" | "unset")) => {
                Verdict::delete(format!("npm {name} {verb} removes settings"))
            }
            Some(verb) => Verdict::update(format!("npm {name} {verb} changes settings")),
        },
        "cache" => match action {
            Some("clean" | "rm" | "clear") => Verdict::delete("npm cache clean deletes the cache"),
            Some("ls") => Verdict::read("npm cache ls only lists"),
            _ => Verdict::update("npm cache changes the cache"),
        },
        "pack" | "publish" if dry_run_without_scripts => Verdict::read(format!(
            "npm {name} --dry-run --ignore-scripts only reports"
        )),
        "pack" => Verdict::update("npm pack runs prepack scripts and writes a tarball"),
        "run" | "run-script" | "rum" | "urn" if operands.is_empty() => {
            Verdict::read("npm run lists the package scripts")
        }
        "run" | "run-script" | "rum" | "urn" => Verdict::update(format!(
            "npm run {} runs a package script",
            operands[0].text
        )),
        "test" | "t" | "tst" | "start" | "stop" | "restart" => {
            Verdict::update(format!("npm {name} runs a package script"))
        }
        "init" | "create" | "innit" if operands.is_empty() => {
            Verdict::create("npm init creates package.json")
        }
        "init" | "create" | "innit" => Verdict::update("npm init runs a package initializer"),
        "install" | "i" | "ci" | "add" | "in" | "ins" | "isntall" | "clean-install" => {
            Verdict::update(format!("npm {name} changes node_modules")).net()
        }
        "doctor" => Verdict::update("npm doctor verifies and cleans the cache").net(),
        "repo" | "docs" | "bugs" | "home" => {
            Verdict::update(format!("npm {name} opens a web browser"))
        }
        _ => table.judge_name(name),
    }
}

/// npx, pnpx, bunx: run a package's binary, downloading it if needed.
fn package_runner(call: &Call, args: &[Word]) -> Verdict {
    if only_flags(args, VERSION) {
        return Verdict::read(format!("{} prints its version", call.program));
    }
    if let Some(at) = args.iter().position(|w| w.is("-c") || w.is("--call")) {
        let inner = args.get(at + 1).map_or_else(
            || Verdict::update("npx -c without a command"),
            |script| call.script(&script.text),
        );
        return Verdict::update("npx -c runs a command").max(inner);
    }
    let mut index = 0;
    while let Some(word) = args.get(index) {
        if word.is("--") {
            index += 1;
            break;
        }
        if !word.is_option() {
            break;
        }
        index += if word.is("-p") || word.is("--package") {
            2
        } else {
            1
        };
    }
    runs_command(
        call,
        format!("{} runs a package's code", call.program),
        args.get(index..).unwrap_or_default(),
    )
}

fn yarn(args: &[Word]) -> Verdict {
    const VALUES: &[&str] = &["--cwd", "--modules-folder", "--cache-folder"];
    if only_flags(args, VERSION) {
        return Verdict::read("yarn prints its version or help");
    }
    let Some((sub, rest)) = split_subcommand(args, VALUES) else {
        return Verdict::update("yarn installs dependencies").net();
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the yarn subcommand is only known when the shell runs");
    };
    let action = split_subcommand(rest, &[]).map(|(w, _)| w.text.as_str());
    match name {
        "info" | "outdated" | "audit" => {
            Verdict::read(format!("yarn {name} queries the registry")).net()
        }
        "why" | "list" | "licenses" | "bin" | "dir" | "help" | "versions" => {
            Verdict::read(format!("yarn {name} only reads"))
        }
        "config" | "workspaces" | "owner" | "tag" | "team" | "npm" | "global" | "cache" => {
            match action {
                None => Verdict::read(format!("yarn {name} only reads")),
                Some(verb @ ("get" | "list" | "ls" | "info" | "whoami" | "dir" | "audit")) => {
                    Verdict::read(format!("yarn {name} {verb} only reads")).net()
                }
                Some(verb @ ("clean" | "delete" | "remove" | "unset" | "rm")) => {
                    Verdict::delete(format!("yarn {name} {verb} removes things"))
                }
                Some(verb) => Verdict::update(format!("yarn {name} {verb} changes state")),
            }
        }
        "run" if operands_skipping(rest, &[]).is_empty() => {
            Verdict::read("yarn run lists the package scripts")
        }
        "remove" | "unlink" => Verdict::delete(format!("yarn {name} removes packages")),
        "autoclean" if has_any(rest, &["--force", "-F"]) => {
            Verdict::delete("yarn autoclean --force deletes files from node_modules")
        }
        "init" => Verdict::create("yarn init creates package.json"),
        "add" | "install" | "up" | "upgrade" | "upgrade-interactive" | "dedupe" => {
            Verdict::update(format!("yarn {name} changes node_modules")).net()
        }
        _ => Verdict::update(format!("yarn {name} runs a command or package script")),
    }
}

fn pnpm(call: &Call, args: &[Word]) -> Verdict {
    const VALUES: &[&str] = &["-C", "--dir", "--filter", "-F", "--prefix", "--workspace"];
    if args.is_empty() || only_flags(args, VERSION) {
        return Verdict::read("pnpm prints its version or help");
    }
    let Some((sub, rest)) = split_subcommand(args, VALUES) else {
        return Verdict::update("pnpm with unknown options");
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the pnpm subcommand is only known when the shell runs");
    };
    let action = split_subcommand(rest, &[]).map(|(w, _)| w.text.as_str());
    match name {
        "outdated" | "view" | "info" | "show" | "v" | "search" => {
            Verdict::read(format!("pnpm {name} queries the registry")).net()
        }
        "list" | "ls" | "ll" | "la" | "why" | "licenses" | "root" | "bin" | "help" => {
            Verdict::read(format!("pnpm {name} only reads"))
        }
        "audit" if has_any(rest, &["--fix"]) => {
            Verdict::update("pnpm audit --fix changes packages")
        }
        "audit" => Verdict::read("pnpm audit queries the registry").net(),
        "config" | "store" | "env" => match action {
            Some("get" | "list" | "path" | "status" | "ls") | None => {
                Verdict::read(format!("pnpm {name} only reads"))
            }
            Some(verb @ ("prune" | "delete" | "remove" | "rm")) => {
                Verdict::delete(format!("pnpm {name} {verb} removes things"))
            }
            Some(verb) => Verdict::update(format!("pnpm {name} {verb} changes state")),
        },
        "run" if operands_skipping(rest, &[]).is_empty() => {
            Verdict::read("pnpm run lists the package scripts")
        }
        "remove" | "rm" | "uninstall" | "un" | "prune" | "unlink" => {
            Verdict::delete(format!("pnpm {name} removes packages"))
        }
        "init" => Verdict::create("pnpm init creates package.json"),
        "dlx" | "exec" => runs_command(call, format!("pnpm {name} runs a package"), rest),
        "install" | "i" | "add" | "update" | "up" | "upgrade" => {
            Verdict::update(format!("pnpm {name} changes node_modules")).net()
        }
        _ => Verdict::update(format!("pnpm {name} runs a command or package script")),
    }
}

fn bun(args: &[Word]) -> Verdict {
    if args.is_empty() || only_flags(args, &["--version", "-v", "--revision", "--help", "-h"]) {
        return Verdict::read("bun prints its version or help");
    }
    let Some((sub, rest)) = split_subcommand(args, &["--cwd", "--config", "-c"]) else {
        return Verdict::update("bun with unknown options");
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the bun subcommand is only known when the shell runs");
    };
    let action = split_subcommand(rest, &[]).map(|(w, _)| w.text.as_str());
    let detail = split_subcommand(rest, &[])
        .and_then(|(_, after)| split_subcommand(after, &[]))
        .map(|(w, _)| w.text.as_str());
    match name {
        "pm" => match (action, detail) {
            (Some("cache"), Some("rm")) => Verdict::delete("bun pm cache rm deletes the cache"),
            (
                Some(
                    "ls" | "bin" | "hash-string" | "hash-print" | "cache" | "whoami" | "untrusted"
                    | "view",
                ),
                _,
            ) => Verdict::read("bun pm only reads"),
            _ => Verdict::update("bun pm changes packages"),
        },
        "outdated" | "info" | "audit" | "why" => {
            Verdict::read(format!("bun {name} only reads")).net()
        }
        "run" if operands_skipping(rest, &[]).is_empty() => {
            Verdict::read("bun run lists the package scripts")
        }
        "remove" | "rm" => Verdict::delete("bun remove removes packages"),
        "init" => Verdict::create("bun init creates a project"),
        "install" | "i" | "add" | "a" | "update" => {
            Verdict::update(format!("bun {name} changes node_modules")).net()
        }
        _ => Verdict::update(format!("bun {name} runs code")),
    }
}
