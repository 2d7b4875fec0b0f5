//! Scroll mode over a pane's history: how far up the view is, what it shows, and search.
//!
//! Lines are numbered from the oldest history line (0) through the last row of the live screen.
//! A view scrolled up by `offset` shows history at its top and the live screen's first rows
//! below, like a terminal's own scrollback.

use std::num::NonZeroU16;

use super::Emulator;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchMatch {
    pub line: usize,
    pub column: u16,
    pub width: u16,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScrollView {
    /// Lines scrolled up from the live screen (0 = live).
    pub offset: usize,
    /// The search being typed after `/`, if any.
    pub typing: Option<String>,
    pub query: Option<String>,
    pub found: Option<SearchMatch>,
}

pub enum Direction {
    /// Towards older output.
    Up,
    /// Towards newer output.
    Down,
}

/// Widest history line drawn; wider lines (from when the pane was wider) are cut.
const HISTORY_VIEW_COLUMNS: u16 = 512;

impl ScrollView {
    /// Moves by `rows` (positive is up, into history), clamped to what exists.
    pub fn scroll_by(&mut self, emulator: &Emulator, rows: isize) {
        let max = emulator.history().len();
        self.offset = self.offset.saturating_add_signed(rows).min(max);
    }

    pub fn scroll_to_top(&mut self, emulator: &Emulator) {
        self.scroll_by(emulator, isize::MAX);
    }

    /// How many of the view's top rows show history (the rest show the live screen).
    pub fn history_rows(&self, emulator: &Emulator) -> u16 {
        let rows = emulator.size().0;
        u16::try_from(self.offset).unwrap_or(u16::MAX).min(rows)
    }

    /// The history lines at the top of the view, drawn on a screen of their own.
    pub fn history_screen(&self, emulator: &Emulator) -> vt100::Parser {
        let history = emulator.history();
        let shown = self.history_rows(emulator);
        let top = history.len().saturating_sub(self.offset);
        let rows = NonZeroU16::new(shown).unwrap_or(NonZeroU16::MIN);
        let cols = NonZeroU16::new(HISTORY_VIEW_COLUMNS).unwrap_or(NonZeroU16::MIN);
        let mut parser = vt100::Parser::new(rows, cols, 0);
        for row in 0..shown {
            let line = history
                .formatted(top + usize::from(row))
                .unwrap_or_default();
            parser.process(format!("\x1b[{};1H\x1b[m{line}", row + 1).as_bytes());
        }
        parser
    }

    /// Row of the view where a line shows, if it is visible.
    pub fn visible_row(&self, emulator: &Emulator, line: usize) -> Option<u16> {
        let top = emulator.history().len().checked_sub(self.offset)?;
        let row = line.checked_sub(top)?;
        let rows = usize::from(emulator.size().0);
        (row < rows).then(|| u16::try_from(row).ok()).flatten()
    }

    /// The plain text of every row of the view, top to bottom.
    pub fn view_text(&self, emulator: &Emulator) -> Vec<String> {
        let top = emulator.history().len().saturating_sub(self.offset);
        (0..usize::from(emulator.size().0))
            .map(|row| line_text(emulator, top + row))
            .collect()
    }

    /// Finds the next match of the query in the given direction from the last match (or the
    /// view's edge) and scrolls it into the middle of the view. Returns whether one was found.
    pub fn search(&mut self, emulator: &Emulator, direction: Direction) -> bool {
        let Some(query) = self.query.clone().filter(|q| !q.is_empty()) else {
            return false;
        };
        let history = emulator.history().len();
        let rows = usize::from(emulator.size().0);
        let total = history + rows;
        let view_top = history - self.offset.min(history);
        let start = self.found.as_ref().map(|m| m.line);
        let candidates: Box<dyn Iterator<Item = usize>> = match direction {
            Direction::Up => Box::new((0..start.unwrap_or(view_top + rows)).rev()),
            Direction::Down => Box::new(start.map_or(view_top, |s| s + 1)..total),
        };
        let ignore_case = !query.chars().any(char::is_uppercase);
        let mut found = None;
        for line in candidates {
            let text = line_text(emulator, line);
            if let Some((start, end)) = find_in_line(&text, &query, ignore_case) {
                found = Some(SearchMatch {
                    line,
                    column: display_width(&text[..start]),
                    width: display_width(&text[start..end]),
                });
                break;
            }
        }
        let Some(found) = found else { return false };
        let wanted_top = found.line.saturating_sub(rows / 2);
        self.offset = history.saturating_sub(wanted_top);
        self.found = Some(found);
        true
    }
}

/// The byte range of the first match of `needle` in `line`. Case-insensitive matching compares
/// lowercased characters but returns offsets into the original line, whose byte lengths differ.
fn find_in_line(line: &str, needle: &str, ignore_case: bool) -> Option<(usize, usize)> {
    if !ignore_case {
        return line.find(needle).map(|start| (start, start + needle.len()));
    }
    let wanted: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    line.char_indices().find_map(|(start, _)| {
        let mut matched = 0;
        for (offset, c) in line[start..].char_indices() {
            for lowered in c.to_lowercase() {
                if wanted.get(matched) != Some(&lowered) {
                    return None;
                }
                matched += 1;
            }
            if matched == wanted.len() {
                return Some((start, start + offset + c.len_utf8()));
            }
        }
        None
    })
}

fn display_width(text: &str) -> u16 {
    u16::try_from(unicode_width::UnicodeWidthStr::width(text)).unwrap_or(u16::MAX)
}

fn line_text(emulator: &Emulator, line: usize) -> String {
    let history = emulator.history();
    if line < history.len() {
        return history.plain(line).unwrap_or_default();
    }
    let cols = emulator.size().1;
    emulator
        .screen()
        .rows(0, cols)
        .nth(line - history.len())
        .unwrap_or_default()
}

#[cfg(test)]
#[path = "scroll_tests.rs"]
mod tests;
