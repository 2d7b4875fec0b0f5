//! Snapshot and style tests of the drawn frame.

use super::*;

use std::time::Instant;

use crossterm::event::{Event as TermEvent, KeyEvent};
use insta::assert_snapshot;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

use crate::config::{Config, Paths};
use crate::event::Event;
use crate::keymap::KeyChord;
use crate::session::{ExitInfo, PaneId};
use crate::theme::Theme;

/// An app of `width`×`height` with one `sh` pane, built from the embedded defaults only (every
/// config folder is an empty temp dir) and the dark theme whatever `NO_COLOR` says.
pub(super) fn app_sized(width: u16, height: u16) -> App {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::load(Paths {
        config_dir: dir.path().join("config"),
        data_dir: dir.path().join("data"),
        runtime_dir: dir.path().join("run"),
    });
    let mut app = App::new(&config, vec!["sh".into()], width, height);
    app.theme = Theme::embedded("dark").expect("dark theme");
    app.open_pane(vec!["sh".into()], None);
    app.take_effects();
    app
}

fn app() -> App {
    app_sized(80, 24)
}

pub(super) fn keys(app: &mut App, notation: &str) {
    for key in notation.split(' ').filter(|k| !k.is_empty()) {
        let chord: KeyChord = key.parse().unwrap_or_else(|e| panic!("key {key:?}: {e}"));
        app.update(Event::Terminal(TermEvent::Key(KeyEvent::new(
            chord.code,
            chord.modifiers,
        ))));
    }
    app.take_effects();
}

/// Feeds program output to a pane and tells the app, as the runtime does.
fn output(app: &mut App, id: PaneId, bytes: &[u8]) {
    let pane = app.panes.get(&id).expect("pane exists");
    lock(&pane.screen).feed(bytes, Instant::now());
    app.update(Event::PaneOutput(id));
}

fn render(app: &App) -> Terminal<TestBackend> {
    let size = app.size();
    let mut terminal =
        Terminal::new(TestBackend::new(size.width, size.height)).expect("test terminal");
    terminal.draw(|frame| draw(frame, app)).expect("draw");
    terminal
}

pub(super) fn text(app: &App) -> String {
    render(app).backend().to_string()
}

pub(super) fn buffer(app: &App) -> Buffer {
    render(app).backend().buffer().clone()
}

const SHELL_SESSION: &[u8] =
    b"$ echo hello from cco\r\nhello from cco\r\n$ ls\r\nCargo.toml  src  tests\r\n$ ";

#[test]
fn one_pane_with_text() {
    let mut app = app();
    output(&mut app, 1, SHELL_SESSION);
    let mut terminal = render(&app);
    assert_snapshot!(terminal.backend().to_string());
    // The real cursor sits after the prompt, inside the border.
    let cursor = terminal.get_cursor_position().expect("cursor");
    assert_eq!(cursor, Position::new(1 + 2, 1 + 4));
}

#[test]
fn three_panes_with_the_focused_one_highlighted() {
    let mut app = app();
    keys(&mut app, "C-Space % C-Space \"");
    for (id, line) in [(1, "left pane"), (2, "top right"), (3, "bottom right")] {
        output(&mut app, id, format!("{line}\r\n$ ").as_bytes());
    }
    assert_eq!(app.focus, Some(3));
    assert_snapshot!(text(&app));
}

#[test]
fn zoomed_pane() {
    let mut app = app();
    keys(&mut app, "C-Space % C-Space \"");
    output(&mut app, 3, b"only this pane is drawn\r\n$ ");
    keys(&mut app, "C-Space z");
    assert_snapshot!(text(&app));
}

#[test]
fn help_overlay() {
    let mut app = app();
    output(&mut app, 1, SHELL_SESSION);
    keys(&mut app, "C-Space ?");
    assert_snapshot!(text(&app));
}

#[test]
fn help_overlay_scrolled() {
    let mut app = app();
    keys(&mut app, "C-Space ? PageDown PageDown PageDown");
    assert_snapshot!(text(&app));
}

#[test]
fn close_confirmation() {
    let mut app = app();
    output(&mut app, 1, SHELL_SESSION);
    keys(&mut app, "C-Space % C-Space x");
    assert_snapshot!(text(&app));
}

