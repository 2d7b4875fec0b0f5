//! The child process side of a pane: spawn in a PTY, a reader thread that drains output into
//! the emulator in batches, a writer thread, and a waiter that reports the exit.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Instant;

use anyhow::Context as _;
use portable_pty::{ChildKiller, CommandBuilder, MasterPty, PtySize};
use tokio::sync::mpsc::UnboundedSender;

use super::{lock, ExitInfo, PaneId, SharedScreen};
use crate::event::Event;

const READ_CHUNK: usize = 64 * 1024;

pub struct SpawnRequest {
    pub pane: PaneId,
    pub command: Vec<String>,
    pub cwd: Option<PathBuf>,
    pub env: Vec<(String, String)>,
    pub rows: u16,
    pub cols: u16,
    pub screen: SharedScreen,
}

/// The live handles of a running child. Dropping it hangs the child up.
pub struct PtyHandle {
    master: Box<dyn MasterPty + Send>,
    writer: mpsc::Sender<Vec<u8>>,
    killer: Box<dyn ChildKiller + Send + Sync>,
    size: (u16, u16),
    /// Cleared by the app once it has seen the latest output, so a busy pane sends one wake-up
    /// per frame rather than one per read.
    pending_wake: Arc<AtomicBool>,
}

impl PtyHandle {
    pub fn spawn(request: SpawnRequest, events: UnboundedSender<Event>) -> anyhow::Result<Self> {
        let (program, args) = request
            .command
            .split_first()
            .context("the command is empty")?;
        let pty = portable_pty::native_pty_system()
            .openpty(pty_size(request.rows, request.cols))
            .context("could not open a pseudo-terminal")?;
        let mut builder = CommandBuilder::new(program);
        builder.args(args);
        builder.env("TERM", "xterm-256color");
        builder.env("COLORTERM", "truecolor");
        builder.env("TERM_PROGRAM", "cco");
        builder.env_remove("TMUX");
        for (key, value) in &request.env {
            builder.env(key, value);
        }
        match &request.cwd {
            Some(dir) => builder.cwd(dir),
            None => {
                if let Ok(dir) = std::env::current_dir() {
                    builder.cwd(dir);
                }
            }
        }
        let mut child = pty
            .slave
            .spawn_command(builder)
            .with_context(|| format!("could not start `{program}`"))?;
        drop(pty.slave);
        let killer = child.clone_killer();
        let reader = pty.master.try_clone_reader()?;
        let output = pty.master.take_writer()?;
        let (writer, writes) = mpsc::channel::<Vec<u8>>();
        let pending_wake = Arc::new(AtomicBool::new(false));

        let pane = request.pane;
        spawn_thread("pty-writer", move || write_loop(output, writes))?;
        let replies = writer.clone();
        let wake = Arc::clone(&pending_wake);
        let reader_events = events.clone();
        spawn_thread("pty-reader", move || {
            read_loop(reader, request.screen, replies, wake, pane, reader_events)
        })?;
        spawn_thread("pty-waiter", move || {
            let exit = match child.wait() {
                Ok(status) => match status.signal() {
                    Some(signal) => ExitInfo::Signal(signal.to_string()),
                    None => ExitInfo::Code(status.exit_code()),
                },
                Err(error) => ExitInfo::Signal(format!("unknown ({error})")),
            };
            let _ = events.send(Event::PaneExited { pane, exit });
        })?;
        Ok(Self {
            master: pty.master,
            writer,
            killer,
            size: (request.rows, request.cols),
            pending_wake,
        })
    }

    pub fn write(&self, bytes: Vec<u8>) {
        // A closed channel means the child is gone; its exit is reported separately.
        let _ = self.writer.send(bytes);
    }

    /// Resizes the PTY (the child gets SIGWINCH) only when the size really changed.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        if self.size == (rows, cols) {
            return;
        }
        self.size = (rows, cols);
        if let Err(error) = self.master.resize(pty_size(rows, cols)) {
            tracing::warn!(%error, "pty resize failed");
        }
    }

    pub fn acknowledge_output(&self) {
        self.pending_wake.store(false, Ordering::Release);
    }

    pub fn hang_up(&mut self) {
        let _ = self.killer.kill();
    }
}

impl Drop for PtyHandle {
    fn drop(&mut self) {
        self.hang_up();
    }
}

fn pty_size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows: rows.max(1),
        cols: cols.max(1),
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn spawn_thread(name: &str, body: impl FnOnce() + Send + 'static) -> anyhow::Result<()> {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(body)
        .with_context(|| format!("could not start the {name} thread"))?;
    Ok(())
}

fn write_loop(mut output: Box<dyn Write + Send>, writes: mpsc::Receiver<Vec<u8>>) {
    while let Ok(mut bytes) = writes.recv() {
        while let Ok(more) = writes.try_recv() {
            bytes.extend_from_slice(&more);
        }
        if output
            .write_all(&bytes)
            .and_then(|()| output.flush())
            .is_err()
        {
            return;
        }
    }
}

fn read_loop(
    mut reader: Box<dyn Read + Send>,
    screen: SharedScreen,
    replies: mpsc::Sender<Vec<u8>>,
    pending_wake: Arc<AtomicBool>,
    pane: PaneId,
    events: UnboundedSender<Event>,
) {
    let mut buffer = vec![0u8; READ_CHUNK];
    loop {
        let count = match reader.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(count) => count,
        };
        let outcome = lock(&screen).feed(&buffer[..count], Instant::now());
        if !outcome.replies.is_empty() {
            let _ = replies.send(outcome.replies);
        }
        let first_since_frame = outcome.changed && !pending_wake.swap(true, Ordering::AcqRel);
        if first_since_frame && events.send(Event::PaneOutput(pane)).is_err() {
            return;
        }
    }
}
