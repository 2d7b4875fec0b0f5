//! The agent tree panel on the app state, and delegation: panes running roster agents, opened
//! by the person (select an agent, Enter, an optional first task) or by a coordinator's
//! `spawn_agent` call; the tree follows their hooks.

use std::collections::BTreeSet;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::{App, Effect, Level, Mode};
use crate::agents::calls::{Call, Outcome, PaneReport, Spawned, SubagentReport};
use crate::agents::tree::{self, Live, PaneFacts, Row};
use crate::agents::{qualified, Roster};
use crate::panel::PanelKind;
use crate::session::PaneId;

/// The agent tree's state: the roster, the live panes and what the person has done to the view.
#[derive(Debug, Default)]
pub struct AgentsPanel {
    pub roster: Roster,
    pub live: Live,
    pub filter: String,
    /// Groups whose open/closed state differs from their default.
    pub toggled: BTreeSet<String>,
    pub selected: usize,
    /// The first-task editor, while one is open.
    pub editor: Option<SpawnEditor>,
}

/// The small editor for an agent's first task.
#[derive(Debug)]
pub struct SpawnEditor {
    pub agent: String,
    pub text: TextArea<'static>,
}

impl App {
    /// The tree's rows as the panel shows them now.
    pub fn agent_rows(&self) -> Vec<Row> {
        let panes: Vec<PaneFacts> = self
            .ordered_panes()
            .into_iter()
            .filter_map(|id| self.pane_facts(id))
            .collect();
        let panel = &self.agents;
        tree::rows(
            &panel.roster,
            &panel.live,
            &panes,
            &panel.filter,
            &panel.toggled,
        )
    }

    fn pane_facts(&self, id: PaneId) -> Option<PaneFacts> {
        let pane = self.panes.get(&id)?;
        let cost_picos = self.cost.as_ref().and_then(|cost| {
            let session = pane.session_id.as_ref()?;
            cost.sessions.get(session).map(|totals| totals.cost_picos)
        });
        Some(PaneFacts {
            id,
            number: self.pane_number(id),
            name: pane.name.clone(),
            session_id: pane.session_id.clone(),
            activity: pane.activity,
            running: pane.status.is_running(),
            cost_picos,
        })
    }

    pub(super) fn toggle_agents_panel(&mut self) {
        self.panels.toggle(PanelKind::Agents);
        self.sync_sizes();
        if self.panels.panels.contains(&PanelKind::Agents) {
            self.panels.focus(PanelKind::Agents);
            self.mode = Mode::Agents;
        }
    }

