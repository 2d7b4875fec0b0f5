//! The host itself: system information, processes, the clock and hostname, kernel settings,
//! users and groups, scheduled jobs, power, and macOS settings tools.

use super::{has_option, positionals, Call};
use crate::classify::verdict::Verdict;
use crate::classify::words::{has_flag, Word};

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    let program = call.program;
    let verdict = match program {
        "uname"
        | "uptime"
        | "who"
        | "w"
        | "whoami"
        | "id"
        | "groups"
        | "users"
        | "last"
        | "lastb"
        | "ps"
        | "pgrep"
        | "pstree"
        | "top"
        | "htop"
        | "btop"
        | "free"
        | "vmstat"
        | "iostat"
        | "mpstat"
        | "pidstat"
        | "lsblk"
        | "blkid"
        | "lsof"
        | "lscpu"
        | "lsusb"
        | "lspci"
        | "lsmod"
        | "lsns"
        | "lslocks"
        | "lsipc"
        | "lshw"
        | "dmidecode"
        | "locale"
        | "getent"
        | "nproc"
        | "arch"
        | "tty"
        | "logname"
        | "printenv"
        | "hostid"
        | "getconf"
        | "sensors"
        | "systemd-detect-virt"
        | "lsb_release"
        | "sw_vers"
        | "system_profiler"
        | "vm_stat"
        | "pidof"
        | "ipcs"
        | "findmnt"
        | "modinfo"
        | "pmap"
        | "iotop"
        | "slabtop"
        | "zdump"
        | "cal"
        | "ncal"
        | "lsirq"
        | "lsmem"
        | "lslogins"
        | "ioreg"
        | "nettop" => Verdict::read(format!("{program} only reads system information")),
        "lastlog" if has_option(args, &["-C", "--clear", "-S", "--set"]) => {
            Verdict::update("lastlog --clear/--set changes login records")
        }
        "lastlog" => Verdict::read("lastlog prints login records"),
        "sar" | "dstat" | "atop" => {
            if has_option(args, &["-o", "--output", "-w"]) {
                Verdict::create(format!("{program} writes its samples to a file"))
            } else {
                Verdict::read(format!("{program} prints statistics"))
            }
        }
        "fuser" if has_flag(args, 'k', "--kill") => Verdict::update("fuser -k kills processes"),
        "fuser" => Verdict::read("fuser lists processes using files"),
        "nvidia-smi" => nvidia_smi(args),
        "date" | "gdate" => date(args),
        "hostname" => hostname(args),
        "sysctl" => sysctl(args),
        "dmesg" => dmesg(args),
        "kill" => kill(args),
        "killall" if args.iter().any(|a| a.is("-l") || a.is("--list")) => {
            Verdict::read("killall -l lists signals")
        }
        "pkill" | "killall" | "skill" | "snice" | "renice" | "xkill" => {
            let targets = positionals(args, &["-s", "--signal", "-u", "-g", "-t", "-n"]);
            Verdict::update(format!(
                "{program} signals or changes processes {}",
                super::join_texts(&targets)
            ))
        }
        "useradd" | "adduser" | "groupadd" | "addgroup" | "newusers" => {
            Verdict::create(format!("{program} creates an account"))
        }
        "userdel" | "deluser" | "groupdel" | "delgroup" => {
            Verdict::delete(format!("{program} removes an account"))
        }
        "passwd" if has_flag(args, 'S', "--status") => Verdict::read("passwd -S prints status"),
        "chage" if has_flag(args, 'l', "--list") => Verdict::read("chage -l prints aging"),
        "visudo" if has_flag(args, 'c', "--check") => Verdict::read("visudo -c checks syntax"),
        "usermod" | "groupmod" | "passwd" | "chpasswd" | "chsh" | "chfn" | "chage" | "visudo"
        | "vipw" | "vigr" | "gpasswd" | "newgrp" | "pwconv" | "grpconv" => {
            Verdict::update(format!("{program} changes accounts"))
        }
        "crontab" => crontab(args),
        "atq" => Verdict::read("atq lists jobs"),
        "atrm" => Verdict::delete("atrm removes jobs"),
        "at" | "batch" => {
            if has_flag(args, 'l', "") || has_flag(args, 'c', "") {
                Verdict::read("at -l/-c prints jobs")
            } else if has_flag(args, 'r', "") || has_flag(args, 'd', "") {
                Verdict::delete("at -r removes jobs")
            } else {
                Verdict::update(format!("{program} schedules a command"))
            }
        }
        "shutdown" | "reboot" | "poweroff" | "halt" | "suspend" | "hibernate" => {
            Verdict::update(format!("{program} changes the power state"))
        }
        "defaults" => defaults(args),
        "scutil" => {
            if has_option(args, &["--set"]) || args.is_empty() {
                Verdict::update("scutil changes or edits system configuration")
            } else {
                Verdict::read("scutil prints system configuration")
            }
        }
        "pmset" => only_reads_with(program, args, &["-g"]),
        "csrutil" | "spctl" => {
            let verb = positionals(args, &[]).first().map(|w| w.text.clone());
            match verb.as_deref() {
                Some("status") | None
                    if !has_option(
                        args,
                        &[
                            "--add",
                            "--remove",
                            "--enable",
                            "--disable",
                            "--master-enable",
                            "--master-disable",
                            "--global-enable",
                            "--global-disable",
                            "--reset-default",
                        ],
                    ) =>
                {
                    Verdict::read(format!("{program} reports status"))
                }
                _ => Verdict::update(format!("{program} changes security settings")),
            }
        }
        "softwareupdate" => {
            if has_option(args, &["-l", "--list", "--history"]) {
                Verdict::read("softwareupdate lists updates").net()
            } else {
                Verdict::update("softwareupdate installs or changes updates").net()
            }
        }
        "dscl" => {
            if args.iter().any(|a| {
                matches!(
                    a.text.as_str(),
                    "-read" | "-list" | "-search" | "-readall" | "-readpl" | "-readpli"
                )
            }) && !args.iter().any(|a| {
                a.text.starts_with("-create")
                    || a.text.starts_with("-append")
                    || a.text.starts_with("-delete")
                    || a.text.starts_with("-change")
                    || a.text.starts_with("-merge")
                    || a.text == "-passwd"
            }) {
                Verdict::read("dscl reads the directory")
            } else {
                Verdict::update("dscl changes the directory")
            }
        }
        "tmutil" => {
            let verb = positionals(args, &[]).first().map(|w| w.text.clone());
            match verb.as_deref() {
                Some(
                    "listbackups"
                    | "status"
                    | "latestbackup"
                    | "destinationinfo"
                    | "version"
                    | "machinedirectory"
                    | "isexcluded"
                    | "compare"
                    | "listlocalsnapshots"
                    | "listlocalsnapshotdates",
                ) => Verdict::read("tmutil reports backups"),
                Some("delete" | "deletelocalsnapshots" | "thinlocalsnapshots") => {
                    Verdict::delete("tmutil deletes backups")
                }
                _ => Verdict::update("tmutil changes backups"),
            }
        }
        _ => return None,
    };
    Some(verdict)
}

