//! The live agent tree: which roster agent each pane runs, who spawned it, its last answer, and
//! the sub-agents its Claude Code starts and stops (from hook news); and the rows the panel
//! shows: the live panes first, then the roster by tier and category with each agent's panes.

use std::collections::{BTreeMap, BTreeSet};

use crate::hook::wire::HookInput;
use crate::hook::Activity;
use crate::session::PaneId;

use super::roster::{Roster, TIERS};

/// What cco knows about a pane beyond its PTY.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LivePane {
    /// The roster agent it runs (`claude --agent cco:<name>`).
    pub agent: Option<String>,
    /// The session that asked for it over `spawn_agent`.
    pub parent_session: Option<String>,
    pub last_answer: Option<String>,
    pub subagents: Vec<Subagent>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subagent {
    pub id: String,
    pub agent_type: String,
    pub running: bool,
    pub last_answer: Option<String>,
}

/// The roster agent a command line runs: `--agent cco:<name>` or `--agent=<name>`.
pub fn agent_of(command: &[String]) -> Option<String> {
    let mut args = command.iter().skip(1);
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--agent=") {
            Some(value) => value.to_string(),
            None if arg == "--agent" => args.next()?.clone(),
            None => continue,
        };
        return Some(super::unqualified(&value).to_string());
    }
    None
}

/// The live side of the tree, keyed by pane.
#[derive(Clone, Debug, Default)]
pub struct Live {
    pub panes: BTreeMap<PaneId, LivePane>,
}

impl Live {
    pub fn get(&self, pane: PaneId) -> Option<&LivePane> {
        self.panes.get(&pane)
    }

    pub fn entry(&mut self, pane: PaneId) -> &mut LivePane {
        self.panes.entry(pane).or_default()
    }

    pub fn remove(&mut self, pane: PaneId) {
        self.panes.remove(&pane);
    }

    /// Takes in a hook event from the pane's Claude Code; true when the tree changed.
    pub fn on_hook(&mut self, pane: PaneId, input: &HookInput) -> bool {
        let live = self.entry(pane);
        match (input.hook_event_name.as_str(), &input.agent_id) {
            ("SubagentStart", Some(id)) => {
                live.subagents.retain(|s| &s.id != id);
                live.subagents.push(Subagent {
                    id: id.clone(),
                    agent_type: input.agent_type.clone().unwrap_or_default(),
                    running: true,
                    last_answer: None,
                });
                true
            }
            ("SubagentStop", Some(id)) => {
                let Some(found) = live.subagents.iter_mut().find(|s| &s.id == id) else {
                    live.subagents.push(Subagent {
                        id: id.clone(),
                        agent_type: input.agent_type.clone().unwrap_or_default(),
                        running: false,
                        last_answer: input.last_assistant_message.clone(),
                    });
                    return true;
                };
                found.running = false;
                found.last_answer.clone_from(&input.last_assistant_message);
                true
            }
            ("Stop", None) => {
                live.last_answer.clone_from(&input.last_assistant_message);
                true
            }
            ("UserPromptSubmit", None) => {
                live.last_answer = None;
                true
            }
            _ => false,
        }
    }
}

/// What the tree needs to know of a pane (drawn from the app's own state).
#[derive(Clone, Debug, PartialEq)]
pub struct PaneFacts {
    pub id: PaneId,
    pub number: usize,
    pub name: String,
    pub session_id: Option<String>,
    /// What its Claude Code is doing, from its hooks (None before the first one).
    pub activity: Option<Activity>,
    /// Whether its process still runs.
    pub running: bool,
    pub cost_picos: Option<i64>,
}

impl PaneFacts {
    /// working, needs approval, your turn, ended; "starting" before the first hook.
    pub fn state(&self) -> &'static str {
        match (self.activity, self.running) {
            (_, false) => "ended",
            (Some(activity), true) => activity.label(),
            (None, true) => "starting",
        }
    }
}

/// One line of the tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    Heading {
        key: String,
        label: String,
        depth: u16,
        open: bool,
        count: usize,
    },
    Agent {
        name: String,
        depth: u16,
    },
    Pane {
        pane: PaneFacts,
        agent: Option<String>,
        depth: u16,
    },
    Subagent {
        agent_type: String,
        running: bool,
        depth: u16,
    },
}

impl Row {
    pub fn depth(&self) -> u16 {
        match self {
            Row::Heading { depth, .. }
            | Row::Agent { depth, .. }
            | Row::Pane { depth, .. }
            | Row::Subagent { depth, .. } => *depth,
        }
    }
}

/// The section of live panes.
pub const LIVE_KEY: &str = "live";

