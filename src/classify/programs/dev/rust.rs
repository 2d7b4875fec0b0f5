//! The Rust toolchain: cargo (builds run build scripts and proc macros), rustup, rustc and
//! rustfmt.

use super::common::{has_any, literal, only_flags, operands_skipping, split_subcommand};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::{texts, Word};

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    Some(match call.program {
        "cargo" => cargo(args),
        "rustup" => rustup(args),
        "rustc" => rustc(args),
        "rustfmt" => rustfmt(args),
        _ => return None,
    })
}

fn cargo(args: &[Word]) -> Verdict {
    let mut globals = Verdict::read("cargo's global options only choose output");
    let mut index = 0;
    while let Some(word) = args.get(index) {
        let text = word.text.as_str();
        if index == 0 && text.starts_with('+') {
            index += 1;
            continue;
        }
        if !word.is_option() {
            break;
        }
        match text {
            "--version" | "-V" | "-vV" | "--list" | "-h" | "--help" | "--explain" => {
                return Verdict::read("cargo prints its version, help or commands").max(globals);
            }
            "--config" | "-Z" => {
                globals = Verdict::update(format!("cargo {text} changes how cargo runs"));
                index += 2;
            }
            _ if text.starts_with("--config=") || text.starts_with("-Z") => {
                globals = Verdict::update("cargo --config changes how cargo runs");
                index += 1;
            }
            "-C" | "--manifest-path" | "--color" => index += 2,
            _ => index += 1,
        }
    }
    if args
        .iter()
        .take_while(|w| w.text != "--")
        .any(|w| w.is("--config") || w.text.starts_with("--config=") || w.text.starts_with("-Z"))
    {
        globals = Verdict::update("cargo --config/-Z changes how cargo builds and runs");
    }
    let Some(sub) = args.get(index) else {
        return Verdict::read("cargo with no subcommand prints help").max(globals);
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the cargo subcommand is only known when the shell runs");
    };
    let rest = &args[index + 1..];
    let verdict = match name {
        "version" | "help" | "locate-project" | "pkgid" | "verify-project" | "read-manifest" => {
            Verdict::read(format!("cargo {name} only reads"))
        }
        "search" | "info" => Verdict::read(format!("cargo {name} queries the registry")).net(),
        "fmt" if rest.iter().any(|w| w.is("--check")) => {
            Verdict::read("cargo fmt --check only reports")
        }
        "fmt" => Verdict::update("cargo fmt rewrites source files"),
        "metadata" if has_any(rest, &["--no-deps"]) => {
            Verdict::read("cargo metadata --no-deps only reads manifests")
        }
        "metadata" | "tree" => Verdict::update(format!(
            "cargo {name} may download the index, rewrite Cargo.lock and run rustc"
        )),
        "new" | "init" => Verdict::create(format!("cargo {name} creates a package")),
        "package" if has_flag_list(rest) => Verdict::read("cargo package --list only lists files"),
        "package" => Verdict::create("cargo package creates a .crate file"),
        "clean" => Verdict::delete("cargo clean removes the target directory"),
        "uninstall" => Verdict::delete("cargo uninstall removes installed binaries"),
        "yank" if has_any(rest, &["--undo"]) => {
            Verdict::update("cargo yank --undo restores a version").net()
        }
        "yank" => Verdict::delete("cargo yank withdraws a published version").net(),
        "install" if has_flag_list(rest) => Verdict::read("cargo install --list only lists"),
        "install" => Verdict::update("cargo install builds and installs binaries").net(),
        "publish" | "owner" | "login" | "logout" => {
            Verdict::update(format!("cargo {name} changes the registry")).net()
        }
        "remove" | "rm" | "add" => Verdict::update(format!("cargo {name} edits Cargo.toml")),
        "update" | "generate-lockfile" | "fetch" | "vendor" => {
            Verdict::update(format!("cargo {name} downloads and rewrites dependencies")).net()
        }
        "build" | "b" | "check" | "c" | "clippy" | "test" | "t" | "bench" | "run" | "r" | "doc"
        | "d" | "fix" | "rustc" | "rustdoc" | "miri" => Verdict::update(format!(
            "cargo {name} compiles, running build scripts and proc macros"
        )),
        _ => Verdict::update(format!(
            "cargo {name} is a plugin or alias; its effects are unknown"
        )),
    };
    verdict.max(globals)
}

