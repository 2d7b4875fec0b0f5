//! Program rules for operations tools: containers, clusters and infrastructure, cloud CLIs,
//! services and the system, network clients, and database clients (with a SQL judge).

mod cloud;
mod containers;
mod crypto;
mod databases;
mod db_tools;
mod disks;
mod host;
mod http;
mod httpie;
mod infra;
mod kube;
mod mongo;
mod netconf;
mod redis;
mod remote;
mod services;
mod sql;
mod sql_meta;
mod sql_names;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_more;

use super::{skip_options, Call};
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    containers::judge(call)
        .or_else(|| kube::judge(call))
        .or_else(|| infra::judge(call))
        .or_else(|| cloud::judge(call))
        .or_else(|| services::judge(call))
        .or_else(|| host::judge(call))
        .or_else(|| disks::judge(call))
        .or_else(|| netconf::judge(call))
        .or_else(|| http::judge(call))
        .or_else(|| remote::judge(call))
        .or_else(|| crypto::judge(call))
        .or_else(|| databases::judge(call))
        .or_else(|| db_tools::judge(call))
        .or_else(|| redis::judge(call))
        .or_else(|| mongo::judge(call))
}

/// Whether an option word names one of `names`, alone or as `--name=value`.
fn names_option(word: &Word, names: &[&str]) -> bool {
    names.iter().any(|name| {
        word.text == *name
            || word
                .text
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('='))
    })
}

/// The words that are not options nor the values of the options in `valued`.
fn positionals<'w>(args: &'w [Word], valued: &[&str]) -> Vec<&'w Word> {
    let mut found = Vec::new();
    let mut rest = args;
    while let Some(first) = rest.first() {
        if first.is("--") {
            found.extend(&rest[1..]);
            break;
        }
        if first.is_option() {
            let takes_value = valued.iter().any(|name| first.text == *name);
            rest = &rest[if takes_value { 2.min(rest.len()) } else { 1 }..];
        } else {
            found.push(first);
            rest = &rest[1..];
        }
    }
    found
}

/// The values given to any of the options `names` (`--name value`, `--name=value`), before `--`.
fn option_values(args: &[Word], names: &[&str]) -> Vec<Word> {
    let mut values = Vec::new();
    let mut iter = args.iter().take_while(|w| w.text != "--").peekable();
    while let Some(word) = iter.next() {
        if !word.is_option() {
            continue;
        }
        for name in names {
            if word.text == *name {
                if let Some(value) = iter.next() {
                    values.push(value.clone());
                }
                break;
            }
            if let Some(value) = word
                .text
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('='))
            {
                values.push(Word {
                    text: value.to_string(),
                    dynamic: word.dynamic,
                    substituted: word.substituted,
                    expanded: None,
                });
                break;
            }
        }
    }
    values
}

/// Whether any of the options `names` is present (alone or as `--name=value`), before `--`.
fn has_option(args: &[Word], names: &[&str]) -> bool {
    args.iter()
        .take_while(|w| w.text != "--")
        .any(|w| w.is_option() && names_option(w, names))
}

/// The texts of words joined by spaces, for reasons.
fn join_texts(words: &[&Word]) -> String {
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a word is only known when the shell runs, or carries a command substitution.
fn any_dynamic(args: &[Word]) -> Option<&Word> {
    args.iter().find(|w| w.dynamic || w.substituted)
}

/// One parsed option: its name as written (`-c`, `--command`) and its value, if it takes one.
struct Parsed {
    name: String,
    value: Option<Word>,
}

/// Options parsed the getopt way: short clusters (`-tAc SQL`), short options in
/// `short_valued` taking the rest of the cluster or the next word, those in `attached_only`
/// taking only the rest of the cluster (`mysql -pSECRET`), long options taking `=value` or,
/// when listed in `long_valued`, the next word. Returns the options and the operands.
fn getopt<'w>(
    args: &'w [Word],
    short_valued: &str,
    attached_only: &str,
    long_valued: &[&str],
) -> (Vec<Parsed>, Vec<&'w Word>) {
    let mut options = Vec::new();
    let mut operands = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let word = &args[i];
        i += 1;
        let text = word.text.as_str();
        if text == "--" {
            operands.extend(&args[i..]);
            break;
        }
        if !word.is_option() {
            operands.push(word);
        } else if text.starts_with("--") {
            match text.split_once('=') {
                Some((name, value)) => options.push(Parsed {
                    name: name.to_string(),
                    value: Some(Word {
                        text: value.to_string(),
                        ..word.clone()
                    }),
                }),
                None if long_valued.contains(&text) => {
                    options.push(Parsed {
                        name: text.to_string(),
                        value: args.get(i).cloned(),
                    });
                    i += 1;
                }
                None => options.push(Parsed {
                    name: text.to_string(),
                    value: None,
                }),
            }
        } else {
            for (at, letter) in text.char_indices().skip(1) {
                let name = format!("-{letter}");
                let attached = &text[at + letter.len_utf8()..];
                if short_valued.contains(letter) || attached_only.contains(letter) {
                    let value = if !attached.is_empty() {
                        Some(Word {
                            text: attached.to_string(),
                            ..word.clone()
                        })
                    } else if short_valued.contains(letter) {
                        i += 1;
                        args.get(i - 1).cloned()
                    } else {
                        None
                    };
                    options.push(Parsed { name, value });
                    break;
                }
                options.push(Parsed { name, value: None });
            }
        }
    }
    (options, operands)
}

/// The values of the parsed options named in `names`.
fn values_of<'p>(options: &'p [Parsed], names: &[&str]) -> Vec<&'p Word> {
    options
        .iter()
        .filter(|o| names.contains(&o.name.as_str()))
        .filter_map(|o| o.value.as_ref())
        .collect()
}

/// Whether a parsed option named in `names` is present.
fn has_parsed(options: &[Parsed], names: &[&str]) -> bool {
    options.iter().any(|o| names.contains(&o.name.as_str()))
}
