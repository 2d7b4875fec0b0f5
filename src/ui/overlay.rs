//! Overlays above the panes: the help generated from the keymap, confirmations, the empty state.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Row, Table};
use ratatui::Frame;

use crate::action::Layer;
use crate::app::{App, Confirm};
use crate::keymap::Keymap;
use crate::theme::Theme;

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub(super) fn dialog<'a>(title: &'a str, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(Style::default().fg(theme.accent))
        .title(Span::styled(
            format!(" {title} "),
            Style::default().add_modifier(Modifier::BOLD),
        ))
        .style(Style::default().fg(theme.overlay_fg).bg(theme.overlay_bg))
}

pub fn draw_help(frame: &mut Frame, area: Rect, keymap: &Keymap, theme: &Theme, offset: u16) {
    let key_style = Style::default()
        .fg(theme.accent)
        .add_modifier(Modifier::BOLD);
    let heading = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut rows = vec![Row::new(vec![
        Span::styled(format!("{} then…", keymap.prefix), heading),
        Span::raw(""),
    ])];
    let push_layer = |layer: Layer, rows: &mut Vec<Row>| {
        let mut pane_numbers = Vec::new();
        for (action, keys) in keymap.bindings(layer) {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            if action.pane_number().is_some() {
                pane_numbers.extend(keys);
                continue;
            }
            rows.push(Row::new(vec![
                Span::styled(keys.join(" "), key_style),
                Span::raw(action.description()),
            ]));
        }
        if !pane_numbers.is_empty() {
            rows.push(Row::new(vec![
                Span::styled(pane_numbers.join(" "), key_style),
                Span::raw("Focus the pane with that number"),
            ]));
        }
    };
    push_layer(Layer::Prefix, &mut rows);
    rows.push(Row::new(vec![Span::raw(""), Span::raw("")]));
    rows.push(Row::new(vec![
        Span::styled("In scroll mode", heading),
        Span::raw(""),
    ]));
    push_layer(Layer::Scroll, &mut rows);
    let total = u16::try_from(rows.len()).unwrap_or(u16::MAX);
    let rect = centered(area, 80, total.saturating_add(2));
    let visible = rect.height.saturating_sub(2);
    let skip = usize::from(offset.min(total.saturating_sub(visible)));
    let title = if visible < total {
        "help · ↑↓ PgUp PgDn scroll · other keys close"
    } else {
        "help · any key closes"
    };
    frame.render_widget(Clear, rect);
    let rows: Vec<Row> = rows.into_iter().skip(skip).collect();
    let table =
        Table::new(rows, [Constraint::Length(22), Constraint::Min(10)]).block(dialog(title, theme));
    frame.render_widget(table, rect);
}

pub fn draw_confirm(frame: &mut Frame, area: Rect, app: &App, confirm: &Confirm) {
    let question = match confirm {
        Confirm::ClosePane(id) => {
            let name = app.panes.get(id).map_or("?", |p| p.name.as_str());
            format!(
                "Close pane {} ({name})? Its command is still running.",
                app.pane_number(*id)
            )
        }
        Confirm::DeleteCredential(name) => {
            format!("Delete the credential {name} and its value? This cannot be undone.")
        }
        Confirm::Quit => {
            let running = app.running_sessions();
            format!(
                "Quit cco? {running} session{} still running.",
                if running == 1 { " is" } else { "s are" }
            )
        }
    };
    let width = u16::try_from(question.chars().count())
        .unwrap_or(60)
        .saturating_add(4)
        .max(30);
    let rect = centered(area, width, 5);
    frame.render_widget(Clear, rect);
    let text = vec![
        Line::from(question),
        Line::from(""),
        Line::from(Span::styled(
            "y: yes   any other key: no",
            Style::default().fg(app.theme.muted),
        )),
    ];
    frame.render_widget(
        Paragraph::new(text).block(dialog("confirm", &app.theme)),
        rect,
    );
}

pub fn draw_empty(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = Paragraph::new("no panes").style(Style::default().fg(theme.muted));
    frame.render_widget(text, centered(area, 10, 1));
}
