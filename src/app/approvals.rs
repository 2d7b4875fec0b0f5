//! Hook news and the approvals queue on the app state: requests arrive, the person answers
//! with a key, panes show what their Claude Code is doing.

use std::time::Instant;

use super::{App, Effect, Level, Mode};
use crate::hook::approvals::{self, Pending};
use crate::hook::protocol::Answer;
use crate::hook::server::HookEvent;
use crate::hook::Activity;
use crate::panel::PanelKind;
use crate::session::PaneId;

/// What Claude Code is told when the person denies without a message.
const DEFAULT_DENIAL: &str = "Denied by the person in cco.";

impl App {
    /// The environment a new pane's command gets: which pane it is, and how to reach cco.
    pub(super) fn pane_env(&self, id: PaneId, name: &str) -> Vec<(String, String)> {
        let mut env = vec![("CCO_PANE".to_string(), id.to_string())];
        if let Some(link) = &self.hooks {
            env.push((
                "CCO_SOCKET".into(),
                link.socket.to_string_lossy().into_owned(),
            ));
        }
        let auto = self.policy.auto_approve_read_for(name);
        env.push((
            "CCO_AUTO_APPROVE_READ".into(),
            if auto { "1" } else { "0" }.into(),
        ));
        env
    }

    pub(super) fn on_hook(&mut self, event: HookEvent) {
        self.dirty = true;
        match event {
            HookEvent::Ask { key, pane, input } => {
                self.note_pane_folder(pane.as_deref(), &input.cwd);
                let pending = Pending::new(key, pane, &input, Instant::now());
                let where_ = self.pane_label(pending.pane.as_deref());
                let text = format!(
                    "{where_} asks: {} {}",
                    pending.tool,
                    pending.label.map(|l| format!("({l})")).unwrap_or_default()
                );
                self.set_activity(
                    pending.pane.as_deref(),
                    Activity::NeedsApproval,
                    &input.session_id,
                );
                self.approvals.push(pending);
                if !self.panels.panels.contains(&PanelKind::Approvals) {
                    self.panels.toggle(PanelKind::Approvals);
                    self.sync_sizes();
                }
                self.effects
                    .push(Effect::Announce(self.policy.announcement(&text)));
                self.say(Level::Warning, text);
            }
            HookEvent::Tell {
                pane,
                input,
                decided,
            } => {
                self.note_pane_folder(pane.as_deref(), &input.cwd);
                for key in self.approvals.settled_by(&input) {
                    self.withdraw(key, true);
                }
                if let Some(activity) = Activity::after(&input) {
                    self.set_activity(pane.as_deref(), activity, &input.session_id);
                }
                if let Some(id) = self.pane_id(pane.as_deref()) {
                    if self.panes.contains_key(&id) {
                        self.agents.live.on_hook(id, &input);
                    }
                }
                if let Some(decided) = decided {
                    let record =
                        approvals::self_decided(pane, &input, decided.label, &decided.reason);
                    self.effects.push(Effect::Audit(Box::new(record)));
                }
            }
            HookEvent::Withdrawn { key } => self.withdraw(key, false),
            HookEvent::Call { key, pane, call } => self.on_call(key, pane.as_deref(), call),
        }
    }

    /// Drops a request settled in the pane's own dialog; `release` lets its hook go (it is
    /// still waiting when Claude Code did not stop it).
    fn withdraw(&mut self, key: u64, release: bool) {
        let Some(pending) = self.approvals.remove(key) else {
            return;
        };
        self.effects.push(Effect::Audit(Box::new(
            pending.record(None, Instant::now()),
        )));
        if release {
            self.effects.push(Effect::Answer {
                key,
                answer: Answer::Abstain,
            });
        }
        self.after_answer(&pending);
    }

    /// The pane of this cco a hook named by its `CCO_PANE`, if it still exists.
    pub fn hook_pane(&self, pane: Option<&str>) -> Option<&crate::session::Pane> {
        self.pane_id(pane).and_then(|id| self.panes.get(&id))
    }

    /// "pane 2 (claude)" for a pane of this cco, else "a Claude Code session".
    fn pane_label(&self, pane: Option<&str>) -> String {
        match self.hook_pane(pane) {
            Some(found) => format!("pane {} ({})", self.pane_number(found.id), found.name),
            None => "a Claude Code session".into(),
        }
    }

    fn pane_id(&self, pane: Option<&str>) -> Option<PaneId> {
        pane.and_then(|p| p.parse().ok())
    }

    fn set_activity(&mut self, pane: Option<&str>, activity: Activity, session_id: &str) {
        let focused = self.focus;
        let Some(pane) = self.pane_id(pane).and_then(|id| self.panes.get_mut(&id)) else {
            return;
        };
        pane.activity = Some(activity);
        if pane.session_id.is_none() && !session_id.is_empty() {
            pane.session_id = Some(session_id.to_string());
        }
        if activity.needs_you() && focused != Some(pane.id) {
            pane.bell = true;
        }
    }

    /// The pane goes back to work once none of its requests wait any more.
    fn after_answer(&mut self, pending: &Pending) {
        let Some(label) = pending.pane.as_deref() else {
            return;
        };
        if self.approvals.count_for(label) > 0 {
            return;
        }
        if let Some(pane) = self
            .pane_id(Some(label))
            .and_then(|id| self.panes.get_mut(&id))
        {
            if pane.activity == Some(Activity::NeedsApproval) {
                pane.activity = Some(Activity::Working);
            }
        }
    }

    /// Answers the selected request.
    pub(super) fn answer_selected(&mut self, answer: Answer) {
        let Some(key) = self.approvals.selected().map(|p| p.key) else {
            self.say(Level::Info, "no approvals waiting");
            return;
        };
        self.answer(key, answer);
    }

    fn answer(&mut self, key: u64, answer: Answer) {
        let Some(pending) = self.approvals.remove(key) else {
            return;
        };
        self.effects.push(Effect::Audit(Box::new(
            pending.record(Some(&answer), Instant::now()),
        )));
        let text = format!(
            "{}: {} {}",
            answer.name().replace('_', " "),
            pending.tool,
            pending.subject_preview(60)
        );
        self.effects.push(Effect::Answer { key, answer });
        self.after_answer(&pending);
        self.say(Level::Info, text);
    }

    /// Starts typing the message that goes with denying the selected request.
    pub(super) fn deny_with_message(&mut self) {
        match self.approvals.selected() {
            Some(pending) => {
                self.mode = Mode::DenyMessage {
                    key: pending.key,
                    text: String::new(),
                }
            }
            None => self.say(Level::Info, "no approvals waiting"),
        }
    }

    pub(super) fn finish_deny_message(&mut self, key: u64, text: String) {
        let message = if text.trim().is_empty() {
            DEFAULT_DENIAL.to_string()
        } else {
            text
        };
        self.answer(key, Answer::Deny { message });
    }

    pub(super) fn deny_selected(&mut self) {
        self.answer_selected(Answer::Deny {
            message: DEFAULT_DENIAL.into(),
        });
    }

    /// Focuses the pane the selected request came from.
    pub(super) fn jump_to_approval(&mut self) {
        let asking = self.approvals.selected().and_then(|p| p.pane.as_deref());
        match self.hook_pane(asking).map(|pane| pane.id) {
            Some(id) => self.set_focus(id),
            None => self.say(Level::Info, "the request is not from a pane of this cco"),
        }
    }
}

#[cfg(test)]
#[path = "approvals_tests.rs"]
mod tests;
