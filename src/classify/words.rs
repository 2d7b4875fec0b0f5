//! A shell word after quoting is resolved: its literal text, and whether part of it is only
//! known when the shell runs (a variable, a substitution, a glob).

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The text with quotes and escapes removed; expansions appear as written (`$HOME`).
    pub text: String,
    /// Part of the word is expanded by the shell (a variable or a substitution).
    pub dynamic: bool,
    /// A command substitution is part of the word.
    pub substituted: bool,
    /// What the word expands to when that is known without running anything (a substitution
    /// of `echo`, `printf`, `which`, `base64 -d` of literal text).
    pub expanded: Option<String>,
}

impl Word {
    pub fn literal(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            dynamic: false,
            substituted: false,
            expanded: None,
        }
    }

    /// The text the shell would use, when it is known.
    pub fn known_text(&self) -> Option<&str> {
        match (&self.expanded, self.dynamic) {
            (Some(text), _) => Some(text),
            (None, false) => Some(&self.text),
            (None, true) => None,
        }
    }

    pub fn starts_with(&self, prefix: &str) -> bool {
        self.text.starts_with(prefix)
    }

    pub fn is(&self, text: &str) -> bool {
        !self.dynamic && self.text == text
    }

    /// A flag-like word (`-x`, `--long`), excluding the lone `-` (stdin) and `--`.
    pub fn is_option(&self) -> bool {
        self.text.starts_with('-') && self.text != "-" && self.text != "--"
    }
}

/// The texts of words, for matching.
pub fn texts(words: &[Word]) -> Vec<&str> {
    words.iter().map(|w| w.text.as_str()).collect()
}

/// Whether a short-option cluster (`-rf`) or a long option (`--force`) is present, looking only
/// before a `--` end-of-options marker.
pub fn has_flag(words: &[Word], short: char, long: &str) -> bool {
    words.iter().take_while(|w| w.text != "--").any(|w| {
        (!long.is_empty() && (w.text == long || w.text.starts_with(&format!("{long}="))))
            || (short != '\0'
                && w.text.starts_with('-')
                && !w.text.starts_with("--")
                && w.text[1..].chars().all(|c| c.is_ascii_alphanumeric())
                && w.text[1..].contains(short))
    })
}

/// The arguments that are not options (before `--`, words starting with `-` are options).
pub fn operands(words: &[Word]) -> Vec<&Word> {
    let mut after_marker = false;
    words
        .iter()
        .filter(|w| {
            if after_marker {
                return true;
            }
            if w.text == "--" {
                after_marker = true;
                return false;
            }
            !w.is_option()
        })
        .collect()
}

/// The first word that is not an option: usually a subcommand.
pub fn first_operand(words: &[Word]) -> Option<&Word> {
    operands(words).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<Word> {
        list.iter().map(|w| Word::literal(*w)).collect()
    }

    #[test]
    fn flags_and_operands() {
        let args = words(&["-rf", "--force=yes", "build", "--", "-x"]);
        assert!(has_flag(&args, 'r', ""));
        assert!(has_flag(&args, 'f', "--force"));
        assert!(!has_flag(&args, 'x', "--exec"));
        let ops: Vec<&str> = operands(&args).iter().map(|w| w.text.as_str()).collect();
        assert_eq!(ops, vec!["build", "-x"]);
        assert_eq!(first_operand(&args).map(|w| w.text.as_str()), Some("build"));
    }
}
