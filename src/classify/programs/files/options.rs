//! Option parsing for programs whose effects depend on their options: each program's known
//! options are listed, so an option the rules do not know is refused rather than guessed at.

use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

/// A judgement that may be cut short by a refusal (an unknown option, a word only known when
/// the shell runs): both sides are verdicts, the refusal never READ.
pub type Judged = Result<Verdict, Verdict>;

/// How a long option takes its value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    Nothing,
    /// A value, attached (`--key=2`) or as the next word (`--key 2`).
    Value,
    /// A value only when attached (`--in-place=.bak`).
    Attached,
}

/// The options one program knows (GNU style: short clusters, long options that may be
/// abbreviated, options anywhere before `--`).
pub struct Spec {
    /// Short options without a value.
    pub flags: &'static str,
    /// Short options whose value is the rest of the cluster or the next word.
    pub valued: &'static str,
    /// Short options whose value can only be attached (`-i.bak`).
    pub attached: &'static str,
    pub long: &'static [(&'static str, Takes)],
    /// Any `--no-…` switch is accepted (programs whose negations only turn things off).
    pub negations: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Name {
    Short(char),
    Long(&'static str),
}

pub struct Opt<'a> {
    pub name: Name,
    pub value: Option<&'a str>,
}

impl Opt<'_> {
    /// `short` '\0' or `long` "" match nothing.
    pub fn is(&self, short: char, long: &str) -> bool {
        match self.name {
            Name::Short(c) => short != '\0' && c == short,
            Name::Long(name) => !long.is_empty() && name == long,
        }
    }
}

pub struct Parsed<'a> {
    pub options: Vec<Opt<'a>>,
    pub operands: Vec<&'a Word>,
}

impl<'a> Parsed<'a> {
    pub fn has(&self, short: char, long: &str) -> bool {
        self.options.iter().any(|o| o.is(short, long))
    }

    /// The value of the last occurrence of an option.
    pub fn value(&self, short: char, long: &str) -> Option<&'a str> {
        self.options
            .iter()
            .rev()
            .find(|o| o.is(short, long))
            .and_then(|o| o.value)
    }

    pub fn values(&self, short: char, long: &str) -> Vec<&'a str> {
        self.options
            .iter()
            .filter(|o| o.is(short, long))
            .filter_map(|o| o.value)
            .collect()
    }
}

/// Splits a command's arguments into options and operands by the program's option table.
pub fn parse<'a>(program: &str, args: &'a [Word], spec: &Spec) -> Result<Parsed<'a>, Verdict> {
    let mut parsed = Parsed {
        options: Vec::new(),
        operands: Vec::new(),
    };
    let mut index = 0;
    while let Some(word) = args.get(index) {
        index += 1;
        if is_opaque(word) {
            return Err(cannot_see(word));
        }
        if word.dynamic {
            parsed.operands.push(word);
            continue;
        }
        let text = word.text.as_str();
        if text == "--" {
            parsed.operands.extend(&args[index..]);
            break;
        }
        if text == "-" || !text.starts_with('-') {
            check_operand(program, word)?;
            parsed.operands.push(word);
            continue;
        }
        if let Some(long) = text.strip_prefix("--") {
            let (name, attached) = match long.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (long, None),
            };
            if spec.negations && name.starts_with("no-") && attached.is_none() {
                parsed.options.push(Opt {
                    name: Name::Long("no-"),
                    value: None,
                });
                continue;
            }
            let Some((canonical, takes)) = find_long(spec, name) else {
                return Err(unknown_option(program, text));
            };
            let value = match (takes, attached) {
                (Takes::Nothing, Some(_)) => return Err(unknown_option(program, text)),
                (Takes::Nothing, None) | (Takes::Attached, None) => None,
                (_, Some(value)) => Some(value),
                (Takes::Value, None) => {
                    index += 1;
                    next_value(args.get(index - 1))?
                }
            };
            parsed.options.push(Opt {
                name: Name::Long(canonical),
                value,
            });
            continue;
        }
        let cluster = &text[1..];
        for (at, c) in cluster.char_indices() {
            let rest = &cluster[at + c.len_utf8()..];
            if spec.flags.contains(c) {
                parsed.options.push(Opt {
                    name: Name::Short(c),
                    value: None,
                });
            } else if spec.valued.contains(c) {
                let value = if rest.is_empty() {
                    index += 1;
                    next_value(args.get(index - 1))?
                } else {
                    Some(rest)
                };
                parsed.options.push(Opt {
                    name: Name::Short(c),
                    value,
                });
                break;
            } else if spec.attached.contains(c) {
                parsed.options.push(Opt {
                    name: Name::Short(c),
                    value: (!rest.is_empty()).then_some(rest),
                });
                break;
            } else {
                return Err(unknown_option(program, &format!("-{c}")));
            }
        }
    }
    Ok(parsed)
}

