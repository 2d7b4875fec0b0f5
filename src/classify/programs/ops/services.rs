//! Service managers and the systemd family: systemctl, service, journalctl, launchctl and the
//! `*ctl` tools for hostname, time, locale, logins, networks and DNS.

use super::{has_option, positionals, Call};
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    let program = call.program;
    let verdict = match program {
        "systemctl" => systemctl(args),
        "service" => service(args),
        "journalctl" => journalctl(args),
        "launchctl" => launchctl(args),
        "hostnamectl" => settings_tool(
            program,
            args,
            &["status", "show"],
            &["hostname", "chassis", "deployment", "location", "icon-name"],
        ),
        "timedatectl" => settings_tool(
            program,
            args,
            &[
                "status",
                "show",
                "list-timezones",
                "timesync-status",
                "show-timesync",
            ],
            &[],
        ),
        "localectl" => settings_tool(
            program,
            args,
            &[
                "status",
                "list-locales",
                "list-keymaps",
                "list-x11-keymap-models",
            ],
            &[],
        ),
        "loginctl" => settings_tool(
            program,
            args,
            &[
                "list-sessions",
                "list-users",
                "list-seats",
                "session-status",
                "show-session",
                "user-status",
                "show-user",
                "seat-status",
                "show-seat",
            ],
            &[],
        ),
        "networkctl" => settings_tool(program, args, &["list", "status", "lldp", "label"], &[]),
        "resolvectl" => resolvectl(args),
        "busctl" => settings_tool(
            program,
            args,
            &[
                "list",
                "status",
                "tree",
                "introspect",
                "monitor",
                "get-property",
                "help",
            ],
            &[],
        ),
        "coredumpctl" => coredumpctl(args),
        "machinectl" => settings_tool(
            program,
            args,
            &[
                "list",
                "status",
                "show",
                "list-images",
                "image-status",
                "show-image",
            ],
            &[],
        ),
        "systemd-analyze" => systemd_analyze(args),
        "chkconfig" if args.is_empty() || has_option(args, &["--list"]) => {
            Verdict::read("chkconfig --list lists services")
        }
        "rc-status" => Verdict::read("rc-status lists services"),
        "rc-service" | "sv" => {
            let words = positionals(args, &[]);
            let status = words.iter().any(|w| w.is("status"))
                || has_option(args, &["-l", "--list", "-e", "--exists"]);
            if status {
                Verdict::read(format!("{program} status reports a service"))
            } else {
                Verdict::update(format!("{program} changes a service"))
            }
        }
        "chkconfig" | "update-rc.d" | "rc-update" => {
            Verdict::update(format!("{program} changes which services start"))
        }
        _ => return None,
    };
    Some(verdict)
}

/// systemctl options that take a value.
#[rustfmt::skip]
const SYSTEMCTL_VALUED: &[&str] = &[
    "-t", "--type", "--state", "-p", "--property", "-H", "--host", "-M", "--machine", "-n",
    "--lines", "-o", "--output", "--root", "-s", "--signal", "--kill-whom", "--kill-value",
    "--job-mode", "--what", "--timestamp", "--boot-loader-entry", "--reboot-argument", "--message",
    "--when", "--image", "--drop-in", "--preset-mode", "--check-inhibitors",
];

fn systemctl(args: &[Word]) -> Verdict {
    let words = positionals(args, SYSTEMCTL_VALUED);
    let remote = has_option(args, &["-H", "--host"]);
    let Some(verb) = words.first().map(|w| w.text.as_str()) else {
        return net_if(remote, Verdict::read("systemctl lists units"));
    };
    let units = words
        .iter()
        .skip(1)
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let verdict = match verb {
        "status" | "show" | "cat" | "is-active" | "is-enabled" | "is-failed"
        | "is-system-running" | "list-units" | "list-unit-files" | "list-timers"
        | "list-dependencies" | "list-sockets" | "list-jobs" | "list-machines" | "list-paths"
        | "list-automounts" | "get-default" | "show-environment" | "help" | "whoami" => {
            Verdict::read(format!("systemctl {verb} only reads"))
        }
        "clean" => Verdict::delete(format!("systemctl clean removes the state of {units}")),
        _ => Verdict::update(format!("systemctl {verb} changes {}", or_all(&units))),
    };
    net_if(remote, verdict)
}

fn or_all(units: &str) -> &str {
    if units.is_empty() {
        "the system"
    } else {
        units
    }
}

fn net_if(remote: bool, verdict: Verdict) -> Verdict {
    if remote {
        verdict.net()
    } else {
        verdict
    }
}

fn service(args: &[Word]) -> Verdict {
    if has_option(args, &["--status-all", "--version", "--help", "-h"]) {
        return Verdict::read("service lists services");
    }
    let words = positionals(args, &[]);
    match words.as_slice() {
        [name, action, ..] if action.is("status") => {
            Verdict::read(format!("service {} status reports the service", name.text))
        }
        [name, action, ..] => Verdict::update(format!(
            "service {} {} changes the service",
            name.text, action.text
        )),
        _ => Verdict::update("service runs an init script"),
    }
}

fn journalctl(args: &[Word]) -> Verdict {
    if args.iter().any(|a| a.starts_with("--vacuum-")) {
        return Verdict::delete("journalctl --vacuum removes journal files");
    }
    #[rustfmt::skip]
    const CHANGES: &[&str] = &[
        "--rotate", "--flush", "--sync", "--relinquish-var", "--smart-relinquish-var",
        "--setup-keys", "--update-catalog", "--cursor-file",
    ];
    if let Some(option) = args
        .iter()
        .find(|a| a.is_option() && super::names_option(a, CHANGES))
    {
        return Verdict::update(format!("journalctl {} changes journal files", option.text));
    }
    Verdict::read("journalctl reads the journal")
}

