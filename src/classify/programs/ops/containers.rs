//! Container engines: docker, podman, nerdctl and their compose, buildx and management groups.

use super::{has_option, option_values, positionals, skip_options, Call};
use crate::classify::verdict::{Label, Verdict};
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    match call.program {
        "docker" | "podman" | "nerdctl" | "finch" => Some(engine(call)),
        "docker-compose" | "podman-compose" => Some(compose(call, call.program, call.args)),
        _ => None,
    }
}

/// Global options of the engines that take a value.
#[rustfmt::skip]
const GLOBAL_VALUED: &[&str] = &[
    "-H", "--host", "-c", "--context", "--config", "-l", "--log-level", "--tlscacert", "--tlscert",
    "--tlskey", "--connection", "--url", "--identity", "--root", "--runroot", "--storage-driver",
    "--storage-opt", "--cgroup-manager", "--events-backend", "--network-cmd-path", "--runtime",
    "--tmpdir", "--hooks-dir", "--module", "--conmon", "-n", "--namespace", "-a", "--address",
    "--cni-path", "--snapshotter", "--data-root",
];

fn engine(call: &Call) -> Verdict {
    let program = call.program;
    let args = call.args;
    if args
        .first()
        .is_some_and(|a| a.is("--version") || a.is("-v") || a.is("--help") || a.is("-h"))
    {
        return Verdict::read(format!("{program} prints its version or help"));
    }
    let remote = has_option(args, &["-H", "--host", "--url", "--connection", "--remote"])
        || option_values(args, &["--context", "-c"])
            .first()
            .is_some_and(|c| !c.is("default"));
    let rest = skip_options(args, GLOBAL_VALUED);
    let Some((command, command_args)) = rest.split_first() else {
        return Verdict::read(format!("{program} prints its help"));
    };
    let verdict = command_verdict(call, program, &command.text, command_args);
    if remote {
        verdict.net()
    } else {
        verdict
    }
}

fn command_verdict(call: &Call, program: &str, command: &str, args: &[Word]) -> Verdict {
    let group_verb = || {
        positionals(args, &[])
            .first()
            .map(|w| w.text.clone())
            .unwrap_or_default()
    };
    match command {
        "container" => {
            let (verb, rest) = split_verb(args);
            let canonical = match verb {
                "ls" | "list" => "ps",
                "remove" => "rm",
                "prune" => "container-prune",
                other => other,
            };
            command_verdict(call, program, canonical, rest)
        }
        "image" => {
            let (verb, rest) = split_verb(args);
            let canonical = match verb {
                "ls" | "list" => "images",
                "rm" | "remove" => "rmi",
                "prune" => "image-prune",
                other => other,
            };
            command_verdict(call, program, canonical, rest)
        }
        "compose" => compose(call, &format!("{program} compose"), args),
        "buildx" | "builder" => builder(program, command, &group_verb(), args),
        "system" => match group_verb().as_str() {
            "df" | "info" | "events" => Verdict::read(format!("{program} system prints usage")),
            "prune" | "reset" => {
                Verdict::delete(format!("{program} system prune removes unused data"))
            }
            verb => Verdict::update(format!("{program} system {verb} changes the engine")),
        },
        "manifest" => match group_verb().as_str() {
            "inspect" => {
                Verdict::read(format!("{program} manifest inspect reads a registry")).net()
            }
            "create" => Verdict::create(format!("{program} manifest create makes a manifest list")),
            "rm" => Verdict::delete(format!("{program} manifest rm removes a manifest list")),
            verb => Verdict::update(format!("{program} manifest {verb} changes a manifest")).net(),
        },
        "volume" | "network" | "context" | "plugin" | "secret" | "config" | "node" | "service"
        | "stack" | "swarm" | "trust" | "pod" | "machine" | "checkpoint" | "artifact" => {
            group(program, command, &group_verb(), args)
        }
        "run" => run(call, program, args),
        "exec" => exec(call, program, args),
        "save" | "export" => {
            let outputs = option_values(args, &["-o", "--output"]);
            match outputs.first() {
                Some(file) if !file.is("-") => Verdict::create(format!(
                    "{program} {command} writes an archive to {}",
                    file.text
                )),
                _ => Verdict::read(format!("{program} {command} prints an archive")),
            }
        }
        "ps" | "images" | "inspect" | "logs" | "top" | "stats" | "port" | "diff" | "version"
        | "info" | "history" | "events" | "wait" | "help" => {
            Verdict::read(format!("{program} {command} only reads"))
        }
        "search" => Verdict::read(format!("{program} search queries a registry")).net(),
        "pull" => Verdict::create(format!("{program} pull downloads an image")).net(),
        "create" | "tag" | "commit" => {
            let what = positionals(args, RUN_VALUED)
                .first()
                .map(|w| format!(" {}", w.text))
                .unwrap_or_default();
            Verdict::create(format!("{program} {command} makes a new object{what}"))
        }
        "rm" | "rmi" => {
            let targets = positionals(args, &[]);
            Verdict::delete(format!(
                "{program} {command} removes {}",
                super::join_texts(&targets)
            ))
        }
        "prune" | "container-prune" | "image-prune" => {
            Verdict::delete(format!("{program} prune removes unused objects"))
        }
        "push" | "login" | "logout" => {
            Verdict::update(format!("{program} {command} talks to a registry")).net()
        }
        _ => Verdict::update(format!("{program} {command} changes containers or images")),
    }
}

