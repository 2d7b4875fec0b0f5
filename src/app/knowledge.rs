//! The knowledge panel on the app state: a search box whose every edit asks the knowledge
//! worker, the ranked results it sends back (answers to older queries dropped), an item's
//! detail, the stats, and the editor for a new or superseding item. Work goes to the worker as
//! effects; nothing here opens the knowledge base.

use std::collections::HashMap;
use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::{App, Effect, Level, Message, Mode};
use crate::knowledge::worker::{Job, News, ProjectOf};
use crate::knowledge::{Item, Kind, Stats, Stored};
use crate::panel::PanelKind;

/// Rows PageUp and PageDown move the selection or the detail by.
const PAGE: usize = 10;

#[derive(Debug)]
pub struct KnowledgePanel {
    /// The search box: one line, every edit a new search.
    pub query: TextArea<'static>,
    /// The worker's answer to the newest query: ranked hits, or the newest items when blank.
    pub items: Vec<Item>,
    pub selected: usize,
    pub view: KnowledgeView,
    /// How far the detail view is scrolled down.
    pub scroll: u16,
    pub stats: Option<Box<Stats>>,
    pub editor: Option<ItemEditor>,
    /// The number of the newest search asked: answers to older ones are dropped.
    pub asked: u64,
    /// The newest search's answer has come.
    pub answered: bool,
    /// What storing did, or what went wrong: the panel's own status line.
    pub note: Option<Message>,
    /// Project keys of the folders new items were written in.
    pub projects: HashMap<PathBuf, String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum KnowledgeView {
    List,
    /// One item in full.
    Item(Box<Item>),
    /// The stats in full and the brief last injected into a session.
    Stats,
}

/// The editor of a new item.
#[derive(Debug)]
pub struct ItemEditor {
    pub kind: Kind,
    pub text: TextArea<'static>,
    pub project: ProjectOf,
    pub supersedes: Option<i64>,
}

impl Default for KnowledgePanel {
    fn default() -> Self {
        Self {
            query: search_box(),
            items: Vec::new(),
            selected: 0,
            view: KnowledgeView::List,
            scroll: 0,
            stats: None,
            editor: None,
            asked: 0,
            answered: false,
            note: None,
            projects: HashMap::new(),
        }
    }
}

impl KnowledgePanel {
    pub fn query_text(&self) -> String {
        self.query.lines().join(" ")
    }

    pub fn selected_item(&self) -> Option<&Item> {
        self.items.get(self.selected)
    }

    /// Where the editor's item goes, as the person reads it.
    pub fn project_label(&self, project: &ProjectOf) -> String {
        match project {
            ProjectOf::Key(key) => key.clone(),
            ProjectOf::Folder(folder) => self
                .projects
                .get(folder)
                .cloned()
                .unwrap_or_else(|| folder.display().to_string()),
        }
    }

    pub(super) fn tell(&mut self, level: Level, text: impl Into<String>) {
        self.note = Some(Message {
            text: text.into(),
            level,
        });
    }
}

impl App {
    /// Shows the panel with keyboard focus, asking the worker for the newest items and to embed
    /// what hooks stored without a vector; or hides it.
    pub(super) fn toggle_knowledge_panel(&mut self) {
        self.panels.toggle(PanelKind::Knowledge);
        self.sync_sizes();
        if self.panels.panels.contains(&PanelKind::Knowledge) {
            self.panels.focus(PanelKind::Knowledge);
            self.mode = Mode::Knowledge;
            self.knowledge.view = KnowledgeView::List;
            self.ask_search();
            self.effects.push(Effect::Knowledge(Job::CatchUp));
        }
    }

    fn ask_search(&mut self) {
        let panel = &mut self.knowledge;
        panel.asked += 1;
        panel.answered = false;
        let job = Job::Search {
            asked: panel.asked,
            query: panel.query_text(),
        };
        self.effects.push(Effect::Knowledge(job));
    }

