//! Language toolchains with subcommands: go and gofmt, deno, dotnet, swift, and the C-family
//! and JVM compilers.

use super::common::{has_any, literal, only_flags, operands_skipping, split_subcommand};
use super::interpreters::judge_code;
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::{has_flag, Word};

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    let program = call.program;
    Some(match program {
        "go" => go(args),
        "gofmt" if has_flag(args, 'w', "") => Verdict::update("gofmt -w rewrites files"),
        "gofmt" if args.iter().any(|w| w.text.starts_with("-cpuprofile")) => {
            Verdict::create("gofmt -cpuprofile writes a profile")
        }
        "gofmt" => Verdict::read("gofmt prints formatted code or lists files"),
        "deno" => deno(args),
        "dotnet" => dotnet(args),
        "swift" if only_flags(args, &["--version", "-version", "--help", "-h"]) => {
            Verdict::read("swift prints its version")
        }
        "swift" => Verdict::update("swift builds, runs or evaluates code"),
        "zig"
            if only_flags(
                args,
                &[
                    "version",
                    "--version",
                    "help",
                    "--help",
                    "-h",
                    "targets",
                    "env",
                ],
            ) =>
        {
            Verdict::read("zig prints its version or settings")
        }
        "zig" => Verdict::update("zig builds, runs or rewrites code"),
        "gcc" | "g++" | "cc" | "c++" | "clang" | "clang++" | "javac" | "tsc" | "nim"
        | "crystal" | "ldc2" | "dmd" | "gfortran" => compiler(program, args),
        _ => return None,
    })
}

fn compiler(program: &str, args: &[Word]) -> Verdict {
    let prints = args.iter().all(|a| {
        matches!(
            a.text.as_str(),
            "--version"
                | "-v"
                | "-version"
                | "--help"
                | "-h"
                | "-help"
                | "-dumpversion"
                | "-dumpmachine"
                | "-dumpspecs"
                | "--all"
        ) || a.text.starts_with("-print-")
            || a.text.starts_with("--print-")
    });
    if !args.is_empty() && prints && args.iter().all(|a| !a.dynamic) {
        Verdict::read(format!("{program} prints its version or settings"))
    } else {
        Verdict::update(format!("{program} compiles and writes output files"))
    }
}

fn go(args: &[Word]) -> Verdict {
    let Some((sub, rest)) = split_subcommand(args, &["-C"]) else {
        return Verdict::read("go prints help");
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the go subcommand is only known when the shell runs");
    };
    let action = split_subcommand(rest, &[]).map(|(w, _)| w.text.as_str());
    let edit_prints = has_any(rest, &["-json", "-print"]) && action == Some("edit");
    match name {
        "doc" if rest.iter().any(|w| w.text.starts_with("-http")) => {
            Verdict::update("go doc -http starts a server and opens a browser")
        }
        "version" | "help" | "doc" => Verdict::read(format!("go {name} only reads")),
        "env" if has_flag(rest, 'w', "") || has_flag(rest, 'u', "") => {
            Verdict::update("go env -w changes go settings")
        }
        "env" => Verdict::read("go env prints settings"),
        "clean" if has_flag(rest, 'n', "") => Verdict::read("go clean -n only prints commands"),
        "clean" => Verdict::delete("go clean removes build outputs or caches"),
        "mod" | "work" if action == Some("init") => {
            Verdict::create(format!("go {name} init creates go.{name}"))
        }
        "mod" | "work" if edit_prints => Verdict::read(format!("go {name} edit -json only prints")),
        "mod" => Verdict::update("go mod rewrites go.mod/go.sum or downloads modules").net(),
        "telemetry" if operands_skipping(rest, &[]).is_empty() => {
            Verdict::read("go telemetry prints the mode")
        }
        "list" => Verdict::update("go list may download modules").net(),
        "bug" => Verdict::update("go bug opens a browser"),
        "build" | "install" | "get" => {
            Verdict::update(format!("go {name} compiles and may download modules")).net()
        }
        _ => Verdict::update(format!("go {name} builds, runs or rewrites code")),
    }
}

fn deno(args: &[Word]) -> Verdict {
    if only_flags(args, &["--version", "-V", "-v", "--help", "-h"]) {
        return Verdict::read("deno prints its version or help");
    }
    let Some((sub, rest)) = split_subcommand(args, &[]) else {
        return Verdict::update("deno starts an interactive interpreter");
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the deno subcommand is only known when the shell runs");
    };
    match name {
        "info" => Verdict::read("deno info only reads").net(),
        "fmt" if has_any(rest, &["--check"]) => Verdict::read("deno fmt --check only reports"),
        "fmt" => Verdict::update("deno fmt rewrites files"),
        "lint" if has_any(rest, &["--fix"]) => Verdict::update("deno lint --fix rewrites files"),
        "lint" => Verdict::read("deno lint only reports"),
        "doc" if has_any(rest, &["--html", "--output"]) => {
            Verdict::create("deno doc --html writes files")
        }
        "doc" | "types" | "completions" | "help" => {
            Verdict::read(format!("deno {name} only prints"))
        }
        "eval" => {
            let code = operands_skipping(rest, &[]).first().map(|w| w.text.clone());
            code.and_then(|code| judge_code("deno", &code))
                .unwrap_or_else(|| Verdict::update("deno eval executes code"))
        }
        "init" => Verdict::create("deno init creates a project"),
        "uninstall" => Verdict::delete("deno uninstall removes an installed script"),
        _ => Verdict::update(format!("deno {name} runs or changes code")),
    }
}

fn dotnet(args: &[Word]) -> Verdict {
    const INFO: &[&str] = &[
        "--version",
        "--info",
        "--list-sdks",
        "--list-runtimes",
        "-h",
        "--help",
    ];
    if only_flags(args, INFO) {
        return Verdict::read("dotnet prints its version or information");
    }
    let Some((sub, rest)) = split_subcommand(args, &[]) else {
        return Verdict::update("dotnet with unknown options");
    };
    let Some(name) = literal(sub) else {
        return Verdict::update("the dotnet subcommand is only known when the shell runs");
    };
    let action = split_subcommand(rest, &[]).map(|(w, _)| w.text.as_str());
    match name {
        "new" if action == Some("list") || has_any(rest, &["--list", "-h", "--help"]) => {
            Verdict::read("dotnet new list only lists templates")
        }
        "new" => Verdict::create("dotnet new creates a project"),
        "clean" => Verdict::delete("dotnet clean removes build outputs"),
        "help" if operands_skipping(rest, &[]).is_empty() => {
            Verdict::read("dotnet help lists commands")
        }
        "help" => Verdict::update("dotnet help COMMAND opens a web browser"),
        "sln" if action == Some("list") => Verdict::read("dotnet sln list only reads"),
        _ => Verdict::update(format!("dotnet {name} builds, runs or changes the project")),
    }
}
