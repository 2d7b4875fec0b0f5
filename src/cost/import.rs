//! Incremental import: each transcript is read from where the last run stopped, complete lines
//! only, and its calls and new position are committed together, so an interrupted import loses
//! nothing and a repeated one changes nothing.

mod scan;

use std::collections::HashMap;
use std::fs::File;
use std::io::Read as _;
use std::os::unix::fs::MetadataExt as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;

use anyhow::Result;

use super::pricing::PriceTable;
use super::sources::{FileKind, TranscriptFile};
use super::store::{FileState, Seen, Store, Writer};
use scan::{scan_file, Scanned};

/// Bytes hashed at the start of a file to notice it was replaced in place.
const HEAD_BYTES: u64 = 4096;
/// Imports reading more than this rebuild all sums at the end.
const WHOLE_REBUILD_BYTES: u64 = 64 << 20;
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

/// Brings the store up to date with the given transcripts. Files are read on all cores;
/// this thread writes, one transaction per batch of whole files.
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
    if plan.is_empty() {
        if store.sums_stale()? {
            store.rebuild_sums()?;
        }
        return Ok(report);
    }
    let total: u64 = plan.iter().map(|step| step.state.size - step.start).sum();
    let fresh = store.is_empty()?;
    let mut seen = Seen::new(fresh);
    // Large imports rebuild the sums once at the end instead of keeping them in step.
    let whole = fresh || total > WHOLE_REBUILD_BYTES || store.sums_stale()?;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(plan.len());
    let next = AtomicUsize::new(0);
    let (results, inbox) = sync_channel::<(usize, Result<Scanned>)>(workers * 2);
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..workers {
            let (plan, next, results) = (&plan, &next, results.clone());
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(step) = plan.get(index) else { return };
                let scanned = scan_file(
                    &step.file.path,
                    step.start,
                    step.state.size,
                    step.state.lines,
                );
                if results.send((index, scanned)).is_err() {
                    return;
                }
            });
        }
        drop(results);
        let mut writer = store.writer(prices, whole)?;
        let (mut done, mut since_commit) = (0, 0);
        for (index, scanned) in inbox {
            let step = &plan[index];
            report.files_read += 1;
            report.files_reread += usize::from(step.reread);
            match scanned
                .and_then(|scanned| record(&mut writer, &mut seen, step, scanned, &mut report))
            {
                Ok(lines) => since_commit += lines,
                Err(error) => report
                    .problems
                    .push(format!("{}: {error:#}", step.file.path.display())),
            }
            done += step.state.size - step.start;
            progress(done, total);
            if since_commit >= LINES_PER_COMMIT {
                writer.commit()?;
                writer = store.writer(prices, whole)?;
                since_commit = 0;
            }
        }
        writer.commit()
    })?;
    if whole {
        store.rebuild_sums()?;
    }
    Ok(report)
}

/// Stores what was read of one file, with its new position; returns its line count.
fn record(
    writer: &mut Writer<'_>,
    seen: &mut Seen,
    step: &Step<'_>,
    scanned: Scanned,
    report: &mut ImportReport,
) -> Result<u64> {
    let mut state = step.state.clone();
    for (call, ts_ms) in &scanned.calls {
        if writer.add_call(call, *ts_ms, &state.project, seen)? {
            report.new_calls += 1;
        }
    }
    state.offset = scanned.offset;
    state.lines += scanned.lines;
    state.malformed += scanned.malformed;
    if scanned.last_problem.is_some() {
        state.last_problem = scanned.last_problem;
    }
    // A last line without its newline may still be being written: it waits for the next run.
    state.head_len = state.offset.min(HEAD_BYTES);
    state.head_hash = head_hash(&step.file.path, state.head_len)?;
    report.bytes_read += scanned.bytes_read;
    report.lines += scanned.lines;
    report.malformed += scanned.malformed;
    writer.save_file(&state)?;
    Ok(scanned.lines)
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
