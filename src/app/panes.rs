//! Pane operations on the app state: open, split, close, focus, swap, zoom, resize, rename.

use super::{App, Confirm, Effect, Level, Mode};
use crate::layout::{neighbour, Axis, Direction, Node};
use crate::session::{Pane, PaneId};

/// How far one resize step moves a split, in per mille.
const RESIZE_STEP: i32 = 50;

impl App {
    /// Opens the first pane (or another one) running `command`.
    pub fn open_pane(&mut self, command: Vec<String>, axis: Option<Axis>) -> PaneId {
        let id = self.next_id;
        self.next_id += 1;
        let axis = axis.unwrap_or_else(|| self.longer_side());
        match (&mut self.layout, self.focus) {
            (Some(layout), Some(focus)) => {
                layout.split(focus, id, axis);
            }
            _ => self.layout = Some(Node::Leaf(id)),
        }
        let name = command
            .first()
            .map(|program| program.rsplit('/').next().unwrap_or(program).to_string())
            .unwrap_or_default();
        let screen = self.new_screen(24, 80);
        let plugin_dir = self.hooks.as_ref().map(|link| link.plugin_dir.as_path());
        let launch = crate::hook::launch::prepare(command.clone(), plugin_dir);
        let env = self.pane_env(id, &name);
        self.agents.live.entry(id).agent = crate::agents::tree::agent_of(&command);
        let mut pane = Pane::new(id, name, command, screen);
        pane.session_id = launch.session_id;
        self.panes.insert(id, pane);
        self.zoomed = false;
        self.set_focus(id);
        self.sync_sizes();
        let (rows, cols) = self.pane_sizes.get(&id).copied().unwrap_or((24, 80));
        self.effects.push(Effect::Spawn {
            pane: id,
            command: launch.argv,
            env,
            rows,
            cols,
        });
        id
    }

    /// Splits the focused pane along its longer side, counting a cell as twice as tall as wide.
    fn longer_side(&self) -> Axis {
        let rect = self
            .visible_panes()
            .into_iter()
            .find(|(id, _)| Some(*id) == self.focus)
            .map(|(_, rect)| rect);
        match rect {
            Some(rect) if rect.width < rect.height.saturating_mul(2) => Axis::Vertical,
            _ => Axis::Horizontal,
        }
    }

    pub fn split_focused(&mut self, axis: Option<Axis>) {
        let command = self.default_command.clone();
        self.open_pane(command, axis);
    }

    /// Closes a pane, asking first while its command still runs.
    pub fn request_close(&mut self, id: PaneId) {
        match self.panes.get(&id) {
            Some(pane) if pane.status.is_running() => {
                self.mode = Mode::Confirm(Confirm::ClosePane(id));
                self.dirty = true;
            }
            Some(_) => self.close_pane(id),
            None => {}
        }
    }

    pub fn close_pane(&mut self, id: PaneId) {
        let order = self.ordered_panes();
        let position = order.iter().position(|p| *p == id);
        if self.panes.remove(&id).is_none() {
            return;
        }
        self.pane_sizes.remove(&id);
        self.agents.live.remove(id);
        self.effects.push(Effect::Close { pane: id });
        self.layout = self.layout.take().and_then(|layout| layout.remove(id));
        self.zoomed = false;
        let remaining = self.ordered_panes();
        if remaining.is_empty() {
            self.focus = None;
            self.should_quit = true;
            return;
        }
        if self.focus == Some(id) {
            let index = position
                .unwrap_or(0)
                .saturating_sub(1)
                .min(remaining.len() - 1);
            self.set_focus(remaining[index]);
        }
        self.sync_sizes();
    }

    pub fn request_quit(&mut self) {
        if self.running_sessions() > 0 {
            self.mode = Mode::Confirm(Confirm::Quit);
            self.dirty = true;
        } else {
            self.should_quit = true;
        }
    }

    pub fn set_focus(&mut self, id: PaneId) {
        if !self.panes.contains_key(&id) {
            return;
        }
        if self.focus != Some(id) && self.zoomed {
            self.zoomed = false;
            self.sync_sizes();
        }
        self.focus = Some(id);
        if let Some(pane) = self.panes.get_mut(&id) {
            pane.bell = false;
        }
        self.dirty = true;
    }

    pub fn focus_direction(&mut self, direction: Direction) {
        let Some(focus) = self.focus else { return };
        let rects = self.layout.as_ref().map(|l| l.rects(self.pane_area()));
        if let Some(next) = rects.and_then(|rects| neighbour(&rects, focus, direction)) {
            self.set_focus(next);
        }
    }

    /// The pane `step` places away from the focused one in layout order, wrapping around.
    fn cycle(&self, step: isize) -> Option<(PaneId, PaneId)> {
        let order = self.ordered_panes();
        let focus = self.focus?;
        let index = order.iter().position(|p| *p == focus)?;
        let len = isize::try_from(order.len()).ok()?;
        let next = usize::try_from((isize::try_from(index).ok()? + step).rem_euclid(len)).ok()?;
        Some((focus, order[next]))
    }

    pub fn focus_relative(&mut self, step: isize) {
        if let Some((_, next)) = self.cycle(step) {
            self.set_focus(next);
        }
    }

    pub fn focus_number(&mut self, number: usize) {
        match self.ordered_panes().get(number.wrapping_sub(1)) {
            Some(id) => self.set_focus(*id),
            None => self.say(Level::Warning, format!("there is no pane {number}")),
        }
    }

    pub fn swap_relative(&mut self, step: isize) {
        let Some((focus, other)) = self.cycle(step) else {
            return;
        };
        if let Some(layout) = &mut self.layout {
            layout.swap(focus, other);
        }
        self.sync_sizes();
    }

    pub fn toggle_zoom(&mut self) {
        if self.panes.len() > 1 || self.zoomed {
            self.zoomed = !self.zoomed;
            self.sync_sizes();
        }
    }

    pub fn resize_focused(&mut self, direction: Direction) {
        let Some(focus) = self.focus else { return };
        let moved = self
            .layout
            .as_mut()
            .is_some_and(|layout| layout.resize(focus, direction, RESIZE_STEP));
        if moved {
            self.zoomed = false;
            self.sync_sizes();
        }
    }

    pub fn even_layout(&mut self) {
        if let Some(layout) = &mut self.layout {
            layout.even_out();
        }
        self.sync_sizes();
    }

    pub fn rename_pane(&mut self, id: PaneId, name: String) {
        let name = name.trim().to_string();
        if let Some(pane) = self.panes.get_mut(&id) {
            if !name.is_empty() {
                pane.name = name;
            }
        }
        self.dirty = true;
    }

    /// The user's terminal changed size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = ratatui::layout::Rect::new(0, 0, width, height);
        self.sync_sizes();
    }
}
