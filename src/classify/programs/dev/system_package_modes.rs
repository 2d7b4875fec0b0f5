//! Package tools whose action is chosen by an option rather than a subcommand (dpkg -i, rpm
//! -q, pacman -S, nix-env -e), and nix.

use super::common::{has_any, only_flags};
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn dpkg(args: &[Word]) -> Verdict {
    const QUERIES: &[&str] = &[
        "-l",
        "--list",
        "-L",
        "--listfiles",
        "-s",
        "--status",
        "-S",
        "--search",
        "-p",
        "--print-avail",
        "-c",
        "--contents",
        "-I",
        "--info",
        "-f",
        "--field",
        "--get-selections",
        "--print-architecture",
        "--print-foreign-architectures",
        "--compare-versions",
        "--version",
        "--help",
        "-C",
        "--audit",
        "-V",
        "--verify",
        "--yet-to-unpack",
        "--fsys-tarfile",
    ];
    let Some(action) = args.iter().find(|w| {
        w.is_option()
            && !w.text.starts_with("--force")
            && !w.text.starts_with("--admindir")
            && !w.text.starts_with("--root")
    }) else {
        return Verdict::update("dpkg without a known action");
    };
    let text = action.text.as_str();
    let dry_run = has_any(args, &["--dry-run", "--no-act", "--simulate"]);
    match text {
        _ if QUERIES.contains(&text)
            || text.starts_with("--assert-")
            || text.starts_with("--validate-") =>
        {
            Verdict::read(format!("dpkg {text} only queries packages"))
        }
        _ if dry_run => Verdict::read("dpkg --dry-run only prints what would happen"),
        "-r"
        | "--remove"
        | "-P"
        | "--purge"
        | "--remove-architecture"
        | "--clear-avail"
        | "--forget-old-unavail"
        | "--clear-selections" => Verdict::delete(format!("dpkg {text} removes packages")),
        "-b" | "--build" | "-x" | "--extract" | "-X" | "--vextract" => {
            Verdict::create(format!("dpkg {text} writes files"))
        }
        _ => Verdict::update(format!("dpkg {text} changes installed packages")),
    }
}

pub fn rpm(args: &[Word]) -> Verdict {
    let mode = args.iter().find(|w| w.is_option()).map(|w| w.text.as_str());
    let runs_code = [
        "--eval",
        "-E",
        "--pipe",
        "--define",
        "-D",
        "--macros",
        "--rcfile",
        "--predefine",
        "--load",
    ];
    if args
        .iter()
        .any(|w| runs_code.contains(&w.text.split('=').next().unwrap_or_default()))
    {
        return Verdict::update("rpm macro and pipe options can run shell commands");
    }
    // Verifying a package file (-Vp) runs its %verifyscript.
    let verifies_file = mode.is_some_and(|m| m.starts_with("-V") && m.contains('p'))
        || has_any(args, &["--package", "-p"])
            && mode.is_some_and(|m| m.starts_with("-V") || m == "--verify");
    match mode {
        Some(m)
            if !verifies_file
                && (m.starts_with("-q")
                    || m == "--query"
                    || m.starts_with("-V")
                    || m == "--verify") =>
        {
            Verdict::read("rpm -q only queries packages")
        }
        Some(m) if m.starts_with("-e") || m == "--erase" => {
            Verdict::delete("rpm -e removes packages")
        }
        Some("--version" | "--help" | "--showrc" | "--querytags") => {
            Verdict::read("rpm prints information")
        }
        _ => Verdict::update("rpm installs or changes packages"),
    }
}