    pub(super) fn on_knowledge_key(&mut self, key: KeyEvent) {
        self.mode = Mode::Knowledge;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('n') if ctrl => return self.open_item_editor(None),
            KeyCode::Char('s') if ctrl => {
                let item = match &self.knowledge.view {
                    KnowledgeView::Item(item) => Some(item.as_ref().clone()),
                    KnowledgeView::List => self.knowledge.selected_item().cloned(),
                    KnowledgeView::Stats => None,
                };
                if let Some(item) = item {
                    self.open_item_editor(Some(item));
                }
                return;
            }
            KeyCode::Char('l') if ctrl => {
                self.knowledge.view = KnowledgeView::Stats;
                self.knowledge.scroll = 0;
                self.effects.push(Effect::Knowledge(Job::Stats));
                return;
            }
            _ => {}
        }
        if self.knowledge.view == KnowledgeView::List {
            self.on_knowledge_list_key(key);
        } else {
            self.on_knowledge_detail_key(key);
        }
    }

    fn on_knowledge_list_key(&mut self, key: KeyEvent) {
        let panel = &mut self.knowledge;
        let last = panel.items.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc if !panel.query.is_empty() => {
                panel.query = search_box();
                self.on_query_changed();
            }
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                self.panels.focused = None;
            }
            KeyCode::Up => panel.selected = panel.selected.saturating_sub(1),
            KeyCode::Down => panel.selected = (panel.selected + 1).min(last),
            KeyCode::PageUp => panel.selected = panel.selected.saturating_sub(PAGE),
            KeyCode::PageDown => panel.selected = (panel.selected + PAGE).min(last),
            KeyCode::Enter => {
                if let Some(item) = panel.selected_item().cloned() {
                    panel.view = KnowledgeView::Item(Box::new(item));
                    panel.scroll = 0;
                }
            }
            KeyCode::Tab | KeyCode::BackTab => {}
            _ => {
                let before = panel.query_text();
                panel.query.input(key);
                if panel.query_text() != before {
                    self.on_query_changed();
                }
            }
        }
    }

    fn on_knowledge_detail_key(&mut self, key: KeyEvent) {
        let panel = &mut self.knowledge;
        let page = u16::try_from(PAGE).unwrap_or(u16::MAX);
        match key.code {
            KeyCode::Esc | KeyCode::Enter => panel.view = KnowledgeView::List,
            KeyCode::Up => panel.scroll = panel.scroll.saturating_sub(1),
            KeyCode::Down => panel.scroll = panel.scroll.saturating_add(1),
            KeyCode::PageUp => panel.scroll = panel.scroll.saturating_sub(page),
            KeyCode::PageDown => panel.scroll = panel.scroll.saturating_add(page),
            _ => {}
        }
    }

    pub(super) fn paste_into_query(&mut self, text: &str) {
        if self.knowledge.view == KnowledgeView::List && self.knowledge.query.insert_str(text) {
            self.on_query_changed();
        }
    }

    /// A new query: its best result is selected when it comes, and what storing said is done.
    fn on_query_changed(&mut self) {
        self.knowledge.selected = 0;
        self.knowledge.note = None;
        self.ask_search();
    }

    pub(super) fn on_knowledge_news(&mut self, news: News) {
        self.dirty = true;
        let panel = &mut self.knowledge;
        match news {
            News::Results { asked, items } if asked == panel.asked => {
                panel.items = items;
                panel.answered = true;
                panel.selected = panel.selected.min(panel.items.len().saturating_sub(1));
            }
            News::Results { .. } => {}
            News::Stats(stats) => panel.stats = Some(stats),
            News::Stored { outcome, project } => {
                match outcome {
                    Stored::New { id } => {
                        panel.tell(Level::Info, format!("stored item {id} in {project}"))
                    }
                    Stored::Duplicate { id } => panel.tell(
                        Level::Warning,
                        format!("already stored as item {id} in {project}; nothing added"),
                    ),
                    Stored::NearDuplicate { id, similarity } => panel.tell(
                        Level::Warning,
                        format!(
                            "item {id} says nearly the same (similarity {similarity:.2}); \
                             nothing added (C-s on it supersedes it)"
                        ),
                    ),
                }
                self.ask_search();
            }
            News::Embedded(count) => panel.tell(
                Level::Info,
                format!("embedded {count} items stored without a vector"),
            ),
            News::Project { folder, key } => {
                panel.projects.insert(folder, key);
            }
            News::Failed(text) => {
                panel.tell(Level::Error, text.clone());
                self.say(Level::Error, text);
            }
        }
    }
}

fn search_box() -> TextArea<'static> {
    let mut query = TextArea::default();
    query.set_placeholder_text("type to search (blank: the newest items)");
    query.set_cursor_line_style(ratatui::style::Style::default());
    query
}

#[cfg(test)]
#[path = "knowledge_tests.rs"]
mod tests;
