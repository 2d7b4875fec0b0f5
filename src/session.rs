//! One session per pane: a child process in a real PTY, its emulated screen, and what the
//! user's view of it needs (name, status, scrollback position).

mod emulator;
mod history;
mod pty;
pub mod scroll;
mod stream;

pub use emulator::{Emulator, FeedOutcome};
pub use history::History;
pub use pty::{PtyHandle, SpawnRequest};
pub use scroll::{ScrollView, SearchMatch};

use std::sync::{Arc, Mutex, MutexGuard};

pub type PaneId = u32;

/// How a child process ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExitInfo {
    Code(u32),
    Signal(String),
}

impl std::fmt::Display for ExitInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExitInfo::Code(code) => write!(f, "exited {code}"),
            ExitInfo::Signal(signal) => write!(f, "killed by {signal}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Starting,
    Running,
    Exited(ExitInfo),
    Failed(String),
}

impl Status {
    pub fn is_running(&self) -> bool {
        matches!(self, Status::Starting | Status::Running)
    }
}

/// The emulated screen shared between the pane's reader thread and the renderer.
pub type SharedScreen = Arc<Mutex<Emulator>>;

/// Locks a pane's screen; a reader thread that panicked mid-update leaves a screen that is
/// still safe to draw, so poisoning is ignored.
pub fn lock(screen: &SharedScreen) -> MutexGuard<'_, Emulator> {
    screen
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What the app knows about one pane.
pub struct Pane {
    pub id: PaneId,
    pub name: String,
    pub command: Vec<String>,
    pub title: Option<String>,
    pub status: Status,
    pub bell: bool,
    pub screen: SharedScreen,
    pub scroll: Option<ScrollView>,
    /// The Claude Code session cco started in this pane, when it chose its id.
    pub session_id: Option<String>,
    /// What the pane's Claude Code is doing, from its hooks.
    pub activity: Option<crate::hook::Activity>,
    /// The folder the pane's Claude Code works in, as its hooks report it.
    pub cwd: Option<std::path::PathBuf>,
}

impl Pane {
    pub fn new(id: PaneId, name: String, command: Vec<String>, screen: SharedScreen) -> Self {
        Self {
            id,
            name,
            command,
            title: None,
            status: Status::Starting,
            bell: false,
            screen,
            scroll: None,
            session_id: None,
            activity: None,
            cwd: None,
        }
    }

    pub fn command_line(&self) -> String {
        self.command.join(" ")
    }
}

#[cfg(test)]
mod fuzz_tests;
