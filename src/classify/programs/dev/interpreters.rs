//! Language interpreters (python, node, ruby, perl, php…): they execute code, so UPDATE, except
//! calls that only print a version or help; inline code that clearly deletes files is DELETE.

use super::python::{is_versioned, pip};
use crate::classify::programs::{Call, Stdin};
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    let program = call.program;
    if is_versioned(program, "python") || is_versioned(program, "pypy") {
        return Some(python(call));
    }
    let interpreter = INTERPRETERS.iter().find(|i| i.names.contains(&program))?;
    Some(interpret(call, interpreter))
}

struct Interpreter {
    names: &'static [&'static str],
    /// Arguments that alone only print a version or help.
    info_flags: &'static [&'static str],
    /// Options followed by code to run (`-e`).
    code_flags: &'static [&'static str],
    /// A short-option cluster ending in this letter is followed by code (`perl -ne`).
    cluster_code: Option<char>,
}

const INTERPRETERS: &[Interpreter] = &[
    Interpreter {
        names: &["node", "nodejs", "tsx", "ts-node"],
        info_flags: &["-v", "--version", "-h", "--help", "--v8-options"],
        code_flags: &["-e", "--eval", "-p", "--print", "-pe"],
        cluster_code: None,
    },
    Interpreter {
        names: &["ruby", "irb", "jruby"],
        info_flags: &["-v", "--version", "-h", "--help"],
        code_flags: &["-e"],
        cluster_code: Some('e'),
    },
    Interpreter {
        names: &["perl"],
        info_flags: &["-v", "-V", "--version", "-h", "--help"],
        code_flags: &["-e", "-E"],
        cluster_code: Some('e'),
    },
    Interpreter {
        names: &["php"],
        info_flags: &[
            "-v",
            "--version",
            "-h",
            "--help",
            "-i",
            "--info",
            "-m",
            "--modules",
            "--ini",
        ],
        code_flags: &["-r", "--run"],
        cluster_code: None,
    },
    Interpreter {
        names: &["lua", "luajit"],
        info_flags: &["-v"],
        code_flags: &["-e"],
        cluster_code: None,
    },
    Interpreter {
        names: &["Rscript", "R"],
        info_flags: &["--version", "--help"],
        code_flags: &["-e"],
        cluster_code: None,
    },
    Interpreter {
        names: &["julia"],
        info_flags: &["-v", "--version", "-h", "--help"],
        code_flags: &["-e", "-E", "--eval", "--print"],
        cluster_code: None,
    },
    Interpreter {
        names: &["java", "javaw", "jshell"],
        info_flags: &[
            "-version",
            "--version",
            "-help",
            "--help",
            "-h",
            "-?",
            "--list-modules",
        ],
        code_flags: &[],
        cluster_code: None,
    },
    Interpreter {
        names: &["kotlin", "kotlinc", "scala", "groovy", "clojure", "clj"],
        info_flags: &["-version", "--version", "-v", "-help", "--help", "-h"],
        code_flags: &["-e"],
        cluster_code: None,
    },
    Interpreter {
        names: &["elixir", "iex"],
        info_flags: &["-v", "--version", "-h", "--help"],
        code_flags: &["-e", "--eval"],
        cluster_code: None,
    },
    Interpreter {
        names: &["erl", "escript"],
        info_flags: &[],
        code_flags: &["-eval"],
        cluster_code: None,
    },
    Interpreter {
        names: &["ghc", "ghci", "runghc", "runhaskell"],
        info_flags: &[
            "--version",
            "--numeric-version",
            "-V",
            "--info",
            "--help",
            "-?",
        ],
        code_flags: &["-e"],
        cluster_code: None,
    },
    Interpreter {
        // `racket -v` prints the version and then starts a REPL.
        names: &["racket"],
        info_flags: &["-h", "--help"],
        code_flags: &["-e"],
        cluster_code: None,
    },
    Interpreter {
        names: &["guile", "ipython"],
        info_flags: &["-v", "--version", "-h", "--help"],
        code_flags: &["-c"],
        cluster_code: None,
    },
    Interpreter {
        names: &["ocaml", "dart"],
        info_flags: &["-version", "-vnum", "--version", "-help", "--help", "-h"],
        code_flags: &[],
        cluster_code: None,
    },
    Interpreter {
        names: &["tclsh", "wish", "osascript"],
        info_flags: &[],
        code_flags: &["-e"],
        cluster_code: None,
    },
];

