//! Incremental import: each transcript is read from where the last run stopped, complete lines
//! only, and its calls and new position are committed together, so an interrupted import loses
//! nothing and a repeated one changes nothing.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read as _, Seek as _, SeekFrom};
use std::os::unix::fs::MetadataExt as _;

use anyhow::{Context as _, Result};

use super::pricing::PriceTable;
use super::sources::{FileKind, TranscriptFile};
use super::store::{FileState, Store, Writer};
use super::transcript::{parse_line, Line};

/// Bytes hashed at the start of a file to notice it was replaced in place.
const HEAD_BYTES: u64 = 4096;
/// Bytes read at a time: memory stays flat whatever the file size.
const CHUNK_BYTES: usize = 4 << 20;
/// Lines per transaction on a long import.
const LINES_PER_COMMIT: u64 = 50_000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub files: usize,
    pub files_read: usize,
    /// Files read again from the start because they were truncated or replaced.
    pub files_reread: usize,
    pub bytes_read: u64,
    pub lines: u64,
    pub new_calls: u64,
    pub malformed: u64,
    /// Files that could not be read, with why.
    pub problems: Vec<String>,
}

/// Progress of a long import: bytes done out of bytes to read.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// Finds every transcript in the Claude Code config dirs and imports what is new; also returns
/// the dirs searched.
pub fn import_all(
    store: &mut Store,
    prices: &PriceTable,
    progress: Progress<'_>,
) -> Result<(ImportReport, Vec<std::path::PathBuf>)> {
    let dirs = super::sources::config_dirs();
    let files = super::sources::transcript_files(&dirs);
    Ok((import(store, prices, &files, progress)?, dirs))
}

/// Brings the store up to date with the given transcripts.
pub fn import(
    store: &mut Store,
    prices: &PriceTable,
    files: &[TranscriptFile],
    progress: Progress<'_>,
) -> Result<ImportReport> {
    store.reprice_if_changed(prices)?;
    let known: HashMap<String, FileState> = store
        .files()?
        .into_iter()
        .map(|state| (state.path.clone(), state))
        .collect();
    let mut report = ImportReport {
        files: files.len(),
        ..ImportReport::default()
    };
    let mut plan = Vec::new();
    for file in files {
        match plan_file(file, known.get(&path_key(file))) {
            Ok(Some(step)) => plan.push(step),
            Ok(None) => {}
            Err(error) => report
                .problems
                .push(format!("{}: {error:#}", file.path.display())),
        }
    }
    let total: u64 = plan.iter().map(|step| step.state.size - step.start).sum();
    let mut done = 0;
    let mut writer = store.writer(prices)?;
    let mut since_commit = 0;
    for step in plan {
        let size = step.state.size - step.start;
        report.files_read += 1;
        report.files_reread += usize::from(step.reread);
        match read_file(&mut writer, step, &mut report) {
            Ok(lines) => since_commit += lines,
            Err(error) => report.problems.push(format!("{error:#}")),
        }
        done += size;
        progress(done, total);
        if since_commit >= LINES_PER_COMMIT {
            writer.commit()?;
            writer = store.writer(prices)?;
            since_commit = 0;
        }
    }
    writer.commit()?;
    Ok(report)
}

struct Step<'a> {
    file: &'a TranscriptFile,
    start: u64,
    reread: bool,
    /// The state to store once the file is read (its offset still the old one).
    state: FileState,
}

fn path_key(file: &TranscriptFile) -> String {
    file.path.to_string_lossy().into_owned()
}

fn kind_name(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Session => "session",
        FileKind::AgentFile => "agent",
        FileKind::Subagent => "subagent",
    }
}

