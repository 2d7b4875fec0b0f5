//! find and fd: walk the expression (predicates that take an argument skip it), judge the
//! commands of `-exec`/`-ok`/`--exec`, and catch `-delete` and the `-fprint` family.

use super::options::{
    cannot_see, check_operand, is_harmless_output, is_opaque, parse, Judged, Spec, Takes,
};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

/// Options before the starting points, with how many words they take after themselves.
fn leading_option(text: &str) -> Option<usize> {
    match text {
        "-H" | "-L" | "-P" | "-E" | "-X" | "-d" | "-s" | "-x" => Some(0),
        "-D" | "-f" => Some(1),
        _ if text.starts_with("-O") && text[2..].chars().all(|c| c.is_ascii_digit()) => Some(0),
        _ => None,
    }
}

const NO_ARGUMENT: &[&str] = &[
    "(",
    ")",
    "!",
    ",",
    "-not",
    "-and",
    "-a",
    "-or",
    "-o",
    "-depth",
    "-d",
    "-empty",
    "-executable",
    "-false",
    "-follow",
    "-ignore_readdir_race",
    "-noignore_readdir_race",
    "-ls",
    "-mount",
    "-xdev",
    "-noleaf",
    "-nouser",
    "-nogroup",
    "-print",
    "-print0",
    "-prune",
    "-quit",
    "-readable",
    "-true",
    "-warn",
    "-nowarn",
    "-writable",
    "-daystart",
    "-help",
    "--help",
    "-version",
    "--version",
    "-acl",
    "-xattr",
];

const ONE_ARGUMENT: &[&str] = &[
    "-name",
    "-iname",
    "-path",
    "-ipath",
    "-wholename",
    "-iwholename",
    "-regex",
    "-iregex",
    "-lname",
    "-ilname",
    "-type",
    "-xtype",
    "-size",
    "-newer",
    "-anewer",
    "-cnewer",
    "-mnewer",
    "-mtime",
    "-mmin",
    "-atime",
    "-amin",
    "-ctime",
    "-cmin",
    "-Bmin",
    "-Btime",
    "-Bnewer",
    "-used",
    "-user",
    "-group",
    "-uid",
    "-gid",
    "-perm",
    "-maxdepth",
    "-mindepth",
    "-links",
    "-inum",
    "-samefile",
    "-fstype",
    "-context",
    "-regextype",
    "-files0-from",
    "-printf",
    "-flags",
    "-xattrname",
];

/// `-newerXY`: compares a time of kind X with a time of kind Y of a reference.
fn is_newer_xy(text: &str) -> bool {
    text.strip_prefix("-newer")
        .is_some_and(|kinds| kinds.len() == 2 && kinds.chars().all(|c| "aBcmt".contains(c)))
}

pub fn find(call: &Call) -> Judged {
    let args = call.args;
    // Word splitting could turn any unquoted expansion into `;` or `-delete`.
    if let Some(word) = args.iter().find(|w| is_opaque(w)) {
        return Err(cannot_see(word));
    }
    let mut at = 0;
    while let Some(skip) = args.get(at).and_then(|w| leading_option(&w.text)) {
        at += 1 + skip;
    }
    while let Some(word) = args.get(at) {
        let text = word.text.as_str();
        if text.starts_with('-') || matches!(text, "(" | ")" | "!" | ",") {
            break;
        }
        check_operand("find", word)?;
        at += 1;
    }
    let mut verdicts = vec![Verdict::read("find lists files")];
    while let Some(word) = args.get(at) {
        at += 1;
        let text = word.text.as_str();
        match text {
            _ if NO_ARGUMENT.contains(&text) => {}
            _ if ONE_ARGUMENT.contains(&text) || is_newer_xy(text) => at += 1,
            "-delete" => verdicts.push(Verdict::delete("find -delete removes what it finds")),
            "-fprint" | "-fprint0" | "-fls" | "-fprintf" => {
                let file = args.get(at).map_or("", |w| w.text.as_str());
                at += if text == "-fprintf" { 2 } else { 1 };
                if !is_harmless_output(file) {
                    verdicts.push(Verdict::create(format!("find {text} writes {file}")));
                }
            }
            "-exec" | "-execdir" | "-ok" | "-okdir" => {
                let command = exec_command(&args[at..]);
                at += command.len() + 1;
                verdicts.push(if command.is_empty() {
                    Verdict::update(format!("find {text} without a command"))
                } else {
                    judge_command(call, command, &["{}"])
                });
            }
            // A stray word: find refuses the whole expression before doing anything.
            _ if !text.starts_with('-') => {}
            _ => {
                return Err(Verdict::update(format!(
                    "find {text} is a predicate the rules do not know"
                )))
            }
        }
    }
    Ok(Verdict::max_of(verdicts))
}

/// Judges a command run per file. A placeholder inside a longer word (`sh -c 'cat {}'`,
/// `sed 's/{}//'`) splices file names into the text, where a planted name can become code, so
/// such a command is never READ.
fn judge_command(call: &Call, command: &[Word], placeholders: &[&str]) -> Verdict {
    let splices = command.iter().any(|word| {
        !placeholders.contains(&word.text.as_str())
            && placeholders.iter().any(|p| word.text.contains(p))
    });
    let verdict = call.run(command);
    if splices && verdict.is_read() {
        verdict.at_least(Verdict::update(
            "the command has file names spliced into its text, so a file name could become code",
        ))
    } else {
        verdict
    }
}