fn launchctl(args: &[Word]) -> Verdict {
    let verb = positionals(args, &[]).first().map(|w| w.text.clone());
    match verb.as_deref() {
        None
        | Some(
            "list" | "print" | "print-disabled" | "print-cache" | "blame" | "dumpstate" | "version"
            | "help" | "managerpid" | "manageruid" | "managername" | "getenv" | "error"
            | "procinfo" | "hostinfo" | "dumpjpcategory" | "resolveport" | "examine",
        ) => Verdict::read("launchctl only reads"),
        Some("remove") => Verdict::delete("launchctl remove unloads and removes a job"),
        Some(verb) => Verdict::update(format!("launchctl {verb} changes services")),
    }
}

/// A `*ctl` tool whose reading verbs are listed; `query_verbs` read without a value and set one
/// with it (`hostnamectl hostname` prints, `hostnamectl hostname NAME` sets).
fn settings_tool(
    program: &str,
    args: &[Word],
    read_verbs: &[&str],
    query_verbs: &[&str],
) -> Verdict {
    let words = positionals(
        args,
        &["-H", "--host", "-M", "--machine", "-p", "--property"],
    );
    let remote = has_option(args, &["-H", "--host"]);
    let verdict = match words.first().map(|w| w.text.as_str()) {
        None => Verdict::read(format!("{program} shows the status")),
        Some(verb) if read_verbs.contains(&verb) || verb.starts_with("list-") => {
            Verdict::read(format!("{program} {verb} only reads"))
        }
        Some(verb) if query_verbs.contains(&verb) && words.len() == 1 => {
            Verdict::read(format!("{program} {verb} prints the value"))
        }
        Some(verb) => Verdict::update(format!("{program} {verb} changes system settings")),
    };
    net_if(remote, verdict)
}

fn resolvectl(args: &[Word]) -> Verdict {
    let words = positionals(
        args,
        &[
            "-i",
            "--interface",
            "-p",
            "--protocol",
            "-t",
            "--type",
            "-c",
            "--class",
        ],
    );
    match words.first().map(|w| w.text.as_str()) {
        None | Some("status" | "statistics" | "show-cache" | "show-server-state" | "monitor") => {
            Verdict::read("resolvectl shows resolver state")
        }
        Some("query" | "service" | "openpgp" | "tlsa") => {
            if super::any_dynamic(args).is_some() {
                Verdict::update("resolvectl queries a name only known when the shell runs").net()
            } else {
                Verdict::read("resolvectl looks names up").net()
            }
        }
        Some(
            "dns" | "domain" | "default-route" | "llmnr" | "mdns" | "dnssec" | "dnsovertls" | "nta"
            | "log-level",
        ) if words.len() <= 2 => Verdict::read("resolvectl prints a link setting"),
        Some(verb) => Verdict::update(format!("resolvectl {verb} changes resolver settings")),
    }
}

fn coredumpctl(args: &[Word]) -> Verdict {
    let words = positionals(
        args,
        &[
            "-o",
            "--output",
            "-F",
            "--field",
            "-S",
            "--since",
            "-U",
            "--until",
            "-D",
            "--directory",
            "--file",
            "--debugger",
        ],
    );
    match words.first().map(|w| w.text.as_str()) {
        None | Some("list" | "info") => Verdict::read("coredumpctl lists core dumps"),
        Some("dump") if !has_option(args, &["-o", "--output"]) => {
            Verdict::read("coredumpctl dump prints a core dump")
        }
        Some("dump") => Verdict::create("coredumpctl dump -o writes a file"),
        Some(verb) => Verdict::update(format!("coredumpctl {verb} runs a debugger")),
    }
}

fn systemd_analyze(args: &[Word]) -> Verdict {
    let words = positionals(
        args,
        &[
            "--root",
            "--image",
            "--man",
            "--generators",
            "--order",
            "--require",
            "--from-pattern",
            "--to-pattern",
            "--fuzz",
            "--iterations",
            "--base-time",
            "--unit",
            "--profile",
            "--table",
            "--threshold",
            "--security-policy",
            "--json",
            "-H",
            "--host",
            "-M",
            "--machine",
        ],
    );
    #[rustfmt::skip]
    const READS: &[&str] = &[
        "time", "blame", "critical-chain", "plot", "dot", "dump", "cat-config", "unit-files",
        "unit-paths", "security", "calendar", "timestamp", "timespan", "syscall-filter",
        "filesystems", "capability", "condition", "verify", "exit-status", "inspect-elf",
        "fdstore", "image-policy", "has-tpm2", "pcrs", "srk", "architectures", "smbios11",
        "malloc",
    ];
    const QUERIES: &[&str] = &["log-level", "log-target", "service-watchdogs"];
    match words.first().map(|w| w.text.as_str()) {
        None => Verdict::read("systemd-analyze prints boot time"),
        Some(verb) if READS.contains(&verb) => {
            Verdict::read(format!("systemd-analyze {verb} only reads"))
        }
        Some(verb) if QUERIES.contains(&verb) && words.len() == 1 => {
            Verdict::read(format!("systemd-analyze {verb} prints a setting"))
        }
        Some(verb) => Verdict::update(format!("systemd-analyze {verb} changes a setting")),
    }
}
