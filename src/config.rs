//! Where cco keeps its files, the user's `config.toml`, and loading TOML files as patches over
//! the defaults embedded in the binary, with errors that name the file, line and bad value.

mod paths;

pub use paths::Paths;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::cost::budget::Budgets;
use crate::keymap::Keymap;
use crate::theme::Theme;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum CommandSpec {
    /// A command line, split like a POSIX shell would.
    Line(String),
    Argv(Vec<String>),
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub theme: String,
    pub keymap: String,
    pub default_command: Option<CommandSpec>,
    /// Lines of history kept per pane.
    pub scrollback: usize,
    /// A GGUF model asked about commands whose program the classifier does not know (needs the
    /// `llm` build feature; `CCO_CLASSIFIER_MODEL` overrides it).
    pub classifier_model: Option<PathBuf>,
    /// Spending limits in USD (`[budget]`: daily, block, monthly, session).
    pub budget: Budgets,
    /// The IANA time zone cost reports use; the system's when unset.
    pub timezone: Option<String>,
    /// Approval policies (`[approvals]`).
    pub approvals: crate::hook::policy::Policy,
    /// Credential store, rate limit and rotation (`[credentials]`).
    pub credentials: crate::credentials::CredentialSettings,
    /// The knowledge base's embedding model (`[knowledge]`).
    pub knowledge: crate::knowledge::KnowledgeSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: "dark".into(),
            keymap: "default".into(),
            default_command: None,
            scrollback: 10_000,
            classifier_model: None,
            budget: Budgets::default(),
            timezone: None,
            approvals: crate::hook::policy::Policy::default(),
            credentials: crate::credentials::CredentialSettings::default(),
            knowledge: crate::knowledge::KnowledgeSettings::default(),
        }
    }
}

/// Everything loaded at start-up, with what went wrong on the way (shown in the status line).
pub struct Config {
    pub paths: Paths,
    pub settings: Settings,
    pub theme: Theme,
    pub keymap: Keymap,
    pub problems: Vec<String>,
}

impl Config {
    pub fn load(paths: Paths) -> Self {
        let mut problems = Vec::new();
        let settings = Settings::load(&paths, &mut problems);
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let theme = Theme::load(&paths.config_dir, &settings.theme, no_color, &mut problems);
        let keymap = Keymap::load(&paths.config_dir, &settings.keymap, &mut problems);
        Self {
            paths,
            settings,
            theme,
            keymap,
            problems,
        }
    }
}

impl Settings {
    /// `config.toml` from the config dir, or the defaults (with the problem recorded).
    pub fn load(paths: &Paths, problems: &mut Vec<String>) -> Settings {
        let path = paths.config_dir.join("config.toml");
        read_user_file(&path, problems)
            .and_then(|text| parse_or_report::<Settings>(&path, &text, problems))
            .unwrap_or_default()
    }
}

/// Reads a user file; a missing file is normal, an unreadable one is a problem.
pub fn read_user_file(path: &Path, problems: &mut Vec<String>) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            problems.push(format!("{}: {error}; using defaults", path.display()));
            None
        }
    }
}

/// Parses TOML text; on failure records `file:line:column: message` and returns None.
pub fn parse_or_report<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    problems: &mut Vec<String>,
) -> Option<T> {
    match toml::from_str(text) {
        Ok(value) => Some(value),
        Err(error) => {
            let at = error
                .span()
                .map(|span| line_column(text, span.start))
                .map(|(line, column)| format!(":{line}:{column}"))
                .unwrap_or_default();
            problems.push(format!(
                "{}{at}: {}; using defaults",
                path.display(),
                error.message().trim()
            ));
            None
        }
    }
}

/// 1-based line and column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The line on which `needle` first appears in `text`, for errors found after parsing.
pub fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.find(needle).map(|offset| line_column(text, offset).0)
}

/// The user's file of a named theme or keymap.
pub fn user_file(config_dir: &Path, folder: &str, name: &str) -> PathBuf {
    config_dir.join(folder).join(format!("{name}.toml"))
}

impl CommandSpec {
    pub fn to_argv(&self) -> Result<Vec<String>, String> {
        let argv = match self {
            CommandSpec::Argv(argv) => argv.clone(),
            CommandSpec::Line(line) => {
                shell_words::split(line).map_err(|e| format!("default_command {line:?}: {e}"))?
            }
        };
        if argv.is_empty() {
            return Err("default_command is empty".into());
        }
        Ok(argv)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse_and_report_bad_values_with_position() {
        let text = "theme = \"light\"\nscrollback = \"lots\"\n";
        let mut problems = Vec::new();
        let parsed: Option<Settings> =
            parse_or_report(Path::new("config.toml"), text, &mut problems);
        assert_eq!(parsed, None);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("config.toml:2:14: "),
            "{}",
            problems[0]
        );
        assert!(problems[0].contains("lots"), "{}", problems[0]);

        let good: Settings =
            toml::from_str("default_command = \"claude --model opus\"").expect("valid");
        let argv = good.default_command.as_ref().map(CommandSpec::to_argv);
        assert_eq!(
            argv,
            Some(Ok(vec!["claude".into(), "--model".into(), "opus".into()]))
        );
        assert_eq!(good.scrollback, 10_000);
    }

    #[test]
    fn unknown_keys_are_reported() {
        let mut problems = Vec::new();
        let parsed: Option<Settings> =
            parse_or_report(Path::new("c.toml"), "\nthem = \"dark\"\n", &mut problems);
        assert_eq!(parsed, None);
        assert!(problems[0].starts_with("c.toml:2:1: "), "{}", problems[0]);
        assert!(problems[0].contains("them"), "{}", problems[0]);
    }

    #[test]
    fn line_columns() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_of("a\nb = 1\n", "b ="), Some(2));
    }
}
