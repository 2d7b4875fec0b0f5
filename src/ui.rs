//! Drawing: the whole frame as a pure function of the app state and its theme.

mod agents;
mod approvals;
mod cost;
mod credentials;
mod knowledge;
mod knowledge_detail;
mod knowledge_editor;
mod overlay;
mod pane;
mod status;

pub use pane::ScreenWidget;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::{inner, App, Mode, STATUS_HEIGHT};
use crate::session::lock;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let focus = app.focus;
    for (id, rect) in app.visible_panes() {
        // The terminal may have shrunk since the app last heard of its size.
        let rect = rect.intersection(area);
        let Some(pane) = app.panes.get(&id) else {
            continue;
        };
        let focused = focus == Some(id);
        let number = app.pane_number(id);
        let spent_picos = pane
            .session_id
            .as_ref()
            .and_then(|id| app.cost.as_ref()?.sessions.get(id))
            .map(|totals| totals.cost_picos);
        let placing = pane::Placing {
            number,
            focused,
            zoomed: app.zoomed,
            spent_picos,
        };
        pane::draw_pane(frame, rect, pane, &placing, &app.theme);
        if focused && app.mode == Mode::Normal {
            place_cursor(frame, rect, pane);
        }
    }
    if app.panes.is_empty() {
        overlay::draw_empty(frame, app.pane_area(), &app.theme);
    }
    draw_panels(frame, app);
    let status_area = Rect {
        y: area.bottom().saturating_sub(STATUS_HEIGHT),
        height: STATUS_HEIGHT.min(area.height),
        ..area
    };
    status::draw_status(frame, status_area, app);
    match &app.mode {
        Mode::Help(offset) => {
            overlay::draw_help(frame, app.pane_area(), &app.keymap, &app.theme, *offset)
        }
        Mode::Confirm(confirm) => overlay::draw_confirm(frame, app.pane_area(), app, confirm),
        Mode::CredentialForm(form) => {
            credentials::draw_store_form(frame, app.pane_area(), form, &app.theme)
        }
        Mode::SpawnTask => {
            if let Some(editor) = &app.agents.editor {
                agents::draw_spawn_editor(frame, app.pane_area(), editor, &app.theme)
            }
        }
        Mode::KnowledgeEditor => {
            knowledge_editor::draw_item_editor(frame, app.pane_area(), &app.knowledge, &app.theme)
        }
        _ => {}
    }
}

/// The panel area, split evenly between its panels.
fn draw_panels(frame: &mut Frame, app: &App) {
    let area = app.panel_area();
    if area.area() == 0 {
        return;
    }
    let count = u32::try_from(app.panels.panels.len()).unwrap_or(1).max(1);
    let constraints = vec![ratatui::layout::Constraint::Ratio(1, count); count as usize];
    let parts = match app.panels.placement {
        crate::panel::Placement::Bottom => {
            ratatui::layout::Layout::horizontal(constraints).split(area)
        }
        crate::panel::Placement::Right => {
            ratatui::layout::Layout::vertical(constraints).split(area)
        }
    };
    let now_ms = jiff::Timestamp::now().as_millisecond();
    for (index, (kind, rect)) in app.panels.panels.iter().zip(parts.iter()).enumerate() {
        let focused = app.panels.focused == Some(index);
        match kind {
            crate::panel::PanelKind::Cost => {
                cost::draw_cost(frame, *rect, app.cost.as_deref(), focused, &app.theme)
            }
            crate::panel::PanelKind::Approvals => {
                approvals::draw_approvals(frame, *rect, app, focused)
            }
            crate::panel::PanelKind::Credentials => {
                credentials::draw_credentials(frame, *rect, app, focused, now_ms)
            }
            crate::panel::PanelKind::Agents => agents::draw_agents(frame, *rect, app, focused),
            crate::panel::PanelKind::Knowledge => {
                knowledge::draw_knowledge(frame, *rect, app, focused, now_ms)
            }
        }
    }
}

/// A panel's frame: rounded border, bright when the panel is focused or wants attention, and
/// a bold title.
fn panel_block<'a>(
    title: impl Into<std::borrow::Cow<'a, str>>,
    highlighted: bool,
    theme: &crate::theme::Theme,
) -> ratatui::widgets::Block<'a> {
    use ratatui::style::{Modifier, Style};
    let border = if highlighted {
        theme.border_focused
    } else {
        theme.border
    };
    ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .border_type(ratatui::widgets::BorderType::Rounded)
        .border_style(Style::default().fg(border))
        .title(ratatui::text::Span::styled(
            title,
            Style::default()
                .fg(theme.title_focused)
                .add_modifier(Modifier::BOLD),
        ))
}

/// The whole screen as the cost panel: `cco monitor dashboard`.
pub fn draw_dashboard(
    frame: &mut Frame,
    summary: Option<&crate::cost::summary::Summary>,
    problem: Option<&str>,
    theme: &crate::theme::Theme,
) {
    let area = frame.area();
    let body = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    cost::draw_cost(frame, body, summary, true, theme);
    let hint = Rect {
        y: area.bottom().saturating_sub(1),
        height: 1.min(area.height),
        ..area
    };
    let (text, color) = match problem {
        Some(problem) => (format!(" {problem} · q quit"), theme.warning),
        None => (" q quit · cco monitor dashboard".to_string(), theme.muted),
    };
    let text =
        ratatui::widgets::Paragraph::new(text).style(ratatui::style::Style::default().fg(color));
    frame.render_widget(text, hint);
}

fn place_cursor(frame: &mut Frame, rect: Rect, pane: &crate::session::Pane) {
    if pane.scroll.is_some() {
        return;
    }
    let screen = lock(&pane.screen);
    let screen = screen.screen();
    if screen.hide_cursor() {
        return;
    }
    let area = inner(rect);
    let (row, col) = screen.cursor_position();
    if row < area.height && col < area.width {
        frame.set_cursor_position((area.x + col, area.y + row));
    }
}

#[cfg(test)]
#[path = "ui_tests.rs"]
mod tests;
