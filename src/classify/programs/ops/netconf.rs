//! Network configuration of the host: interfaces, routes, firewalls, sockets.

use super::{has_option, positionals, Call};
use crate::classify::verdict::Verdict;
use crate::classify::words::{has_flag, Word};

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    let program = call.program;
    let verdict = match program {
        "ifconfig" => ifconfig(args),
        "ip" => ip(call),
        "route" => route(args),
        "iptables" | "ip6tables" | "iptables-legacy" | "iptables-nft" | "ebtables"
        | "arptables" => iptables(program, args),
        "iptables-save" | "ip6tables-save" | "nft-save" => {
            if has_option(args, &["-f", "--file"]) {
                Verdict::create(format!("{program} -f writes the rules to a file"))
            } else {
                Verdict::read(format!("{program} prints the rules"))
            }
        }
        "iptables-restore" | "ip6tables-restore" => {
            if has_flag(args, 't', "--test") {
                Verdict::read(format!("{program} --test only checks"))
            } else {
                Verdict::update(format!("{program} replaces firewall rules"))
            }
        }
        "nft" => nft(args),
        "ufw" => ufw(args),
        "firewall-cmd" => {
            let reading = args.iter().all(|a| {
                let t = a.text.as_str();
                t.starts_with("--list")
                    || t.starts_with("--get")
                    || t.starts_with("--query")
                    || t.starts_with("--info")
                    || t.starts_with("--zone")
                    || t == "--state"
                    || t == "--permanent"
                    || t == "--version"
                    || t == "-h"
                    || t == "--help"
            });
            if reading {
                Verdict::read("firewall-cmd only reports")
            } else {
                Verdict::update("firewall-cmd changes the firewall")
            }
        }
        "ss" if has_flag(args, 'K', "--kill") => Verdict::update("ss --kill closes sockets"),
        "ss" | "netstat" | "nstat" | "lnstat" | "arp-scan" | "iwlist" | "iw"
            if !changes_iw(program, args) =>
        {
            Verdict::read(format!("{program} lists sockets or interfaces"))
        }
        "iw" => Verdict::update("iw changes wireless settings"),
        "arp" => {
            if has_flag(args, 'd', "--delete") {
                Verdict::delete("arp -d removes an entry")
            } else if has_flag(args, 's', "--set") || has_flag(args, 'f', "--file") {
                Verdict::update("arp -s sets an entry")
            } else {
                Verdict::read("arp lists the neighbour cache")
            }
        }
        "ethtool" => {
            let reading = args.iter().all(|a| {
                !a.is_option()
                    || matches!(
                        a.text.as_str(),
                        "-i" | "--driver"
                            | "-S"
                            | "--statistics"
                            | "-k"
                            | "--show-features"
                            | "-a"
                            | "--show-pause"
                            | "-g"
                            | "--show-ring"
                            | "-c"
                            | "--show-coalesce"
                            | "-l"
                            | "--show-channels"
                            | "-T"
                            | "--show-time-stamping"
                            | "-P"
                            | "--show-permaddr"
                            | "-m"
                            | "--dump-module-eeprom"
                            | "--module-info"
                            | "-d"
                            | "--register-dump"
                            | "--show-eee"
                            | "--show-fec"
                            | "-h"
                            | "--help"
                            | "--version"
                    )
            });
            if reading && positionals(args, &[]).len() <= 1 {
                Verdict::read("ethtool shows interface settings")
            } else {
                Verdict::update("ethtool changes interface settings")
            }
        }
        "iwconfig" if positionals(args, &[]).len() <= 1 => {
            Verdict::read("iwconfig shows wireless settings")
        }
        "iwconfig" => Verdict::update("iwconfig changes wireless settings"),
        "nmcli" => nmcli(args),
        "networksetup" => {
            let reading = args.first().is_some_and(|a| {
                a.text.starts_with("-list")
                    || a.text.starts_with("-get")
                    || a.text.starts_with("-show")
                    || a.is("-help")
                    || a.is("-version")
                    || a.is("-printcommands")
            });
            if reading {
                Verdict::read("networksetup only reports")
            } else {
                Verdict::update("networksetup changes network settings")
            }
        }
        "tc" | "bridge" => {
            let words = positionals(args, &[]);
            let verb = words.get(1).map_or("show", |w| w.text.as_str());
            if matches!(verb, "show" | "list" | "ls" | "monitor") {
                Verdict::read(format!("{program} shows settings"))
            } else {
                Verdict::update(format!("{program} changes traffic settings"))
            }
        }
        "brctl" => {
            let verb = positionals(args, &[]).first().map(|w| w.text.clone());
            if verb.as_deref().is_none_or(|v| v.starts_with("show")) {
                Verdict::read("brctl shows bridges")
            } else {
                Verdict::update("brctl changes bridges")
            }
        }
        _ => return None,
    };
    Some(verdict)
}

