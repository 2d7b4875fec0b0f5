//! System package managers: brew, apt/apt-get/apt-cache, dpkg, rpm, dnf/yum, pacman (yay,
//! paru), zypper, apk, snap, flatpak, MacPorts and nix. Queries read; installs update;
//! removals and cache cleaning delete.

use super::common::{has_any, only_flags, split_subcommand, Subcommands};
use super::system_package_modes::{dpkg, nix, pacman, rpm};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;

pub fn judge(call: &Call) -> Option<Verdict> {
    let program = call.program;
    let args = call.args;
    let table = match program {
        "brew" => BREW,
        "apt" | "apt-get" => APT,
        "apt-cache" | "apt-file" if args.iter().any(|w| w.is("gencaches") || w.is("update")) => {
            return Some(Verdict::update(format!("{program} rebuilds its cache")));
        }
        "apt-cache" | "dpkg-query" | "apt-file" => {
            return Some(Verdict::read(format!("{program} only queries packages")));
        }
        "dpkg" => return Some(dpkg(args)),
        "rpm" => return Some(rpm(args)),
        "pacman" | "yay" | "paru" => return Some(pacman(program, args)),
        "dnf" | "yum" | "microdnf" | "dnf5" => DNF,
        "zypper" => ZYPPER,
        "apk" => APK,
        "snap" => SNAP,
        "flatpak" => FLATPAK,
        "port" => PORT,
        "nix"
        | "nix-env"
        | "nix-store"
        | "nix-channel"
        | "nix-shell"
        | "nix-build"
        | "nix-collect-garbage" => return Some(nix(program, args)),
        _ => return None,
    };
    let table = Subcommands {
        tool: program,
        ..table
    };
    const VALUES: &[&str] = &["-o", "-c", "-t", "--repo", "--root", "--installroot"];
    let simulated = has_any(
        args,
        &[
            "-s",
            "--simulate",
            "--dry-run",
            "--just-print",
            "--no-act",
            "--recon",
        ],
    );
    const BREW_PRINTS: &[&str] = &[
        "--prefix",
        "--cellar",
        "--cache",
        "--repository",
        "--repo",
        "--env",
        "--caskroom",
        "--version",
        "--config",
    ];
    let brew_prints = args
        .first()
        .is_some_and(|w| BREW_PRINTS.contains(&w.text.as_str()));
    Some(match split_subcommand(args, VALUES) {
        _ if program == "brew" && (args.is_empty() || brew_prints) => {
            Verdict::read("brew prints help or a path")
        }
        _ if only_flags(args, &["--version", "-v", "-V", "--help", "-h"]) => {
            Verdict::read(format!("{program} prints its version or help"))
        }
        None => Verdict::update(format!("{program} with unknown options")),
        Some(_) if simulated && matches!(program, "apt" | "apt-get") => Verdict::read(format!(
            "{program} --simulate only prints what would happen"
        )),
        Some((sub, rest)) => {
            let action = split_subcommand(rest, VALUES).map(|(w, _)| w.text.as_str());
            let history_read = sub.is("history")
                && matches!(action, None | Some("list" | "info"))
                && matches!(program, "dnf" | "yum" | "dnf5");
            let verdict = if history_read {
                Verdict::read(format!("{program} history lists transactions"))
            } else {
                table.judge(sub)
            };
            // `brew tap` and `brew services` list without an argument.
            let lists = matches!(sub.text.as_str(), "tap" | "services")
                && (rest.is_empty() || rest.first().is_some_and(|w| w.is("list")));
            if lists {
                Verdict::read(format!("{program} {} lists", sub.text))
            } else {
                verdict
            }
        }
    })
}

const fn table(
    read: &'static [&'static str],
    create: &'static [&'static str],
    delete: &'static [&'static str],
    net: &'static [&'static str],
) -> Subcommands<'static> {
    Subcommands {
        tool: "",
        read,
        create,
        delete,
        net,
        noun: "packages",
    }
}

