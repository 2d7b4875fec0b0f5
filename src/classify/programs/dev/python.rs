//! Python package and environment managers: pip, uv, uvx, poetry, pdm, pipenv, pipx, conda
//! (mamba, micromamba), virtualenv, hatch. Installing runs package build code; listing reads.

use super::common::{
    has_any, literal, only_flags, operands_skipping, runs_command, split_subcommand, Subcommands,
};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    let program = call.program;
    Some(match program {
        _ if is_versioned(program, "pip") => pip(program, args),
        "uv" => uv(call, args),
        "uvx" | "pipx" if only_flags(args, VERSION) => {
            Verdict::read(format!("{program} prints its version"))
        }
        "uvx" => runs_command(
            call,
            "uvx runs a Python tool".to_string(),
            args_after_options(args),
        ),
        "pipx" => pipx(args),
        "poetry" => poetry(call, args),
        "pdm" => pdm(call, args),
        "pipenv" => pipenv(call, args),
        "conda" | "mamba" | "micromamba" => conda(call, program, args),
        "virtualenv" if only_flags(args, VERSION) => Verdict::read("virtualenv prints its version"),
        "virtualenv" => Verdict::create("virtualenv creates a virtual environment"),
        "hatch" if only_flags(args, VERSION) => Verdict::read("hatch prints its version"),
        "hatch" => Verdict::update("hatch builds, manages environments or runs scripts"),
        _ => return None,
    })
}

const VERSION: &[&str] = &["--version", "-V", "--help", "-h"];