/// Builds the rows: live panes as a parent → children tree with their sub-agents, then the
/// roster. `filter` keeps agents whose name, description or category contains every word and
/// opens every group; `toggled` holds the groups the person folded or unfolded (the live
/// section and tiers start open, categories folded: 119 agents do not fit on a screen).
pub fn rows(
    roster: &Roster,
    live: &Live,
    panes: &[PaneFacts],
    filter: &str,
    toggled: &BTreeSet<String>,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    let filtering = !words.is_empty();
    if !panes.is_empty() && !filtering {
        let open = is_open(toggled, LIVE_KEY, true);
        rows.push(Row::Heading {
            key: LIVE_KEY.into(),
            label: "Panes".into(),
            depth: 0,
            open,
            count: panes.len(),
        });
        if open {
            for pane in panes {
                if parent_of(live, panes, pane).is_none() {
                    push_pane_tree(&mut rows, live, panes, pane, 1);
                }
            }
        }
    }
    let matches = |agent: &super::Agent| {
        let haystack =
            format!("{} {} {}", agent.name, agent.category, agent.description).to_lowercase();
        words.iter().all(|w| haystack.contains(w))
    };
    for tier in TIERS {
        let agents: Vec<&super::Agent> = roster
            .agents
            .iter()
            .filter(|a| a.tier == *tier && matches(a))
            .collect();
        if agents.is_empty() {
            continue;
        }
        let tier_open = filtering || is_open(toggled, tier, true);
        rows.push(Row::Heading {
            key: (*tier).to_string(),
            label: (*tier).to_string(),
            depth: 0,
            open: tier_open,
            count: agents.len(),
        });
        if !tier_open {
            continue;
        }
        let mut categories: Vec<&str> = agents.iter().map(|a| a.category.as_str()).collect();
        categories.dedup();
        for category in categories {
            let key = format!("{tier}/{category}");
            let in_category: Vec<&&super::Agent> =
                agents.iter().filter(|a| a.category == category).collect();
            let open = filtering || is_open(toggled, &key, false);
            rows.push(Row::Heading {
                key,
                label: category.to_string(),
                depth: 1,
                open,
                count: in_category.len(),
            });
            if !open {
                continue;
            }
            for agent in in_category {
                rows.push(Row::Agent {
                    name: agent.name.clone(),
                    depth: 2,
                });
                for pane in panes {
                    let runs = live.get(pane.id).and_then(|l| l.agent.as_deref());
                    if runs == Some(agent.name.as_str()) {
                        rows.push(Row::Pane {
                            pane: pane.clone(),
                            agent: Some(agent.name.clone()),
                            depth: 3,
                        });
                    }
                }
            }
        }
    }
    rows
}

/// The row Enter should spawn after typing `filter`: an agent whose name starts with the
/// first word, else one whose name holds it, else the first agent shown.
pub fn best_match(rows: &[Row], filter: &str) -> Option<usize> {
    let word = filter
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let agent = |test: &dyn Fn(&str) -> bool| {
        rows.iter()
            .position(|row| matches!(row, Row::Agent { name, .. } if test(name)))
    };
    agent(&|name| name.starts_with(&word))
        .or_else(|| agent(&|name| name.contains(&word)))
        .or_else(|| agent(&|_| true))
}

fn is_open(toggled: &BTreeSet<String>, key: &str, by_default: bool) -> bool {
    by_default != toggled.contains(key)
}

/// The pane that spawned `pane`: it runs the parent session and was opened before it (so the
/// tree can never loop).
fn parent_of(live: &Live, panes: &[PaneFacts], pane: &PaneFacts) -> Option<PaneId> {
    let parent = live.get(pane.id)?.parent_session.as_deref()?;
    panes
        .iter()
        .find(|p| p.id < pane.id && p.session_id.as_deref() == Some(parent))
        .map(|p| p.id)
}

fn push_pane_tree(
    rows: &mut Vec<Row>,
    live: &Live,
    panes: &[PaneFacts],
    pane: &PaneFacts,
    depth: u16,
) {
    let state = live.get(pane.id);
    rows.push(Row::Pane {
        pane: pane.clone(),
        agent: state.and_then(|l| l.agent.clone()),
        depth,
    });
    for subagent in state.map(|l| l.subagents.as_slice()).unwrap_or_default() {
        rows.push(Row::Subagent {
            agent_type: subagent.agent_type.clone(),
            running: subagent.running,
            depth: depth + 1,
        });
    }
    for child in panes {
        if parent_of(live, panes, child) == Some(pane.id) {
            push_pane_tree(rows, live, panes, child, depth + 1);
        }
    }
}

#[cfg(test)]
#[path = "tree_tests.rs"]
mod tests;
