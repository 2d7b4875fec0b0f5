//! Linters and formatters: they read and report unless told to fix, rewrite or write a report
//! file.

use super::common::{has_any, literal, operands_skipping, split_subcommand};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::{has_flag, Word};

pub fn judge(call: &Call) -> Option<Verdict> {
    let program = call.program;
    let args = call.args;
    let (fixing, report_file): (&[&str], &[&str]) = match program {
        "eslint" | "eslint_d" => (
            &["--fix", "--init", "--inspect-config"],
            &["-o", "--output-file"],
        ),
        "prettier" | "autopep8" | "yapf" | "shfmt" => (&[], &[]),
        "flake8"
        | "pycodestyle"
        | "pyflakes"
        | "pydocstyle"
        | "vulture"
        | "shellcheck"
        | "hadolint"
        | "yamllint"
        | "cpplint"
        | "editorconfig-checker" => (&[], &["--output-file", "--output", "-o"]),
        "pylint" => (&["--load-plugins"], &["--output-file", "--output"]),
        "actionlint" => (
            &["-shellcheck", "--shellcheck", "-pyflakes", "--pyflakes"],
            &[],
        ),
        "vale" | "cspell"
            if args
                .iter()
                .any(|w| matches!(w.text.as_str(), "sync" | "link" | "init")) =>
        {
            return Some(Verdict::update(format!(
                "{program} downloads or writes configuration"
            )));
        }
        "vale" | "cspell" => (&[], &[]),
        "bandit" => (&[], &["-o", "--output"]),
        "cppcheck" => (
            &["--addon"],
            &[
                "--output-file",
                "--dump",
                "--plist-output",
                "--cppcheck-build-dir",
            ],
        ),
        "mypy" | "dmypy" => (
            &["--install-types"],
            &[
                "--junit-xml",
                "--html-report",
                "--xml-report",
                "--txt-report",
                "--linecount-report",
                "--cobertura-xml-report",
                "--lineprecision-report",
                "--any-exprs-report",
                "--linecoverage-report",
                "--lineprecision-report",
            ],
        ),
        "markdownlint" | "markdownlint-cli2" | "mdl" | "stylelint" => {
            (&["--fix", "-f"], &["-o", "--output", "--output-file"])
        }
        "clang-format" => (&["-i", "--i"], &[]),
        "clang-tidy" => (
            &[
                "--fix",
                "-fix",
                "--fix-errors",
                "-fix-errors",
                "--load",
                "-load",
            ],
            &["--export-fixes", "-export-fixes"],
        ),
        "rubocop" | "standardrb" => (
            &[
                "--fix",
                "-a",
                "-A",
                "--autocorrect",
                "--autocorrect-all",
                "--auto-correct",
                "--auto-correct-all",
                "-x",
                "--fix-layout",
                "-r",
                "--require",
                "--auto-gen-config",
            ],
            &["-o", "--out"],
        ),
        "codespell" | "typos" => (&["-w", "--write-changes", "-i", "--interactive"], &[]),
        "ktlint" => (&["-F", "--format"], &["--baseline"]),
        "swiftlint" if args.iter().any(|w| w.is("autocorrect")) => {
            return Some(Verdict::update("swiftlint autocorrect rewrites files"));
        }
        "swiftlint" => (&["--fix", "--autocorrect"], &[]),
        "isort" => {
            return Some(check_only(
                program,
                args,
                &[
                    "--check-only",
                    "--check",
                    "-c",
                    "--diff",
                    "--show-files",
                    "--show-config",
                    "--version",
                    "-V",
                    "--help",
                    "-h",
                ],
            ))
        }
        "black" | "blue" => return Some(black(program, args)),
        "stylua" => {
            return Some(check_only(
                program,
                args,
                &["--check", "--version", "-V", "--help", "-h"],
            ))
        }
        "swiftformat" => {
            return Some(check_only(
                program,
                args,
                &["--lint", "--dryrun", "--version", "--help"],
            ))
        }
        "ruff" => return Some(ruff(args)),
        "biome" => return Some(biome(args)),
        "taplo" | "tombi" | "dprint" | "sqlfluff" | "php-cs-fixer" => {
            return Some(subcommand_linter(program, args))
        }
        "golangci-lint" => return Some(golangci_lint(args)),
        _ => return None,
    };
    // Short flags that rewrite files, even inside a cluster (`autopep8 -ri`).
    let (short_fix, long_fix): (char, &str) = match program {
        "autopep8" | "yapf" => ('i', "--in-place"),
        "shfmt" | "prettier" => ('w', "--write"),
        "codespell" => ('w', "--write-changes"),
        _ => ('\0', ""),
    };
    if short_fix != '\0' && has_flag(args, short_fix, long_fix) {
        return Some(Verdict::update(format!(
            "{program} {long_fix} rewrites files"
        )));
    }
    if args.iter().any(|w| w.text.starts_with('@')) {
        return Some(Verdict::update(format!(
            "{program} reads more options from a file"
        )));
    }
    Some(if has_any(args, fixing) || abbreviates_any(args, fixing) {
        Verdict::update(format!(
            "{program} {} rewrites files or runs code",
            fixing[0]
        ))
    } else if has_any(args, report_file) || abbreviates_any(args, report_file) {
        Verdict::create(format!("{program} writes a report file"))
    } else {
        Verdict::read(format!("{program} only reports"))
    })
}