/// The command of `-exec`: up to `;`, or up to `+` right after `{}`.
fn exec_command(words: &[Word]) -> &[Word] {
    let end = words
        .iter()
        .enumerate()
        .position(|(index, word)| {
            word.text == ";" || (word.text == "+" && index > 0 && words[index - 1].text == "{}")
        })
        .unwrap_or(words.len());
    &words[..end]
}

const FD: Spec = Spec {
    flags: "HIusigFal0LpqhV1",
    valued: "dteEjcSo",
    attached: "",
    long: &[
        ("hidden", Takes::Nothing),
        ("no-hidden", Takes::Nothing),
        ("no-ignore", Takes::Nothing),
        ("ignore", Takes::Nothing),
        ("no-ignore-vcs", Takes::Nothing),
        ("ignore-vcs", Takes::Nothing),
        ("no-require-git", Takes::Nothing),
        ("require-git", Takes::Nothing),
        ("no-ignore-parent", Takes::Nothing),
        ("no-global-ignore-file", Takes::Nothing),
        ("unrestricted", Takes::Nothing),
        ("case-sensitive", Takes::Nothing),
        ("ignore-case", Takes::Nothing),
        ("glob", Takes::Nothing),
        ("regex", Takes::Nothing),
        ("fixed-strings", Takes::Nothing),
        ("and", Takes::Value),
        ("absolute-path", Takes::Nothing),
        ("relative-path", Takes::Nothing),
        ("list-details", Takes::Nothing),
        ("follow", Takes::Nothing),
        ("no-follow", Takes::Nothing),
        ("full-path", Takes::Nothing),
        ("print0", Takes::Nothing),
        ("max-depth", Takes::Value),
        ("maxdepth", Takes::Value),
        ("min-depth", Takes::Value),
        ("exact-depth", Takes::Value),
        ("exclude", Takes::Value),
        ("prune", Takes::Nothing),
        ("type", Takes::Value),
        ("extension", Takes::Value),
        ("size", Takes::Value),
        ("changed-within", Takes::Value),
        ("changed-before", Takes::Value),
        ("newer", Takes::Value),
        ("older", Takes::Value),
        ("owner", Takes::Value),
        ("format", Takes::Value),
        ("batch-size", Takes::Value),
        ("ignore-file", Takes::Value),
        ("color", Takes::Value),
        ("hyperlink", Takes::Attached),
        ("threads", Takes::Value),
        ("max-buffer-time", Takes::Value),
        ("max-results", Takes::Value),
        ("quiet", Takes::Nothing),
        ("show-errors", Takes::Nothing),
        ("base-directory", Takes::Value),
        ("path-separator", Takes::Value),
        ("search-path", Takes::Value),
        ("strip-cwd-prefix", Takes::Attached),
        ("one-file-system", Takes::Nothing),
        ("mount", Takes::Nothing),
        ("help", Takes::Nothing),
        ("version", Takes::Nothing),
    ],
    negations: false,
};

/// An fd option that starts a command (`-x`, `--exec`, `-X`, `--exec-batch`, or a cluster such
/// as `-Hx` ending in one), and the command's first word when attached (`--exec=cmd`).
fn fd_exec(text: &str) -> Option<Option<&str>> {
    if let Some(long) = text.strip_prefix("--") {
        let (name, attached) = match long.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (long, None),
        };
        return matches!(name, "exec" | "exec-batch").then_some(attached);
    }
    let before = text.strip_prefix('-')?.strip_suffix(['x', 'X'])?;
    before.chars().all(|c| FD.flags.contains(c)).then_some(None)
}

pub fn fd(call: &Call) -> Judged {
    let args = call.args;
    if let Some(word) = args.iter().find(|w| is_opaque(w)) {
        return Err(cannot_see(word));
    }
    let mut verdicts = vec![Verdict::read(format!("{} lists files", call.program))];
    let mut rest: Vec<Word> = Vec::new();
    let mut at = 0;
    while let Some(word) = args.get(at) {
        at += 1;
        if word.text == "--" {
            rest.extend(args[at - 1..].iter().cloned());
            break;
        }
        let Some(attached) = fd_exec(&word.text) else {
            rest.push(word.clone());
            continue;
        };
        let end = args[at..]
            .iter()
            .position(|w| w.text == ";")
            .map_or(args.len(), |p| at + p);
        let mut command: Vec<Word> = attached.map(Word::literal).into_iter().collect();
        command.extend(args[at..end].iter().cloned());
        at = end + 1;
        verdicts.push(if command.is_empty() {
            Verdict::update(format!("{} {} without a command", call.program, word.text))
        } else {
            judge_command(call, &command, &["{}", "{/}", "{//}", "{.}", "{/.}"])
        });
    }
    parse(call.program, &rest, &FD)?;
    Ok(Verdict::max_of(verdicts))
}
