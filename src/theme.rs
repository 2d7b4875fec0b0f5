//! Colour themes: semantic roles, the embedded `themes/*.toml`, user patches over them, and a
//! colourless theme for `NO_COLOR`.

use std::path::Path;
use std::str::FromStr;

use ratatui::style::Color;
use serde::Deserialize;

use crate::config::{parse_or_report, read_user_file, user_file};

/// The themes shipped inside the binary.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("dark", include_str!("../themes/dark.toml")),
    ("light", include_str!("../themes/light.toml")),
];

/// A colour as written in a theme file: a name (`red`, `light_blue`, `reset`), `#rrggbb`, or a
/// 256-colour index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct ThemeColor(pub Color);

impl TryFrom<String> for ThemeColor {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Color::from_str(&text)
            .map(ThemeColor)
            .map_err(|_| format!("`{text}` is not a colour (use a name, #rrggbb or 0-255)"))
    }
}

macro_rules! roles {
    ($( $role:ident: $doc:literal, )*) => {
        /// The colours cco draws with, by what they mean rather than how they look.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct Theme {
            pub name: String,
            $( #[doc = $doc] pub $role: Color, )*
        }

        #[derive(Clone, Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ThemeColors { $( $role: Option<ThemeColor>, )* }

        #[derive(Clone, Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ThemeFile {
            #[serde(default)]
            colors: ThemeColors,
        }

        impl ThemeColors {
            fn patch(&mut self, over: ThemeColors) {
                $( if over.$role.is_some() { self.$role = over.$role; } )*
            }

            fn complete(&self, name: &str) -> Result<Theme, String> {
                Ok(Theme {
                    name: name.to_string(),
                    $( $role: self.$role
                        .ok_or_else(|| format!("theme `{name}` has no colour for `{}`", stringify!($role)))?.0, )*
                })
            }
        }

        impl Theme {
            /// No colours at all: focus and state are shown by weight and symbols only.
            pub fn no_color(name: &str) -> Theme {
                Theme { name: name.to_string(), $( $role: Color::Reset, )* }
            }
        }
    };
}

roles! {
    border: "Borders of panes that do not have focus.",
    border_focused: "The border of the focused pane or panel.",
    title: "Pane titles.",
    title_focused: "The focused pane's title.",
    status_fg: "Status line text.",
    status_bg: "Status line background.",
    accent: "Mode badges, key names in help, highlights.",
    accent_fg: "Text drawn on the accent colour.",
    muted: "Secondary text.",
    success: "Running, allowed, healthy.",
    warning: "Waiting, needs attention, bell.",
    error: "Failed, exited with an error, denied.",
    selection_bg: "Search matches and selections.",
    overlay_fg: "Text of dialogs and the help overlay.",
    overlay_bg: "Background of dialogs and the help overlay.",
    pane_fg: "Default text colour reported to programs in panes.",
    pane_bg: "Default background reported to programs in panes.",
}

impl Theme {
    /// The named theme (embedded, patched by the user's file of the same name, or the user's own
    /// theme). Problems are recorded and the embedded dark theme is used instead.
    pub fn load(
        config_dir: &Path,
        name: &str,
        no_color: bool,
        problems: &mut Vec<String>,
    ) -> Theme {
        if no_color {
            return Theme::no_color(name);
        }
        let mut colors = embedded_colors(name).unwrap_or_default();
        let path = user_file(config_dir, "themes", name);
        if let Some(text) = read_user_file(&path, problems) {
            if let Some(file) = parse_or_report::<ThemeFile>(&path, &text, problems) {
                colors.patch(file.colors);
            }
        }
        match colors.complete(name) {
            Ok(theme) => theme,
            Err(problem) => {
                problems.push(format!("{problem}; using the dark theme"));
                Theme::embedded("dark").unwrap_or_else(|_| Theme::no_color("dark"))
            }
        }
    }

    pub fn embedded(name: &str) -> Result<Theme, String> {
        embedded_colors(name)
            .ok_or_else(|| format!("no embedded theme `{name}`"))?
            .complete(name)
    }

    /// RGB of a colour when it has one, for answering colour queries from programs.
    pub fn rgb(color: Color) -> Option<(u8, u8, u8)> {
        match color {
            Color::Rgb(r, g, b) => Some((r, g, b)),
            _ => None,
        }
    }
}

fn embedded_colors(name: &str) -> Option<ThemeColors> {
    let (_, text) = EMBEDDED.iter().find(|(n, _)| *n == name)?;
    toml::from_str::<ThemeFile>(text)
        .ok()
        .map(|file| file.colors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_theme_parses_and_is_complete() {
        for (name, text) in EMBEDDED {
            toml::from_str::<ThemeFile>(text).unwrap_or_else(|e| panic!("theme {name}: {e}"));
            Theme::embedded(name).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn user_file_patches_a_theme_and_bad_colours_are_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("themes")).expect("themes dir");
        let file = dir.path().join("themes/dark.toml");
        std::fs::write(&file, "[colors]\nborder = \"#010203\"\n").expect("write");
        let mut problems = Vec::new();
        let theme = Theme::load(dir.path(), "dark", false, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(theme.border, Color::Rgb(1, 2, 3));
        assert_eq!(theme.accent, Theme::embedded("dark").expect("dark").accent);

        std::fs::write(&file, "[colors]\nborder = \"#010203\"\nmuted = \"mauve\"\n")
            .expect("write");
        let theme = Theme::load(dir.path(), "dark", false, &mut problems);
        assert_eq!(theme, Theme::embedded("dark").expect("dark"));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("dark.toml:3:"), "{}", problems[0]);
        assert!(problems[0].contains("mauve"), "{}", problems[0]);
    }

    #[test]
    fn unknown_theme_falls_back_with_a_message() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut problems = Vec::new();
        let theme = Theme::load(dir.path(), "solarized", false, &mut problems);
        assert_eq!(theme.name, "dark");
        assert!(problems[0].contains("solarized"), "{problems:?}");
    }

    #[test]
    fn no_color_uses_no_colours() {
        let theme = Theme::load(Path::new("/nonexistent"), "dark", true, &mut Vec::new());
        assert_eq!(theme.accent, Color::Reset);
        assert_eq!(theme.border_focused, Color::Reset);
    }
}