fn next_value(word: Option<&Word>) -> Result<Option<&str>, Verdict> {
    match word {
        Some(word) if is_opaque(word) => Err(cannot_see(word)),
        Some(word) => Ok(Some(word.text.as_str())),
        None => Ok(None),
    }
}

/// The listed long option a (possibly abbreviated) name stands for, as getopt_long reads it.
fn find_long(spec: &Spec, name: &str) -> Option<(&'static str, Takes)> {
    if name.is_empty() {
        return None;
    }
    if let Some(exact) = spec.long.iter().find(|(long, _)| *long == name) {
        return Some(*exact);
    }
    let mut matches = spec.long.iter().filter(|(long, _)| long.starts_with(name));
    let first = matches.next()?;
    matches.next().is_none().then_some(*first)
}

/// A word the rules cannot read: an expansion other than a process substitution or a path
/// under `$HOME` (the core refuses assignments to HOME, so it is the user's real home).
pub fn is_opaque(word: &Word) -> bool {
    word.dynamic && !is_process_substitution(word) && !is_home_path(&word.text)
}

fn is_home_path(text: &str) -> bool {
    ["$HOME", "${HOME}"].iter().any(|home| {
        text.strip_prefix(home).is_some_and(|rest| {
            (rest.is_empty() || rest.starts_with('/')) && !rest.contains(['$', '`'])
        })
    })
}

/// `<(cmd)` or `>(cmd)` alone: the shell passes one `/dev/fd/N` path, never an option (the
/// command inside is judged by the core).
pub fn is_process_substitution(word: &Word) -> bool {
    let text = word.text.as_str();
    if !word.substituted || !(text.starts_with("<(") || text.starts_with(">(")) {
        return false;
    }
    let mut depth = 0usize;
    for (at, c) in text.char_indices().skip(1) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at == text.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

/// Refuses an operand that the shell may expand into an option (`*.txt` matching a file named
/// `-i.txt`): the classic wildcard injection.
pub fn check_operand(program: &str, word: &Word) -> Result<(), Verdict> {
    let text = word.text.as_str();
    if could_expand_to_option(text) {
        return Err(Verdict::update(format!(
            "the glob {text} could match a file named like a {program} option"
        )));
    }
    Ok(())
}

/// Whether a word, if the shell expands it as a pattern, could yield a word starting with `-`.
/// Words with whitespace were quoted, so the shell did not expand them.
fn could_expand_to_option(text: &str) -> bool {
    if text.contains(char::is_whitespace) {
        return false;
    }
    if text.starts_with(['*', '?']) || ["!(", "@(", "+("].iter().any(|p| text.starts_with(p)) {
        return true;
    }
    if text.starts_with('{') {
        return text.contains("{-") || text.contains(",-");
    }
    text.strip_prefix('[').is_some_and(bracket_matches_dash)
}

/// Whether a bracket expression (after its `[`) can match `-`. An unterminated one is literal.
fn bracket_matches_dash(rest: &str) -> bool {
    let chars: Vec<char> = rest.chars().collect();
    if chars.first().is_some_and(|c| matches!(c, '!' | '^')) {
        return true;
    }
    let mut at = 0;
    let mut matches = false;
    while let Some(&c) = chars.get(at) {
        if c == ']' && at > 0 {
            return matches;
        }
        if c == '[' && chars.get(at + 1) == Some(&':') {
            let class: String = chars[at + 2..].iter().take_while(|c| **c != ':').collect();
            matches |= matches!(class.as_str(), "punct" | "graph" | "print");
            at += class.chars().count() + 4;
            continue;
        }
        match (chars.get(at + 1), chars.get(at + 2)) {
            (Some('-'), Some(&high)) if high != ']' => {
                matches |= c <= '-' && '-' <= high;
                at += 3;
            }
            _ => {
                matches |= c == '-';
                at += 1;
            }
        }
    }
    false
}

pub fn cannot_see(word: &Word) -> Verdict {
    Verdict::update(format!("cannot see what {} expands to", word.text))
}

pub fn unknown_option(program: &str, option: &str) -> Verdict {
    Verdict::update(format!(
        "{program} {option} is an option the rules do not know"
    ))
}

/// Output targets that only reach the terminal or nowhere.
pub fn is_harmless_output(path: &str) -> bool {
    matches!(
        path,
        "/dev/null" | "/dev/stdout" | "/dev/stderr" | "/dev/tty"
    )
}

/// Names for a reason: the first few, then an ellipsis.
pub fn names<'w>(words: impl IntoIterator<Item = &'w Word>) -> String {
    let all: Vec<&str> = words.into_iter().map(|w| w.text.as_str()).collect();
    match all.len() {
        0 => "its input".to_string(),
        1..=3 => all.join(" "),
        _ => format!("{} …", all[..3].join(" ")),
    }
}
