//! The credentials panel's state and keys: the list the worker sends, the selection, a value
//! revealed for a few seconds, the store form and delete confirmation. Work is sent to the
//! worker as effects; nothing here touches the keyring.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent};
use zeroize::Zeroizing;

use super::{App, Confirm, Effect, Level, Mode};
use crate::credentials::worker::{Job, News};
use crate::credentials::{AuditRow, Kind, Meta, NewCredential, RotationStatus, SecretString};
use crate::panel::PanelKind;

#[derive(Default)]
pub struct CredentialsPanel {
    /// Which store holds values ("keyring", "file").
    pub store: String,
    pub rows: Vec<(Meta, RotationStatus)>,
    pub audit: Vec<AuditRow>,
    pub selected: usize,
    pub revealed: Option<Revealed>,
    pub loaded: bool,
    pub problem: Option<String>,
}

/// A value on screen until `until`; dropping it zeroizes it.
pub struct Revealed {
    pub name: String,
    pub value: SecretString,
    pub until: Instant,
}

/// The store form's fields, in order.
pub const FORM_FIELDS: [&str; 5] = ["name", "type", "service", "description", "value"];

#[derive(Clone, Default, PartialEq, Eq)]
pub struct StoreForm {
    pub field: usize,
    pub name: String,
    pub kind: Option<Kind>,
    pub service: String,
    pub description: String,
    pub value: Zeroizing<String>,
}

impl std::fmt::Debug for StoreForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StoreForm({}, value redacted)", self.name)
    }
}

impl StoreForm {
    pub fn kind(&self) -> Kind {
        self.kind.unwrap_or(Kind::ApiKey)
    }

    fn text_field(&mut self) -> Option<&mut String> {
        match self.field {
            0 => Some(&mut self.name),
            2 => Some(&mut self.service),
            3 => Some(&mut self.description),
            4 => Some(&mut self.value),
            _ => None,
        }
    }

    fn cycle_kind(&mut self, step: isize) {
        let all = Kind::ALL;
        let at = all.iter().position(|k| *k == self.kind()).unwrap_or(0) as isize;
        let next = (at + step).rem_euclid(all.len() as isize) as usize;
        self.kind = Some(all[next]);
    }

    pub fn paste(&mut self, text: &str) {
        let keep_lines = self.field == 4;
        if let Some(field) = self.text_field() {
            if keep_lines {
                field.push_str(text);
            } else {
                field.push_str(&text.replace(['\n', '\r'], " "));
            }
        }
    }
}

impl App {
    /// Shows the panel with keyboard focus and asks for a fresh list, or hides it.
    pub(super) fn toggle_credentials_panel(&mut self) {
        self.panels.toggle(PanelKind::Credentials);
        self.sync_sizes();
        if self.panels.panels.contains(&PanelKind::Credentials) {
            self.focus_credentials_panel();
            self.effects.push(Effect::Credentials(Job::Refresh));
        } else {
            self.credentials.revealed = None;
        }
    }

    fn focus_credentials_panel(&mut self) {
        self.panels.focus(PanelKind::Credentials);
        self.mode = Mode::Credentials;
    }

