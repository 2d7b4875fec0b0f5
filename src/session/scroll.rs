//! Scroll mode over a pane's history: the offset into scrollback and search through it.
//!
//! History lines are numbered from the oldest scrollback line (0) to the last screen row.

use super::Emulator;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchMatch {
    pub line: usize,
    pub column: u16,
    pub width: u16,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScrollView {
    /// Rows scrolled up from the live screen (0 = live).
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

impl ScrollView {
    /// Moves by `rows` (positive is up, into history), clamped to what exists.
    pub fn scroll_by(&mut self, emulator: &mut Emulator, rows: isize) {
        let max = history_len(emulator);
        self.offset = self.offset.saturating_add_signed(rows).min(max);
        emulator.screen_mut().set_scrollback(self.offset);
    }

    pub fn scroll_to_top(&mut self, emulator: &mut Emulator) {
        self.scroll_by(emulator, isize::MAX);
    }

    /// Row of the view where a history line shows, if it is visible.
    pub fn visible_row(&self, emulator: &Emulator, line: usize) -> Option<u16> {
        let top = history_len(emulator).checked_sub(self.offset)?;
        let rows = usize::from(emulator.size().0);
        let row = line.checked_sub(top)?;
        (row < rows).then(|| u16::try_from(row).ok()).flatten()
    }

    /// Finds the next match of the query in the given direction from the last match (or the
    /// view's edge) and scrolls it into the middle of the view. Returns whether one was found.
    pub fn search(&mut self, emulator: &mut Emulator, direction: Direction) -> bool {
        let Some(query) = self.query.clone().filter(|q| !q.is_empty()) else {
            return false;
        };
        let scrollback = history_len(emulator);
        let rows = usize::from(emulator.size().0);
        let total = scrollback + rows;
        let view_top = scrollback - self.offset.min(scrollback);
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
        let hit = found.is_some();
        if let Some(found) = found {
            let wanted_top = found.line.saturating_sub(rows / 2);
            self.offset = scrollback.saturating_sub(wanted_top);
            self.found = Some(found);
        }
        emulator.screen_mut().set_scrollback(self.offset);
        hit
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

fn history_len(emulator: &Emulator) -> usize {
    emulator.screen().scrollback_len()
}

fn display_width(text: &str) -> u16 {
    u16::try_from(unicode_width::UnicodeWidthStr::width(text)).unwrap_or(u16::MAX)
}

fn line_text(emulator: &mut Emulator, line: usize) -> String {
    let scrollback = history_len(emulator);
    let cols = emulator.size().1;
    let (offset, row) = if line < scrollback {
        (scrollback - line, 0)
    } else {
        (0, line - scrollback)
    };
    let screen = emulator.screen_mut();
    let saved = screen.scrollback();
    screen.set_scrollback(offset);
    let text = screen.rows(0, cols).nth(row).unwrap_or_default();
    screen.set_scrollback(saved);
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn emulator_with_lines(count: usize) -> Emulator {
        let mut emulator = Emulator::new(5, 20, 1000);
        let text: String = (0..count).map(|i| format!("line {i}\r\n")).collect();
        emulator.feed(text.as_bytes(), Instant::now());
        emulator
    }

    #[test]
    fn scrolling_is_clamped_to_history() {
        let mut emulator = emulator_with_lines(30);
        let mut view = ScrollView::default();
        view.scroll_by(&mut emulator, 3);
        assert_eq!(view.offset, 3);
        assert!(emulator.screen().contents().starts_with("line 23"));
        view.scroll_to_top(&mut emulator);
        assert_eq!(view.offset, 26);
        assert!(emulator.screen().contents().starts_with("line 0\n"));
        view.scroll_by(&mut emulator, -100);
        assert_eq!(view.offset, 0);
    }

    #[test]
    fn search_walks_up_then_down_through_matches() {
        let mut emulator = emulator_with_lines(40);
        let mut view = ScrollView {
            query: Some("LINE 1".to_lowercase()),
            ..ScrollView::default()
        };
        assert!(view.search(&mut emulator, Direction::Up));
        assert_eq!(view.found.as_ref().map(|m| m.line), Some(19));
        assert!(view.search(&mut emulator, Direction::Up));
        assert_eq!(view.found.as_ref().map(|m| m.line), Some(18));
        let row = view.visible_row(&emulator, 18).expect("match is in view");
        let shown = emulator.screen().rows(0, 20).nth(usize::from(row));
        assert_eq!(shown.as_deref(), Some("line 18"));
        assert!(view.search(&mut emulator, Direction::Down));
        assert_eq!(view.found.as_ref().map(|m| m.line), Some(19));
    }

    #[test]
    fn matching_keeps_offsets_of_the_original_line() {
        let cases = [
            ("İİx中", "x", true, Some((4, 5))),
            ("a KELVIN \u{212a}b", "kb", true, Some((9, 13))),
            ("Row-12", "row-1", true, Some((0, 5))),
            ("Row-12", "row-1", false, None),
            ("abc", "", true, None),
        ];
        for (line, needle, ignore_case, expected) in cases {
            let expected = expected.filter(|_| !needle.is_empty());
            let found = find_in_line(line, needle, ignore_case).filter(|_| !needle.is_empty());
            assert_eq!(found, expected, "{line:?} {needle:?}");
        }
    }

    #[test]
    fn search_is_case_sensitive_with_capitals_and_reports_misses() {
        let mut emulator = emulator_with_lines(10);
        let mut view = ScrollView {
            query: Some("LINE".into()),
            ..ScrollView::default()
        };
        assert!(!view.search(&mut emulator, Direction::Up));
        assert_eq!(view.found, None);
    }
}
