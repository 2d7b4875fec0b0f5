//! The side or bottom area where live panels (cost, agents, approvals, knowledge, credentials)
//! sit beside the panes, and which of them has focus. Hidden while no panel exists.

use ratatui::layout::{Constraint, Layout, Rect};

/// The kinds of panel cco can show. Each capability adds its own as it lands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelKind {
    Cost,
    Approvals,
    Credentials,
    Agents,
    Knowledge,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Placement {
    #[default]
    Bottom,
    Right,
}

#[derive(Clone, Debug, Default)]
pub struct PanelArea {
    pub panels: Vec<PanelKind>,
    pub placement: Placement,
    /// Share of the screen the area takes, in percent.
    pub percent: u16,
    /// The focused panel, when focus is in the panel area rather than on a pane.
    pub focused: Option<usize>,
    pub hidden: bool,
}

impl PanelArea {
    pub fn new() -> Self {
        Self {
            percent: 40,
            ..Self::default()
        }
    }

    /// Shows the panel, or removes it when it is already there.
    pub fn toggle(&mut self, kind: PanelKind) {
        if let Some(index) = self.panels.iter().position(|p| *p == kind) {
            self.panels.remove(index);
            self.focused = None;
        } else {
            self.panels.push(kind);
            self.hidden = false;
        }
    }

    /// Gives focus to the panel of this kind, when it is shown.
    pub fn focus(&mut self, kind: PanelKind) {
        self.focused = self.panels.iter().position(|p| *p == kind);
    }

    pub fn is_visible(&self) -> bool {
        !self.hidden && !self.panels.is_empty()
    }

    /// Splits `area` into (panes, panels); the panel part is empty while the area is hidden.
    pub fn split(&self, area: Rect) -> (Rect, Rect) {
        if !self.is_visible() {
            return (
                area,
                Rect {
                    width: 0,
                    height: 0,
                    ..area
                },
            );
        }
        let constraints = [
            Constraint::Min(1),
            Constraint::Percentage(self.percent.min(80)),
        ];
        let parts = match self.placement {
            Placement::Bottom => Layout::vertical(constraints).split(area),
            Placement::Right => Layout::horizontal(constraints).split(area),
        };
        (parts[0], parts[1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_without_panels() {
        let area = Rect::new(0, 0, 100, 40);
        let panels = PanelArea::new();
        assert!(!panels.is_visible());
        let (panes, rest) = panels.split(area);
        assert_eq!(panes, area);
        assert_eq!(rest.area(), 0);
    }
}