fn changes_iw(program: &str, args: &[Word]) -> bool {
    program == "iw"
        && args.iter().any(|a| {
            matches!(
                a.text.as_str(),
                "set"
                    | "add"
                    | "del"
                    | "connect"
                    | "disconnect"
                    | "scan"
                    | "ibss"
                    | "mesh"
                    | "offchannel"
            )
        })
}

fn ifconfig(args: &[Word]) -> Verdict {
    let words = positionals(args, &[]);
    let reading_flags = args.iter().all(|a| {
        !a.is_option()
            || matches!(
                a.text.as_str(),
                "-a" | "-l" | "-s" | "-v" | "-u" | "-d" | "-L" | "-m"
            )
    });
    if reading_flags && words.len() <= 1 {
        Verdict::read("ifconfig shows interfaces")
    } else {
        Verdict::update(format!("ifconfig changes {}", super::join_texts(&words)))
    }
}

/// `ip [OPTIONS] OBJECT [COMMAND …]`.
fn ip(call: &Call) -> Verdict {
    let args = call.args;
    if has_option(args, &["-b", "-batch", "--batch"]) {
        return Verdict::update("ip -batch runs commands from a file");
    }
    let words = positionals(
        args,
        &[
            "-n", "-netns", "-f", "-family", "-rc", "-rcvbuf", "-l", "-loops",
        ],
    );
    let Some(object) = words.first().map(|w| w.text.as_str()) else {
        return Verdict::read("ip prints its help");
    };
    let mut rest = &words[1..];
    if object == "xfrm" && !rest.is_empty() {
        rest = &rest[1..];
    }
    if object == "netns" {
        match rest.first().map(|w| w.text.as_str()) {
            None | Some("list" | "show" | "identify" | "pids" | "list-id" | "monitor") => {
                return Verdict::read("ip netns lists namespaces");
            }
            Some("exec") => {
                let at = args
                    .iter()
                    .position(|a| a.is("exec"))
                    .map_or(args.len(), |i| i + 2);
                let floor = Verdict::update("ip netns exec runs a command in a namespace");
                return match args.get(at..) {
                    Some(command) if !command.is_empty() => call.run(command).max(floor),
                    _ => floor,
                };
            }
            Some("add" | "attach") => return Verdict::update("ip netns add creates a namespace"),
            Some(_) => return Verdict::delete("ip netns removes namespaces"),
        }
    }
    let command = rest.first().map_or("show", |w| w.text.as_str());
    if object.starts_with("mo") || object == "help" {
        return Verdict::read(format!("ip {object} only reads"));
    }
    match command {
        "show" | "sh" | "s" | "list" | "lst" | "ls" | "l" | "get" | "help" | "showdump"
        | "count" | "save" => Verdict::read(format!("ip {object} {command} only reads")),
        "del" | "delete" | "flush" | "d" => {
            Verdict::delete(format!("ip {object} {command} removes entries"))
        }
        _ => Verdict::update(format!("ip {object} {command} changes network settings")),
    }
}

fn route(args: &[Word]) -> Verdict {
    let words = positionals(args, &["-A", "--family"]);
    match words.first().map(|w| w.text.as_str()) {
        None | Some("get" | "monitor" | "print" | "show") => {
            Verdict::read("route shows the routing table")
        }
        Some(verb @ ("del" | "delete" | "flush")) => {
            Verdict::delete(format!("route {verb} removes routes"))
        }
        Some(verb) => Verdict::update(format!("route {verb} changes routes")),
    }
}

