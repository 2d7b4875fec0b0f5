//! The status line: mode, sessions, the message of the moment, and how to get help.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::{App, Level, Mode};

pub fn draw_status(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let base = Style::default().fg(theme.status_fg).bg(theme.status_bg);
    let badge = Style::default()
        .fg(theme.accent_fg)
        .bg(theme.accent)
        .add_modifier(Modifier::BOLD);
    let scrolling = app.focused_pane().and_then(|p| p.scroll.as_ref());
    let mode = match (&app.mode, scrolling) {
        (Mode::Prefix, _) => " PREFIX ",
        (Mode::Rename { .. }, _) => " RENAME ",
        (Mode::Confirm(_), _) => " CONFIRM ",
        (Mode::Help(_), _) => " HELP ",
        (Mode::DenyMessage { .. }, _) => " DENY ",
        (Mode::Credentials, _) => " CREDENTIALS ",
        (Mode::CredentialForm(_), _) => " NEW CREDENTIAL ",
        (Mode::Agents, _) => " AGENTS ",
        (Mode::SpawnTask, _) => " SPAWN ",
        (Mode::Knowledge, _) => " KNOWLEDGE ",
        (Mode::KnowledgeEditor, _) => " NEW ITEM ",
        (Mode::Normal, Some(_)) => " SCROLL ",
        (Mode::Normal, None) => " cco ",
    };
    let mut spans = vec![Span::styled(mode, badge), Span::raw(" ")];
    if !app.approvals.is_empty() {
        spans.push(Span::styled(
            format!(" ⚑ {} waiting ", app.approvals.len()),
            base.fg(theme.warning)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
        ));
        spans.push(Span::raw(" "));
    }
    for id in app.ordered_panes() {
        let Some(pane) = app.panes.get(&id) else {
            continue;
        };
        let marker = if app.focus == Some(id) {
            "*"
        } else if pane.bell {
            "!"
        } else {
            ""
        };
        let style = if app.focus == Some(id) {
            base.add_modifier(Modifier::BOLD)
        } else {
            base
        };
        spans.push(Span::styled(
            format!("{}:{}{marker} ", app.pane_number(id), pane.name),
            style,
        ));
    }
    let sessions = app.running_sessions();
    spans.push(Span::styled(
        format!(
            "─ {sessions} session{} ",
            if sessions == 1 { "" } else { "s" }
        ),
        base.fg(theme.muted),
    ));
    match (&app.mode, scrolling.and_then(|view| view.typing.as_ref())) {
        (Mode::Rename { text, .. }, _) => {
            spans.push(Span::styled(format!("─ name: {text}▏"), base))
        }
        (Mode::DenyMessage { text, .. }, _) => spans.push(Span::styled(
            format!("─ tell Claude why (Enter denies): {text}▏"),
            base,
        )),
        (_, Some(text)) => spans.push(Span::styled(format!("─ search up: {text}▏"), base)),
        _ => {
            if let Some(message) = &app.message {
                let color = match message.level {
                    Level::Info => theme.status_fg,
                    Level::Warning => theme.warning,
                    Level::Error => theme.error,
                };
                spans.push(Span::styled(format!("─ {}", message.text), base.fg(color)));
            }
        }
    }
    let cost = app.cost.as_ref().map(|summary| {
        let over = summary.gauges.iter().any(|gauge| gauge.over());
        let mut text = format!(
            " {} today",
            super::cost::money(summary.today_totals.cost_picos)
        );
        if let Some(block) = &summary.block {
            text.push_str(&format!(
                " · block {}",
                super::cost::money(block.totals.cost_picos)
            ));
        }
        (text, if over { theme.error } else { theme.muted })
    });
    let help = format!(
        "{} {} ? help ",
        cost.as_ref().map_or("", |(text, _)| text.as_str()),
        app.keymap.prefix
    );
    let help_width = u16::try_from(help.chars().count()).unwrap_or(u16::MAX);
    let line = Line::from(spans);
    let fits = u16::try_from(line.width())
        .unwrap_or(u16::MAX)
        .saturating_add(help_width)
        <= area.width;
    frame.render_widget(Paragraph::new(line).style(base), area);
    if fits {
        let help_area = Rect {
            x: area.right() - help_width,
            width: help_width,
            ..area
        };
        let mut right = Vec::new();
        if let Some((text, color)) = &cost {
            right.push(Span::styled(text.clone(), base.fg(*color)));
        }
        right.push(Span::styled(
            format!(" {} ? help ", app.keymap.prefix),
            base.fg(theme.muted),
        ));
        frame.render_widget(Paragraph::new(Line::from(right)), help_area);
    }
}
