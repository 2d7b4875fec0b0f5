//! Ruby, PHP, Lua and Perl package managers: gem, bundle, composer, luarocks, cpan/cpanm.

use super::common::{literal, only_flags, runs_command, split_subcommand, Subcommands};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    let program = call.program;
    Some(match program {
        "gem" => gem(args),
        "bundle" | "bundler" => bundle(call, args),
        "composer" => composer(call, args),
        "luarocks" => subcommand(
            args,
            &Subcommands {
                tool: "luarocks",
                read: &["list", "search", "show", "path", "help", "which"],
                create: &["download", "pack", "write_rockspec", "init"],
                delete: &["remove", "purge"],
                net: &["search", "download"],
                noun: "rocks",
            },
        ),
        "cpan" | "cpanm" if only_flags(args, &["--version", "-v", "-V", "--help", "-h"]) => {
            Verdict::read(format!("{program} prints its version"))
        }
        "cpan" | "cpanm" => Verdict::update(format!("{program} installs Perl modules")).net(),
        _ => return None,
    })
}

fn subcommand(args: &[Word], table: &Subcommands) -> Verdict {
    if args.is_empty() || only_flags(args, &["--version", "-v", "-V", "--help", "-h"]) {
        return Verdict::read(format!("{} prints its version or help", table.tool));
    }
    match split_subcommand(args, &[]) {
        Some((sub, _)) => table.judge(sub),
        None => Verdict::update(format!("{} with unknown options", table.tool)),
    }
}

fn gem(args: &[Word]) -> Verdict {
    let Some((sub, rest)) = split_subcommand(args, &[]) else {
        return subcommand(args, &gem_table());
    };
    match literal(sub) {
        Some("sources") if rest.iter().all(|w| w.is("-l") || w.is("--list")) => {
            Verdict::read("gem sources lists gem sources")
        }
        Some("sources") => Verdict::update("gem sources changes gem sources"),
        _ => subcommand(args, &gem_table()),
    }
}

fn gem_table() -> Subcommands<'static> {
    Subcommands {
        tool: "gem",
        read: &[
            "list",
            "search",
            "info",
            "query",
            "contents",
            "dependency",
            "environment",
            "env",
            "help",
            "which",
            "outdated",
            "specification",
            "stale",
        ],
        create: &["fetch", "unpack"],
        delete: &["uninstall", "cleanup"],
        net: &["search", "outdated", "fetch", "install", "update", "push"],
        noun: "gems",
    }
}

/// Bundler evaluates the Gemfile (Ruby code) for nearly everything it does.
fn bundle(call: &Call, args: &[Word]) -> Verdict {
    if only_flags(
        args,
        &["--version", "-v", "version", "--help", "-h", "help"],
    ) {
        return Verdict::read("bundle prints its version or help");
    }
    let Some((sub, rest)) = split_subcommand(args, &[]) else {
        return Verdict::update("bundle installs gems (evaluates the Gemfile)").net();
    };
    match literal(sub) {
        Some("exec" | "ex") => runs_command(
            call,
            "bundle exec runs a command with the bundle loaded".to_string(),
            rest,
        ),
        Some("clean") => Verdict::delete("bundle clean removes unused gems"),
        Some("remove") => Verdict::delete("bundle remove removes gems from the Gemfile"),
        Some("init") => Verdict::create("bundle init creates a Gemfile"),
        Some(name) => Verdict::update(format!("bundle {name} evaluates the Gemfile (Ruby code)")),
        None => Verdict::update("the bundle subcommand is only known when the shell runs"),
    }
}

fn composer(call: &Call, args: &[Word]) -> Verdict {
    const VALUES: &[&str] = &["-d", "--working-dir"];
    if args.is_empty() || only_flags(args, &["--version", "-V", "--help", "-h"]) {
        return Verdict::read("composer prints its version or help");
    }
    let Some((sub, rest)) = split_subcommand(args, VALUES) else {
        return Verdict::update("composer with unknown options");
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the composer subcommand is only known when the shell runs");
    };
    let operands = super::common::operands_skipping(rest, VALUES);
    match name {
        "config"
            if operands.len() <= 1
                && !rest.iter().any(|w| {
                    w.is("--unset") || w.is("-e") || w.is("--editor") || w.is("--auth")
                }) =>
        {
            Verdict::read("composer config only reads settings")
        }
        "exec" => runs_command(call, "composer exec runs a vendor binary".to_string(), rest),
        _ => Subcommands {
            tool: "composer",
            read: &[
                "show",
                "info",
                "validate",
                "outdated",
                "licenses",
                "depends",
                "why",
                "prohibits",
                "why-not",
                "search",
                "diagnose",
                "check-platform-reqs",
                "fund",
                "audit",
                "status",
                "suggests",
                "help",
                "list",
            ],
            create: &["create-project", "init", "archive"],
            delete: &[
                "remove",
                "rm",
                "uninstall",
                "clear-cache",
                "clearcache",
                "cc",
            ],
            net: &[
                "outdated", "search", "audit", "install", "update", "require",
            ],
            noun: "packages",
        }
        .judge_name(name),
    }
}