#[test]
fn quit_confirmation() {
    let mut app = app();
    keys(&mut app, "C-Space % C-Space q");
    assert_snapshot!(text(&app));
}

fn scroll_with_match() -> App {
    let mut app = app();
    let lines: String = (0..100).map(|i| format!("line {i}: output\r\n")).collect();
    output(&mut app, 1, lines.as_bytes());
    keys(&mut app, "C-Space [ / 4 2 : Enter");
    app
}

#[test]
fn scroll_mode_with_a_search_match() {
    let app = scroll_with_match();
    assert_snapshot!(text(&app));
}

#[test]
fn search_match_is_highlighted() {
    let app = scroll_with_match();
    let buffer = buffer(&app);
    // "line 42: output" is on the middle row of the view; "42:" starts at column 5.
    let row = (0..buffer.area.height)
        .find(|&y| (1..9).map(|x| buffer[(x, y)].symbol()).collect::<String>() == "line 42:")
        .expect("the matching row is drawn");
    for x in 1..buffer.area.width - 1 {
        let cell = &buffer[(x, row)];
        let in_match = (6..9).contains(&x);
        assert_eq!(
            cell.bg == app.theme.selection_bg,
            in_match,
            "column {x} ({:?})",
            cell.symbol()
        );
        assert_eq!(cell.modifier.contains(Modifier::BOLD), in_match, "{x}");
    }
}

#[test]
fn typing_a_search_shows_in_the_status_line() {
    let mut app = scroll_with_match();
    keys(&mut app, "/ o u t");
    let buffer = buffer(&app);
    let status: String = (0..80).map(|x| buffer[(x, 23)].symbol()).collect();
    assert!(status.contains("search up: out▏"), "{status}");
    assert!(status.starts_with(" SCROLL "), "{status}");
}

#[test]
fn rename_shows_in_the_status_line() {
    let mut app = app();
    keys(&mut app, "C-Space , BSpace BSpace w o r k");
    assert_snapshot!(text(&app));
}

#[test]
fn failed_pane() {
    let mut app = app();
    app.update(Event::SpawnFailed {
        pane: 1,
        error: "cannot run `/nonexistent/program`: No such file or directory (os error 2)".into(),
    });
    assert_snapshot!(text(&app));
}

#[test]
fn exited_pane_with_code_3() {
    let mut app = app();
    output(&mut app, 1, b"bye\r\n");
    app.update(Event::PaneExited {
        pane: 1,
        exit: ExitInfo::Code(3),
    });
    assert_snapshot!(text(&app));
}

#[test]
fn title_and_bell_marks() {
    let mut app = app();
    keys(&mut app, "C-Space %");
    output(&mut app, 1, b"\x1b]2;compiling cco\x07\x07");
    output(&mut app, 2, b"$ ");
    assert_snapshot!(text(&app));
}

#[test]
fn wide_and_combining_characters() {
    let mut app = app_sized(30, 6);
    output(&mut app, 1, "中文 e\u{301} ok\r\n".as_bytes());
    // A wide character in the last two columns of the pane is drawn whole.
    output(&mut app, 1, "abcdefghijklmnopqrstuvwxyz中".as_bytes());
    assert_snapshot!(text(&app));
}

#[test]
fn tiny_terminal_1x1() {
    let mut app = app_sized(1, 1);
    output(&mut app, 1, SHELL_SESSION);
    assert_snapshot!(text(&app));
}

#[test]
fn tiny_terminal_3x3() {
    let mut app = app_sized(3, 3);
    output(&mut app, 1, SHELL_SESSION);
    assert_snapshot!(text(&app));
}

#[test]
fn tiny_terminals_never_panic() {
    for (width, height) in [
        (0, 0),
        (1, 0),
        (0, 1),
        (1, 1),
        (2, 2),
        (3, 3),
        (5, 2),
        (2, 5),
    ] {
        let mut app = app_sized(80, 24);
        output(&mut app, 1, SHELL_SESSION);
        keys(&mut app, "C-Space % C-Space \"");
        output(&mut app, 3, "中文\r\n".as_bytes());
        app.update(Event::Terminal(TermEvent::Resize(width, height)));
        app.take_effects();
        for notation in ["", "C-Space", "C-Space ?", "Esc C-Space x", "n C-Space z"] {
            keys(&mut app, notation);
            let _ = render(&app);
        }
        keys(&mut app, "Esc C-Space , a");
        let _ = render(&app);
    }
}

