//! The knowledge panel's editor: a new item (its type chosen with Tab, its project that of the
//! focused pane's folder) or one that supersedes the selected item, handed to the worker to
//! store.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::{App, Effect, ItemEditor, KnowledgeView, Level, Mode};
use crate::knowledge::worker::{Draft, Job, ProjectOf};
use crate::knowledge::{Item, Kind};

impl App {
    /// Opens the editor: empty for a new note, or holding the text, type and project of the
    /// item the new one will supersede.
    pub(super) fn open_item_editor(&mut self, superseded: Option<Item>) {
        let mut editor = match superseded {
            Some(item) => {
                let mut text = TextArea::new(item.text.lines().map(str::to_string).collect());
                text.move_cursor(CursorMove::Bottom);
                text.move_cursor(CursorMove::End);
                ItemEditor {
                    kind: item.kind,
                    text,
                    project: ProjectOf::Key(item.project),
                    supersedes: Some(item.id),
                }
            }
            None => {
                let mut text = TextArea::default();
                text.set_placeholder_text("what to remember: a fact, a decision, a note");
                let folder = self.new_item_folder();
                if !self.knowledge.projects.contains_key(&folder) {
                    self.effects
                        .push(Effect::Knowledge(Job::Identify(folder.clone())));
                }
                ItemEditor {
                    kind: Kind::Note,
                    text,
                    project: ProjectOf::Folder(folder),
                    supersedes: None,
                }
            }
        };
        editor.text.set_wrap_mode(WrapMode::Word);
        self.knowledge.editor = Some(editor);
        self.mode = Mode::KnowledgeEditor;
    }

    /// The focused pane's folder when its hooks have said it, else cco's own.
    fn new_item_folder(&self) -> PathBuf {
        self.focused_pane()
            .and_then(|pane| pane.cwd.clone())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// Remembers the folder a pane's Claude Code reported in a hook.
    pub(super) fn note_pane_folder(&mut self, pane: Option<&str>, cwd: &str) {
        let id = pane.and_then(|p| p.parse::<crate::session::PaneId>().ok());
        let pane = id.and_then(|id| self.panes.get_mut(&id));
        if let (Some(pane), false) = (pane, cwd.is_empty()) {
            pane.cwd = Some(PathBuf::from(cwd));
        }
    }

    pub(super) fn on_knowledge_editor_key(&mut self, key: KeyEvent) {
        self.mode = Mode::KnowledgeEditor;
        let Some(editor) = self.knowledge.editor.as_mut() else {
            self.mode = Mode::Knowledge;
            return;
        };
        let newline = key.code == KeyCode::Enter && key.modifiers.contains(KeyModifiers::ALT)
            || key.code == KeyCode::Char('j') && key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                self.knowledge.editor = None;
                self.mode = Mode::Knowledge;
            }
            KeyCode::Tab => editor.kind = next_kind(editor.kind, 1),
            KeyCode::BackTab => editor.kind = next_kind(editor.kind, -1),
            KeyCode::Enter if !newline => self.store_item(),
            _ if newline => editor.text.insert_newline(),
            _ => {
                editor.text.input(key);
            }
        }
    }

    fn store_item(&mut self) {
        let Some(editor) = self.knowledge.editor.take() else {
            return;
        };
        let text = editor.text.lines().join("\n").trim().to_string();
        if text.is_empty() {
            self.knowledge.tell(
                Level::Warning,
                "the text is empty: write what to remember, or Esc",
            );
            self.knowledge.editor = Some(editor);
            return;
        }
        self.effects.push(Effect::Knowledge(Job::Add(Draft {
            kind: editor.kind,
            text,
            project: editor.project,
            supersedes: editor.supersedes,
        })));
        self.knowledge.tell(Level::Info, "storing…");
        self.knowledge.view = KnowledgeView::List;
        self.mode = Mode::Knowledge;
    }

    pub(super) fn paste_into_item(&mut self, text: &str) {
        if let Some(editor) = self.knowledge.editor.as_mut() {
            editor.text.insert_str(text);
        }
    }
}

/// The kind `step` places after `kind` in `Kind::ALL`, round the end.
fn next_kind(kind: Kind, step: isize) -> Kind {
    let all = Kind::ALL;
    let at = all.iter().position(|k| *k == kind).unwrap_or(0) as isize;
    all[(at + step).rem_euclid(all.len() as isize) as usize]
}