/// `pip`, `pip3`, `pip3.12`.
pub fn is_versioned(program: &str, base: &str) -> bool {
    program
        .strip_prefix(base)
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

fn args_after_options(args: &[Word]) -> &[Word] {
    let start = args
        .iter()
        .position(|w| !w.is_option())
        .unwrap_or(args.len());
    &args[start..]
}

/// pip's own behaviour: also used for `python -m pip` and `uv pip`.
pub fn pip(tool: &str, args: &[Word]) -> Verdict {
    const VALUES: &[&str] = &[
        "-i",
        "--index-url",
        "--extra-index-url",
        "--python",
        "--proxy",
        "--cache-dir",
        "--timeout",
        "--retries",
        "--cert",
        "--client-cert",
        "--exists-action",
        "--root-user-action",
        "--use-feature",
        "--use-deprecated",
        "--trusted-host",
        "--log",
        "--log-file",
    ];
    if args.is_empty() || only_flags(args, VERSION) {
        return Verdict::read(format!("{tool} prints its version or help"));
    }
    let log = if has_any(args, &["--log", "--log-file"]) {
        Verdict::create(format!("{tool} --log writes a log file"))
    } else {
        Verdict::read("")
    };
    let Some((sub, rest)) = split_subcommand(args, VALUES) else {
        return Verdict::update(format!("{tool} with unknown options"));
    };
    let action = split_subcommand(rest, VALUES).map(|(w, _)| w.text.as_str());
    let verdict = match literal(sub) {
        None => Verdict::update(format!("the {tool} subcommand is only known at run time")),
        Some("tree") if tool == "uv pip" => Verdict::read("uv pip tree only reads"),
        Some("list") if has_any(rest, &["--outdated", "-o"]) => {
            Verdict::read(format!("{tool} list --outdated queries the index")).net()
        }
        Some("config") => match action {
            Some("list" | "get" | "debug") | None => {
                Verdict::read(format!("{tool} config only reads"))
            }
            Some("unset") => Verdict::delete(format!("{tool} config unset removes a setting")),
            Some(verb) => Verdict::update(format!("{tool} config {verb} changes settings")),
        },
        Some("cache") => match action {
            Some(verb @ ("purge" | "remove")) => {
                Verdict::delete(format!("{tool} cache {verb} deletes cached files"))
            }
            Some("dir" | "info" | "list") | None => {
                Verdict::read(format!("{tool} cache only reads"))
            }
            Some(verb) => Verdict::update(format!("{tool} cache {verb} changes the cache")),
        },
        Some(name) => Subcommands {
            tool,
            read: &[
                "list", "show", "freeze", "check", "help", "search", "inspect", "debug", "hash",
                "index",
            ],
            create: &["download"],
            delete: &["uninstall"],
            net: &["search", "index", "download", "install"],
            noun: "packages",
        }
        .judge_name(name),
    };
    verdict.max(log)
}

fn uv(call: &Call, args: &[Word]) -> Verdict {
    const VALUES: &[&str] = &[
        "--directory",
        "--project",
        "--python",
        "-p",
        "--cache-dir",
        "--config-file",
        "--color",
        "--index-url",
        "--index",
        "--default-index",
    ];
    if args.is_empty() || only_flags(args, VERSION) {
        return Verdict::read("uv prints its version or help");
    }
    let Some((sub, rest)) = split_subcommand(args, VALUES) else {
        return Verdict::update("uv with unknown options");
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the uv subcommand is only known when the shell runs");
    };
    let action = split_subcommand(rest, VALUES).map(|(w, _)| w.text.as_str());
    let after_action = split_subcommand(rest, VALUES).map_or(&[][..], |(_, after)| after);
    match name {
        "pip" => pip("uv pip", rest),
        "venv" | "init" => Verdict::create(format!("uv {name} creates a project or environment")),
        "help" => Verdict::read("uv help prints help"),
        "version"
            if operands_skipping(rest, VALUES).is_empty()
                && !has_any(rest, &["--bump", "--set"]) =>
        {
            Verdict::read("uv version prints the project version")
        }
        "remove" => Verdict::delete("uv remove removes a dependency and uninstalls it"),
        "run" => runs_command(
            call,
            "uv run runs a command in the project".to_string(),
            args_after_options(rest),
        ),
        "tool" => match action {
            Some("list" | "dir") => Verdict::read("uv tool list only reads"),
            Some("uninstall") => Verdict::delete("uv tool uninstall removes a tool"),
            Some("run") => runs_command(
                call,
                "uv tool run runs a tool".to_string(),
                args_after_options(after_action),
            ),
            _ => Verdict::update("uv tool installs tools").net(),
        },
        "python" => match action {
            Some("list" | "find" | "dir") => Verdict::read("uv python list only reads"),
            Some("uninstall") => Verdict::delete("uv python uninstall removes interpreters"),
            _ => Verdict::update("uv python installs or pins interpreters").net(),
        },
        "cache" => match action {
            Some("dir" | "size") => Verdict::read("uv cache dir prints a path"),
            Some("clean" | "prune") => Verdict::delete("uv cache clean deletes the cache"),
            _ => Verdict::update("uv cache changes the cache"),
        },
        "self" => match action {
            Some("version") => Verdict::read("uv self version prints the version"),
            _ => Verdict::update("uv self update replaces uv").net(),
        },
        _ => Verdict::update(format!("uv {name} changes the environment or runs code")),
    }
}

fn pipx(args: &[Word]) -> Verdict {
    let Some((sub, rest)) = split_subcommand(args, &[]) else {
        return Verdict::read("pipx prints help");
    };
    match literal(sub) {
        Some("interpreter") => match split_subcommand(rest, &[]).map(|(w, _)| w.text.as_str()) {
            Some("prune") => Verdict::delete("pipx interpreter prune removes interpreters"),
            _ => Verdict::read("pipx interpreter list only reads"),
        },
        Some(name) => Subcommands {
            tool: "pipx",
            read: &["list", "environment", "help", "completions"],
            create: &[],
            delete: &["uninstall", "uninstall-all", "uninject"],
            net: &[],
            noun: "installed tools",
        }
        .judge_name(name),
        None => Verdict::update("the pipx subcommand is only known when the shell runs"),
    }
}

fn poetry(call: &Call, args: &[Word]) -> Verdict {
    const VALUES: &[&str] = &["-C", "--directory", "-P", "--project"];
    if args.is_empty() || only_flags(args, VERSION) {
        return Verdict::read("poetry prints its version or help");
    }
    let Some((sub, rest)) = split_subcommand(args, VALUES) else {
        return Verdict::update("poetry with unknown options");
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the poetry subcommand is only known when the shell runs");
    };
    let operands = operands_skipping(rest, VALUES);
    let action = operands.first().map(|w| w.text.as_str());
    match name {
        "show" if has_any(rest, &["--outdated", "-o", "--latest", "-l"]) => {
            Verdict::read("poetry show --outdated queries the index").net()
        }
        "search" => Verdict::read("poetry search queries the index").net(),
        "show" | "check" | "about" | "list" | "help" => {
            Verdict::read(format!("poetry {name} only reads"))
        }
        "version" if operands.is_empty() => Verdict::read("poetry version prints the version"),
        "config" if has_any(rest, &["--unset"]) => {
            Verdict::delete("poetry config --unset removes a setting")
        }
        "config" if operands.len() <= 1 => Verdict::read("poetry config only reads settings"),
        "env" | "cache" | "source" | "self" => match action {
            Some("info" | "list" | "show" | "activate") => {
                Verdict::read(format!("poetry {name} only reads"))
            }
            Some(verb @ ("remove" | "clear")) => {
                Verdict::delete(format!("poetry {name} {verb} deletes things"))
            }
            _ => Verdict::update(format!("poetry {name} changes environments or settings")),
        },
        "new" | "init" => Verdict::create(format!("poetry {name} creates a project")),
        "remove" => Verdict::delete("poetry remove removes a dependency and uninstalls it"),
        "run" => runs_command(
            call,
            "poetry run runs a command in the environment".to_string(),
            args_after_options(rest),
        ),
        _ => Verdict::update(format!("poetry {name} changes dependencies or runs code")),
    }
}

fn pdm(call: &Call, args: &[Word]) -> Verdict {
    if args.is_empty() || only_flags(args, VERSION) {
        return Verdict::read("pdm prints its version or help");
    }
    let Some((sub, rest)) = split_subcommand(args, &["-p", "--project"]) else {
        return Verdict::update("pdm with unknown options");
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the pdm subcommand is only known when the shell runs");
    };
    let operands = operands_skipping(rest, &[]);
    let action = operands.first().map(|w| w.text.as_str());
    match name {
        "list" | "show" | "info" | "search" | "outdated" | "help" => {
            Verdict::read(format!("pdm {name} only reads"))
        }
        "config" if operands.len() <= 1 && !has_any(rest, &["--delete", "-d"]) => {
            Verdict::read("pdm config only reads settings")
        }
        "venv" | "cache" => match action {
            Some("list" | "activate" | "info") => Verdict::read(format!("pdm {name} only reads")),
            Some("create") => Verdict::create("pdm venv create creates an environment"),
            Some(verb @ ("remove" | "clear")) => {
                Verdict::delete(format!("pdm {name} {verb} deletes things"))
            }
            _ => Verdict::update(format!("pdm {name} changes environments")),
        },
        "new" | "init" => Verdict::create(format!("pdm {name} creates a project")),
        "remove" => Verdict::delete("pdm remove removes a dependency and uninstalls it"),
        "run" => runs_command(
            call,
            "pdm run runs a command or script".to_string(),
            args_after_options(rest),
        ),
        _ => Verdict::update(format!("pdm {name} changes dependencies or runs code")),
    }
}

fn pipenv(call: &Call, args: &[Word]) -> Verdict {
    if args.is_empty()
        || only_flags(
            args,
            &[
                "--version",
                "--help",
                "-h",
                "--venv",
                "--where",
                "--py",
                "--envs",
            ],
        )
    {
        return Verdict::read("pipenv prints information");
    }
    let Some((sub, rest)) = split_subcommand(args, &[]) else {
        return Verdict::update("pipenv with unknown options");
    };
    match literal(sub) {
        Some("graph" | "requirements" | "scripts") => Verdict::read("pipenv graph only reads"),
        Some("uninstall" | "clean") => Verdict::delete("pipenv uninstall removes packages"),
        Some("run") => runs_command(
            call,
            "pipenv run runs a command".to_string(),
            args_after_options(rest),
        ),
        _ => Verdict::update("pipenv changes the environment or runs code"),
    }
}

fn conda(call: &Call, tool: &str, args: &[Word]) -> Verdict {
    const VALUES: &[&str] = &["-n", "--name", "-p", "--prefix", "-c", "--channel"];
    if args.is_empty() || only_flags(args, VERSION) {
        return Verdict::read(format!("{tool} prints its version or help"));
    }
    let Some((sub, rest)) = split_subcommand(args, VALUES) else {
        return Verdict::update(format!("{tool} with unknown options"));
    };
    let Some(name) = literal(sub) else {
        return Verdict::update(format!("the {tool} subcommand is only known at run time"));
    };
    let action = split_subcommand(rest, VALUES).map(|(w, _)| w.text.as_str());
    match name {
        "search" => Verdict::read(format!("{tool} search queries channels")).net(),
        "list" | "info" | "doctor" | "compare" | "notices" | "help" => {
            Verdict::read(format!("{tool} {name} only reads"))
        }
        "env" => match action {
            Some("list") => Verdict::read(format!("{tool} env list only reads")),
            Some("export") if !has_any(rest, &["-f", "--file"]) => {
                Verdict::read(format!("{tool} env export prints the environment"))
            }
            Some("create") => Verdict::create(format!("{tool} env create creates an environment")),
            Some("remove") => Verdict::delete(format!("{tool} env remove deletes an environment")),
            _ => Verdict::update(format!("{tool} env changes environments")),
        },
        "config" => {
            // argparse accepts abbreviated options, so only known reading options count.
            let reads = has_any(
                rest,
                &[
                    "--show",
                    "--show-sources",
                    "--validate",
                    "--describe",
                    "--get",
                ],
            ) && rest.iter().filter(|w| w.text.starts_with("--")).all(|w| {
                let name = w.text.split('=').next().unwrap_or_default();
                matches!(
                    name,
                    "--show"
                        | "--show-sources"
                        | "--validate"
                        | "--describe"
                        | "--get"
                        | "--json"
                        | "--verbose"
                        | "--quiet"
                        | "--system"
                        | "--env"
                        | "--file"
                )
            });
            if reads {
                Verdict::read(format!("{tool} config only reads settings"))
            } else {
                Verdict::update(format!("{tool} config changes settings"))
            }
        }
        "create" => Verdict::create(format!("{tool} create creates an environment")),
        "remove" | "uninstall" | "clean" => {
            Verdict::delete(format!("{tool} {name} removes packages"))
        }
        "run" => runs_command(
            call,
            format!("{tool} run runs a command in an environment"),
            args_after_options(rest),
        ),
        "activate" | "deactivate" => {
            Verdict::update(format!("{tool} {name} changes the shell environment"))
        }
        _ => Verdict::update(format!("{tool} {name} changes packages or environments")),
    }
}