/// Whether a long option abbreviates one of `options`: argparse-based linters accept unique
/// prefixes (`--write` for `--write-changes`).
fn abbreviates_any(args: &[Word], options: &[&str]) -> bool {
    args.iter().take_while(|w| w.text != "--").any(|w| {
        let name = w.text.split('=').next().unwrap_or_default();
        name.starts_with("--")
            && name.len() >= 4
            && options
                .iter()
                .any(|o| o.starts_with("--") && o.starts_with(name))
    })
}

/// Formatters that rewrite files unless given a check-only option.
fn check_only(program: &str, args: &[Word], read_options: &[&str]) -> Verdict {
    if has_any(args, read_options) {
        Verdict::read(format!("{program} in check mode only reports"))
    } else if operands_skipping(args, &[]).iter().all(|w| w.is("-")) && !args.is_empty() {
        Verdict::read(format!(
            "{program} formats standard input to standard output"
        ))
    } else {
        Verdict::update(format!("{program} rewrites files"))
    }
}

fn black(program: &str, args: &[Word]) -> Verdict {
    if has_any(args, &["--code", "-c"]) {
        return Verdict::read(format!("{program} --code prints formatted code"));
    }
    check_only(
        program,
        args,
        &["--check", "--diff", "--version", "--help", "-h"],
    )
}

fn ruff(args: &[Word]) -> Verdict {
    const VALUES: &[&str] = &[
        "--config",
        "--target-version",
        "--select",
        "--ignore",
        "--extend-select",
        "--line-length",
        "--output-format",
    ];
    let fixes = has_any(args, &["--fix", "--fix-only", "--add-noqa"]);
    let writes_report = has_any(args, &["-o", "--output-file"]);
    let Some((sub, rest)) = split_subcommand(args, VALUES) else {
        return if fixes {
            Verdict::update("ruff --fix rewrites files")
        } else {
            Verdict::read("ruff only reports")
        };
    };
    match literal(sub) {
        Some(_) if fixes => Verdict::update("ruff --fix rewrites files"),
        Some("format") if has_any(rest, &["--check", "--diff"]) => {
            Verdict::read("ruff format --check only reports")
        }
        Some("format") => Verdict::update("ruff format rewrites files"),
        Some("clean") => Verdict::delete("ruff clean deletes caches"),
        Some("server") => Verdict::update("ruff server starts a language server"),
        Some(_) if writes_report => Verdict::create("ruff -o writes a report file"),
        Some("check" | "rule" | "config" | "linter" | "version" | "help" | "analyze") => {
            Verdict::read("ruff check only reports")
        }
        Some(other) => Verdict::update(format!("ruff {other} is not a known read-only command")),
        None => Verdict::update("the ruff subcommand is only known when the shell runs"),
    }
}

fn biome(args: &[Word]) -> Verdict {
    let Some((sub, rest)) = split_subcommand(args, &[]) else {
        return Verdict::read("biome prints its version or help");
    };
    let writes = has_any(
        rest,
        &["--write", "--fix", "--apply", "--apply-unsafe", "--unsafe"],
    );
    match literal(sub) {
        Some("check" | "lint" | "format" | "ci") if !writes => {
            Verdict::read("biome check only reports")
        }
        Some("version" | "explain" | "rage" | "search") => Verdict::read("biome only prints"),
        Some("init") => Verdict::create("biome init creates biome.json"),
        _ => Verdict::update("biome rewrites files"),
    }
}

fn subcommand_linter(program: &str, args: &[Word]) -> Verdict {
    let name = split_subcommand(args, &[]).and_then(|(w, _)| literal(w));
    let dry_run = has_any(args, &["--check", "--dry-run"]);
    match (program, name) {
        (_, Some("fmt" | "format" | "fix")) if dry_run => {
            Verdict::read(format!("{program} in check mode only reports"))
        }
        ("taplo" | "tombi", Some("lint" | "check")) => {
            Verdict::read(format!("{program} lint only reports"))
        }
        ("dprint", Some("check" | "output-file-paths" | "output-resolved-config" | "license")) => {
            Verdict::read("dprint check only reports")
        }
        ("sqlfluff", Some("lint" | "parse" | "render" | "dialects" | "rules" | "version")) => {
            Verdict::read("sqlfluff lint only reports")
        }
        ("php-cs-fixer", Some("check" | "list-files" | "list-sets" | "describe")) => {
            Verdict::read("php-cs-fixer check only reports")
        }
        (_, None) if has_any(args, &["--version", "-V", "--help", "-h"]) => {
            Verdict::read(format!("{program} prints its version or help"))
        }
        _ => Verdict::update(format!("{program} rewrites files")),
    }
}

fn golangci_lint(args: &[Word]) -> Verdict {
    match split_subcommand(args, &[]).and_then(|(w, _)| literal(w)) {
        Some("version" | "help" | "linters" | "completion" | "formatters") => {
            Verdict::read("golangci-lint only prints")
        }
        None if has_any(args, &["--version", "--help", "-h"]) => {
            Verdict::read("golangci-lint prints its version")
        }
        Some("cache") if args.iter().any(|w| w.is("clean")) => {
            Verdict::delete("golangci-lint cache clean deletes the cache")
        }
        _ => Verdict::update("golangci-lint loads packages through go, which may download modules"),
    }
}
