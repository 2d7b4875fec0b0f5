//! The agent tree panel: live panes with their sub-agents and spawned children, then the roster
//! by tier and category; a filter line; and the first-task editor of an agent about to start.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::overlay::{centered, dialog};
use crate::agents::tree::Row;
use crate::app::{App, SpawnEditor};
use crate::theme::Theme;

const HINTS: &str = "type to filter · ↑↓ select · ←→ fold · Enter spawn/focus · Esc back";

pub fn draw_agents(frame: &mut Frame, area: Rect, app: &App, focused: bool) {
    let theme = &app.theme;
    let panel = &app.agents;
    let title = format!(" agents · {} ", panel.roster.agents.len());
    let block = super::panel_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [filter_area, tree_area, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let muted = Style::default().fg(theme.muted);
    let filter = if panel.filter.is_empty() && !focused {
        Line::from(Span::styled("C-Space t focuses this panel", muted))
    } else {
        Line::from(vec![
            Span::styled("filter: ", muted),
            Span::styled(
                format!("{}{}", panel.filter, if focused { "▏" } else { "" }),
                Style::default().add_modifier(Modifier::BOLD),
            ),
        ])
    };
    frame.render_widget(Paragraph::new(filter), filter_area);
    if focused {
        frame.render_widget(Paragraph::new(HINTS).style(muted), keys);
    }
    let rows = app.agent_rows();
    if rows.is_empty() {
        let text = if panel.roster.agents.is_empty() {
            "No agents in the roster."
        } else {
            "No agent matches the filter."
        };
        frame.render_widget(Paragraph::new(text).style(muted), tree_area);
        return;
    }
    let height = usize::from(tree_area.height.max(1));
    let selected = panel.selected.min(rows.len() - 1);
    let first = selected.saturating_sub(height - 1);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(index, row)| {
            let line = row_line(app, row, theme);
            if focused && index == selected {
                line.style(
                    Style::default()
                        .bg(theme.selection_bg)
                        .add_modifier(Modifier::BOLD),
                )
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), tree_area);
}

fn row_line<'a>(app: &'a App, row: &'a Row, theme: &Theme) -> Line<'a> {
    let indent = "  ".repeat(usize::from(row.depth()));
    let muted = Style::default().fg(theme.muted);
    match row {
        Row::Heading {
            label, open, count, ..
        } => Line::from(vec![
            Span::raw(indent),
            Span::styled(
                format!("{} {label}", if *open { "▾" } else { "▸" }),
                Style::default()
                    .fg(theme.accent)
                    .add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!(" ({count})"), muted),
        ]),
        Row::Agent { name, .. } => {
            let agent = app.agents.roster.get(name);
            let model = agent.and_then(|a| a.model.as_deref()).unwrap_or("inherit");
            let description = agent.map(|a| a.description.as_str()).unwrap_or_default();
            Line::from(vec![
                Span::raw(indent),
                Span::styled(name.as_str(), Style::default().fg(theme.title)),
                Span::styled(format!(" {model} "), muted),
                Span::styled(description, muted),
            ])
        }
        Row::Pane { pane, agent, .. } => {
            // The colours of the pane's own border.
            let colour = pane
                .activity
                .filter(|_| pane.running)
                .map_or(theme.muted, |activity| {
                    super::pane::activity_colour(activity, theme)
                });
            let mut spans = vec![
                Span::raw(indent),
                Span::styled(
                    format!("▣ pane {} ", pane.number),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(agent.clone().unwrap_or_else(|| pane.name.clone())),
                Span::styled(format!(" · {}", pane.state()), Style::default().fg(colour)),
            ];
            if let Some(picos) = pane.cost_picos {
                spans.push(Span::styled(
                    format!(" · {}", super::cost::money(picos)),
                    muted,
                ));
            }
            Line::from(spans)
        }
        Row::Subagent {
            agent_type,
            running,
            ..
        } => Line::from(vec![
            Span::raw(indent),
            Span::styled("└ ", muted),
            Span::raw(agent_type.as_str()),
            Span::styled(
                if *running { " · running" } else { " · done" },
                Style::default().fg(if *running { theme.success } else { theme.muted }),
            ),
        ]),
    }
}

/// The first-task editor, over the panes.
pub fn draw_spawn_editor(frame: &mut Frame, area: Rect, editor: &SpawnEditor, theme: &Theme) {
    let rect = centered(area, 72, 10);
    frame.render_widget(Clear, rect);
    let title = format!("spawn {}", editor.agent);
    let block = dialog(&title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [text_area, hint] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(&editor.text, text_area);
    frame.render_widget(
        Paragraph::new("Enter start · Alt+Enter new line · Esc cancel")
            .style(Style::default().fg(theme.muted)),
        hint,
    );
}
