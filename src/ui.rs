//! Drawing: the whole frame as a pure function of the app state and its theme.

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
        pane::draw_pane(frame, rect, pane, number, focused, app.zoomed, &app.theme);
        if focused && app.mode == Mode::Normal {
            place_cursor(frame, rect, pane);
        }
    }
    if app.panes.is_empty() {
        overlay::draw_empty(frame, app.pane_area(), &app.theme);
    }
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
        _ => {}
    }
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
