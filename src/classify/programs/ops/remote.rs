//! Remote shells and copies (ssh, scp, sftp, rsync), raw sockets (nc, socat, telnet) and
//! network diagnostics (ping, traceroute, dig, …). A remote command is judged like a local one.

use super::{any_dynamic, Call};
use crate::classify::programs::Stdin;
use crate::classify::verdict::Verdict;
use crate::classify::words::{has_flag, Word};

pub fn judge(call: &Call) -> Option<Verdict> {
    let program = call.program;
    let args = call.args;
    let verdict = match program {
        "ssh" | "autossh" => ssh(call),
        "scp" => scp(args),
        "sftp" => Verdict::update("sftp transfers files (interactive or batch)").net(),
        "rsync" => rsync(args),
        "nc" | "ncat" | "netcat" | "nc.openbsd" | "nc.traditional" => {
            let runs = has_flag(args, 'e', "--exec")
                || has_flag(args, 'c', "--sh-exec")
                || args.iter().any(|a| a.is("--lua-exec"));
            if has_flag(args, 'z', "") && !runs && !has_flag(args, 'l', "--listen") {
                match any_dynamic(args) {
                    Some(word) => Verdict::update(format!(
                        "{program} connects to {}, only known when the shell runs",
                        word.text
                    ))
                    .net(),
                    None => Verdict::read(format!("{program} -z only checks a port")).net(),
                }
            } else {
                Verdict::update(format!("{program} sends data over a socket")).net()
            }
        }
        "socat" | "telnet" | "websocat" | "wscat" => {
            Verdict::update(format!("{program} sends data over a socket")).net()
        }
        "ping" | "ping6" | "traceroute" | "traceroute6" | "tracepath" | "tracepath6" | "mtr"
        | "dig" | "nslookup" | "host" | "whois" | "drill" | "arping" | "fping"
        | "tcptraceroute" | "kdig" | "delv" | "doggo" | "tcping" => lookup(call),
        _ => return None,
    };
    Some(verdict)
}

/// Diagnostics that only send probes and print; a name built at run time can leak data in
/// the query itself.
fn lookup(call: &Call) -> Verdict {
    let program = call.program;
    let args = call.args;
    if let Some(word) = any_dynamic(args) {
        return Verdict::update(format!(
            "{program} queries {}, only known when the shell runs (the query can carry data out)",
            word.text
        ))
        .net();
    }
    if program == "dig" && args.iter().any(|a| a.is("-f")) {
        return Verdict::update("dig -f sends every name read from a file").net();
    }
    let operands = args.iter().filter(|a| !a.is_option()).count();
    if program == "nslookup" && operands == 0 && !matches!(call.stdin, Stdin::Inherited) {
        return Verdict::update("nslookup queries names read from its input").net();
    }
    let target = args
        .iter()
        .rev()
        .find(|a| !a.is_option())
        .map_or("", |a| a.text.as_str());
    Verdict::read(format!("{program} only probes {target}")).net()
}

/// ssh options that take a value, and flags without one.
const SSH_VALUED: &str = "BbcDEeFIiJLlmOoPpQRSWw";
const SSH_FLAGS: &str = "46AaCfGgKkMNnqsTtVvXxYy";

/// `-o` settings that change nothing but how the connection is made.
#[rustfmt::skip]
const SAFE_SSH_OPTIONS: &[&str] = &[
    "connecttimeout", "batchmode", "stricthostkeychecking", "userknownhostsfile", "port", "user",
    "identityfile", "identitiesonly", "loglevel", "serveraliveinterval", "serveralivecountmax",
    "connectionattempts", "compression", "addressfamily", "preferredauthentications",
    "passwordauthentication", "pubkeyauthentication", "hostkeyalgorithms", "kexalgorithms",
    "ciphers", "macs", "requesttty", "checkhostip", "hashknownhosts", "proxyjump", "hostname",
    "verifyhostkeydns", "globalknownhostsfile", "numberofpasswordprompts", "tcpkeepalive",
    "kbdinteractiveauthentication", "challengeresponseauthentication", "gssapiauthentication",
    "hostbasedauthentication", "updatehostkeys", "loglevel", "bindaddress", "bindinterface",
    "pubkeyacceptedkeytypes", "pubkeyacceptedalgorithms", "hostkeyalias", "certificatefile",
    "ipqos", "rekeylimit", "visualhostkey", "fingerprinthash", "canonicalizehostname",
    "escapechar", "controlpath", "forwardagent=no", "forwardx11=no", "clearallforwardings",
    "exitonforwardfailure", "stdinnull", "sessiontype=default", "connectionattempts",
];

