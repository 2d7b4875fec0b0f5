//! The one approvals queue for all panes: what waits for the person, in arrival order, with
//! the classifier's view of each request, and the audit record each decision leaves.

use std::time::{Duration, Instant};

use super::audit::Record;
use super::protocol::Answer;
use super::wire::HookInput;
use crate::classify::Label;

/// One permission request waiting for the person.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub key: u64,
    /// `CCO_PANE` of the asking Claude Code, when it runs in one of cco's panes.
    pub pane: Option<String>,
    pub session_id: String,
    /// The sub-agent that asked, if not the main session: its type and id.
    pub agent: Option<String>,
    pub agent_id: Option<String>,
    pub tool_input: serde_json::Value,
    pub tool: String,
    /// The command, or the file for Edit/Write.
    pub subject: String,
    /// The classifier's label for Bash commands.
    pub label: Option<Label>,
    pub reason: String,
    pub arrived: Instant,
}

impl Pending {
    pub fn new(key: u64, pane: Option<String>, input: &HookInput, now: Instant) -> Pending {
        let verdict = input.bash_command().map(crate::classify::classify);
        Pending {
            key,
            pane,
            session_id: input.session_id.clone(),
            agent: input.agent_type.clone(),
            agent_id: input.agent_id.clone(),
            tool_input: input.tool_input.clone(),
            tool: input.tool_name.clone().unwrap_or_else(|| "?".into()),
            subject: input.subject(),
            label: verdict.as_ref().map(|v| v.label),
            reason: verdict.map(|v| v.reason).unwrap_or_default(),
            arrived: now,
        }
    }

    /// The subject on one line, cut to `max` characters with an ellipsis.
    pub fn subject_preview(&self, max: usize) -> String {
        crate::text::one_line(&self.subject, max)
    }

    pub fn waited(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.arrived)
    }

    /// The audit row for this request's outcome; `answer` None means it was answered in the
    /// pane's own dialog (cco never learns which way).
    pub fn record(&self, answer: Option<&Answer>, now: Instant) -> Record {
        let (decision, decided_by, message) = match answer {
            None | Some(Answer::Abstain) => ("answered_in_pane", "pane", None),
            Some(answer) => {
                let message = match answer {
                    Answer::Deny { message } => Some(message.clone()),
                    _ => None,
                };
                (answer.name(), "person", message)
            }
        };
        Record {
            at_ms: jiff::Timestamp::now().as_millisecond(),
            session_id: self.session_id.clone(),
            pane: self.pane.clone(),
            agent: self.agent.clone(),
            tool: self.tool.clone(),
            subject: self.subject.clone(),
            label: self.label.map(|l| l.to_string()),
            reason: Some(self.reason.clone()).filter(|r| !r.is_empty()),
            decision: decision.into(),
            decided_by: decided_by.into(),
            message,
            waited_ms: i64::try_from(self.waited(now).as_millis()).ok(),
        }
    }
}

/// The audit row for a decision a hook made by itself (a READ command allowed).
pub fn self_decided(pane: Option<String>, input: &HookInput, label: Label, reason: &str) -> Record {
    Record {
        at_ms: jiff::Timestamp::now().as_millisecond(),
        session_id: input.session_id.clone(),
        pane,
        agent: input.agent_type.clone(),
        tool: input.tool_name.clone().unwrap_or_default(),
        subject: input.subject(),
        label: Some(label.to_string()),
        reason: Some(reason.to_string()),
        decision: "allow".into(),
        decided_by: "classifier".into(),
        message: None,
        waited_ms: Some(0),
    }
}

#[derive(Clone, Debug, Default)]
pub struct Queue {
    items: Vec<Pending>,
    selected: usize,
}

impl Queue {
    pub fn push(&mut self, pending: Pending) {
        self.items.push(pending);
    }

    pub fn remove(&mut self, key: u64) -> Option<Pending> {
        let index = self.items.iter().position(|p| p.key == key)?;
        let removed = self.items.remove(index);
        if index < self.selected || self.selected >= self.items.len() {
            self.selected = self.selected.saturating_sub(1);
        }
        Some(removed)
    }

    pub fn selected(&self) -> Option<&Pending> {
        self.items.get(self.selected)
    }