/// READ only when one of the reading flags is given.
fn only_reads_with(program: &str, args: &[Word], reading: &[&str]) -> Verdict {
    if args
        .first()
        .is_some_and(|a| reading.contains(&a.text.as_str()))
    {
        Verdict::read(format!("{program} {} only reads", args[0].text))
    } else {
        Verdict::update(format!("{program} changes settings"))
    }
}

fn nvidia_smi(args: &[Word]) -> Verdict {
    #[rustfmt::skip]
    const READING: &[&str] = &[
        "-L", "--list-gpus", "-q", "--query", "-x", "--xml-format", "-i", "--id", "-d",
        "--display", "-l", "--loop", "-lms", "--loop-ms", "--query-gpu", "--query-compute-apps",
        "--format", "-f", "--filename", "topo", "-m", "dmon", "pmon", "-s", "-c", "-h", "--help",
        "--version", "-u", "-o", "-p",
    ];
    let all_reading = args.iter().all(|a| {
        let name = a.text.split('=').next().unwrap_or("");
        !a.is_option() || READING.contains(&name)
    });
    let words = positionals(
        args,
        &[
            "-i",
            "--id",
            "-d",
            "--display",
            "-l",
            "--loop",
            "-f",
            "--filename",
        ],
    );
    let subcommand_ok = words.first().is_none_or(|w| {
        matches!(
            w.text.as_str(),
            "topo" | "dmon" | "pmon" | "nvlink" | "clocks"
        )
    });
    if has_option(args, &["-f", "--filename"]) {
        Verdict::create("nvidia-smi -f writes a log file")
    } else if all_reading && subcommand_ok {
        Verdict::read("nvidia-smi reports GPUs")
    } else {
        Verdict::update("nvidia-smi changes GPU settings")
    }
}

