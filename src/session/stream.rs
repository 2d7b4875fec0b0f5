//! Preparing a pane's raw output for the vt100 parser: where a read ended mid-way through
//! something that must not be split (a sync marker, a UTF-8 character, an escape), and the few
//! escapes vt100 ignores that can be rewritten as ones it knows.

use std::borrow::Cow;

pub const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
pub const SYNC_END: &[u8] = b"\x1b[?2026l";
/// Erase the saved lines (scrollback), which cco keeps itself.
pub const CLEAR_HISTORY: &[u8] = b"\x1b[3J";

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// How many trailing bytes to keep back until the next read: the longest suffix that is the
/// start of a sync marker, of an escape we rewrite, or of a UTF-8 character.
pub fn incomplete_tail_len(data: &[u8]) -> usize {
    partial_marker_len(data)
        .max(partial_utf8_len(data))
        .max(usize::from(data.ends_with(b"\x1b#")) * 2)
}

fn partial_marker_len(data: &[u8]) -> usize {
    let longest = SYNC_BEGIN.len() - 1;
    (1..=longest.min(data.len()))
        .rev()
        .find(|&n| {
            let tail = &data[data.len() - n..];
            [SYNC_BEGIN, SYNC_END, CLEAR_HISTORY]
                .iter()
                .any(|marker| tail.len() < marker.len() && marker.starts_with(tail))
        })
        .unwrap_or(0)
}

/// Length of an incomplete UTF-8 character at the end of `data` (0 when it ends cleanly).
fn partial_utf8_len(data: &[u8]) -> usize {
    for back in 1..=3.min(data.len()) {
        let byte = data[data.len() - back];
        if byte & 0xC0 == 0x80 {
            continue;
        }
        let needed = match byte {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => return 0,
        };
        return if back < needed { back } else { 0 };
    }
    0
}

/// Rewrites escapes vt100 ignores into equivalents it handles: IND (`ESC D`) is a line feed,
/// NEL (`ESC E`) a carriage return and line feed, DECALN (`ESC # 8`) fills the screen with `E`.
pub fn translate_unsupported(bytes: &[u8], rows: u16, cols: u16) -> Cow<'_, [u8]> {
    let has_candidate = bytes
        .windows(2)
        .any(|w| w[0] == 0x1b && matches!(w[1], b'D' | b'E' | b'#'));
    if !has_candidate {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b {
            match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(b'D'), _) => {
                    out.push(b'\n');
                    i += 2;
                    continue;
                }
                (Some(b'E'), _) => {
                    out.extend_from_slice(b"\r\n");
                    i += 2;
                    continue;
                }
                (Some(b'#'), Some(b'8')) => {
                    out.extend_from_slice(&alignment_pattern(rows, cols));
                    i += 3;
                    continue;
                }
                _ => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Cow::Owned(out)
}

fn alignment_pattern(rows: u16, cols: u16) -> Vec<u8> {
    let mut out = b"\x1b7\x1b[r".to_vec();
    let line = "E".repeat(usize::from(cols));
    for row in 1..=rows {
        out.extend_from_slice(format!("\x1b[{row};1H{line}").as_bytes());
    }
    out.extend_from_slice(b"\x1b8");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incomplete_tails() {
        let cases: &[(&[u8], usize)] = &[
            (b"abc", 0),
            (b"abc\x1b", 1),
            (b"abc\x1b[?2026", 7),
            (b"\x1b[?2025", 0),
            (b"x\xc3", 1),
            (b"x\xc3\xa9", 0),
            (b"x\xe4\xb8", 2),
            (b"x\xf0\x9f\x98", 3),
            (b"x\xf0\x9f\x98\x80", 0),
            (b"x\x1b#", 2),
            (b"x\x1b[3", 3),
            (b"x\x1b[3J", 0),
        ];
        for (data, expected) in cases {
            assert_eq!(incomplete_tail_len(data), *expected, "{data:?}");
        }
    }

    #[test]
    fn rewrites_index_next_line_and_alignment() {
        assert_eq!(
            &*translate_unsupported(b"a\x1bDb\x1bEc", 2, 3),
            b"a\nb\r\nc"
        );
        assert_eq!(
            &*translate_unsupported(b"\x1b#8", 2, 3),
            b"\x1b7\x1b[r\x1b[1;1HEEE\x1b[2;1HEEE\x1b8"
        );
        assert!(matches!(
            translate_unsupported(b"plain \x1b[1m", 2, 3),
            Cow::Borrowed(_)
        ));
        assert_eq!(&*translate_unsupported(b"\x1b#3", 2, 3), b"\x1b#3");
    }
}
