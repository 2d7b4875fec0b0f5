//! The approvals panel: every waiting request from every pane, oldest first, with the
//! classifier's label and reason, how long it has waited, and the keys that answer it.

use std::time::Instant;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use crate::action::{Action, Layer};
use crate::app::App;
use crate::classify::Label;
use crate::theme::Theme;

pub fn draw_approvals(frame: &mut Frame, area: Rect, app: &App, focused: bool) {
    let theme = &app.theme;
    let queue = &app.approvals;
    let title = match queue.len() {
        0 => " approvals ".to_string(),
        n => format!(" approvals · {n} waiting "),
    };
    let block = super::panel_block(title, focused || !queue.is_empty(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, detail, keys] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(hints(app)).style(Style::default().fg(theme.muted)),
        keys,
    );
    if queue.is_empty() {
        let text = if app.policy.auto_approve_read {
            "Nothing waiting. READ commands are approved at once; the rest wait here."
        } else {
            "Nothing waiting."
        };
        frame.render_widget(
            Paragraph::new(text)
                .style(Style::default().fg(theme.muted))
                .wrap(Wrap { trim: true }),
            list,
        );
        return;
    }
    let now = Instant::now();
    let rows = usize::from(list.height.max(1));
    let selected = queue.selected_index();
    let first = selected.saturating_sub(rows.saturating_sub(1));
    let width = usize::from(list.width);
    let lines: Vec<Line> = queue
        .items()
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(index, pending)| {
            let pane = app.hook_pane(pending.pane.as_deref()).map_or_else(
                || "—".to_string(),
                |pane| format!("{} {}", app.pane_number(pane.id), pane.name),
            );
            let agent = pending
                .agent
                .as_deref()
                .map(|a| format!(" {a}"))
                .unwrap_or_default();
            let label = pending.label.map_or("—".to_string(), |l| l.to_string());
            let waited = pending.waited(now).as_secs();
            let head = format!(
                "{} {pane}{agent} · {} · ",
                if index == selected { "▶" } else { " " },
                pending.tool
            );
            let tail = format!(" · {waited}s · ");
            let room = width.saturating_sub(head.chars().count() + label.len() + tail.len());
            let mut style = Style::default().fg(theme.title);
            if index == selected {
                style = style.add_modifier(Modifier::BOLD | Modifier::REVERSED);
            }
            Line::from(vec![
                Span::styled(head, style),
                Span::styled(label, style.fg(label_color(pending.label, theme))),
                Span::styled(tail, style),
                Span::styled(pending.subject_preview(room.max(8)), style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    if let Some(pending) = queue.selected() {
        let reason = if pending.reason.is_empty() {
            format!("{}: {}", pending.tool, pending.subject_preview(200))
        } else {
            format!("why not READ: {}", pending.reason)
        };
        frame.render_widget(
            Paragraph::new(reason)
                .style(Style::default().fg(theme.muted))
                .wrap(Wrap { trim: true }),
            detail,
        );
    }
}

fn label_color(label: Option<Label>, theme: &Theme) -> ratatui::style::Color {
    match label {
        Some(Label::Read) => theme.success,
        Some(Label::Create | Label::Update) => theme.warning,
        Some(Label::Delete) | None => theme.error,
    }
}

/// "C-Space y allow · …" from the keymap, so rebinding shows.
fn hints(app: &App) -> String {
    let bindings = app.keymap.bindings(Layer::Prefix);
    let key = |action: Action| {
        bindings
            .iter()
            .find(|(a, _)| *a == action)
            .and_then(|(_, keys)| keys.first())
            .map(ToString::to_string)
    };
    [
        (Action::Approve, "allow"),
        (Action::ApproveAlways, "always"),
        (Action::Deny, "deny"),
        (Action::DenyWithMessage, "deny+why"),
        (Action::JumpToApproval, "go to pane"),
        (Action::NextApproval, "next"),
    ]
    .into_iter()
    .filter_map(|(action, word)| key(action).map(|k| format!("{k} {word}")))
    .fold(format!("{} then: ", app.keymap.prefix), |mut line, part| {
        if !line.ends_with(": ") {
            line.push_str(" · ");
        }
        line.push_str(&part);
        line
    })
}