/// What ssh's options imply: a reason when they open tunnels, run local commands or otherwise
/// do more than run one remote command.
fn ssh_option_risk(letter: char, value: &str) -> Option<String> {
    match letter {
        'L' | 'R' | 'D' | 'W' | 'w' => Some(format!("ssh -{letter} {value} opens a tunnel")),
        'f' | 'N' => Some(format!(
            "ssh -{letter} keeps a connection running in the background"
        )),
        'M' | 'O' => Some(format!("ssh -{letter} controls a shared master connection")),
        'A' | 'X' | 'Y' => Some(format!(
            "ssh -{letter} forwards local credentials or the display"
        )),
        's' => Some("ssh -s starts a remote subsystem".to_string()),
        'E' => Some(format!("ssh -E appends its log to {value}")),
        'F' if value != "/dev/null" => Some(format!(
            "ssh -F uses config {value}, which may run commands"
        )),
        'o' => {
            let setting = value.replace(' ', "=").to_ascii_lowercase();
            let key = setting.split('=').next().unwrap_or("");
            let safe =
                SAFE_SSH_OPTIONS.contains(&key) || SAFE_SSH_OPTIONS.contains(&setting.as_str());
            (!safe).then(|| format!("ssh -o {value} may run commands or forward ports"))
        }
        _ => None,
    }
}

fn ssh(call: &Call) -> Verdict {
    let args = call.args;
    let mut host: Option<&Word> = None;
    let mut risks: Vec<String> = Vec::new();
    let mut only_prints = false;
    let mut i = 0;
    let mut command_start = args.len();
    while i < args.len() {
        let word = &args[i];
        i += 1;
        if word.is("--") {
            if host.is_some() {
                command_start = i;
                break;
            }
            continue;
        }
        if !word.is_option() {
            if host.is_none() {
                host = Some(word);
                continue;
            }
            command_start = i - 1;
            break;
        }
        let text = word.text.as_str();
        for (at, letter) in text.char_indices().skip(1) {
            if SSH_VALUED.contains(letter) {
                let attached = &text[at + 1..];
                let value = if attached.is_empty() {
                    i += 1;
                    args.get(i - 1).map_or("", |w| w.text.as_str())
                } else {
                    attached
                };
                if letter == 'Q' {
                    only_prints = true;
                }
                risks.extend(ssh_option_risk(letter, value));
                break;
            } else if SSH_FLAGS.contains(letter) {
                if letter == 'V' || letter == 'G' {
                    only_prints = true;
                }
                risks.extend(ssh_option_risk(letter, ""));
            } else {
                return Verdict::update(format!("ssh option -{letter} is not known")).net();
            }
        }
    }
    if only_prints {
        return Verdict::read("ssh prints its version, configuration or supported algorithms");
    }
    let Some(host) = host else {
        return Verdict::read("ssh prints its usage");
    };
    if host.substituted {
        return Verdict::update(format!(
            "ssh connects to {}, built by a command substitution",
            host.text
        ))
        .net();
    }
    if let Some(risk) = risks.into_iter().next() {
        return Verdict::update(risk).net();
    }
    let command = &args[command_start..];
    if command.is_empty() {
        return Verdict::update(format!("ssh opens an interactive session on {}", host.text)).net();
    }
    if let Some(word) = any_dynamic(command) {
        return Verdict::update(format!(
            "ssh runs a remote command with {}, only known when the shell runs",
            word.text
        ))
        .net();
    }
    // ssh joins its arguments with spaces and the remote shell parses the result.
    let script = command
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut verdict = call.script(&script);
    verdict.reason = format!("on {}: {}", host.text, verdict.reason);
    if !matches!(call.stdin, Stdin::Inherited) {
        verdict = verdict.at_least(Verdict::update(format!(
            "ssh sends its input to {}",
            host.text
        )));
    }
    verdict.net()
}

/// Why a transport command (`rsync -e 'ssh -p 2222'`) does more than connect: it is not plain
/// ssh, or its options run commands or open tunnels.
fn ssh_transport_risk(command: &str) -> Option<String> {
    let mut words = command.split_whitespace();
    if words.next() != Some("ssh") {
        return Some("runs another program as the transport".to_string());
    }
    let words: Vec<&str> = words.collect();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        i += 1;
        let Some(letters) = word.strip_prefix('-') else {
            return Some(format!("passes {word} to ssh"));
        };
        for (at, letter) in letters.char_indices() {
            if SSH_VALUED.contains(letter) {
                let attached = &letters[at + 1..];
                let value = if attached.is_empty() {
                    i += 1;
                    words.get(i - 1).copied().unwrap_or("")
                } else {
                    attached
                };
                if let Some(risk) = ssh_option_risk(letter, value) {
                    return Some(risk);
                }
                break;
            }
            if !SSH_FLAGS.contains(letter) {
                return Some(format!("passes -{letter} to ssh"));
            }
            if let Some(risk) = ssh_option_risk(letter, "") {
                return Some(risk);
            }
        }
    }
    None
}

/// A remote location in scp/rsync syntax: `host:path`, `user@host:path`, `scp://…`.
fn is_remote(spec: &str) -> bool {
    if spec.contains("://") {
        return true;
    }
    match spec.find(':') {
        Some(colon) => {
            let before = &spec[..colon];
            !before.is_empty() && !before.contains('/')
        }
        None => false,
    }
}

