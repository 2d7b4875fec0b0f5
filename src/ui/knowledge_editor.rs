//! The editor of a new knowledge item, or of one that supersedes another, over the panes: the
//! type (Tab cycles), the project it goes to, the text.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::overlay::{centered, dialog};
use crate::app::KnowledgePanel;
use crate::knowledge::Kind;
use crate::theme::Theme;

const EDITOR_KEYS: &str = "Enter store · Tab type · Alt+Enter new line · Esc cancel";

/// The editor of a new or superseding item, over the panes.
pub fn draw_item_editor(frame: &mut Frame, area: Rect, panel: &KnowledgePanel, theme: &Theme) {
    let Some(editor) = &panel.editor else {
        return;
    };
    let rect = centered(area, 76, 12);
    frame.render_widget(Clear, rect);
    let title = match editor.supersedes {
        Some(id) => format!("supersede item {id}"),
        None => "new item".into(),
    };
    let block = dialog(&title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [kinds, project, text, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let muted = Style::default().fg(theme.muted);
    let mut spans = vec![Span::styled("type:    ", muted)];
    for kind in Kind::ALL {
        spans.push(if kind == editor.kind {
            Span::styled(
                format!("[{}]", kind.as_str()),
                Style::default()
                    .fg(theme.accent)
                    .add_modifier(Modifier::BOLD),
            )
        } else {
            Span::styled(format!(" {} ", kind.as_str()), muted)
        });
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), kinds);
    let project_line = Line::from(vec![
        Span::styled("project: ", muted),
        Span::raw(panel.project_label(&editor.project)),
    ]);
    frame.render_widget(Paragraph::new(project_line), project);
    frame.render_widget(&editor.text, text);
    frame.render_widget(Paragraph::new(EDITOR_KEYS).style(muted), hint);
}
