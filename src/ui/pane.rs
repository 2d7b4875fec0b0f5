//! One pane: its border (number, name, command, state, cost, title, bell) and its emulated
//! screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Widget};
use ratatui::Frame;

use crate::app::inner;
use crate::session::{lock, Pane, SearchMatch, Status};
use crate::theme::Theme;

/// How a pane sits in the frame, beside what the pane itself knows.
pub struct Placing {
    pub number: usize,
    pub focused: bool,
    pub zoomed: bool,
    /// What the pane's Claude Code session has cost, once the cost feed has seen it.
    pub spent_picos: Option<i64>,
}

pub fn draw_pane(frame: &mut Frame, rect: Rect, pane: &Pane, placing: &Placing, theme: &Theme) {
    let Placing {
        number,
        focused,
        zoomed,
        spent_picos,
    } = *placing;
    let border_style = if focused {
        Style::default()
            .fg(theme.border_focused)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::default().fg(theme.border)
    };
    let title_style = if focused {
        Style::default()
            .fg(theme.title_focused)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::default().fg(theme.title)
    };
    let mut label = format!(" {number} {}", pane.name);
    let command = pane.command_line();
    if command != pane.name {
        label.push_str(&format!(" · {command}"));
    }
    label.push(' ');
    let mut left = vec![Span::styled(label, title_style)];
    if pane.bell {
        left.push(Span::styled(
            " ! ",
            Style::default()
                .fg(theme.warning)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
        ));
    }
    if zoomed {
        left.push(Span::styled(" zoom ", Style::default().fg(theme.accent)));
    }
    let (state, color) = match &pane.status {
        Status::Starting => ("starting".to_string(), theme.muted),
        Status::Running => ("running".to_string(), theme.success),
        Status::Exited(exit) => (
            exit.to_string(),
            if *exit == crate::session::ExitInfo::Code(0) {
                theme.muted
            } else {
                theme.error
            },
        ),
        Status::Failed(_) => ("failed".to_string(), theme.error),
    };
    let mut right = Vec::new();
    if let Some(activity) = pane.activity.filter(|_| pane.status.is_running()) {
        let mut style = Style::default().fg(activity_colour(activity, theme));
        if activity.needs_you() && !focused {
            style = style.add_modifier(Modifier::BOLD | Modifier::REVERSED);
        }
        right.push(Span::styled(format!(" {} ", activity.label()), style));
    }
    if let Some(picos) = spent_picos {
        right.push(Span::styled(
            format!(" {} ", super::cost::money(picos)),
            Style::default().fg(theme.muted),
        ));
    }
    if let Some(view) = &pane.scroll {
        right.push(Span::styled(
            format!(" history -{} ", view.offset),
            Style::default().fg(theme.accent),
        ));
    }
    right.push(Span::styled(
        format!(" {state} "),
        Style::default().fg(color),
    ));
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(border_style)
        .title_top(Line::from(left))
        .title_top(Line::from(right).right_aligned());
    if let Some(title) = &pane.title {
        block = block.title_bottom(Line::from(Span::styled(
            format!(" {title} "),
            Style::default().fg(theme.muted),
        )));
    }
    frame.render_widget(block, rect);
    if let Status::Failed(error) = &pane.status {
        let text = ratatui::widgets::Paragraph::new(error.as_str())
            .style(Style::default().fg(theme.error))
            .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(text, inner(rect));
        return;
    }
    let screen = lock(&pane.screen);
    let area = inner(rect);
    let Some(view) = &pane.scroll else {
        let live = ScreenWidget {
            screen: screen.screen(),
            highlight: None,
            highlight_bg: theme.selection_bg,
        };
        frame.render_widget(live, area);
        return;
    };
    // Scrolled up: history fills the top rows, the live screen's first rows the rest.
    let history_rows = view.history_rows(&screen).min(area.height);
    let found = view
        .found
        .as_ref()
        .and_then(|found| Some((view.visible_row(&screen, found.line)?, found.clone())));
    let in_part = |top: u16| {
        found
            .clone()
            .and_then(|(row, found)| row.checked_sub(top).map(|row| (row, found)))
    };
    let history = view.history_screen(&screen);
    let history_area = Rect {
        height: history_rows,
        ..area
    };
    let live_area = Rect {
        y: area.y + history_rows,
        height: area.height - history_rows,
        ..area
    };
    let history_widget = ScreenWidget {
        screen: history.screen(),
        highlight: found.clone().filter(|(row, _)| *row < history_rows),
        highlight_bg: theme.selection_bg,
    };
    frame.render_widget(history_widget, history_area);
    let live = ScreenWidget {
        screen: screen.screen(),
        highlight: in_part(history_rows),
        highlight_bg: theme.selection_bg,
    };
    frame.render_widget(live, live_area);
}

/// Draws a vt100 screen cell by cell, optionally highlighting a search match on one row.
pub struct ScreenWidget<'a> {
    pub screen: &'a vt100::Screen,
    pub highlight: Option<(u16, SearchMatch)>,
    pub highlight_bg: Color,
}

fn color(color: vt100::Color) -> Color {
    match color {
        vt100::Color::Default => Color::Reset,
        vt100::Color::Idx(index) => Color::Indexed(index),
        vt100::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

fn cell_style(cell: &vt100::Cell) -> Style {
    let mut modifier = Modifier::empty();
    for (on, flag) in [
        (cell.bold(), Modifier::BOLD),
        (cell.dim(), Modifier::DIM),
        (cell.italic(), Modifier::ITALIC),
        (cell.underline(), Modifier::UNDERLINED),
        (cell.inverse(), Modifier::REVERSED),
    ] {
        if on {
            modifier |= flag;
        }
    }
    Style::default()
        .fg(color(cell.fgcolor()))
        .bg(color(cell.bgcolor()))
        .add_modifier(modifier)
}

impl Widget for ScreenWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let (rows, cols) = self.screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        for row in 0..area.height.min(rows) {
            let mut col = 0;
            while col < area.width.min(cols) {
                let position = (area.x + col, area.y + row);
                let Some(cell) = self.screen.cell(row, col) else {
                    break;
                };
                let wide = cell.is_wide();
                if wide && col + 1 >= area.width {
                    buf[position].reset();
                    break;
                }
                let mut style = cell_style(cell);
                if let Some((match_row, found)) = &self.highlight {
                    if *match_row == row
                        && (found.column..found.column + found.width).contains(&col)
                    {
                        style = style.bg(self.highlight_bg).add_modifier(Modifier::BOLD);
                    }
                }
                let target = &mut buf[position];
                target.set_style(style);
                if cell.has_contents() {
                    target.set_symbol(cell.contents());
                } else {
                    target.set_symbol(" ");
                }
                if wide {
                    buf[(position.0 + 1, position.1)].reset();
                    col += 2;
                } else {
                    col += 1;
                }
            }
        }
    }
}

/// The colour of what a pane's Claude Code is doing, wherever it is shown.
pub(super) fn activity_colour(activity: crate::hook::Activity, theme: &Theme) -> Color {
    match activity {
        crate::hook::Activity::Working => theme.accent,
        crate::hook::Activity::NeedsApproval => theme.warning,
        crate::hook::Activity::YourTurn => theme.success,
        crate::hook::Activity::Ended => theme.muted,
    }
}