fn scp(args: &[Word]) -> Verdict {
    const VALUED: &str = "cFiJloPSDX";
    let (options, operands) = super::getopt(args, VALUED, "", &[]);
    for option in &options {
        let Some(letter) = option.name.strip_prefix('-').and_then(|n| n.chars().next()) else {
            continue;
        };
        if !VALUED.contains(letter) {
            continue;
        }
        let value = option.value.as_ref().map_or("", |w| w.text.as_str());
        if letter == 'S' {
            return Verdict::update(format!("scp -S runs {value} as its transport")).net();
        }
        if let Some(risk) = ssh_option_risk(letter, value) {
            return Verdict::update(risk.replacen("ssh", "scp", 1)).net();
        }
    }
    if let Some(word) = operands.iter().find(|w| w.substituted) {
        return Verdict::update(format!(
            "scp copies {}, built by a command substitution",
            word.text
        ))
        .net();
    }
    let Some((target, sources)) = operands.split_last() else {
        return Verdict::read("scp prints its usage");
    };
    if is_remote(&target.text) {
        Verdict::update(format!("scp uploads to {}", target.text)).net()
    } else if sources.iter().any(|s| is_remote(&s.text)) {
        Verdict::create(format!("scp downloads into {}", target.text)).net()
    } else {
        Verdict::create(format!("scp copies into {}", target.text))
    }
}

/// rsync long options that take a separate value.
#[rustfmt::skip]
const RSYNC_VALUED: &[&str] = &[
    "--exclude", "--include", "--exclude-from", "--include-from", "--files-from", "--filter",
    "--rsh", "--rsync-path", "--log-file", "--log-file-format", "--out-format", "--partial-dir",
    "--temp-dir", "--compare-dest", "--copy-dest", "--link-dest", "--backup-dir", "--suffix",
    "--chmod", "--chown", "--usermap", "--groupmap", "--timeout", "--contimeout", "--port",
    "--password-file", "--bwlimit", "--max-size", "--min-size", "--max-delete", "--modify-window",
    "--remote-option", "--info", "--debug", "--iconv", "--block-size", "--checksum-choice",
    "--compress-choice", "--compress-level", "--skip-compress", "--sockopts", "--outbuf",
    "--write-batch", "--only-write-batch", "--read-batch", "--protocol", "--address", "--config",
    "--dparam", "--stop-after", "--stop-at", "--early-input", "--max-alloc",
];

fn rsync(args: &[Word]) -> Verdict {
    let (parsed, operands) = super::getopt(args, "efBTM", "", RSYNC_VALUED);
    let options: Vec<(String, String)> = parsed
        .into_iter()
        .map(|option| {
            (
                option.name,
                option.value.map(|w| w.text).unwrap_or_default(),
            )
        })
        .collect();
    let has = |names: &[&str]| options.iter().any(|(n, _)| names.contains(&n.as_str()));
    let value = |names: &[&str]| {
        options
            .iter()
            .find(|(n, _)| names.contains(&n.as_str()))
            .map(|(_, v)| v.clone())
    };
    let remote = operands
        .iter()
        .any(|w| is_remote(&w.text) || w.text.contains("::"));
    let with_net = |verdict: Verdict| if remote { verdict.net() } else { verdict };
    if let Some(word) = operands.iter().find(|w| w.substituted) {
        return Verdict::update(format!(
            "rsync copies {}, built by a command substitution",
            word.text
        ))
        .net();
    }
    if let Some(shell) = value(&["-e", "--rsh"]) {
        if let Some(risk) = ssh_transport_risk(&shell) {
            return Verdict::update(format!("rsync -e {shell}: {risk}")).net();
        }
    }
    if has(&[
        "--rsync-path",
        "--daemon",
        "--read-batch",
        "--config",
        "-M",
        "--remote-option",
    ]) {
        return with_net(Verdict::update(
            "rsync runs a chosen remote program or batch",
        ));
    }
    if let Some(file) = value(&["--log-file", "--write-batch", "--only-write-batch"]) {
        return with_net(Verdict::create(format!("rsync writes {file}")));
    }
    let dry_run = has(&["-n", "--dry-run", "--list-only"]) || operands.len() == 1;
    if dry_run {
        return with_net(Verdict::read("rsync --dry-run only lists what it would do"));
    }
    let target = operands.last().map_or("", |w| w.text.as_str());
    if has(&["--remove-source-files"])
        || options
            .iter()
            .any(|(n, _)| n.starts_with("--delete") || n == "--del")
    {
        return with_net(Verdict::delete(format!(
            "rsync deletes files (in {target} or the source)"
        )));
    }
    if is_remote(target) || target.contains("::") {
        Verdict::update(format!("rsync uploads to {target}")).net()
    } else {
        with_net(Verdict::create(format!("rsync copies into {target}")))
    }
}