fn interpret(call: &Call, interpreter: &Interpreter) -> Verdict {
    let program = call.program;
    let args = call.args;
    if args.is_empty() {
        return from_stdin(call);
    }
    let info = |a: &Word| {
        interpreter.info_flags.contains(&a.text.as_str())
            || (program.starts_with("java") && a.text.starts_with("-XshowSettings"))
    };
    if args.iter().all(|a| !a.dynamic && info(a)) {
        return Verdict::read(format!("{program} prints its version or help"));
    }
    // With any other mode option (`-r`, `-R`, `-B`…) the later one wins and code runs.
    let lint_only = args.iter().any(|a| a.is("-l") || a.is("--syntax-check"))
        && args.iter().all(|a| {
            a.is("-l") || a.is("--syntax-check") || a.is("-n") || (!a.dynamic && !a.is_option())
        });
    if program == "php" && lint_only {
        return Verdict::read("php -l only checks syntax");
    }
    for (index, word) in args.iter().enumerate() {
        let text = word.text.as_str();
        let code_follows = interpreter.code_flags.contains(&text)
            || interpreter.cluster_code.is_some_and(|letter| {
                text.starts_with('-')
                    && !text.starts_with("--")
                    && text.ends_with(letter)
                    && text[1..].chars().all(|c| c.is_ascii_alphanumeric())
            });
        if code_follows {
            return inline_code(program, text, args.get(index + 1));
        }
        if text == "-" {
            return from_stdin(call);
        }
        if !word.is_option() {
            return Verdict::update(format!("{program} runs {text}"));
        }
    }
    from_stdin(call)
}

fn python(call: &Call) -> Verdict {
    let program = call.program;
    let args = call.args;
    const INFO: &[&str] = &[
        "-V",
        "--version",
        "-VV",
        "-h",
        "--help",
        "--help-env",
        "--help-xoptions",
        "--help-all",
    ];
    if !args.is_empty()
        && args
            .iter()
            .all(|a| !a.dynamic && INFO.contains(&a.text.as_str()))
    {
        return Verdict::read(format!("{program} prints its version or help"));
    }
    let mut index = 0;
    while let Some(word) = args.get(index) {
        let text = word.text.as_str();
        let cluster = text.starts_with('-') && !text.starts_with("--");
        if text == "-c"
            || (cluster
                && text.ends_with('c')
                && text[1..].chars().all(|c| c.is_ascii_alphabetic()))
        {
            return inline_code(program, "-c", args.get(index + 1));
        }
        if text == "-m" {
            return module(
                call,
                args.get(index + 1),
                args.get(index + 2..).unwrap_or_default(),
            );
        }
        if cluster && text.starts_with("-m") && text.len() > 2 {
            let name = Word::literal(&text[2..]);
            return module(call, Some(&name), &args[index + 1..]);
        }
        if text == "-" {
            return from_stdin(call);
        }
        if !word.is_option() {
            return Verdict::update(format!("{program} runs {text}"));
        }
        index += if matches!(text, "-W" | "-X" | "-Q") {
            2
        } else {
            1
        };
    }
    from_stdin(call)
}