#[test]
fn styles_of_program_colours_and_borders() {
    let mut app = app();
    keys(&mut app, "C-Space %");
    output(
        &mut app,
        2,
        b"\x1b[31mred\x1b[0m \x1b[1;38;2;1;2;3mrgb\x1b[0m \x1b[7minv\x1b[0m",
    );
    let buffer = buffer(&app);
    let theme = &app.theme;
    // Pane 2's inside starts at (41, 1).
    let red = &buffer[(41, 1)];
    assert_eq!(red.symbol(), "r");
    assert_eq!(red.fg, Color::Indexed(1));
    assert_eq!(red.bg, Color::Reset);
    let plain = &buffer[(44, 1)];
    assert_eq!((plain.fg, plain.bg), (Color::Reset, Color::Reset));
    let rgb = &buffer[(45, 1)];
    assert_eq!(rgb.symbol(), "r");
    assert_eq!(rgb.fg, Color::Rgb(1, 2, 3));
    assert!(rgb.modifier.contains(Modifier::BOLD));
    assert!(buffer[(49, 1)].modifier.contains(Modifier::REVERSED));

    // Focused pane 2: thick border in the focused colour; pane 1: plain border.
    let focused = &buffer[(40, 0)];
    assert_eq!(focused.symbol(), "┏");
    assert_eq!(focused.fg, theme.border_focused);
    assert!(focused.modifier.contains(Modifier::BOLD));
    assert_eq!(buffer[(40, 5)].fg, theme.border_focused);
    let other = &buffer[(0, 0)];
    assert_eq!(other.symbol(), "┌");
    assert_eq!(other.fg, theme.border);
    assert_ne!(theme.border, theme.border_focused);

    // The status line: the mode badge in the accent colours, the bar in the status colours.
    let badge = &buffer[(1, 23)];
    assert_eq!((badge.fg, badge.bg), (theme.accent_fg, theme.accent));
    assert_eq!(buffer[(79, 23)].bg, theme.status_bg);
}

#[test]
fn exit_code_colours() {
    for (exit, colour) in [
        (ExitInfo::Code(0), "muted"),
        (ExitInfo::Code(3), "error"),
        (ExitInfo::Signal("SIGKILL".into()), "error"),
    ] {
        let mut app = app();
        let label = format!(" {exit} ");
        app.update(Event::PaneExited { pane: 1, exit });
        let buffer = buffer(&app);
        let top: String = (0..80).map(|x| buffer[(x, 0)].symbol()).collect();
        let start = top.find(&label).expect("exit label on the border");
        let x = u16::try_from(top[..start].chars().count()).expect("column") + 1;
        let expected = match colour {
            "muted" => app.theme.muted,
            _ => app.theme.error,
        };
        assert_eq!(buffer[(x, 0)].fg, expected, "{label}");
    }
}

#[test]
fn approvals_panel_with_two_requests_and_pane_states() {
    use crate::hook::server::HookEvent;
    use crate::hook::wire::HookInput;
    let mut app = app_sized(100, 26);
    keys(&mut app, "C-Space %");
    for (key, pane, tool, input) in [
        (1, "1", "Bash", r#"{"command":"rm -rf build"}"#),
        (2, "2", "Edit", r#"{"file_path":"/p/src/main.rs"}"#),
    ] {
        let input = HookInput::parse(&format!(
            r#"{{"session_id":"s","hook_event_name":"PermissionRequest","tool_name":"{tool}",
                "tool_input":{input}}}"#
        ))
        .expect("input");
        app.update(Event::Hook(Box::new(HookEvent::Ask {
            key,
            pane: Some(pane.into()),
            input,
        })));
    }
    app.take_effects();
    let screen = text(&app);
    assert!(screen.contains("approvals · 2 waiting"), "{screen}");
    assert!(screen.contains("⚑ 2 waiting"), "{screen}");
    assert!(screen.contains("needs approval"), "{screen}");
    assert!(
        screen.contains("why not READ: rm removes build"),
        "{screen}"
    );
    assert_snapshot!(screen);
}