fn iptables(program: &str, args: &[Word]) -> Verdict {
    const WRITE_SHORT: &[char] = &['A', 'I', 'D', 'R', 'F', 'X', 'Z', 'N', 'E', 'P'];
    #[rustfmt::skip]
    const WRITE_LONG: &[&str] = &[
        "--append", "--insert", "--delete", "--replace", "--flush", "--delete-chain", "--zero",
        "--new-chain", "--rename-chain", "--policy", "--new",
    ];
    let writes = WRITE_SHORT.iter().any(|c| has_flag(args, *c, "")) || has_option(args, WRITE_LONG);
    let reads = has_flag(args, 'L', "--list")
        || has_flag(args, 'S', "--list-rules")
        || has_flag(args, 'C', "--check")
        || has_option(args, &["--version", "-V", "-h", "--help"]);
    if reads && !writes {
        Verdict::read(format!("{program} lists rules"))
    } else {
        Verdict::update(format!("{program} changes firewall rules"))
    }
}

fn nft(args: &[Word]) -> Verdict {
    if has_flag(args, 'c', "--check") && !has_flag(args, 'i', "--interactive") {
        return Verdict::read("nft --check only validates");
    }
    if has_flag(args, 'f', "--file") || has_flag(args, 'i', "--interactive") {
        return Verdict::update("nft runs a rules file or an interactive session");
    }
    let words = positionals(args, &["-I", "--includepath", "-T", "--optimize"]);
    match words.first().map(|w| w.text.as_str()) {
        None | Some("list" | "describe" | "monitor" | "-v" | "--version") => {
            Verdict::read("nft lists rules")
        }
        Some(verb @ ("delete" | "destroy" | "flush")) => {
            Verdict::delete(format!("nft {verb} removes rules"))
        }
        Some(verb) => Verdict::update(format!("nft {verb} changes rules")),
    }
}

fn ufw(args: &[Word]) -> Verdict {
    if has_option(args, &["--dry-run"]) {
        return Verdict::read("ufw --dry-run changes nothing");
    }
    let words = positionals(args, &[]);
    let verb = words.first().map_or("", |w| w.text.as_str());
    let second = words.get(1).map_or("", |w| w.text.as_str());
    match (verb, second) {
        ("status" | "show" | "version" | "help" | "", _) | ("app", "list" | "info") => {
            Verdict::read(format!("ufw {verb} only reports"))
        }
        ("delete", _) => Verdict::delete("ufw delete removes a rule"),
        _ => Verdict::update(format!("ufw {verb} changes the firewall")),
    }
}

fn nmcli(args: &[Word]) -> Verdict {
    let words = positionals(
        args,
        &[
            "-f",
            "--fields",
            "-g",
            "--get-values",
            "-m",
            "--mode",
            "-c",
            "--colors",
            "-e",
            "--escape",
            "-w",
            "--wait",
        ],
    );
    let object = words.first().map_or("", |w| w.text.as_str());
    let command = words.get(1).map_or("", |w| w.text.as_str());
    let reading = match object {
        "" => true,
        o if "general".starts_with(o) => {
            matches!(
                command,
                "" | "status" | "hostname" | "permissions" | "logging"
            ) && words.len() <= 2
        }
        o if "networking".starts_with(o) => matches!(command, "" | "connectivity"),
        o if "radio".starts_with(o) => words.len() <= 2,
        o if "connection".starts_with(o) || o == "con" || o == "c" => {
            matches!(command, "" | "show" | "s")
        }
        o if "device".starts_with(o) || o == "dev" => {
            matches!(command, "" | "status" | "show" | "s" | "lldp")
                || command == "wifi" && words.get(2).is_none_or(|w| w.is("list"))
        }
        o if "monitor".starts_with(o) => true,
        _ => false,
    };
    if reading {
        Verdict::read("nmcli only reports")
    } else {
        Verdict::update(format!("nmcli {object} {command} changes network settings"))
    }
}
