//! Judging one simple command (program + arguments): resolving the program name, wrappers that
//! run another command (`sudo`, `env`, `timeout`, `xargs`…), shells and `eval`, shell builtins,
//! then the program tables of each family.

mod dev;
mod files;
mod ops;

use super::shell::classify_script;
use super::verdict::Verdict;
use super::words::{first_operand, has_flag, Word};

/// What feeds a command's standard input, as far as the classifier can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stdin {
    /// Nothing redirected: the terminal or whatever the caller gave.
    Inherited,
    /// Known text: a here-document, a here-string, or the output of `echo`/`printf`.
    Text(String),
    /// A file (`< file`).
    File(String),
    /// The output of a command whose output is not known.
    Piped,
}

/// One program invocation, as the family rules see it.
pub struct Call<'a> {
    pub program: &'a str,
    pub args: &'a [Word],
    pub stdin: &'a Stdin,
    pub depth: usize,
}

impl Call<'_> {
    /// Judges a nested shell script (`sh -c`, `trap`, `ssh host 'cmd'`, a sed `e` command).
    pub fn script(&self, source: &str) -> Verdict {
        classify_script(source, self.depth + 1)
    }

    /// Judges a nested command given as words (`sudo CMD`, `xargs CMD`, `find -exec CMD`).
    pub fn run(&self, argv: &[Word]) -> Verdict {
        judge_argv(argv, self.stdin, self.depth + 1)
    }

    /// Judges a nested command with another standard input.
    pub fn run_with_stdin(&self, argv: &[Word], stdin: &Stdin) -> Verdict {
        judge_argv(argv, stdin, self.depth + 1)
    }

    /// The arguments as plain text joined by spaces (for a remote or nested command line).
    pub fn joined(words: &[Word]) -> String {
        words
            .iter()
            .map(|w| {
                if w.text.is_empty() || w.text.contains(char::is_whitespace) {
                    format!("'{}'", w.text.replace('\'', "'\\''"))
                } else {
                    w.text.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Standard folders whose programs are the system's own (so `/bin/ls` is `ls`).
const SYSTEM_DIRS: &[&str] = &[
    "/bin/",
    "/usr/bin/",
    "/usr/local/bin/",
    "/sbin/",
    "/usr/sbin/",
    "/opt/homebrew/bin/",
];

/// Judges a command given as words: `argv[0]` is the program.
pub fn judge_argv(argv: &[Word], stdin: &Stdin, depth: usize) -> Verdict {
    let Some((first, args)) = argv.split_first() else {
        return Verdict::read("nothing to run");
    };
    if depth > 12 {
        return Verdict::update("nested too deeply to judge");
    }
    if first.dynamic {
        return Verdict::update(format!(
            "the program name `{}` is only known when the shell runs",
            first.text
        ));
    }
    let program = match program_name(&first.text) {
        Ok(name) => name,
        Err(verdict) => return verdict,
    };
    let call = Call {
        program,
        args,
        stdin,
        depth,
    };
    builtin(&call)
        .or_else(|| wrapper(&call).map(not_plain))
        .or_else(|| shell(&call))
        .or_else(|| files::judge(&call))
        .or_else(|| dev::judge(&call))
        .or_else(|| ops::judge(&call))
        .unwrap_or_else(|| Verdict::unknown_program(program))
}

/// A wrapped command is not a plain command: no advisor may judge it.
fn not_plain(mut verdict: Verdict) -> Verdict {
    verdict.unknown_program = false;
    verdict
}

fn program_name(text: &str) -> Result<&str, Verdict> {
    if !text.contains('/') {
        return Ok(text);
    }
    for dir in SYSTEM_DIRS {
        if let Some(name) = text
            .strip_prefix(dir)
            .filter(|n| !n.contains('/') && !n.is_empty())
        {
            return Ok(name);
        }
    }
    Err(Verdict::update(format!(
        "runs {text}, a program outside the system folders"
    )))
}

/// Shell builtins and the few tiny programs that behave like them.
fn builtin(call: &Call) -> Option<Verdict> {
    let args = call.args;
    let verdict = match call.program {
        "cd" | "pushd" | "popd" | "dirs" | "pwd" | "true" | "false" | ":" | "test" | "[" | "[["
        | "echo" | "wait" | "jobs" | "read" | "exit" | "return" | "shift" | "type" | "times"
        | "logout" => Verdict::read(format!("{} only reads or prints", call.program)),
        "printf" if has_flag(args, 'v', "") => Verdict::update("printf -v sets a shell variable"),
        "printf" => Verdict::read("printf prints"),
        "command" if args.first().is_some_and(|a| a.is("-v") || a.is("-V")) => {
            Verdict::read("command -v looks a program up")
        }
        "hash" if args.is_empty() => Verdict::read("hash lists remembered programs"),
        "history" if has_flag(args, 'c', "") || has_flag(args, 'd', "") => {
            Verdict::delete("history -c/-d erases shell history")
        }
        "history" if args.iter().all(|a| !a.is_option() || a.is("-n")) => {
            Verdict::read("history prints past commands")
        }
        "ulimit" | "umask" if args.iter().all(|a| a.is_option()) => {
            Verdict::read(format!("{} prints limits", call.program))
        }
        "alias" if args.iter().all(|a| !a.text.contains('=')) => {
            Verdict::read("alias prints aliases")
        }
        "set" if args.is_empty() => Verdict::read("set prints variables"),
        "trap" => {
            let action = args.iter().find(|a| !a.is_option());
            match action {
                Some(action) if args.len() >= 2 => call
                    .script(&action.text)
                    .at_least(Verdict::read("trap sets a handler")),
                _ => Verdict::read("trap lists handlers"),
            }
        }
        "eval" => {
            let known: Option<Vec<&str>> = args.iter().map(Word::known_text).collect();
            match known {
                Some(parts) => call
                    .script(&parts.join(" "))
                    .at_least(Verdict::update("eval runs text as shell code")),
                None => Verdict::update("eval runs text only known when the shell runs"),
            }
        }
        "man" | "info" | "whatis" | "apropos" => {
            let runs_other = args.iter().any(|a| {
                ["-P", "--pager", "-H", "--html", "-X", "--gxditview"]
                    .iter()
                    .any(|o| a.text == *o || a.text.starts_with(&format!("{o}=")))
                    || (a.text.starts_with("-P") && a.text.len() > 2)
            });
            if runs_other {
                Verdict::update(format!(
                    "{} with a pager or browser option runs another program",
                    call.program
                ))
            } else {
                Verdict::read(format!("{} shows documentation", call.program))
            }
        }
        "source" | "." => Verdict::update(format!("{} runs a file's shell code", call.program)),
        "exec" if args.is_empty() => Verdict::update("exec changes the shell's file descriptors"),
        _ => return None,
    };
    Some(verdict)
}

/// Options of wrappers that take a value, so the wrapped command is found after them.
fn skip_options<'w>(args: &'w [Word], with_value: &[&str]) -> &'w [Word] {
    let mut rest = args;
    while let Some(first) = rest.first() {
        if first.is("--") {
            return &rest[1..];
        }
        if !first.is_option() {
            break;
        }
        let takes_value = with_value.iter().any(|o| first.text == *o);
        rest = &rest[if takes_value { 2.min(rest.len()) } else { 1 }..];
    }
    rest
}

/// Programs that run another command: judged by what they run.
fn wrapper(call: &Call) -> Option<Verdict> {
    let args = call.args;
    let inner = match call.program {
        "sudo" | "doas" => {
            if has_flag(args, 'i', "--login")
                || has_flag(args, 's', "--shell") && skip_options(args, &["-u", "-g"]).is_empty()
            {
                return Some(Verdict::update("sudo opens a root shell"));
            }
            if args.iter().all(Word::is_option) {
                return Some(Verdict::update(format!(
                    "{} without a command changes credentials",
                    call.program
                )));
            }
            skip_options(
                args,
                &[
                    "-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "--user", "--group",
                ],
            )
        }
        "nice" => skip_options(args, &["-n", "--adjustment"]),
        "ionice" => skip_options(args, &["-c", "-n", "-p", "-P", "-u"]),
        "nohup" | "time" | "builtin" | "exec" | "unbuffer" | "caffeinate" | "setsid" => {
            skip_options(args, &[])
        }
        "command" => skip_options(args, &[]),
        "stdbuf" => skip_options(args, &["-i", "-o", "-e"]),
        "timeout" => {
            let rest = skip_options(args, &["-s", "--signal", "-k", "--kill-after"]);
            rest.get(1..).unwrap_or_default()
        }
        "chrt" | "taskset" => {
            let rest = skip_options(args, &[]);
            rest.get(1..).unwrap_or_default()
        }
        "env" => return Some(env(call)),
        "xargs" => return Some(xargs(call)),
        "parallel" => {
            let end = args
                .iter()
                .position(|a| a.is(":::") || a.is("::::"))
                .unwrap_or(args.len());
            let command = skip_options(&args[..end], &["-j", "--jobs", "-S", "--sshlogin"]);
            if command.is_empty() {
                return Some(Verdict::update(
                    "parallel runs commands read from its input",
                ));
            }
            return Some(call.run(command).at_least(Verdict::read("parallel")));
        }
        "watch" => {
            let command = skip_options(args, &["-n", "--interval", "-d"]);
            return Some(call.script(&Call::joined(command)));
        }
        _ => return None,
    };
    if inner.is_empty() {
        return Some(Verdict::read(format!("{} with no command", call.program)));
    }
    Some(call.run(inner))
}

fn env(call: &Call) -> Verdict {
    let mut verdicts = Vec::new();
    let mut rest = call.args;
    while let Some(first) = rest.first() {
        if first.is("-u")
            || first.is("--unset")
            || first.is("-C")
            || first.is("--chdir")
            || first.is("-S")
        {
            if first.is("-S") {
                // -S splits one string into the command and its arguments.
                let split: Vec<&str> = rest[1..].iter().map(|w| w.text.as_str()).collect();
                return call.script(&split.join(" "));
            }
            rest = rest.get(2..).unwrap_or_default();
        } else if first.is_option() {
            rest = &rest[1..];
        } else if let Some((name, value)) = first.text.split_once('=') {
            if first.dynamic && name.contains('$') {
                return Verdict::update(
                    "env sets a variable whose name is only known when the shell runs",
                );
            }
            let assignment = format!("{name}={}", shell_quote(value));
            verdicts.push(call.script(&assignment));
            rest = &rest[1..];
        } else {
            break;
        }
    }
    if rest.is_empty() {
        verdicts.push(Verdict::read("env prints the environment"));
    } else {
        verdicts.push(call.run(rest));
    }
    Verdict::max_of(verdicts)
}

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

fn xargs(call: &Call) -> Verdict {
    let command = skip_options(
        call.args,
        &[
            "-n",
            "-L",
            "-P",
            "-s",
            "-d",
            "-a",
            "-E",
            "-e",
            "-I",
            "-i",
            "--max-args",
            "--max-lines",
            "--max-procs",
            "--delimiter",
            "--arg-file",
            "--replace",
        ],
    );
    if command.is_empty() {
        return Verdict::read("xargs echoes its input");
    }
    // The arguments come from input the classifier cannot see.
    call.run_with_stdin(command, &Stdin::Inherited)
        .at_least(Verdict::read("xargs"))
}

const SHELLS: &[&str] = &["sh", "bash", "zsh", "dash", "ksh", "fish", "ash", "busybox"];

/// Shells: judged by the script they run when it is known (`-c`, a here-document, `echo … |`).
fn shell(call: &Call) -> Option<Verdict> {
    if !SHELLS.contains(&call.program) {
        return None;
    }
    let args = call.args;
    if let Some(at) = args
        .iter()
        .position(|a| a.is_option() && a.text.contains('c') && !a.text.starts_with("--"))
    {
        return Some(match args.get(at + 1) {
            Some(script) if !script.dynamic || script.substituted => call
                .script(&script.text)
                .at_least(Verdict::read(format!("{} -c", call.program))),
            _ => Verdict::update(format!(
                "{} runs code only known when the shell runs",
                call.program
            )),
        });
    }
    if let Some(script) = first_operand(args) {
        return Some(Verdict::update(format!(
            "{} runs the script {}",
            call.program, script.text
        )));
    }
    Some(match call.stdin {
        Stdin::Text(text) => call
            .script(text)
            .at_least(Verdict::read(format!("{} reads commands", call.program))),
        Stdin::Inherited => {
            Verdict::update(format!("{} starts an interactive shell", call.program))
        }
        Stdin::File(file) => {
            Verdict::update(format!("{} runs the commands in {file}", call.program))
        }
        Stdin::Piped => Verdict::update(format!("{} runs commands it is fed", call.program)),
    })
}

/// What a command prints when that is fixed text, so `$(echo rm)` or `echo 'cmd' | sh` can be
/// judged. Only simple, well-known printers count.
pub fn static_output(words: &[Word], stdin: &Stdin) -> Option<String> {
    let (program, args) = words.split_first()?;
    match program.text.as_str() {
        "echo" => {
            let rest: Vec<&str> = args
                .iter()
                .map(|a| a.text.as_str())
                .skip_while(|a| matches!(*a, "-n" | "-e" | "-E"))
                .collect();
            Some(rest.join(" "))
        }
        "printf" => {
            let (format, rest) = args.split_first()?;
            if format.text == "%s" || format.text == "%s\\n" {
                Some(
                    rest.iter()
                        .map(|a| a.text.as_str())
                        .collect::<Vec<_>>()
                        .join(""),
                )
            } else if rest.is_empty() && !format.text.contains('%') {
                Some(format.text.replace("\\n", "\n"))
            } else {
                None
            }
        }
        "which" | "type" if args.len() == 1 => Some(args[0].text.clone()),
        "command" if args.len() == 2 && args[0].text == "-v" => Some(args[1].text.clone()),
        "cat" if args.is_empty() => match stdin {
            Stdin::Text(text) => Some(text.clone()),
            _ => None,
        },
        "base64" if args.iter().any(|a| a.text == "-d" || a.text == "--decode") => match stdin {
            Stdin::Text(text) => decode_base64(text.trim()),
            _ => None,
        },
        _ => None,
    }
}

fn decode_base64(text: &str) -> Option<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for byte in text
        .bytes()
        .filter(|b| *b != b'=' && !b.is_ascii_whitespace())
    {
        let value = u32::try_from(ALPHABET.iter().position(|c| *c == byte)?).ok()?;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push(u8::try_from((bits >> count) & 0xff).ok()?);
        }
    }
    String::from_utf8(out).ok()
}