fn date(args: &[Word]) -> Verdict {
    if has_option(args, &["-s", "--set"]) {
        return Verdict::update("date -s sets the system clock");
    }
    let bsd_no_set = has_flag(args, 'j', "");
    let words = positionals(
        args,
        &[
            "-d",
            "--date",
            "-f",
            "--file",
            "-r",
            "--reference",
            "-v",
            "-z",
        ],
    );
    match words.iter().find(|w| !w.text.starts_with('+')) {
        Some(operand) if !bsd_no_set => {
            Verdict::update(format!("date {} sets the system clock", operand.text))
        }
        _ => Verdict::read("date prints the time"),
    }
}

fn hostname(args: &[Word]) -> Verdict {
    #[rustfmt::skip]
    const READING: &[&str] = &[
        "-s", "--short", "-f", "--fqdn", "--long", "-d", "--domain", "-i", "--ip-address", "-I",
        "--all-ip-addresses", "-a", "--alias", "-A", "--all-fqdns", "-y", "--yp", "--nis", "-n",
        "--node", "-V", "--version", "-h", "--help",
    ];
    let reading = args.iter().all(|a| READING.contains(&a.text.as_str()));
    if reading {
        Verdict::read("hostname prints the host name")
    } else {
        let name = positionals(args, &["-F", "--file"])
            .first()
            .map_or(String::new(), |w| format!(" to {}", w.text));
        Verdict::update(format!("hostname sets the host name{name}"))
    }
}

fn sysctl(args: &[Word]) -> Verdict {
    let writes = has_option(args, &["-w", "--write", "-p", "--load", "--system", "-f"])
        || has_flag(args, 'w', "")
        || args.iter().any(|a| !a.is_option() && a.text.contains('='));
    if writes {
        Verdict::update("sysctl changes kernel settings")
    } else {
        Verdict::read("sysctl prints kernel settings")
    }
}

fn dmesg(args: &[Word]) -> Verdict {
    if has_flag(args, 'c', "--read-clear") || has_flag(args, 'C', "--clear") {
        return Verdict::delete("dmesg --clear empties the kernel ring buffer");
    }
    if has_flag(args, 'n', "--console-level")
        || has_flag(args, 'D', "--console-off")
        || has_flag(args, 'E', "--console-on")
    {
        return Verdict::update("dmesg changes console logging");
    }
    Verdict::read("dmesg prints the kernel log")
}

fn kill(args: &[Word]) -> Verdict {
    if args
        .iter()
        .any(|a| a.is("-l") || a.is("-L") || a.is("--list") || a.is("--table"))
    {
        return Verdict::read("kill -l lists signals");
    }
    if args.first().is_some_and(|a| a.is("-0") || a.is("-s0")) {
        return Verdict::read("kill -0 only checks that a process exists");
    }
    let targets = positionals(args, &["-s", "--signal", "-n"]);
    Verdict::update(format!(
        "kill signals process {}",
        super::join_texts(&targets)
    ))
}

fn crontab(args: &[Word]) -> Verdict {
    let rest: Vec<&Word> = positionals(args, &["-u"]);
    if has_flag(args, 'r', "") {
        Verdict::delete("crontab -r removes the crontab")
    } else if has_flag(args, 'e', "") {
        Verdict::update("crontab -e edits the crontab")
    } else if has_flag(args, 'l', "") && rest.is_empty() {
        Verdict::read("crontab -l prints the crontab")
    } else {
        Verdict::update("crontab installs a new crontab")
    }
}

fn defaults(args: &[Word]) -> Verdict {
    let words = positionals(args, &["-host"]);
    match words.first().map(|w| w.text.as_str()) {
        Some("read" | "read-type" | "domains" | "find" | "help") => {
            Verdict::read("defaults reads preferences")
        }
        Some("export") => {
            let target = words.get(2).map_or("", |w| w.text.as_str());
            if target == "-" {
                Verdict::read("defaults export prints preferences")
            } else {
                Verdict::create(format!("defaults export writes {target}"))
            }
        }
        Some("delete") => Verdict::delete("defaults delete removes preferences"),
        _ => Verdict::update("defaults changes preferences"),
    }
}
