//! A pane's scrollback, kept compact: each line that leaves the top of the screen is stored as
//! its text with SGR attribute changes (about the size of the text), rather than as full-width
//! rows of emulator cells.

use std::collections::VecDeque;

#[derive(Debug, Default)]
pub struct History {
    lines: VecDeque<Box<str>>,
    capacity: usize,
}

impl History {
    pub fn new(capacity: usize) -> Self {
        Self {
            lines: VecDeque::new(),
            capacity,
        }
    }

    pub fn push(&mut self, formatted: String) {
        if self.capacity == 0 {
            return;
        }
        if self.lines.len() == self.capacity {
            self.lines.pop_front();
        }
        self.lines.push_back(formatted.into_boxed_str());
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    pub fn clear(&mut self) {
        self.lines.clear();
    }

    /// A line with its formatting (text and SGR sequences), oldest first.
    pub fn formatted(&self, line: usize) -> Option<&str> {
        self.lines.get(line).map(AsRef::as_ref)
    }

    /// A line as plain text.
    pub fn plain(&self, line: usize) -> Option<String> {
        self.formatted(line)
            .map(|formatted| vt100::capture::basic_formatted_to_plain(formatted).collect())
    }

    /// Bytes held by the stored lines, for memory accounting.
    pub fn stored_bytes(&self) -> usize {
        self.lines.iter().map(|line| line.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_lines_up_to_capacity() {
        let mut history = History::new(2);
        for text in ["one", "\u{1b}[31mtwo", "three"] {
            history.push(text.to_string());
        }
        assert_eq!(history.len(), 2);
        assert_eq!(history.formatted(0), Some("\u{1b}[31mtwo"));
        assert_eq!(history.plain(0).as_deref(), Some("two"));
        assert_eq!(history.plain(1).as_deref(), Some("three"));
        history.clear();
        assert!(history.is_empty());
        let mut none = History::new(0);
        none.push("x".into());
        assert!(none.is_empty());
    }
}