fn has_flag_list(rest: &[Word]) -> bool {
    has_any(rest, &["--list", "-l"])
}

fn rustup(args: &[Word]) -> Verdict {
    if args.is_empty() || only_flags(args, &["--version", "-V", "--help", "-h"]) {
        return Verdict::read("rustup prints its version or help");
    }
    let Some((sub, rest)) = split_subcommand(args, &[]) else {
        return Verdict::update("rustup with unknown options");
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the rustup subcommand is only known when the shell runs");
    };
    let action = split_subcommand(rest, &[]).map(|(w, _)| w.text.as_str());
    match name {
        "show" | "which" | "help" | "completions" | "man" => {
            Verdict::read(format!("rustup {name} only reads"))
        }
        "check" => Verdict::read("rustup check looks for updates").net(),
        "doc" if has_any(rest, &["--path"]) => Verdict::read("rustup doc --path prints a path"),
        "doc" => Verdict::update("rustup doc opens a browser"),
        "toolchain" | "target" | "component" | "override" => match action {
            Some("list") => Verdict::read(format!("rustup {name} list only reads")),
            Some(verb @ ("uninstall" | "remove")) => {
                Verdict::delete(format!("rustup {name} {verb} removes a {name}"))
            }
            _ => Verdict::update(format!("rustup {name} changes installed {name}s")).net(),
        },
        "default" if operands_skipping(rest, &[]).is_empty() => {
            Verdict::read("rustup default prints the default toolchain")
        }
        "self" if action == Some("uninstall") => {
            Verdict::delete("rustup self uninstall removes rustup")
        }
        "uninstall" => Verdict::delete("rustup uninstall removes a toolchain"),
        _ => Verdict::update(format!(
            "rustup {name} changes toolchains or runs a program"
        )),
    }
}

fn rustc(args: &[Word]) -> Verdict {
    let mut prints = args.is_empty();
    let mut index = 0;
    while let Some(word) = args.get(index) {
        let text = word.text.as_str();
        index += 1;
        match text {
            "--print" => {
                if args.get(index).is_some_and(|w| w.text.contains('=')) {
                    return Verdict::create("rustc --print …=FILE writes a file");
                }
                prints = true;
                index += 1;
            }
            _ if text.starts_with("--print=") => {
                if text["--print=".len()..].contains('=') {
                    return Verdict::create("rustc --print …=FILE writes a file");
                }
                prints = true;
            }
            "--version" | "-V" | "-vV" | "--help" | "-h" | "--explain" => {
                prints = true;
                if text == "--explain" {
                    index += 1;
                }
            }
            "--target" | "--cfg" | "--edition" | "--crate-type" | "--crate-name" | "-L" | "-l"
            | "--cap-lints" | "-W" | "-A" | "-D" | "--sysroot" | "-C" | "--codegen" => index += 1,
            "-o" | "--out-dir" | "--emit" => {
                return Verdict::update("rustc compiles and writes output files");
            }
            _ if word.is_option() => {}
            _ => {
                return Verdict::update(format!(
                    "rustc compiles {} and writes output files",
                    word.text
                ));
            }
        }
    }
    if prints {
        Verdict::read("rustc prints information")
    } else {
        Verdict::update("rustc compiles and writes output files")
    }
}

fn rustfmt(args: &[Word]) -> Verdict {
    const VALUES: &[&str] = &[
        "--edition",
        "--config-path",
        "--config",
        "--emit",
        "--color",
        "--style-edition",
        "--print-config",
    ];
    if has_any(args, &["--check", "--version", "-V", "--help", "-h"]) {
        return Verdict::read("rustfmt --check only reports");
    }
    let emits_stdout = texts(args)
        .windows(2)
        .any(|pair| pair == ["--emit", "stdout"])
        || args.iter().any(|w| w.is("--emit=stdout"));
    if emits_stdout {
        return Verdict::read("rustfmt --emit stdout prints");
    }
    let files = operands_skipping(args, VALUES);
    if has_any(args, &["--print-config"]) {
        return if files.is_empty() {
            Verdict::read("rustfmt --print-config prints the configuration")
        } else {
            Verdict::create("rustfmt --print-config writes a configuration file")
        };
    }
    if files.is_empty() {
        return Verdict::read("rustfmt formats its input to standard output");
    }
    Verdict::update(format!(
        "rustfmt rewrites {} in place",
        super::common::first_text(&files)
    ))
}