/// The verb of a management group and the words after it.
fn split_verb(args: &[Word]) -> (&str, &[Word]) {
    let rest = skip_options(args, &[]);
    match rest.split_first() {
        Some((verb, after)) => (verb.text.as_str(), after),
        None => ("ls", rest),
    }
}

fn group(program: &str, group: &str, verb: &str, args: &[Word]) -> Verdict {
    let name = format!("{program} {group} {verb}");
    if group == "swarm" {
        return Verdict::update(format!("{name} changes the swarm"));
    }
    match verb {
        "" | "ls" | "list" | "inspect" | "ps" | "logs" | "show" | "exists" | "top" | "stats"
        | "services" | "unlock-key" | "info" => {
            if verb == "unlock-key" && has_option(args, &["--rotate"]) {
                Verdict::update(format!("{name} changes the swarm"))
            } else {
                Verdict::read(format!("{name} only reads"))
            }
        }
        "create" | "add" | "init" => Verdict::create(format!("{name} makes a new {group}")),
        "export" if group == "context" => Verdict::create(format!("{name} writes a file")),
        "rm" | "remove" | "prune" | "delete" | "reset" => {
            Verdict::delete(format!("{name} removes {group} objects"))
        }
        "install" => Verdict::update(format!("{name} installs a plugin")).net(),
        _ => Verdict::update(format!("{name} changes {group} state")),
    }
}

fn builder(program: &str, group: &str, verb: &str, args: &[Word]) -> Verdict {
    let name = format!("{program} {group} {verb}");
    let second = positionals(args, &[])
        .get(1)
        .map(|w| w.text.clone())
        .unwrap_or_default();
    match verb {
        "" | "ls" | "inspect" | "du" | "version" | "history" => {
            Verdict::read(format!("{name} only reads"))
        }
        "imagetools" if second == "inspect" => {
            Verdict::read(format!("{name} inspect reads a registry")).net()
        }
        "create" => Verdict::create(format!("{name} makes a builder")),
        "rm" | "prune" => Verdict::delete(format!("{name} removes builders or cache")),
        _ => Verdict::update(format!("{name} builds or changes builders")),
    }
}

/// Options of `run`/`create` that take a value (the image is the first word after them).
#[rustfmt::skip]
const RUN_VALUED: &[&str] = &[
    "-a", "--attach", "-c", "--cpu-shares", "-e", "--env", "--env-file", "-h", "--hostname", "-l",
    "--label", "--label-file", "-m", "--memory", "-p", "--publish", "-u", "--user", "-v",
    "--volume", "-w", "--workdir", "--name", "--entrypoint", "--network", "--net", "--mount",
    "--platform", "--restart", "--cpus", "--add-host", "--device", "--dns", "--dns-option",
    "--dns-search", "--cap-add", "--cap-drop", "--security-opt", "--ulimit", "--log-driver",
    "--log-opt", "--pull", "--gpus", "--shm-size", "--tmpfs", "--expose", "--link",
    "--volumes-from", "--cidfile", "--ipc", "--pid", "--uts", "--userns", "--runtime",
    "--stop-signal", "--stop-timeout", "--health-cmd", "--health-interval", "--health-retries",
    "--health-timeout", "--health-start-period", "--cgroupns", "--cgroup-parent", "--cpuset-cpus",
    "--cpuset-mems", "--memory-swap", "--memory-reservation", "--group-add", "--sysctl",
    "--isolation", "--ip", "--ip6", "--mac-address", "--network-alias", "--storage-opt",
    "--blkio-weight", "--device-read-bps", "--device-write-bps", "--detach-keys",
    "--oom-score-adj", "--pids-limit", "--annotation", "--domainname", "--cpu-period",
    "--cpu-quota", "--cpu-rt-period", "--cpu-rt-runtime", "--kernel-memory", "--memory-swappiness",
    "--init-path", "--pod", "--arch", "--os", "--variant", "--secret", "--systemd", "--timeout",
    "--tz", "--umask", "--uidmap", "--gidmap", "--subuidname", "--subgidname", "--hooks-dir",
    "--requires", "--cgroups", "--image-volume", "--log-level", "--pidfile", "--preserve-fds",
    "--rootfs", "--sdnotify", "--seccomp-policy", "--personality", "--chrootdirs",
    "--decryption-key", "--env-merge", "--hostuser",
];

