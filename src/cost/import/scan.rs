//! Reading one transcript's new bytes fast: only lines that mention `"usage"` can be API
//! calls, so only those are parsed as JSON; every other line is checked for the shape of a
//! JSON object, which is enough to count lines cut short or garbled.

use std::fs::File;
use std::io::{Read as _, Seek as _, SeekFrom};
use std::path::Path;

use anyhow::{Context as _, Result};
use memchr::memmem::Finder;

use crate::cost::transcript::{parse_line, ApiCall, Line};

/// Bytes read at a time: memory stays flat whatever the file size.
const CHUNK_BYTES: usize = 4 << 20;

/// What the new complete lines of one file hold.
#[derive(Debug, Default)]
pub struct Scanned {
    /// Calls with their time in milliseconds.
    pub calls: Vec<(ApiCall, i64)>,
    pub lines: u64,
    pub malformed: u64,
    /// The last malformed line: its number (counted from `first_line`) and why.
    pub last_problem: Option<String>,
    /// Where reading stopped: the end of the last complete line.
    pub offset: u64,
    pub bytes_read: u64,
}

/// Reads `path` from `start` to `end` (its size when planned), complete lines only; lines are
/// numbered from `first_line`.
pub fn scan_file(path: &Path, start: u64, end: u64, first_line: u64) -> Result<Scanned> {
    let mut handle = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    handle.seek(SeekFrom::Start(start))?;
    let finder = Finder::new(b"\"usage\"");
    let mut scanned = Scanned {
        offset: start,
        ..Scanned::default()
    };
    let mut line_number = first_line;
    let mut buffer: Vec<u8> = Vec::with_capacity(CHUNK_BYTES);
    let mut remaining = end.saturating_sub(start);
    while remaining > 0 {
        let kept = buffer.len();
        let want = kept + CHUNK_BYTES.min(usize::try_from(remaining).unwrap_or(usize::MAX));
        buffer.resize(want, 0);
        let got = handle.read(&mut buffer[kept..])?;
        buffer.truncate(kept + got);
        if got == 0 {
            break;
        }
        remaining -= got as u64;
        scanned.bytes_read += got as u64;
        let Some(last_newline) = memchr::memrchr(b'\n', &buffer) else {
            continue;
        };
        let complete = &buffer[..last_newline + 1];
        let mut hits = finder.find_iter(complete).peekable();
        let mut line_start = 0;
        for newline in memchr::memchr_iter(b'\n', complete) {
            line_number += 1;
            scanned.lines += 1;
            let line = &complete[line_start..newline];
            let mut candidate = false;
            while let Some(&hit) = hits.peek() {
                if hit >= newline {
                    break;
                }
                candidate |= hit >= line_start;
                hits.next();
            }
            read_line(line, candidate, line_number, &mut scanned);
            line_start = newline + 1;
        }
        scanned.offset += complete.len() as u64;
        buffer.drain(..=last_newline);
    }
    Ok(scanned)
}

fn read_line(line: &[u8], candidate: bool, number: u64, scanned: &mut Scanned) {
    let problem = if candidate {
        parse_candidate(line, scanned)
    } else {
        shape_problem(line)
    };
    if let Some(why) = problem {
        scanned.malformed += 1;
        scanned.last_problem = Some(format!("line {number}: {why}"));
    }
}

/// Parses a line that may be a call; returns what is wrong with it, if anything.
fn parse_candidate(line: &[u8], scanned: &mut Scanned) -> Option<String> {
    let Ok(text) = std::str::from_utf8(line) else {
        return Some("not UTF-8".into());
    };
    match parse_line(text) {
        Line::Call(call) => match call.timestamp.parse::<jiff::Timestamp>() {
            Ok(time) => {
                scanned.calls.push((call, time.as_millisecond()));
                None
            }
            Err(_) => Some(format!(
                "an API call without a valid time ({:?})",
                call.timestamp
            )),
        },
        Line::Malformed(why) => Some(why),
        Line::Other => None,
    }
}

/// A line that cannot be a call still has to look like one JSON object.
fn shape_problem(line: &[u8]) -> Option<String> {
    let trimmed = line.trim_ascii();
    match (trimmed.first(), trimmed.last()) {
        (None, _) => None,
        (Some(b'{'), Some(b'}')) => None,
        _ => Some("not a JSON object (cut short or garbled)".into()),
    }
}