#[test]
fn credentials_panel_with_rotation_states_a_revealed_value_and_the_form() {
    use crate::credentials::worker::News;
    use crate::credentials::{AuditRow, Kind, Meta, RotationState, RotationStatus};
    let mut app = app_sized(100, 30);
    keys(&mut app, "C-Space s");
    let now = jiff::Timestamp::now().as_millisecond();
    let day = 86_400_000;
    let row = |name: &str, days_left: i64, state| {
        let meta = Meta {
            name: name.into(),
            kind: Kind::ApiKey,
            service: "svc".into(),
            description: String::new(),
            store: "keyring".into(),
            created_ms: now - 40 * day,
            rotated_ms: now - 40 * day,
            rotation_days: 90,
            last_used_ms: Some(now - 2 * day),
        };
        let status = RotationStatus {
            name: name.into(),
            due_ms: 0,
            days_left,
            state,
        };
        (meta, status)
    };
    app.update(Event::Credentials(News::Listed {
        store: "keyring".into(),
        rows: vec![
            row("fresh-key", 50, RotationState::Current),
            row("soon-key", 5, RotationState::DueSoon),
            row("old-key", -3, RotationState::Overdue),
        ],
        audit: vec![AuditRow {
            at_ms: now - 3 * day,
            operation: "exec".into(),
            name: "old-key".into(),
            pid: 42,
            parent: "bash (41)".into(),
            pane: None,
            outcome: "ok".into(),
            detail: String::new(),
        }],
    }));
    app.update(Event::Credentials(News::Revealed {
        name: "fresh-key".into(),
        value: "visible-on-purpose".into(),
    }));
    let screen = text(&app);
    assert!(
        screen.contains("credentials · keyring · 3 stored"),
        "{screen}"
    );
    assert!(
        screen.contains("fresh-key = visible-on-purpose"),
        "{screen}"
    );
    assert!(screen.contains("overdue 3d"), "{screen}");
    let drawn = buffer(&app);
    let overdue = find(&drawn, "overdue 3d").expect("overdue shown");
    assert_eq!(drawn[overdue].fg, app.theme.error);
    let soon = find(&drawn, "due in 5d").expect("soon shown");
    assert_eq!(drawn[soon].fg, app.theme.warning);
    assert_snapshot!("credentials_panel", screen);

    keys(&mut app, "n k Tab Tab Tab Tab s e c r e t");
    let screen = text(&app);
    assert!(screen.contains("••••••"), "{screen}");
    assert!(!screen.contains("secret"), "{screen}");
    assert_snapshot!("credentials_store_form", screen);
}

/// Where `needle` starts in the drawn buffer.
pub(super) fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    (area.top()..area.bottom()).find_map(|y| {
        let row: Vec<String> = (area.left()..area.right())
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        (0..row.len())
            .find(|&x| row[x..].concat().starts_with(needle))
            .map(|x| (x as u16, y))
    })
}

#[test]
fn agent_tree_with_a_pane_its_sub_agent_and_the_spawn_editor() {
    use crate::hook::server::HookEvent;
    use crate::hook::wire::HookInput;
    let mut app = app_sized(100, 30);
    app.agents.roster = crate::agents::Roster::embedded();
    let input = HookInput::parse(
        r#"{"session_id":"s","hook_event_name":"SubagentStart","agent_id":"a","agent_type":"cco:fact-checker"}"#,
    )
    .expect("input");
    app.update(Event::Hook(Box::new(HookEvent::Tell {
        pane: Some("1".into()),
        input,
        decided: None,
    })));
    keys(&mut app, "C-Space t");
    let screen = text(&app);
    assert!(screen.contains("agents · 119"), "{screen}");
    assert!(screen.contains("▣ pane 1 sh · working"), "{screen}");
    assert!(screen.contains("└ cco:fact-checker · running"), "{screen}");
    assert!(screen.contains("▸ development (6)"), "{screen}");
    assert_snapshot!("agent_tree", screen);
    keys(&mut app, "c h i e f Enter");
    let screen = text(&app);
    assert!(screen.contains("spawn chief-architect"), "{screen}");
    assert_snapshot!("agent_spawn_editor", screen);
}