    pub(super) fn on_credentials_key(&mut self, key: &KeyEvent) {
        self.mode = Mode::Credentials;
        let selected = self
            .credentials
            .rows
            .get(self.credentials.selected)
            .map(|(m, _)| m.name.clone());
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => {
                self.mode = Mode::Normal;
                self.panels.focused = None;
            }
            KeyCode::Up | KeyCode::Char('k') => self.select_credential(-1),
            KeyCode::Down | KeyCode::Char('j') => self.select_credential(1),
            KeyCode::Enter | KeyCode::Char('r') => {
                let Some(name) = selected else { return };
                if self
                    .credentials
                    .revealed
                    .as_ref()
                    .is_some_and(|r| r.name == name)
                {
                    self.credentials.revealed = None;
                } else {
                    self.effects.push(Effect::Credentials(Job::Reveal(name)));
                }
            }
            KeyCode::Char('n') => self.mode = Mode::CredentialForm(Box::default()),
            KeyCode::Char('d') | KeyCode::Delete => {
                if let Some(name) = selected {
                    self.mode = Mode::Confirm(Confirm::DeleteCredential(name));
                }
            }
            KeyCode::Char('u') => self.effects.push(Effect::Credentials(Job::Refresh)),
            _ => {}
        }
    }

    fn select_credential(&mut self, step: isize) {
        let count = self.credentials.rows.len();
        if count == 0 {
            return;
        }
        let at = self.credentials.selected as isize + step;
        self.credentials.selected = at.clamp(0, count as isize - 1) as usize;
        self.credentials.revealed = None;
    }

    pub(super) fn on_credential_form_key(&mut self, key: &KeyEvent, mut form: Box<StoreForm>) {
        match key.code {
            KeyCode::Esc => return self.focus_credentials_panel(),
            KeyCode::Enter => return self.submit_credential_form(form),
            KeyCode::Tab | KeyCode::Down => form.field = (form.field + 1) % FORM_FIELDS.len(),
            KeyCode::BackTab | KeyCode::Up => {
                form.field = (form.field + FORM_FIELDS.len() - 1) % FORM_FIELDS.len()
            }
            KeyCode::Left if form.field == 1 => form.cycle_kind(-1),
            KeyCode::Right | KeyCode::Char(' ') if form.field == 1 => form.cycle_kind(1),
            KeyCode::Backspace => {
                if let Some(text) = form.text_field() {
                    text.pop();
                }
            }
            KeyCode::Char(c) => {
                if let Some(text) = form.text_field() {
                    text.push(c);
                }
            }
            _ => {}
        }
        self.mode = Mode::CredentialForm(form);
    }

    fn submit_credential_form(&mut self, form: Box<StoreForm>) {
        let problem = crate::credentials::check_name(&form.name)
            .err()
            .or_else(|| {
                form.value
                    .is_empty()
                    .then(|| "the value is empty".to_string())
            });
        if let Some(problem) = problem {
            self.say(Level::Warning, problem);
            self.mode = Mode::CredentialForm(form);
            return;
        }
        let new = NewCredential {
            name: form.name.clone(),
            kind: form.kind(),
            service: form.service.clone(),
            description: form.description.clone(),
            rotation_days: None,
        };
        let value = SecretString::from(form.value.as_str());
        self.effects
            .push(Effect::Credentials(Job::Store { new, value }));
        self.focus_credentials_panel();
    }

    pub(super) fn delete_credential(&mut self, name: String) {
        self.effects.push(Effect::Credentials(Job::Delete(name)));
    }

    pub(super) fn on_credentials_news(&mut self, news: News, now: Instant) {
        self.dirty = true;
        match news {
            News::Listed { store, rows, audit } => {
                let panel = &mut self.credentials;
                panel.store = store;
                panel.rows = rows;
                panel.audit = audit;
                panel.loaded = true;
                panel.problem = None;
                panel.selected = panel.selected.min(panel.rows.len().saturating_sub(1));
            }
            News::Revealed { name, value } => {
                let shown_for = Duration::from_secs(u64::from(self.reveal_seconds));
                self.credentials.revealed = Some(Revealed {
                    name,
                    value,
                    until: now + shown_for,
                });
            }
            News::Done(text) => self.say(Level::Info, text),
            News::Failed(text) => {
                self.credentials.problem = Some(text.clone());
                self.say(Level::Error, text);
            }
        }
    }

    /// When something on screen must change by itself (a revealed value hiding again).
    pub fn next_deadline(&self) -> Option<Instant> {
        self.credentials.revealed.as_ref().map(|r| r.until)
    }

    /// Hides a revealed value whose time is up.
    pub fn tick(&mut self, now: Instant) {
        if self
            .credentials
            .revealed
            .as_ref()
            .is_some_and(|r| r.until <= now)
        {
            self.credentials.revealed = None;
            self.dirty = true;
        }
    }
}

#[cfg(test)]
#[path = "credentials_tests.rs"]
mod tests;