const BREW: Subcommands<'static> = table(
    &[
        "list",
        "ls",
        "info",
        "abv",
        "search",
        "outdated",
        "deps",
        "uses",
        "config",
        "doctor",
        "dr",
        "--prefix",
        "--cellar",
        "--cache",
        "--repository",
        "--repo",
        "--env",
        "--caskroom",
        "leaves",
        "desc",
        "cat",
        "log",
        "commands",
        "help",
        "options",
        "missing",
        "tap-info",
        "formulae",
        "casks",
        "shellenv",
        "--version",
        "which-formula",
    ],
    &["create", "fetch"],
    &[
        "uninstall",
        "remove",
        "rm",
        "cleanup",
        "autoremove",
        "untap",
    ],
    &[
        "search", "info", "outdated", "install", "upgrade", "update", "fetch",
    ],
);

const APT: Subcommands<'static> = table(
    &[
        "list",
        "show",
        "search",
        "policy",
        "depends",
        "rdepends",
        "showsrc",
        "changelog",
        "help",
        "madison",
        "showpkg",
        "pkgnames",
        "stats",
    ],
    &["download", "source"],
    &[
        "remove",
        "purge",
        "autoremove",
        "autopurge",
        "clean",
        "autoclean",
    ],
    &[
        "changelog",
        "download",
        "source",
        "install",
        "update",
        "upgrade",
        "dist-upgrade",
    ],
);

const DNF: Subcommands<'static> = table(
    &[
        "list",
        "info",
        "search",
        "provides",
        "whatprovides",
        "repolist",
        "repoquery",
        "check-update",
        "deplist",
        "help",
        "updateinfo",
        "repoinfo",
        "check",
        "leaves",
    ],
    &["download"],
    &["remove", "erase", "autoremove", "clean", "rm"],
    &["search", "check-update", "install", "update", "upgrade"],
);

const ZYPPER: Subcommands<'static> = table(
    &[
        "search",
        "se",
        "info",
        "if",
        "list-updates",
        "lu",
        "patches",
        "repos",
        "lr",
        "packages",
        "pa",
        "products",
        "pd",
        "patterns",
        "pt",
        "what-provides",
        "wp",
        "locks",
        "ll",
        "list-patches",
        "lp",
        "help",
    ],
    &["source-install", "si"],
    &[
        "remove",
        "rm",
        "removerepo",
        "rr",
        "clean",
        "cc",
        "removelock",
        "rl",
    ],
    &["search", "se", "refresh", "ref"],
);

const APK: Subcommands<'static> = table(
    &[
        "info", "search", "list", "policy", "stats", "dot", "version", "audit", "verify",
    ],
    &["fetch"],
    &["del", "cache"],
    &["search", "add", "update", "upgrade", "fetch"],
);

const SNAP: Subcommands<'static> = table(
    &[
        "list",
        "info",
        "find",
        "search",
        "connections",
        "services",
        "version",
        "changes",
        "change",
        "tasks",
        "interfaces",
        "aliases",
        "warnings",
        "model",
        "known",
        "whoami",
        "get",
        "help",
        "logs",
        "saved",
        "routine",
    ],
    &["save", "download", "pack"],
    &["remove", "forget", "unalias"],
    &["find", "search", "info", "install", "refresh"],
);

const FLATPAK: Subcommands<'static> = table(
    &[
        "list",
        "info",
        "search",
        "remotes",
        "remote-ls",
        "remote-info",
        "history",
        "ps",
        "documents",
        "permissions",
        "permission-show",
        "document-info",
    ],
    &["create-usb", "build-bundle", "build-init"],
    &[
        "uninstall",
        "remove",
        "remote-delete",
        "permission-remove",
        "document-unexport",
    ],
    &[
        "search",
        "remote-ls",
        "remote-info",
        "install",
        "update",
        "upgrade",
    ],
);

const PORT: Subcommands<'static> = table(
    &[
        "installed",
        "list",
        "info",
        "search",
        "outdated",
        "deps",
        "rdeps",
        "contents",
        "provides",
        "variants",
        "echo",
        "version",
        "dependents",
        "rdependents",
        "location",
        "notes",
        "help",
        "usage",
        "file",
        "dir",
        "work",
        "cat",
        "log",
        "lint",
        "livecheck",
    ],
    &["fetch", "extract", "mpkg", "pkg", "dmg"],
    &["uninstall", "clean", "reclaim"],
    &[
        "search",
        "selfupdate",
        "sync",
        "install",
        "upgrade",
        "livecheck",
    ],
);