/// `run`: makes a container, and runs a command in it that is judged too (mounts reach the host).
fn run(call: &Call, program: &str, args: &[Word]) -> Verdict {
    let rest = skip_short_clusters(args, RUN_VALUED);
    let Some((image, command)) = rest.split_first() else {
        return Verdict::update(format!("{program} run without an image"));
    };
    let created = Verdict::create(format!(
        "{program} run starts a container from {}",
        image.text
    ));
    let mut argv: Vec<Word> = option_values(args, &["--entrypoint"])
        .into_iter()
        .filter(|w| !w.text.is_empty())
        .collect();
    argv.extend(command.iter().cloned());
    if image.dynamic {
        return Verdict::update(format!(
            "{program} run uses an image only known when the shell runs"
        ));
    }
    if argv.is_empty() {
        return created;
    }
    created.max(call.run(&argv))
}

/// `exec`: changes a running container; the command it runs is judged too.
fn exec(call: &Call, program: &str, args: &[Word]) -> Verdict {
    #[rustfmt::skip]
    const EXEC_VALUED: &[&str] = &[
        "-e", "--env", "--env-file", "-u", "--user", "-w", "--workdir", "--detach-keys",
        "--preserve-fds",
    ];
    let rest = skip_short_clusters(args, EXEC_VALUED);
    let Some((container, command)) = rest.split_first() else {
        return Verdict::update(format!("{program} exec without a container"));
    };
    let floor = Verdict::update(format!(
        "{program} exec runs a command in {}",
        container.text
    ));
    if command.is_empty() {
        return floor;
    }
    call.run(command).max(floor)
}

/// Like `skip_options`, but a short cluster ending in a valued letter (`-it`, `-ite VAR`) takes
/// the next word too.
fn skip_short_clusters<'w>(args: &'w [Word], valued: &[&str]) -> &'w [Word] {
    let mut rest = args;
    while let Some(first) = rest.first() {
        if first.is("--") {
            return &rest[1..];
        }
        if !first.is_option() {
            break;
        }
        let text = first.text.as_str();
        let takes_value = if valued.contains(&text) {
            true
        } else if !text.starts_with("--") && text.len() > 2 {
            let last = &text[text.len() - 1..];
            text[1..].chars().all(|c| c.is_ascii_alphabetic())
                && valued.contains(&format!("-{last}").as_str())
        } else {
            false
        };
        rest = &rest[if takes_value { 2.min(rest.len()) } else { 1 }..];
    }
    rest
}

/// Options of `compose` (before its subcommand) that take a value.
#[rustfmt::skip]
const COMPOSE_VALUED: &[&str] = &[
    "-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory",
    "--ansi", "--progress", "--parallel",
];

fn compose(call: &Call, program: &str, args: &[Word]) -> Verdict {
    let rest = skip_options(args, COMPOSE_VALUED);
    let Some((command, sub_args)) = rest.split_first() else {
        if has_option(args, &["--version", "-v"]) {
            return Verdict::read(format!("{program} prints its version"));
        }
        return Verdict::read(format!("{program} prints its help"));
    };
    let name = format!("{program} {}", command.text);
    let label = match command.text.as_str() {
        "ps" | "logs" | "ls" | "images" | "top" | "version" | "port" | "events" | "help"
        | "stats" => Label::Read,
        "config" | "convert" => {
            if option_values(sub_args, &["-o", "--output"]).is_empty() {
                Label::Read
            } else {
                Label::Create
            }
        }
        "create" => Label::Create,
        "pull" => return Verdict::create(format!("{name} downloads images")).net(),
        "push" => return Verdict::update(format!("{name} uploads images")).net(),
        "down" | "rm" => Label::Delete,
        "exec" | "run" => return compose_command(call, &name, sub_args),
        _ => Label::Update,
    };
    let what = match label {
        Label::Read => "only reads",
        Label::Create => "makes containers or files",
        Label::Update => "changes services",
        Label::Delete => "removes containers",
    };
    Verdict::new(label, format!("{name} {what}"))
}

/// `compose exec SERVICE CMD` / `compose run SERVICE CMD`: the command is judged too.
fn compose_command(call: &Call, name: &str, args: &[Word]) -> Verdict {
    #[rustfmt::skip]
    const VALUED: &[&str] = &[
        "-e", "--env", "-u", "--user", "-w", "--workdir", "--index", "--name", "--entrypoint",
        "-p", "--publish", "-v", "--volume", "-l", "--label", "--pull", "--cap-add", "--cap-drop",
    ];
    let rest = skip_short_clusters(args, VALUED);
    let floor = Verdict::update(format!("{name} runs a command in a service"));
    match rest.split_first() {
        Some((_, command)) if !command.is_empty() => call.run(command).max(floor),
        _ => floor,
    }
}
