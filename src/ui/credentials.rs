//! The credentials panel: the table with rotation status in colour, a value revealed on
//! purpose (hidden again after a few seconds), the audit tail, and the store form.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Clear, Paragraph, Row, Table};
use ratatui::Frame;

use super::overlay::{centered, dialog};
use crate::app::{App, StoreForm, FORM_FIELDS};
use crate::credentials::{ExposeSecret as _, RotationState};
use crate::text::span_text;
use crate::theme::Theme;

const HINTS: &str = "↑↓ select · Enter reveal · n new · d delete · u refresh · Esc back";

pub fn draw_credentials(frame: &mut Frame, area: Rect, app: &App, focused: bool, now_ms: i64) {
    let theme = &app.theme;
    let panel = &app.credentials;
    let title = if panel.loaded {
        format!(
            " credentials · {} · {} stored ",
            panel.store,
            panel.rows.len()
        )
    } else {
        " credentials ".to_string()
    };
    let block = super::panel_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let audit_height = u16::try_from(panel.audit.len())
        .unwrap_or(0)
        .min(inner.height / 3);
    let [table_area, revealed_area, audit_area, keys] = Layout::vertical([
        Constraint::Min(2),
        Constraint::Length(1),
        Constraint::Length(audit_height),
        Constraint::Length(1),
    ])
    .areas(inner);
    let muted = Style::default().fg(theme.muted);
    frame.render_widget(
        Paragraph::new(if focused {
            HINTS
        } else {
            "C-Space s focuses this panel"
        })
        .style(muted),
        keys,
    );

    if let Some(problem) = &panel.problem {
        frame.render_widget(
            Paragraph::new(problem.as_str()).style(Style::default().fg(theme.error)),
            revealed_area,
        );
    } else if let Some(revealed) = &panel.revealed {
        let line = Line::from(vec![
            Span::styled(format!("{} = ", revealed.name), muted),
            // Borrowed, not copied: the only copy stays in the zeroizing secret.
            Span::styled(
                revealed.value.expose_secret(),
                Style::default()
                    .fg(theme.warning)
                    .add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                format!("  (hidden again after {}s)", app.reveal_seconds),
                muted,
            ),
        ]);
        frame.render_widget(Paragraph::new(line), revealed_area);
    }

    if !panel.loaded {
        frame.render_widget(Paragraph::new("Loading…").style(muted), table_area);
    } else if panel.rows.is_empty() {
        frame.render_widget(
            Paragraph::new("No credentials stored. Press n to add one.").style(muted),
            table_area,
        );
    } else {
        draw_table(frame, table_area, app, focused, now_ms);
    }
    let audit: Vec<Line> = panel
        .audit
        .iter()
        .map(|row| {
            let colour = if row.outcome == "ok" {
                theme.muted
            } else {
                theme.error
            };
            Line::from(Span::styled(
                format!(
                    "{} ago  {} {} {}  pid {} from {}",
                    span_text(now_ms - row.at_ms),
                    row.operation,
                    row.name,
                    row.outcome,
                    row.pid,
                    row.parent
                ),
                Style::default().fg(colour),
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(audit), audit_area);
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App, focused: bool, now_ms: i64) {
    let theme = &app.theme;
    let header = Row::new(["name", "type", "service", "age", "rotation", "last used"]).style(
        Style::default()
            .fg(theme.muted)
            .add_modifier(Modifier::BOLD),
    );
    let rows = app
        .credentials
        .rows
        .iter()
        .enumerate()
        .map(|(index, (meta, rotation))| {
            let (text, colour) = match rotation.state {
                RotationState::Current => {
                    (format!("due in {}d", rotation.days_left), theme.success)
                }
                RotationState::DueSoon => {
                    (format!("due in {}d", rotation.days_left), theme.warning)
                }
                RotationState::Overdue => {
                    (format!("overdue {}d", -rotation.days_left), theme.error)
                }
            };
            let row = Row::new(vec![
                Cell::from(meta.name.clone()),
                Cell::from(meta.kind.as_str()),
                Cell::from(meta.service.clone()),
                Cell::from(span_text(now_ms - meta.created_ms)),
                Cell::from(Span::styled(text, Style::default().fg(colour))),
                Cell::from(meta.last_used_ms.map_or("never".into(), |at| {
                    format!("{} ago", span_text(now_ms - at))
                })),
            ]);
            if focused && index == app.credentials.selected {
                row.style(
                    Style::default()
                        .bg(theme.selection_bg)
                        .add_modifier(Modifier::BOLD),
                )
            } else {
                row
            }
        });
    let widths = [
        Constraint::Fill(3),
        Constraint::Length(11),
        Constraint::Fill(2),
        Constraint::Length(5),
        Constraint::Length(13),
        Constraint::Length(10),
    ];
    frame.render_widget(Table::new(rows, widths).header(header), area);
}

/// The store form: the value is shown as one dot per character.
pub fn draw_store_form(frame: &mut Frame, area: Rect, form: &StoreForm, theme: &Theme) {
    let rect = centered(area, 60, 10);
    frame.render_widget(Clear, rect);
    let values = [
        form.name.clone(),
        format!("‹ {} ›", form.kind().as_str()),
        form.service.clone(),
        form.description.clone(),
        "•".repeat(form.value.chars().count()),
    ];
    let mut lines: Vec<Line> = FORM_FIELDS
        .iter()
        .zip(values)
        .enumerate()
        .map(|(index, (label, value))| {
            let selected = index == form.field;
            let style = if selected {
                Style::default()
                    .fg(theme.overlay_fg)
                    .bg(theme.selection_bg)
                    .add_modifier(Modifier::BOLD)
            } else {
                Style::default().fg(theme.overlay_fg)
            };
            let cursor = if selected && index != 1 { "▏" } else { "" };
            Line::from(vec![
                Span::styled(format!("{label:>12}: "), Style::default().fg(theme.muted)),
                Span::styled(format!("{value}{cursor}"), style),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Tab next field · ←→ type · Enter store · Esc cancel",
        Style::default().fg(theme.muted),
    )));
    frame.render_widget(
        Paragraph::new(lines).block(dialog("new credential", theme)),
        rect,
    );
}
