//! What a key press, a paste or a mouse event does, depending on the mode: pass-through to the
//! focused pane, the prefix layer, scroll mode, dialogs.

use crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

use super::{inner, App, Confirm, Effect, Level, Mode};
use crate::action::{Action, Layer};
use crate::hook::protocol::Answer;
use crate::keymap::encode::{encode_key, encode_mouse, encode_paste, InputModes};
use crate::keymap::KeyChord;
use crate::layout::{Axis, Direction};
use crate::session::{lock, scroll, PaneId, ScrollView};

/// Lines one wheel notch scrolls.
const WHEEL_LINES: isize = 3;

impl App {
    pub(super) fn on_terminal_event(&mut self, event: TermEvent) {
        match event {
            TermEvent::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key),
            TermEvent::Paste(mut text) => {
                self.on_paste(&text);
                // A paste may be a secret typed into the credentials form.
                zeroize::Zeroize::zeroize(&mut text);
            }
            TermEvent::Mouse(mouse) => self.on_mouse(mouse),
            TermEvent::Resize(width, height) => self.resize(width, height),
            _ => {}
        }
    }

    fn on_key(&mut self, key: KeyEvent) {
        let chord = KeyChord::from_event(&key);
        tracing::trace!(%chord, mode = ?self.mode, "key");
        self.dirty = true;
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Normal if chord == self.keymap.prefix => self.mode = Mode::Prefix,
            Mode::Normal if self.focused_scroll().is_some() => self.on_scroll_key(key, &chord),
            Mode::Normal => self.send_key_to_focus(&key),
            Mode::Prefix => match self.keymap.lookup(Layer::Prefix, &chord) {
                Some(action) => self.perform(action),
                None if key.code == KeyCode::Esc => {}
                None => self.say(
                    Level::Warning,
                    format!(
                        "{chord} is not bound (press {} ? for help)",
                        self.keymap.prefix
                    ),
                ),
            },
            Mode::Confirm(confirm) => {
                let yes = matches!(key.code, KeyCode::Char('y' | 'Y'));
                match confirm {
                    Confirm::ClosePane(id) if yes => self.close_pane(id),
                    Confirm::Quit if yes => self.should_quit = true,
                    Confirm::DeleteCredential(name) => {
                        self.mode = Mode::Credentials;
                        if yes {
                            self.delete_credential(name);
                        }
                    }
                    _ => {}
                }
            }
            Mode::Credentials if chord == self.keymap.prefix => self.mode = Mode::Prefix,
            Mode::Credentials => self.on_credentials_key(&key),
            Mode::CredentialForm(form) => self.on_credential_form_key(&key, form),
            Mode::Agents if chord == self.keymap.prefix => self.mode = Mode::Prefix,
            Mode::Agents => self.on_agents_key(&key),
            Mode::SpawnTask => self.on_spawn_task_key(key),
            Mode::Knowledge if chord == self.keymap.prefix => self.mode = Mode::Prefix,
            Mode::Knowledge => self.on_knowledge_key(key),
            Mode::KnowledgeEditor => self.on_knowledge_editor_key(key),
            Mode::Rename { pane, mut text } => match key.code {
                KeyCode::Enter => self.rename_pane(pane, text),
                KeyCode::Esc => {}
                KeyCode::Backspace => {
                    text.pop();
                    self.mode = Mode::Rename { pane, text };
                }
                KeyCode::Char(c) => {
                    text.push(c);
                    self.mode = Mode::Rename { pane, text };
                }
                _ => self.mode = Mode::Rename { pane, text },
            },
            Mode::DenyMessage {
                key: request,
                mut text,
            } => match key.code {
                KeyCode::Enter => self.finish_deny_message(request, text),
                KeyCode::Esc => {}
                KeyCode::Backspace => {
                    text.pop();
                    self.mode = Mode::DenyMessage { key: request, text };
                }
                KeyCode::Char(c) => {
                    text.push(c);
                    self.mode = Mode::DenyMessage { key: request, text };
                }
                _ => self.mode = Mode::DenyMessage { key: request, text },
            },
            Mode::Help(offset) => match key.code {
                KeyCode::Down | KeyCode::Char('j') => {
                    self.mode = Mode::Help(offset.saturating_add(1))
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    self.mode = Mode::Help(offset.saturating_sub(1))
                }
                KeyCode::PageDown | KeyCode::Char(' ') => {
                    self.mode = Mode::Help(offset.saturating_add(10))
                }
                KeyCode::PageUp => self.mode = Mode::Help(offset.saturating_sub(10)),
                _ => {}
            },
        }
    }

    fn send_key_to_focus(&mut self, key: &KeyEvent) {
        let Some(pane) = self.focused_pane() else {
            return;
        };
        if !pane.status.is_running() {
            return;
        }
        let modes = InputModes::from_screen(lock(&pane.screen).screen());
        if let Some(bytes) = encode_key(key, &modes) {
            let pane = pane.id;
            self.effects.push(Effect::Write { pane, bytes });
        }
    }

    fn on_paste(&mut self, text: &str) {
        self.dirty = true;
        let single_line = || text.replace(['\n', '\r'], " ");
        match &mut self.mode {
            Mode::Rename { text: name, .. } | Mode::DenyMessage { text: name, .. } => {
                return name.push_str(&single_line())
            }
            Mode::CredentialForm(form) => return form.paste(text),
            Mode::SpawnTask => return self.paste_into_task(text),
            Mode::Knowledge => return self.paste_into_query(&single_line()),
            Mode::KnowledgeEditor => return self.paste_into_item(text),
            Mode::Confirm(_) | Mode::Help(_) | Mode::Credentials | Mode::Agents => return,
            Mode::Prefix => self.mode = Mode::Normal,
            Mode::Normal => {}
        }
        if let Some(query) = self.focused_scroll().and_then(|view| view.typing.as_mut()) {
            query.push_str(&single_line());
            return;
        }
        let Some(pane) = self.focused_pane().filter(|p| p.status.is_running()) else {
            return;
        };
        let modes = InputModes::from_screen(lock(&pane.screen).screen());
        let bytes = encode_paste(text, &modes);
        let pane = pane.id;
        self.effects.push(Effect::Write { pane, bytes });
    }

    fn focused_scroll(&mut self) -> Option<&mut ScrollView> {
        let id = self.focus?;
        self.panes.get_mut(&id)?.scroll.as_mut()
    }

    pub(super) fn perform(&mut self, action: Action) {
        self.dirty = true;
        self.panels.focused = None;
        if let Some(number) = action.pane_number() {
            self.focus_number(number);
            return;
        }
        match action {
            Action::NewPane => self.split_focused(None),
            Action::SplitRight => self.split_focused(Some(Axis::Horizontal)),
            Action::SplitDown => self.split_focused(Some(Axis::Vertical)),
            Action::ClosePane => {
                if let Some(id) = self.focus {
                    self.request_close(id);
                }
            }
            Action::RenamePane => {
                if let Some(pane) = self.focused_pane() {
                    let (pane, text) = (pane.id, pane.name.clone());
                    self.mode = Mode::Rename { pane, text };
                }
            }
            Action::FocusLeft => self.focus_direction(Direction::Left),
            Action::FocusRight => self.focus_direction(Direction::Right),
            Action::FocusUp => self.focus_direction(Direction::Up),
            Action::FocusDown => self.focus_direction(Direction::Down),
            Action::FocusNext => self.focus_relative(1),
            Action::FocusPrevious => self.focus_relative(-1),
            Action::SwapNext => self.swap_relative(1),
            Action::SwapPrevious => self.swap_relative(-1),
            Action::ToggleZoom => self.toggle_zoom(),
            Action::ResizeLeft => self.resize_focused(Direction::Left),
            Action::ResizeRight => self.resize_focused(Direction::Right),
            Action::ResizeUp => self.resize_focused(Direction::Up),
            Action::ResizeDown => self.resize_focused(Direction::Down),
            Action::EvenLayout => self.even_layout(),
            Action::ScrollMode => self.scroll_focused(0),
            Action::ScrollPageUpFromPane => self.scroll_focused(self.page_rows()),
            Action::ToggleCostPanel => {
                self.panels.toggle(crate::panel::PanelKind::Cost);
                self.sync_sizes();
            }
            Action::ToggleApprovalsPanel => {
                self.panels.toggle(crate::panel::PanelKind::Approvals);
                self.sync_sizes();
            }
            Action::ToggleCredentialsPanel => self.toggle_credentials_panel(),
            Action::ToggleAgentsPanel => self.toggle_agents_panel(),
            Action::ToggleKnowledgePanel => self.toggle_knowledge_panel(),
            Action::Approve => self.answer_selected(Answer::Allow),
            Action::ApproveAlways => self.answer_selected(Answer::AllowAlways),
            Action::Deny => self.deny_selected(),
            Action::DenyWithMessage => self.deny_with_message(),
            Action::JumpToApproval => self.jump_to_approval(),
            Action::NextApproval => self.approvals.select(1),
            Action::PreviousApproval => self.approvals.select(-1),
            Action::Help => self.mode = Mode::Help(0),
            Action::Quit => self.request_quit(),
            Action::SendPrefix => {
                let prefix = self.keymap.prefix;
                let key = KeyEvent::new(prefix.code, prefix.modifiers);
                self.send_key_to_focus(&key);
            }
            scroll_action => self.perform_scroll(scroll_action),
        }
    }

    fn page_rows(&self) -> isize {
        let rows = self
            .focus
            .and_then(|id| self.pane_sizes.get(&id))
            .map_or(24, |s| s.0);
        isize::try_from(rows.max(2)).unwrap_or(24) - 1
    }

    /// Enters (or stays in) scroll mode on the focused pane and moves `rows` up.
    fn scroll_focused(&mut self, rows: isize) {
        if let Some(id) = self.focus {
            self.scroll_pane(id, rows);
        }
    }

    fn scroll_pane(&mut self, id: PaneId, rows: isize) {
        let Some(pane) = self.panes.get_mut(&id) else {
            return;
        };
        let mut view = pane.scroll.take().unwrap_or_default();
        view.scroll_by(&lock(&pane.screen), rows);
        let leaving = rows < 0 && view.offset == 0 && view.typing.is_none();
        pane.scroll = (!leaving).then_some(view);
        self.dirty = true;
    }

    fn exit_scroll(&mut self) {
        if let Some(pane) = self.focus.and_then(|id| self.panes.get_mut(&id)) {
            pane.scroll = None;
        }
    }

    fn perform_scroll(&mut self, action: Action) {
        let page = self.page_rows();
        match action {
            Action::ScrollLineUp => self.scroll_focused(1),
            Action::ScrollLineDown => self.scroll_focused(-1),
            Action::ScrollPageUp => self.scroll_focused(page),
            Action::ScrollPageDown => self.scroll_focused(-page),
            Action::ScrollHalfPageUp => self.scroll_focused(page / 2),
            Action::ScrollHalfPageDown => self.scroll_focused(-page / 2),
            Action::ScrollTop => self.scroll_focused(isize::MAX),
            Action::ScrollBottom | Action::ExitScroll => self.exit_scroll(),
            Action::SearchBackward => {
                if let Some(view) = self.focused_scroll() {
                    view.typing = Some(String::new());
                }
            }
            Action::SearchNext => self.search(scroll::Direction::Up),
            Action::SearchPrevious => self.search(scroll::Direction::Down),
            _ => {}
        }
    }

    fn search(&mut self, direction: scroll::Direction) {
        let Some(pane) = self.focus.and_then(|id| self.panes.get_mut(&id)) else {
            return;
        };
        let Some(view) = pane.scroll.as_mut() else {
            return;
        };
        let found = view.search(&lock(&pane.screen), direction);
        if !found {
            let query = view.query.clone().unwrap_or_default();
            self.say(Level::Warning, format!("no more matches for \"{query}\""));
        }
    }

    fn on_scroll_key(&mut self, key: KeyEvent, chord: &KeyChord) {
        let typing = self.focused_scroll().and_then(|view| view.typing.take());
        let Some(mut text) = typing else {
            if let Some(action) = self.keymap.lookup(Layer::Scroll, chord) {
                self.perform(action);
            }
            return;
        };
        match key.code {
            KeyCode::Enter => {
                if let Some(view) = self.focused_scroll() {
                    view.query = Some(text);
                    view.found = None;
                }
                self.search(scroll::Direction::Up);
            }
            KeyCode::Esc => {}
            KeyCode::Backspace => {
                text.pop();
                self.set_typing(text);
            }
            KeyCode::Char(c) => {
                text.push(c);
                self.set_typing(text);
            }
            _ => self.set_typing(text),
        }
    }

    fn set_typing(&mut self, text: String) {
        if let Some(view) = self.focused_scroll() {
            view.typing = Some(text);
        }
    }

    fn on_mouse(&mut self, mouse: MouseEvent) {
        let hit = self.visible_panes().into_iter().find(|(_, rect)| {
            rect.contains(ratatui::layout::Position::new(mouse.column, mouse.row))
        });
        let Some((id, rect)) = hit else { return };
        let area = inner(rect);
        let inside = area.contains(ratatui::layout::Position::new(mouse.column, mouse.row));
        if let MouseEventKind::Down(MouseButton::Left) = mouse.kind {
            if self.focus != Some(id) {
                self.set_focus(id);
            }
        }
        let Some(pane) = self.panes.get(&id) else {
            return;
        };
        let modes = InputModes::from_screen(lock(&pane.screen).screen());
        let child_wants_mouse = modes.mouse_mode != vt100::MouseProtocolMode::None;
        if inside && child_wants_mouse && pane.scroll.is_none() && pane.status.is_running() {
            let (column, row) = (mouse.column - area.x, mouse.row - area.y);
            if let Some(bytes) = encode_mouse(mouse.kind, mouse.modifiers, column, row, &modes) {
                self.effects.push(Effect::Write { pane: id, bytes });
            }
            return;
        }
        match mouse.kind {
            MouseEventKind::ScrollUp => self.scroll_pane(id, WHEEL_LINES),
            MouseEventKind::ScrollDown => self.scroll_pane(id, -WHEEL_LINES),
            _ => {}
        }
    }
}