/// `python -m MODULE`: pip and the linters keep their own rules; other modules run code.
fn module(call: &Call, name: Option<&Word>, rest: &[Word]) -> Verdict {
    let program = call.program;
    let Some(name) = name.filter(|w| !w.dynamic) else {
        return Verdict::update(format!("{program} -m runs a module"));
    };
    let module = name.text.as_str();
    match module {
        "pip" | "pip3" => pip(&format!("{program} -m pip"), rest),
        "venv" | "virtualenv" => {
            if rest.iter().all(|w| w.is("-h") || w.is("--help")) && !rest.is_empty() {
                Verdict::read(format!("{program} -m {module} --help prints help"))
            } else {
                Verdict::create(format!(
                    "{program} -m {module} creates a virtual environment"
                ))
            }
        }
        "black" | "mypy" | "flake8" | "pylint" | "isort" | "ruff" | "pycodestyle" | "pyflakes"
        | "yapf" | "autopep8" | "pydocstyle" => {
            let argv: Vec<Word> = std::iter::once(Word::literal(module))
                .chain(rest.iter().cloned())
                .collect();
            call.run(&argv)
        }
        _ => Verdict::update(format!("{program} -m {module} runs a module")),
    }
}

/// The interpreter reads its program from standard input.
fn from_stdin(call: &Call) -> Verdict {
    let program = call.program;
    match call.stdin {
        Stdin::Text(code) => judge_code(program, code)
            .unwrap_or_else(|| Verdict::update(format!("{program} runs code from its input"))),
        Stdin::Inherited => Verdict::update(format!("{program} starts an interactive interpreter")),
        Stdin::File(file) => Verdict::update(format!("{program} runs the code in {file}")),
        Stdin::Piped => Verdict::update(format!("{program} runs code it is fed")),
    }
}

fn inline_code(program: &str, flag: &str, code: Option<&Word>) -> Verdict {
    let Some(code) = code else {
        return Verdict::update(format!("{program} {flag} without code"));
    };
    judge_code(program, &code.text)
        .unwrap_or_else(|| Verdict::update(format!("{program} {flag} executes code")))
}

/// Calls in common languages that delete files or directories.
const DELETING_CALLS: &[&str] = &[
    "rmtree",
    "os.remove",
    "os.unlink",
    "os.rmdir",
    ".unlink(",
    ".rmdir(",
    "rmSync",
    "unlinkSync",
    "rmdirSync",
    "fs.rm(",
    "fs.unlink(",
    "fs.rmdir(",
    "promises.rm",
    "promises.unlink",
    "File.delete",
    "File.unlink",
    "File.rm",
    "FileUtils.rm",
    "FileUtils.remove",
    "Dir.rmdir",
    "Dir.delete",
    "Dir.unlink",
    "Deno.remove",
    "remove_tree",
    "unlink(",
    "unlink ",
    "rmdir(",
    "file.remove(",
    "Files.delete",
    "deleteRecursively",
];

/// Ways code hands a command line to a shell or starts a program.
const SHELL_RUNNERS: &[&str] = &[
    "system",
    "subprocess",
    "popen",
    "exec",
    "spawn",
    "`",
    "%x",
    "qx",
    "shell_exec",
    "passthru",
    "Runtime",
    "child_process",
    "os.execute",
    "Deno.Command",
    "Deno.run",
];

/// Judges inline code: DELETE when it clearly deletes files, otherwise None (it runs code).
pub fn judge_code(program: &str, code: &str) -> Option<Verdict> {
    if let Some(call) = DELETING_CALLS.iter().find(|c| code.contains(*c)) {
        let call = call.trim_end_matches(['(', ' ']);
        return Some(Verdict::delete(format!(
            "{program} code deletes files ({call})"
        )));
    }
    let runs_shell = SHELL_RUNNERS.iter().any(|r| code.contains(r));
    if runs_shell
        && ["rm", "rmdir", "shred", "unlink"]
            .iter()
            .any(|c| mentions_command(code, c))
    {
        return Some(Verdict::delete(format!(
            "{program} code runs a deleting command"
        )));
    }
    None
}

/// Whether `command` appears as a word of its own (`rm -rf`, `'rm'`), not inside `platform`.
fn mentions_command(code: &str, command: &str) -> bool {
    code.match_indices(command).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + command.len()..].chars().next();
        let separated_before =
            before.is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')));
        let separated_after =
            after.is_some_and(|c| c.is_whitespace() || matches!(c, '\'' | '"' | ',' | '`'));
        separated_before && separated_after
    })
}