    pub fn selected_index(&self) -> usize {
        self.selected
    }

    /// Moves the selection by `delta`, wrapping around.
    pub fn select(&mut self, delta: isize) {
        let count = self.items.len();
        if count == 0 {
            return;
        }
        let count = isize::try_from(count).unwrap_or(isize::MAX);
        let current = isize::try_from(self.selected).unwrap_or(0);
        self.selected = usize::try_from((current + delta).rem_euclid(count)).unwrap_or(0);
    }

    pub fn items(&self) -> &[Pending] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Requests this news shows were settled without cco: Claude Code does not stop the hook
    /// when the person answers in the pane's own dialog, but the same session (and agent)
    /// then runs the tool, ends its turn or gets a new prompt.
    pub fn settled_by(&self, news: &HookInput) -> Vec<u64> {
        let event = news.hook_event_name.as_str();
        let whole_turn = matches!(event, "Stop" | "SessionEnd" | "UserPromptSubmit");
        let this_call = matches!(event, "PostToolUse" | "PostToolUseFailure");
        if !whole_turn && !this_call {
            return Vec::new();
        }
        self.items
            .iter()
            .filter(|p| p.session_id == news.session_id && p.agent_id == news.agent_id)
            .filter(|p| {
                whole_turn
                    || (news.tool_name.as_deref() == Some(p.tool.as_str())
                        && news.tool_input == p.tool_input)
            })
            .map(|p| p.key)
            .collect()
    }

    /// Requests waiting from one pane.
    pub fn count_for(&self, pane: &str) -> usize {
        self.items
            .iter()
            .filter(|p| p.pane.as_deref() == Some(pane))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(command: &str) -> HookInput {
        HookInput::parse(&format!(
            r#"{{"session_id":"s","hook_event_name":"PermissionRequest","tool_name":"Bash",
                "tool_input":{{"command":"{command}"}},"agent_type":"cco:tester"}}"#
        ))
        .expect("input")
    }

    #[test]
    fn requests_are_classified_and_kept_in_arrival_order() {
        let now = Instant::now();
        let mut queue = Queue::default();
        queue.push(Pending::new(
            1,
            Some("1".into()),
            &request("rm -rf build"),
            now,
        ));
        queue.push(Pending::new(2, Some("2".into()), &request("touch a"), now));
        queue.push(Pending::new(3, Some("1".into()), &request("git push"), now));
        assert_eq!(queue.len(), 3);
        assert_eq!(queue.count_for("1"), 2);
        let first = queue.selected().expect("selected");
        assert_eq!(first.label, Some(Label::Delete));
        assert_eq!(first.agent.as_deref(), Some("cco:tester"));
        assert_eq!(first.subject_preview(6), "rm -r…");
        assert_eq!(first.subject_preview(60), "rm -rf build");
        queue.select(-1);
        assert_eq!(
            queue.selected().map(|p| p.key),
            Some(3),
            "wraps to the last"
        );
        queue.select(1);
        assert_eq!(queue.selected().map(|p| p.key), Some(1));
        queue.select(1);
        assert_eq!(queue.remove(1).map(|p| p.key), Some(1));
        assert_eq!(
            queue.selected().map(|p| p.key),
            Some(2),
            "selection stays on its item"
        );
        assert_eq!(queue.remove(3).map(|p| p.key), Some(3));
        assert_eq!(queue.selected().map(|p| p.key), Some(2));
        assert!(queue.remove(3).is_none());
    }

    #[test]
    fn records_say_who_decided_what() {
        let arrived = Instant::now();
        let pending = Pending::new(1, Some("2".into()), &request("rm -rf build"), arrived);
        let later = arrived + Duration::from_millis(1500);
        let denied = pending.record(
            Some(&Answer::Deny {
                message: "keep it".into(),
            }),
            later,
        );
        assert_eq!(denied.decision, "deny");
        assert_eq!(denied.decided_by, "person");
        assert_eq!(denied.message.as_deref(), Some("keep it"));
        assert_eq!(denied.waited_ms, Some(1500));
        assert_eq!(denied.label.as_deref(), Some("DELETE"));
        let in_pane = pending.record(None, later);
        assert_eq!(in_pane.decision, "answered_in_pane");
        assert_eq!(in_pane.decided_by, "pane");
    }
}
