//! What `cco mcp` asks the running cco over its socket, and what comes back: one JSON object per
//! line, like the hooks' messages, told apart by their `call` field.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A request from `cco mcp` (run by a Claude Code session) to the running cco.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct CallToCco {
    pub id: u64,
    /// `CCO_PANE` of the Claude Code that runs this `cco mcp`: the parent of what it spawns.
    #[serde(default)]
    pub pane: Option<String>,
    pub call: Call,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(tag = "name", rename_all = "snake_case")]
pub enum Call {
    /// Open a visible pane running `agent` with `task` as its first prompt.
    SpawnAgent { agent: String, task: String },
    /// The panes cco runs (one, when a session id is given).
    Status { session_id: Option<String> },
}

/// cco's answer to a call.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct CallReply {
    pub id: u64,
    #[serde(flatten)]
    pub outcome: Outcome,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok(Value),
    Error(String),
}

/// What `spawn_agent` hands back.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct Spawned {
    pub session_id: String,
    pub pane: usize,
    pub agent: String,
}

/// One pane as `agent_status` reports it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
pub struct PaneReport {
    pub pane: usize,
    pub name: String,
    pub session_id: Option<String>,
    pub agent: Option<String>,
    /// working, needs approval, your turn, ended; "starting" before the first hook.
    pub state: String,
    /// Whether the pane's process still runs.
    pub running: bool,
    pub parent_session: Option<String>,
    /// The last answer Claude Code gave (its Stop hook's `last_assistant_message`).
    pub last_answer: Option<String>,
    pub cost_usd: Option<f64>,
    pub subagents: Vec<SubagentReport>,
}

impl PaneReport {
    /// Stopped with an answer: the pane's turn is over and the person (or coordinator) is up.
    pub fn is_finished(&self) -> bool {
        self.last_answer.is_some() && matches!(self.state.as_str(), "your turn" | "ended")
            || !self.running
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct SubagentReport {
    pub agent_id: String,
    pub agent_type: String,
    pub running: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_and_replies_are_one_line_each() {
        let call = CallToCco {
            id: 3,
            pane: Some("1".into()),
            call: Call::SpawnAgent {
                agent: "go-specialist".into(),
                task: "fix the build\nthen test".into(),
            },
        };
        let line = serde_json::to_string(&call).expect("serialises");
        assert!(!line.contains('\n'));
        assert!(line.contains(r#""name":"spawn_agent""#), "{line}");
        assert_eq!(
            serde_json::from_str::<CallToCco>(&line).expect("parses"),
            call
        );
        let reply = CallReply {
            id: 3,
            outcome: Outcome::Error("no such agent".into()),
        };
        let line = serde_json::to_string(&reply).expect("serialises");
        assert_eq!(line, r#"{"id":3,"error":"no such agent"}"#);
        assert_eq!(
            serde_json::from_str::<CallReply>(&line).expect("parses"),
            reply
        );
    }

    #[test]
    fn a_pane_is_finished_once_it_stopped_with_an_answer_or_its_process_ended() {
        let mut report = PaneReport {
            state: "your turn".into(),
            running: true,
            ..PaneReport::default()
        };
        assert!(!report.is_finished(), "started, no answer yet");
        report.last_answer = Some("done".into());
        assert!(report.is_finished());
        report.state = "working".into();
        assert!(!report.is_finished(), "working on a next prompt");
        report.running = false;
        assert!(report.is_finished());
    }
}
