//! git's global options (with an allowlist for `-c` configuration overrides) and helpers for
//! git's option parser, which accepts unambiguous abbreviations of long options.

use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

/// Reads git's global options. Returns where the subcommand starts and the verdict of the
/// options themselves, or the final verdict when an option ends the command (`--version`).
pub fn global_options(args: &[Word]) -> Result<(usize, Verdict), Verdict> {
    let mut globals = Verdict::read("git's global options only choose a repository or output");
    let mut index = 0;
    while let Some(word) = args.get(index) {
        if !word.is_option() {
            break;
        }
        let text = word.text.as_str();
        let (name, inline_value) = match text.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value)),
            _ => (text, None),
        };
        match name {
            "--version" | "-v" | "--help" | "-h" | "--html-path" | "--man-path" | "--info-path"
            | "--list-cmds" => {
                return Err(Verdict::read("git prints its version, help or paths").max(globals));
            }
            "--exec-path" if inline_value.is_none() => {
                return Err(
                    Verdict::read("git --exec-path prints where git's programs are").max(globals),
                );
            }
            "--exec-path" => {
                return Err(Verdict::update(
                    "git --exec-path=… runs git programs from another folder",
                ));
            }
            "-c" => {
                globals = globals.max(config_override(args.get(index + 1)));
                index += 2;
            }
            "--config-env" => {
                let setting = match inline_value {
                    Some(value) => Some(Word {
                        text: value.to_string(),
                        ..word.clone()
                    }),
                    None => args.get(index + 1).cloned(),
                };
                globals = globals.max(config_override(setting.as_ref()));
                index += if inline_value.is_some() { 1 } else { 2 };
            }
            "-C" | "--git-dir" | "--work-tree" | "--namespace" | "--attr-source"
            | "--super-prefix" => index += if inline_value.is_some() { 1 } else { 2 },
            "-P"
            | "--no-pager"
            | "-p"
            | "--paginate"
            | "--no-optional-locks"
            | "--bare"
            | "--no-replace-objects"
            | "--literal-pathspecs"
            | "--glob-pathspecs"
            | "--noglob-pathspecs"
            | "--icase-pathspecs"
            | "--no-lazy-fetch"
            | "--no-advice" => {
                index += 1;
            }
            _ => {
                return Err(Verdict::update(format!(
                    "git {text} is not a known global option"
                )))
            }
        }
    }
    Ok((index, globals))
}

/// Configuration keys that only change how output looks or who commits: none of them can name
/// a program for git to run.
const HARMLESS_KEYS: &[&str] = &[
    "core.quotepath",
    "core.abbrev",
    "core.autocrlf",
    "core.safecrlf",
    "core.eol",
    "core.ignorecase",
    "core.precomposeunicode",
    "core.commentchar",
    "core.commentstring",
    "core.filemode",
    "core.whitespace",
    "diff.renames",
    "diff.noprefix",
    "diff.mnemonicprefix",
    "diff.algorithm",
    "diff.relative",
    "diff.context",
    "diff.interhunkcontext",
    "diff.statgraphwidth",
    "diff.statnamewidth",
    "diff.submodule",
    "diff.colormoved",
    "diff.colormovedws",
    "diff.wserrorhighlight",
    "diff.indentheuristic",
    "diff.suppressblankempty",
    "diff.dirstat",
    "diff.ignoresubmodules",
    "diff.renamelimit",
    "diff.srcprefix",
    "diff.dstprefix",
    "merge.conflictstyle",
    "user.name",
    "user.email",
    "user.useconfigonly",
    "author.name",
    "author.email",
    "committer.name",
    "committer.email",
    "init.defaultbranch",
    "tag.sort",
    "branch.sort",
    "pull.rebase",
    "pull.ff",
    "push.default",
    "rebase.autosquash",
    "rebase.autostash",
    "merge.ff",
    "commit.verbose",
];

/// Whole sections of display settings.
const HARMLESS_SECTIONS: &[&str] = &[
    "color.",
    "log.",
    "format.",
    "column.",
    "advice.",
    "i18n.",
    "pretty.",
    "status.",
    "blame.",
    "grep.",
    "versionsort.",
];

/// A `-c key=value` override: harmless display keys are fine; anything that could name a
/// program (core.pager, alias.*, diff.*.textconv, credential.*…) is not.
fn config_override(setting: Option<&Word>) -> Verdict {
    let Some(setting) = setting else {
        return Verdict::update("git -c without a setting");
    };
    let key = setting.text.split('=').next().unwrap_or_default();
    if setting.dynamic && (key.contains('$') || key.contains('`')) {
        return Verdict::update("git -c sets a key only known when the shell runs");
    }
    let lower = key.to_ascii_lowercase();
    let harmless = HARMLESS_KEYS.contains(&lower.as_str())
        || HARMLESS_SECTIONS.iter().any(|s| lower.starts_with(s));
    if harmless {
        Verdict::read(format!("git -c {key} only changes output"))
    } else {
        Verdict::update(format!("git -c {key} can make git run another program"))
    }
}

/// Whether `word` is the long option `full` or an abbreviation of it at least `min` long:
/// git's option parser accepts unambiguous abbreviations (`--ext` for `--ext-diff`).
pub fn abbreviates(word: &Word, full: &str, min: usize) -> bool {
    let name = word.text.split('=').next().unwrap_or_default();
    name.starts_with("--") && name.len() >= min && full.starts_with(name)
}

/// Whether any option before `--` is `full` or an abbreviation of it.
pub fn has_abbreviation(rest: &[Word], full: &str, min: usize) -> bool {
    rest.iter()
        .take_while(|w| w.text != "--")
        .any(|w| abbreviates(w, full, min))
}

/// The first long option before `--` that is not in `known` (an abbreviation, or an option
/// these rules do not know).
pub fn unknown_long_option<'w>(rest: &'w [Word], known: &[&str]) -> Option<&'w str> {
    rest.iter()
        .take_while(|w| w.text != "--")
        .map(|w| w.text.as_str())
        .filter(|t| t.starts_with("--"))
        .find(|t| !known.contains(&t.split('=').next().unwrap_or_default()))
}

/// The words without the values of the given options (`-e PATTERN`).
pub fn without_values(rest: &[Word], value_options: &[&str]) -> Vec<Word> {
    let mut kept = Vec::new();
    let mut skip_next = false;
    for word in rest {
        if skip_next {
            skip_next = false;
            continue;
        }
        skip_next = value_options.contains(&word.text.as_str());
        kept.push(word.clone());
    }
    kept
}