    pub(super) fn on_agents_key(&mut self, key: &KeyEvent) {
        self.mode = Mode::Agents;
        let rows = self.agent_rows();
        let count = rows.len();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc if !self.agents.filter.is_empty() => self.set_filter(String::new()),
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                self.panels.focused = None;
            }
            KeyCode::Up => self.agents.selected = self.agents.selected.saturating_sub(1),
            KeyCode::Char('p') if ctrl => {
                self.agents.selected = self.agents.selected.saturating_sub(1)
            }
            KeyCode::Down => {
                self.agents.selected = (self.agents.selected + 1).min(count.saturating_sub(1))
            }
            KeyCode::Char('n') if ctrl => {
                self.agents.selected = (self.agents.selected + 1).min(count.saturating_sub(1))
            }
            KeyCode::Right | KeyCode::Left => {
                if let Some(Row::Heading {
                    key: group, open, ..
                }) = rows.get(self.agents.selected)
                {
                    if open != &(key.code == KeyCode::Right) {
                        self.toggle_group(group.clone());
                    }
                }
            }
            KeyCode::Enter => match rows.get(self.agents.selected) {
                Some(Row::Heading { key: group, .. }) => self.toggle_group(group.clone()),
                Some(Row::Agent { name, .. }) => {
                    self.agents.editor = Some(SpawnEditor {
                        agent: name.clone(),
                        text: task_editor(),
                    });
                    self.mode = Mode::SpawnTask;
                }
                Some(Row::Pane { pane, .. }) => {
                    let id = pane.id;
                    self.mode = Mode::Normal;
                    self.panels.focused = None;
                    self.set_focus(id);
                }
                Some(Row::Subagent { .. }) | None => {}
            },
            KeyCode::Backspace => {
                let mut filter = self.agents.filter.clone();
                filter.pop();
                self.set_filter(filter);
            }
            KeyCode::Char(c) if !ctrl => {
                let filter = format!("{}{c}", self.agents.filter);
                self.set_filter(filter);
            }
            _ => {}
        }
    }

    fn set_filter(&mut self, filter: String) {
        self.agents.filter = filter;
        let rows = self.agent_rows();
        self.agents.selected = tree::best_match(&rows, &self.agents.filter).unwrap_or(0);
    }

    fn toggle_group(&mut self, group: String) {
        if !self.agents.toggled.remove(&group) {
            self.agents.toggled.insert(group);
        }
    }

    pub(super) fn on_spawn_task_key(&mut self, key: KeyEvent) {
        self.mode = Mode::SpawnTask;
        let Some(editor) = self.agents.editor.as_mut() else {
            self.mode = Mode::Agents;
            return;
        };
        let newline = key.code == KeyCode::Enter && key.modifiers.contains(KeyModifiers::ALT)
            || key.code == KeyCode::Char('j') && key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                self.agents.editor = None;
                self.mode = Mode::Agents;
            }
            KeyCode::Enter if !newline => {
                let Some(editor) = self.agents.editor.take() else {
                    return;
                };
                let task = editor.text.lines().join("\n").trim().to_string();
                self.agents.filter.clear();
                self.mode = Mode::Normal;
                self.panels.focused = None;
                match self.spawn_agent(&editor.agent, &task, None, true) {
                    Ok(spawned) => self.say(
                        Level::Info,
                        format!("pane {} runs {}", spawned.pane, spawned.agent),
                    ),
                    Err(error) => self.say(Level::Error, error),
                }
            }
            _ if newline => editor.text.insert_newline(),
            _ => {
                editor.text.input(key);
            }
        }
    }

    /// Pastes into the first-task editor.
    pub(super) fn paste_into_task(&mut self, text: &str) {
        if let Some(editor) = self.agents.editor.as_mut() {
            editor.text.insert_str(text);
        }
    }

    /// Opens a pane running `agent` with `task` as its first prompt. `parent` is the pane that
    /// asked (a coordinator); `focus` moves the keyboard to the new pane.
    pub fn spawn_agent(
        &mut self,
        agent: &str,
        task: &str,
        parent: Option<PaneId>,
        focus: bool,
    ) -> Result<Spawned, String> {
        let Some(found) = self.agents.roster.get(agent) else {
            return Err(format!(
                "there is no agent {agent:?} in the roster (list_agents shows it)"
            ));
        };
        let name = found.name.clone();
        if self.hooks.is_none() {
            return Err(
                "cco's plugin is off (see the message at start-up), so Claude Code cannot run \
                 roster agents"
                    .into(),
            );
        }
        let program = self.claude_program(parent);
        let mut command = vec![program, "--agent".into(), qualified(&name)];
        if !task.is_empty() {
            command.push(task.to_string());
        }
        let before = self.focus;
        let id = self.open_pane(command, None);
        let parent_session = parent
            .and_then(|p| self.panes.get(&p))
            .and_then(|p| p.session_id.clone());
        self.agents.live.entry(id).parent_session = parent_session;
        if let Some(pane) = self.panes.get_mut(&id) {
            pane.name.clone_from(&name);
        }
        if !focus {
            if let Some(before) = before {
                self.set_focus(before);
            }
        }
        let session_id = self
            .panes
            .get(&id)
            .and_then(|p| p.session_id.clone())
            .unwrap_or_default();
        Ok(Spawned {
            session_id,
            pane: self.pane_number(id),
            agent: name,
        })
    }

    /// The Claude Code program to run: the asking pane's, the focused pane's, the default
    /// command's or any pane's, when one of them runs Claude Code; else `claude` from PATH.
    fn claude_program(&self, asking: Option<PaneId>) -> String {
        let panes = [asking, self.focus]
            .into_iter()
            .flatten()
            .filter_map(|id| self.panes.get(&id))
            .map(|pane| &pane.command);
        let others = self.panes.values().map(|pane| &pane.command);
        panes
            .chain(std::iter::once(&self.default_command))
            .chain(others)
            .find(|command| crate::hook::launch::is_claude(command))
            .map_or_else(|| "claude".into(), |command| command[0].clone())
    }

    /// Answers a call from `cco mcp`.
    pub(super) fn on_call(&mut self, key: u64, pane: Option<&str>, call: Call) {
        let outcome = match call {
            Call::SpawnAgent { agent, task } => {
                let parent = pane.and_then(|p| p.parse::<PaneId>().ok());
                match self.spawn_agent(&agent, &task, parent, false) {
                    Ok(spawned) => {
                        self.say(
                            Level::Info,
                            format!(
                                "pane {} runs {} (asked by a session)",
                                spawned.pane, spawned.agent
                            ),
                        );
                        serde_json::to_value(spawned)
                            .map_or_else(|e| Outcome::Error(e.to_string()), Outcome::Ok)
                    }
                    Err(error) => Outcome::Error(error),
                }
            }
            Call::Status { session_id } => {
                let reports: Vec<PaneReport> = self
                    .ordered_panes()
                    .into_iter()
                    .filter_map(|id| self.pane_report(id))
                    .filter(|r| {
                        session_id.is_none() || r.session_id.as_deref() == session_id.as_deref()
                    })
                    .collect();
                serde_json::to_value(reports)
                    .map_or_else(|e| Outcome::Error(e.to_string()), Outcome::Ok)
            }
        };
        self.effects.push(Effect::Reply { key, outcome });
    }

    fn pane_report(&self, id: PaneId) -> Option<PaneReport> {
        let facts = self.pane_facts(id)?;
        let live = self.agents.live.get(id).cloned().unwrap_or_default();
        Some(PaneReport {
            state: facts.state().into(),
            running: facts.running,
            pane: facts.number,
            name: facts.name,
            session_id: facts.session_id,
            agent: live.agent,
            parent_session: live.parent_session,
            last_answer: live.last_answer,
            cost_usd: facts
                .cost_picos
                .map(|picos| picos as f64 / crate::cost::pricing::PICOS_PER_USD),
            subagents: live
                .subagents
                .into_iter()
                .map(|s| SubagentReport {
                    agent_id: s.id,
                    agent_type: s.agent_type,
                    running: s.running,
                })
                .collect(),
        })
    }
}

fn task_editor() -> TextArea<'static> {
    let mut text = TextArea::default();
    text.set_placeholder_text("first task (optional): what the agent should do first");
    text
}

#[cfg(test)]
#[path = "agents_tests.rs"]
mod tests;
