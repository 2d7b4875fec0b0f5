//! The hook side of the running cco: its plugin written, its socket served, answers routed to
//! waiting hooks, and decisions appended to the audit on a thread of their own.

use std::sync::mpsc;

use tokio::sync::mpsc::UnboundedSender;

use crate::agents::calls::Outcome;
use crate::app::{App, HookLink, Level};
use crate::config::Config;
use crate::event::Event;
use crate::hook::audit::{self, Record};
use crate::hook::plugin;
use crate::hook::protocol::Answer;
use crate::hook::server::{self, Server};

pub struct Hooks {
    server: Option<Server>,
    audit: mpsc::Sender<Record>,
}

impl Hooks {
    /// Writes the plugin and starts the socket; what fails is said in the status line and
    /// panes then run Claude Code without cco's hooks.
    pub fn start(config: &Config, app: &mut App, events: &UnboundedSender<Event>) -> Hooks {
        let audit = spawn_audit_writer(config, events.clone());
        let plugin_dir = std::env::current_exe()
            .map_err(anyhow::Error::from)
            .and_then(|exe| plugin::install(&config.paths.data_dir, &exe, &app.agents.roster));
        let plugin_dir = match plugin_dir {
            Ok(dir) => dir,
            Err(error) => {
                app.say(Level::Error, format!("approvals off: {error:#}"));
                return Hooks {
                    server: None,
                    audit,
                };
            }
        };
        let sender = events.clone();
        match server::start(&config.paths.runtime_dir, move |event| {
            sender.send(Event::Hook(Box::new(event))).is_ok()
        }) {
            Ok(server) => {
                app.hooks = Some(HookLink {
                    plugin_dir,
                    socket: server.path.clone(),
                });
                Hooks {
                    server: Some(server),
                    audit,
                }
            }
            Err(error) => {
                app.say(Level::Error, format!("approvals off: {error:#}"));
                Hooks {
                    server: None,
                    audit,
                }
            }
        }
    }

    pub fn answer(&self, key: u64, answer: Answer) {
        let delivered = self
            .server
            .as_ref()
            .is_some_and(|server| server.responder.answer(key, answer));
        if !delivered {
            tracing::info!(key, "the hook was gone before the answer");
        }
    }

    pub fn reply(&self, key: u64, outcome: Outcome) {
        let delivered = self
            .server
            .as_ref()
            .is_some_and(|server| server.responder.reply(key, outcome));
        if !delivered {
            tracing::info!(key, "the caller was gone before the reply");
        }
    }

    pub fn audit(&self, record: Record) {
        if self.audit.send(record).is_err() {
            tracing::error!("the audit writer has stopped");
        }
    }
}

/// Appends records on a thread, so SQLite never blocks the event loop.
fn spawn_audit_writer(config: &Config, events: UnboundedSender<Event>) -> mpsc::Sender<Record> {
    let (sender, receiver) = mpsc::channel::<Record>();
    let database = crate::db::path(&config.paths.data_dir);
    let writer = move || {
        let mut conn = None;
        for record in receiver {
            if conn.is_none() {
                conn = crate::db::open(&database)
                    .map_err(|error| {
                        let _ = events.send(Event::Warning(format!("approvals audit: {error:#}")));
                    })
                    .ok();
            }
            let Some(open) = &conn else { continue };
            if let Err(error) = audit::append(open, &record) {
                let _ = events.send(Event::Warning(format!(
                    "approvals audit: the decision was not recorded ({error})"
                )));
            }
        }
    };
    if let Err(error) = std::thread::Builder::new()
        .name("audit".into())
        .spawn(writer)
    {
        tracing::error!(%error, "could not start the audit writer");
    }
    sender
}
