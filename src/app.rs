//! All UI state and `App::update`: events change state and queue `Effect`s for the runtime to
//! carry out. Nothing here touches a PTY or the terminal directly.

mod agents;
mod approvals;
mod credentials;
mod input;
mod knowledge;
mod knowledge_editor;

pub use agents::{AgentsPanel, SpawnEditor};
pub use credentials::{CredentialsPanel, Revealed, StoreForm, FORM_FIELDS};
pub use knowledge::{ItemEditor, KnowledgePanel, KnowledgeView};
mod panes;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use ratatui::layout::Rect;

use crate::config::Config;
use crate::event::Event;
use crate::keymap::Keymap;
use crate::layout::Node;
use crate::panel::PanelArea;
use crate::session::{lock, Emulator, Pane, PaneId, Status};
use crate::theme::Theme;

/// Work for the runtime: the only way the app acts on the world.
#[derive(Debug)]
pub enum Effect {
    Spawn {
        pane: PaneId,
        command: Vec<String>,
        env: Vec<(String, String)>,
        rows: u16,
        cols: u16,
    },
    Write {
        pane: PaneId,
        bytes: Vec<u8>,
    },
    Resize {
        pane: PaneId,
        rows: u16,
        cols: u16,
    },
    /// Hang up the child and forget the pane's PTY.
    Close {
        pane: PaneId,
    },
    /// Change the shape of the real cursor (DECSCUSR value).
    CursorShape(u8),
    /// Send the person's answer to the hook waiting for it.
    Answer {
        key: u64,
        answer: crate::hook::protocol::Answer,
    },
    /// Append a decision to the approvals audit.
    Audit(Box<crate::hook::audit::Record>),
    /// Write to the user's terminal to announce something (a bell, a notification).
    Announce(Vec<u8>),
    /// Work for the credentials worker.
    Credentials(crate::credentials::worker::Job),
    /// Work for the knowledge worker.
    Knowledge(crate::knowledge::worker::Job),
    /// Send the outcome of a `cco mcp` call back to it.
    Reply {
        key: u64,
        outcome: crate::agents::calls::Outcome,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Confirm {
    ClosePane(PaneId),
    Quit,
    DeleteCredential(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// The prefix key was pressed: the next key is a command.
    Prefix,
    Confirm(Confirm),
    /// Typing a new name for a pane.
    Rename {
        pane: PaneId,
        text: String,
    },
    /// The help overlay, scrolled down by this many rows.
    Help(u16),
    /// Typing the message that goes with denying a request.
    DenyMessage {
        key: u64,
        text: String,
    },
    /// The credentials panel has the keyboard.
    Credentials,
    /// Filling in a new credential.
    CredentialForm(Box<credentials::StoreForm>),
    /// The agent tree has the keyboard: typing filters it.
    Agents,
    /// Writing the first task of an agent about to be spawned (`AgentsPanel::editor`).
    SpawnTask,
    /// The knowledge panel has the keyboard: typing searches.
    Knowledge,
    /// Writing a new knowledge item, or one that supersedes another (`KnowledgePanel::editor`).
    KnowledgeEditor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub level: Level,
}

pub struct App {
    pub panes: BTreeMap<PaneId, Pane>,
    pub layout: Option<Node>,
    pub focus: Option<PaneId>,
    pub zoomed: bool,
    pub panels: PanelArea,
    /// The latest cost summary, once the cost feed has sent one.
    pub cost: Option<Box<crate::cost::summary::Summary>>,
    /// Permission requests from every pane, waiting for the person.
    pub approvals: crate::hook::approvals::Queue,
    pub policy: crate::hook::policy::Policy,
    pub credentials: credentials::CredentialsPanel,
    /// The roster, the live agent tree and its panel.
    pub agents: agents::AgentsPanel,
    /// The knowledge panel: its search, results, stats and editor.
    pub knowledge: knowledge::KnowledgePanel,
    /// How long a revealed credential stays on screen.
    pub reveal_seconds: u32,
    /// Where panes' Claude Code finds cco: its plugin and socket (None: hooks are off).
    pub hooks: Option<HookLink>,
    pub mode: Mode,
    pub message: Option<Message>,
    pub theme: Theme,
    pub keymap: Keymap,
    pub default_command: Vec<String>,
    pub scrollback: usize,
    pub should_quit: bool,
    /// Something visible changed since the last frame.
    pub dirty: bool,
    size: Rect,
    next_id: PaneId,
    pane_sizes: HashMap<PaneId, (u16, u16)>,
    cursor_shape: u8,
    effects: Vec<Effect>,
}

/// What panes running Claude Code are given to reach this cco.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HookLink {
    pub plugin_dir: std::path::PathBuf,
    pub socket: std::path::PathBuf,
}

/// Height of the status line at the bottom.
pub const STATUS_HEIGHT: u16 = 1;

impl App {
    pub fn new(config: &Config, default_command: Vec<String>, width: u16, height: u16) -> Self {
        let message = config.problems.first().map(|text| Message {
            text: text.clone(),
            level: Level::Error,
        });
        Self {
            panes: BTreeMap::new(),
            layout: None,
            focus: None,
            zoomed: false,
            panels: PanelArea::new(),
            cost: None,
            approvals: Default::default(),
            policy: config.settings.approvals.clone(),
            credentials: Default::default(),
            agents: Default::default(),
            knowledge: Default::default(),
            reveal_seconds: config.settings.credentials.reveal_seconds,
            hooks: None,
            mode: Mode::Normal,
            message,
            theme: config.theme.clone(),
            keymap: config.keymap.clone(),
            default_command,
            scrollback: config.settings.scrollback,
            should_quit: false,
            dirty: true,
            size: Rect::new(0, 0, width, height),
            next_id: 1,
            pane_sizes: HashMap::new(),
            cursor_shape: 0,
            effects: Vec::new(),
        }
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub fn say(&mut self, level: Level, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            level,
        });
        self.dirty = true;
    }

    pub fn update(&mut self, event: Event) {
        match event {
            Event::Terminal(event) => self.on_terminal_event(event),
            Event::PaneOutput(id) => self.on_output(id),
            Event::PaneExited { pane, exit } => {
                if let Some(pane) = self.panes.get_mut(&pane) {
                    pane.status = Status::Exited(exit);
                    self.dirty = true;
                }
            }
            Event::SpawnFailed { pane, error } => {
                if let Some(pane) = self.panes.get_mut(&pane) {
                    pane.status = Status::Failed(error.clone());
                    let text = format!("pane {}: {error}", pane.name);
                    self.say(Level::Error, text);
                }
            }
            Event::Shutdown(reason) => {
                tracing::info!(reason, "shutting down");
                self.should_quit = true;
            }
            Event::Cost(update) => self.on_cost(update),
            Event::InputClosed(error) => {
                tracing::warn!(%error, "terminal input closed");
                self.should_quit = true;
            }
            Event::Hook(event) => self.on_hook(*event),
            Event::Warning(text) => self.say(Level::Warning, text),
            Event::Credentials(news) => self.on_credentials_news(news, std::time::Instant::now()),
            Event::Knowledge(news) => self.on_knowledge_news(news),
        }
    }

    fn on_cost(&mut self, update: crate::cost::watcher::CostUpdate) {
        use crate::cost::watcher::CostUpdate;
        match update {
            CostUpdate::Summary(summary) => {
                let was_over: Vec<&str> = self
                    .cost
                    .as_ref()
                    .map(|cost| {
                        cost.gauges
                            .iter()
                            .filter(|g| g.over())
                            .map(|g| g.scope)
                            .collect()
                    })
                    .unwrap_or_default();
                let newly_over: Vec<String> = summary
                    .gauges
                    .iter()
                    .filter(|gauge| gauge.over() && !was_over.contains(&gauge.scope))
                    .map(|gauge| {
                        format!(
                            "over the {} budget: ${:.2} of ${:.2}",
                            gauge.scope, gauge.spent_usd, gauge.limit_usd
                        )
                    })
                    .collect();
                if !newly_over.is_empty() {
                    self.say(Level::Warning, newly_over.join("; "));
                }
                self.cost = Some(summary);
                self.dirty = true;
            }
            CostUpdate::Problem(text) => self.say(Level::Warning, text),
        }
    }

    fn on_output(&mut self, id: PaneId) {
        let focused = self.focus == Some(id);
        let Some(pane) = self.panes.get_mut(&id) else {
            return;
        };
        if pane.status == Status::Starting {
            pane.status = Status::Running;
        }
        let mut screen = lock(&pane.screen);
        if let Some(title) = screen.take_title() {
            pane.title = Some(title).filter(|t| !t.is_empty());
        }
        if screen.take_bell() && !focused {
            pane.bell = true;
        }
        drop(screen);
        self.dirty = true;
    }

    /// The area panes share: everything but the status line and the panel area.
    pub fn pane_area(&self) -> Rect {
        self.panels.split(self.main_area()).0
    }

    /// The area panel views draw in (empty while no panel is shown).
    pub fn panel_area(&self) -> Rect {
        self.panels.split(self.main_area()).1
    }

    fn main_area(&self) -> Rect {
        Rect {
            height: self.size.height.saturating_sub(STATUS_HEIGHT),
            ..self.size
        }
    }

    pub fn size(&self) -> Rect {
        self.size
    }

    /// Each visible pane with its outer rectangle (border included).
    pub fn visible_panes(&self) -> Vec<(PaneId, Rect)> {
        let area = self.pane_area();
        match (&self.layout, self.focus) {
            (Some(_), Some(focus)) if self.zoomed => vec![(focus, area)],
            (Some(layout), _) => layout.rects(area),
            (None, _) => Vec::new(),
        }
    }

    /// The number shown on a pane: its position in the layout, from 1.
    pub fn pane_number(&self, id: PaneId) -> usize {
        self.ordered_panes()
            .iter()
            .position(|p| *p == id)
            .map_or(0, |i| i + 1)
    }

    pub fn ordered_panes(&self) -> Vec<PaneId> {
        self.layout.as_ref().map(Node::leaves).unwrap_or_default()
    }

    pub fn running_sessions(&self) -> usize {
        self.panes
            .values()
            .filter(|p| p.status.is_running())
            .count()
    }

    pub fn focused_pane(&self) -> Option<&Pane> {
        self.focus.and_then(|id| self.panes.get(&id))
    }

    /// Keeps every emulator and PTY at the size of its pane's inside; queues resizes only for
    /// panes whose size changed, so a burst of terminal resizes becomes one per pane.
    fn sync_sizes(&mut self) {
        for (id, rect) in self.visible_panes() {
            let inner = inner(rect);
            let size = (inner.height.max(1), inner.width.max(1));
            if self.pane_sizes.get(&id) == Some(&size) {
                continue;
            }
            self.pane_sizes.insert(id, size);
            if let Some(pane) = self.panes.get_mut(&id) {
                let mut screen = lock(&pane.screen);
                screen.resize(size.0, size.1);
                if let Some(view) = pane.scroll.as_mut() {
                    view.scroll_by(&screen, 0);
                }
                drop(screen);
                self.effects.push(Effect::Resize {
                    pane: id,
                    rows: size.0,
                    cols: size.1,
                });
            }
        }
        self.dirty = true;
    }

    /// Tells the runtime the cursor shape the focused pane wants, when it changed.
    pub fn sync_cursor_shape(&mut self) {
        let wanted = self.focused_pane().map_or(0, |pane| {
            cursor_shape_code(lock(&pane.screen).screen().cursor_style())
        });
        if wanted != self.cursor_shape {
            self.cursor_shape = wanted;
            self.effects.push(Effect::CursorShape(wanted));
        }
    }

    fn new_screen(&self, rows: u16, cols: u16) -> Arc<Mutex<Emulator>> {
        let mut emulator = Emulator::new(rows, cols, self.scrollback);
        if let (Some(fg), Some(bg)) = (
            Theme::rgb(self.theme.pane_fg),
            Theme::rgb(self.theme.pane_bg),
        ) {
            emulator.set_default_colors(fg, bg);
        }
        Arc::new(Mutex::new(emulator))
    }
}

/// The inside of a pane's border.
pub fn inner(rect: Rect) -> Rect {
    Rect {
        x: rect.x.saturating_add(1),
        y: rect.y.saturating_add(1),
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    }
}

fn cursor_shape_code(style: vt100::CursorStyle) -> u8 {
    use vt100::CursorStyle as S;
    match style {
        S::Default => 0,
        S::BlinkBlock => 1,
        S::SteadyBlock => 2,
        S::BlinkUnderline => 3,
        S::SteadyUnderline => 4,
        S::BlinkVerticalBar => 5,
        S::SteadyVerticalBar => 6,
    }
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