/// What to read of one file, or `None` when nothing changed.
fn plan_file<'a>(file: &'a TranscriptFile, known: Option<&FileState>) -> Result<Option<Step<'a>>> {
    let meta = std::fs::metadata(&file.path)?;
    let mut state = FileState {
        path: path_key(file),
        project: file.project.clone(),
        kind: kind_name(file.kind).into(),
        device: meta.dev(),
        inode: meta.ino(),
        size: meta.size(),
        mtime_ns: meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
        ..FileState::default()
    };
    let Some(known) = known else {
        return Ok(Some(Step {
            file,
            start: 0,
            reread: false,
            state,
        }));
    };
    let same_file = known.device == state.device && known.inode == state.inode;
    if same_file && known.size == state.size && known.mtime_ns == state.mtime_ns {
        return Ok(None);
    }
    let intact = same_file
        && state.size >= known.offset
        && head_hash(&file.path, known.head_len)? == known.head_hash;
    if intact {
        state.offset = known.offset;
        state.head_len = known.head_len;
        state.head_hash = known.head_hash;
        state.lines = known.lines;
        state.malformed = known.malformed;
        state.last_problem = known.last_problem.clone();
        if state.size == known.offset {
            // Only the time changed: record it so the next run skips the file.
            return Ok(Some(Step {
                file,
                start: known.offset,
                reread: false,
                state,
            }));
        }
    }
    Ok(Some(Step {
        file,
        start: state.offset,
        reread: !intact,
        state,
    }))
}

/// Reads the new complete lines of one file; returns how many there were.
fn read_file(writer: &mut Writer<'_>, step: Step<'_>, report: &mut ImportReport) -> Result<u64> {
    let Step {
        file,
        start,
        mut state,
        ..
    } = step;
    let path = &file.path;
    let mut handle = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    handle.seek(SeekFrom::Start(start))?;
    let mut offset = start;
    let mut buffer: Vec<u8> = Vec::with_capacity(CHUNK_BYTES);
    let mut chunk = vec![0u8; CHUNK_BYTES];
    let mut lines = 0;
    let mut remaining = state.size - start;
    while remaining > 0 {
        let want = chunk.len().min(remaining as usize);
        let got = handle.read(&mut chunk[..want])?;
        if got == 0 {
            break;
        }
        remaining -= got as u64;
        report.bytes_read += got as u64;
        buffer.extend_from_slice(&chunk[..got]);
        let Some(last_newline) = buffer.iter().rposition(|&b| b == b'\n') else {
            continue;
        };
        for line in buffer[..last_newline].split(|&b| b == b'\n') {
            state.lines += 1;
            lines += 1;
            read_line(writer, line, &mut state, report)?;
        }
        offset += last_newline as u64 + 1;
        buffer.drain(..=last_newline);
    }
    // A last line without its newline may still be being written: it waits for the next run.
    state.offset = offset;
    state.head_len = offset.min(HEAD_BYTES);
    state.head_hash = head_hash(path, state.head_len)?;
    report.lines += lines;
    writer.save_file(&state)?;
    Ok(lines)
}

fn read_line(
    writer: &mut Writer<'_>,
    line: &[u8],
    state: &mut FileState,
    report: &mut ImportReport,
) -> Result<()> {
    let mut malformed = |why: String| {
        state.malformed += 1;
        report.malformed += 1;
        state.last_problem = Some(format!("line {}: {why}", state.lines));
    };
    let Ok(text) = std::str::from_utf8(line) else {
        malformed("not UTF-8".into());
        return Ok(());
    };
    match parse_line(text) {
        Line::Call(call) => match call.timestamp.parse::<jiff::Timestamp>() {
            Ok(time) => {
                if writer.add_call(&call, time.as_millisecond(), &state.project)? {
                    report.new_calls += 1;
                }
            }
            Err(_) => malformed(format!(
                "an API call without a valid time ({:?})",
                call.timestamp
            )),
        },
        Line::Malformed(why) => malformed(why),
        Line::Other => {}
    }
    Ok(())
}

/// FNV-1a of the first `len` bytes: stable across builds, unlike the std hasher.
fn head_hash(path: &std::path::Path, len: u64) -> Result<u64> {
    let mut head = Vec::with_capacity(len as usize);
    File::open(path)?.take(len).read_to_end(&mut head)?;
    if (head.len() as u64) < len {
        // Shorter than before: not the same file.
        return Ok(!0);
    }
    Ok(head.iter().fold(0xcbf2_9ce4_8422_2325, |hash: u64, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    }))
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
