//! Plain text for listings, panels and previews, shared by every capability: a text on one
//! line within a width, and a time span in its largest whole unit.

/// The text on one line (whitespace runs made single), cut to `max` characters with an
/// ellipsis.
pub fn one_line(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A span of time in its largest whole unit: `45s`, `12m`, `5h`, `30d`.
pub fn span_text(ms: i64) -> String {
    let seconds = ms.max(0) / 1000;
    match seconds {
        s if s < 60 => format!("{s}s"),
        s if s < 3_600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3_600),
        s => format!("{}d", s / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_flattens_and_cuts_by_characters() {
        assert_eq!(one_line("rm  -rf\n build", 40), "rm -rf build");
        assert_eq!(one_line("héllo wörld", 6), "héllo…");
        assert_eq!(one_line("abc", 3), "abc");
    }

    #[test]
    fn spans_use_their_largest_whole_unit() {
        let cases = [
            (-5, "0s"),
            (59_999, "59s"),
            (60_000, "1m"),
            (3_600_000, "1h"),
        ];
        for (ms, text) in cases {
            assert_eq!(span_text(ms), text, "{ms}");
        }
        assert_eq!(span_text(86_400_000 * 3 + 1), "3d");
    }
}
