//! Everything that can wake the event loop: terminal input, pane output, child exits, signals.

use crate::session::{ExitInfo, PaneId};

#[derive(Debug)]
pub enum Event {
    /// Input or a resize from the user's terminal.
    Terminal(crossterm::event::Event),
    /// A pane's screen changed; the next frame draws it.
    PaneOutput(PaneId),
    /// A pane's child process ended.
    PaneExited { pane: PaneId, exit: ExitInfo },
    /// A pane's command could not be started.
    SpawnFailed { pane: PaneId, error: String },
    /// The user's terminal went away or asked us to stop (SIGTERM, SIGHUP).
    Shutdown(&'static str),
    /// News from the cost feed: a fresh summary or a problem.
    Cost(crate::cost::watcher::CostUpdate),
    /// The terminal input stream failed: nothing more can be read.
    InputClosed(String),
    /// A Claude Code hook asked or told something over cco's socket.
    Hook(Box<crate::hook::server::HookEvent>),
    /// Something in the background went wrong; said in the status line.
    Warning(String),
    /// The credentials worker's news for the panel.
    Credentials(crate::credentials::worker::News),
    /// The knowledge worker's answers for the panel.
    Knowledge(crate::knowledge::worker::News),
}