pub fn pacman(program: &str, args: &[Word]) -> Verdict {
    if program != "pacman" && args.is_empty() {
        return Verdict::update(format!("{program} upgrades the system")).net();
    }
    let Some(operation) = args.iter().find(|w| w.is_option()) else {
        return Verdict::update(format!("{program} installs or changes packages"));
    };
    let text = operation.text.as_str();
    let short = |c: char| !text.starts_with("--") && text.contains(c);
    let all_options: String = args
        .iter()
        .filter(|w| w.is_option() && !w.text.starts_with("--"))
        .flat_map(|w| w.text.chars().skip(1))
        .collect();
    let has = |c: char| all_options.contains(c);
    if short('Q') || text == "--query" || short('T') || text == "--deptest" {
        return Verdict::read(format!("{program} -Q only queries packages"));
    }
    if short('R') || text == "--remove" {
        return Verdict::delete(format!("{program} -R removes packages"));
    }
    if short('S') || text == "--sync" {
        if has('c') || has_any(args, &["--clean"]) {
            return Verdict::delete(format!("{program} -Sc deletes cached packages"));
        }
        let refreshes = has('y') || has('u');
        if !refreshes && (has('s') || has('i') || has('l') || has('g') || has('p')) {
            let verdict = Verdict::read(format!("{program} -Ss only searches packages"));
            // yay and paru also search the AUR.
            return if program == "pacman" {
                verdict
            } else {
                verdict.net()
            };
        }
        return Verdict::update(format!("{program} -S installs or upgrades packages")).net();
    }
    if short('F') || text == "--files" {
        return if has('y') {
            Verdict::update(format!("{program} -Fy refreshes the files database")).net()
        } else {
            Verdict::read(format!("{program} -F only searches files"))
        };
    }
    if only_flags(args, &["-V", "--version", "-h", "--help"]) {
        return Verdict::read(format!("{program} prints its version or help"));
    }
    Verdict::update(format!("{program} changes packages or the database"))
}

pub fn nix(program: &str, args: &[Word]) -> Verdict {
    if only_flags(args, &["--version", "--help", "-h"]) {
        return Verdict::read(format!("{program} prints its version or help"));
    }
    match program {
        "nix-collect-garbage" => return Verdict::delete("nix-collect-garbage deletes store paths"),
        "nix-shell" | "nix-build" => {
            return Verdict::update(format!("{program} builds and runs derivations"));
        }
        "nix-env" => {
            let mode = args
                .iter()
                .find(|w| w.is_option())
                .map_or("", |w| w.text.as_str());
            return if mode.starts_with("-q") || mode == "--query" {
                Verdict::read("nix-env -q only queries")
            } else if mode.starts_with("-e")
                || mode == "--uninstall"
                || mode == "--delete-generations"
            {
                Verdict::delete("nix-env -e removes packages")
            } else {
                Verdict::update("nix-env changes the profile")
            };
        }
        "nix-store" if has_any(args, &["--gc", "--delete"]) => {
            return Verdict::delete("nix-store --gc deletes store paths");
        }
        "nix-store"
            if has_any(
                args,
                &["-q", "--query", "--verify-path", "--dump", "--print-env"],
            ) =>
        {
            return Verdict::read("nix-store -q only queries");
        }
        "nix-channel" if has_any(args, &["--list"]) => {
            return Verdict::read("nix-channel --list only lists");
        }
        "nix-channel" if has_any(args, &["--remove"]) => {
            return Verdict::delete("nix-channel --remove removes a channel");
        }
        "nix" => {}
        _ => return Verdict::update(format!("{program} changes packages or the store")),
    }
    if has_any(args, &["--repair"]) {
        return Verdict::update("nix --repair rewrites store paths");
    }
    let mut operands =
        super::common::operands_skipping(args, &["--option", "--extra-experimental-features"])
            .into_iter();
    let command = operands.next().map(|w| w.text.as_str());
    let action = operands.next().map(|w| w.text.as_str());
    match (command, action) {
        (Some("search"), _) => Verdict::read("nix search only lists packages").net(),
        (Some("help" | "path-info" | "why-depends" | "log" | "show-config" | "doctor"), _)
        | (Some("config"), Some("show"))
        | (Some("profile"), Some("list" | "history"))
        | (Some("store"), Some("ls" | "cat" | "verify" | "ping")) => {
            Verdict::read("nix only queries the store or profile")
        }
        (Some("store"), Some("gc" | "delete"))
        | (Some("profile"), Some("remove" | "wipe-history")) => Verdict::delete(format!(
            "nix {} {} deletes store paths or profile entries",
            command.unwrap_or_default(),
            action.unwrap_or_default()
        )),
        _ => Verdict::update("nix evaluates, builds or changes packages"),
    }
}
