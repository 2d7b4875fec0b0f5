//! Helpers shared by the developer-tool rules: finding a subcommand past options, calls that
//! only print a version or help, and small tables of reading, creating and deleting subcommands.

use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

/// The first operand (usually a subcommand) and the words after it, skipping options and the
/// values of the options in `value_options` (`--prefix dir`).
pub fn split_subcommand<'w>(
    args: &'w [Word],
    value_options: &[&str],
) -> Option<(&'w Word, &'w [Word])> {
    let mut index = 0;
    while let Some(word) = args.get(index) {
        if word.text == "--" {
            return args.get(index + 1).map(|next| (next, &args[index + 2..]));
        }
        if !word.is_option() {
            return Some((word, &args[index + 1..]));
        }
        index += if value_options.contains(&word.text.as_str()) {
            2
        } else {
            1
        };
    }
    None
}

/// The operands, skipping options and the values of the options in `value_options`.
pub fn operands_skipping<'w>(args: &'w [Word], value_options: &[&str]) -> Vec<&'w Word> {
    let mut found = Vec::new();
    let mut index = 0;
    while let Some(word) = args.get(index) {
        if word.text == "--" {
            found.extend(&args[index + 1..]);
            break;
        }
        if word.is_option() {
            index += if value_options.contains(&word.text.as_str()) {
                2
            } else {
                1
            };
            continue;
        }
        found.push(word);
        index += 1;
    }
    found
}

/// The subcommand's name, or None when it is only known when the shell runs.
pub fn literal(word: &Word) -> Option<&str> {
    (!word.dynamic).then_some(word.text.as_str())
}

/// Whether there is at least one argument and every one is among `flags` (`--version`, `-h`).
pub fn only_flags(args: &[Word], flags: &[&str]) -> bool {
    !args.is_empty()
        && args
            .iter()
            .all(|a| !a.dynamic && flags.contains(&a.text.as_str()))
}

/// Whether any word before `--` is exactly one of `options` or, for a long option, starts
/// with `option=`.
pub fn has_any(args: &[Word], options: &[&str]) -> bool {
    args.iter().take_while(|w| w.text != "--").any(|w| {
        options.iter().any(|o| {
            w.text == *o
                || (o.len() > 2
                    && w.text.starts_with(o)
                    && w.text.as_bytes().get(o.len()) == Some(&b'='))
        })
    })
}

/// The first operand's text, for reasons ("branch experiment"); `?` when there is none.
pub fn first_text(words: &[&Word]) -> String {
    words
        .first()
        .map_or_else(|| "?".to_string(), |w| w.text.clone())
}

/// A verdict for a subcommand only known when the shell runs.
pub fn dynamic_subcommand(tool: &str) -> Verdict {
    Verdict::update(format!(
        "the {tool} subcommand is only known when the shell runs"
    ))
}

/// A tool that runs another command in a prepared environment (`uv run`, `bundle exec`): at
/// least UPDATE, and as risky as the command it runs.
pub fn runs_command(call: &Call, reason: String, command: &[Word]) -> Verdict {
    Verdict::update(reason).max(call.run(command))
}

/// How a tool's subcommands behave; any subcommand not listed changes state or runs code.
pub struct Subcommands<'a> {
    pub tool: &'a str,
    pub read: &'a [&'a str],
    pub create: &'a [&'a str],
    pub delete: &'a [&'a str],
    /// Subcommands that talk to the network.
    pub net: &'a [&'a str],
    /// What the tool manages, for reasons: "packages", "toolchains".
    pub noun: &'a str,
}

impl Subcommands<'_> {
    pub fn judge(&self, sub: &Word) -> Verdict {
        let Some(name) = literal(sub) else {
            return dynamic_subcommand(self.tool);
        };
        self.judge_name(name)
    }

    pub fn judge_name(&self, name: &str) -> Verdict {
        let tool = self.tool;
        let noun = self.noun;
        let verdict = if self.read.contains(&name) {
            Verdict::read(format!("{tool} {name} only reads and prints"))
        } else if self.create.contains(&name) {
            Verdict::create(format!("{tool} {name} creates {noun}"))
        } else if self.delete.contains(&name) {
            Verdict::delete(format!("{tool} {name} removes {noun}"))
        } else {
            Verdict::update(format!("{tool} {name} changes {noun} or runs code"))
        };
        if self.net.contains(&name) {
            verdict.net()
        } else {
            verdict
        }
    }
}
