//! Tests of App::update: keys, mouse, paste, modes, layout and effects.

use super::*;

use std::time::Instant;

use crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::config::Paths;
use crate::keymap::KeyChord;
use crate::session::ExitInfo;

const SH: &str = "sh";

/// The embedded defaults only: every folder is an empty temp dir, never the user's files.
pub(super) fn config() -> Config {
    let dir = tempfile::tempdir().expect("temp dir");
    Config::load(Paths {
        config_dir: dir.path().join("config"),
        data_dir: dir.path().join("data"),
        runtime_dir: dir.path().join("run"),
    })
}

/// An app of `width`×`height` with one pane running `sh`, its start-up effects taken.
pub(super) fn app_sized(width: u16, height: u16) -> App {
    let mut app = App::new(&config(), vec![SH.into()], width, height);
    app.open_pane(vec![SH.into()], None);
    app.take_effects();
    app
}

pub(super) fn app() -> App {
    app_sized(80, 24)
}

fn key_event(notation: &str) -> KeyEvent {
    let chord: KeyChord = notation
        .parse()
        .unwrap_or_else(|e| panic!("key {notation:?}: {e}"));
    KeyEvent::new(chord.code, chord.modifiers)
}

/// Sends keys written in keymap notation, separated by spaces: `"C-Space %"`.
pub(super) fn keys(app: &mut App, notation: &str) {
    for key in notation.split(' ').filter(|k| !k.is_empty()) {
        app.update(Event::Terminal(TermEvent::Key(key_event(key))));
    }
}

fn send_key(app: &mut App, key: KeyEvent) {
    app.update(Event::Terminal(TermEvent::Key(key)));
}

fn feed(app: &App, id: PaneId, bytes: &[u8]) {
    let pane = app.panes.get(&id).expect("pane exists");
    lock(&pane.screen).feed(bytes, Instant::now());
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Terminal(TermEvent::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }))
}

fn rect_of(app: &App, id: PaneId) -> Rect {
    app.visible_panes()
        .into_iter()
        .find(|(pane, _)| *pane == id)
        .map(|(_, rect)| rect)
        .unwrap_or_else(|| panic!("pane {id} is not visible"))
}

fn spawns(effects: &[Effect]) -> Vec<(PaneId, Vec<String>, u16, u16)> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Spawn {
                pane,
                command,
                rows,
                cols,
                ..
            } => Some((*pane, command.clone(), *rows, *cols)),
            _ => None,
        })
        .collect()
}

fn writes(effects: &[Effect]) -> Vec<(PaneId, Vec<u8>)> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Write { pane, bytes } => Some((*pane, bytes.clone())),
            _ => None,
        })
        .collect()
}

fn resizes(effects: &[Effect]) -> Vec<(PaneId, u16, u16)> {
    let mut out: Vec<_> = effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Resize { pane, rows, cols } => Some((*pane, *rows, *cols)),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out
}

fn closes(effects: &[Effect]) -> Vec<PaneId> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Close { pane } => Some(*pane),
            _ => None,
        })
        .collect()
}

/// 1 | 2 over 3, focus on 3.
fn three_panes() -> App {
    let mut app = app();
    keys(&mut app, "C-Space % C-Space \"");
    app.take_effects();
    assert_eq!(app.ordered_panes(), vec![1, 2, 3]);
    app
}

#[test]
fn first_pane_spawns_at_the_size_of_its_inside() {
    let mut app = App::new(&config(), vec![SH.into()], 80, 24);
    let id = app.open_pane(vec!["/usr/bin/claude".into(), "-c".into()], None);
    let effects = app.take_effects();
    // 80×24 less the status line is 80×23; the border leaves 78×21.
    assert_eq!(
        spawns(&effects),
        vec![(id, vec!["/usr/bin/claude".into(), "-c".into()], 21, 78)]
    );
    assert_eq!(app.focus, Some(id));
    assert_eq!(app.panes[&id].name, "claude");
    assert_eq!(app.panes[&id].status, Status::Starting);
    assert_eq!(lock(&app.panes[&id].screen).size(), (21, 78));
    assert_eq!(app.visible_panes(), vec![(id, Rect::new(0, 0, 80, 23))]);
}

#[test]
fn prefix_then_split_key_spawns_a_pane_and_focuses_it() {
    // (keys, whether the new pane sits to the right of the old one rather than below it)
    let cases = [
        ("C-Space %", true),
        ("C-Space |", true),
        ("C-Space \"", false),
        ("C-Space -", false),
        // A wide pane is split side by side.
        ("C-Space c", true),
    ];
    for (notation, right) in cases {
        let mut app = app();
        keys(&mut app, notation);
        let effects = app.take_effects();
        let spawned = spawns(&effects);
        assert_eq!(spawned.len(), 1, "{notation}: {effects:?}");
        let (id, command, rows, cols) = spawned[0].clone();
        assert_eq!(id, 2, "{notation}");
        assert_eq!(command, vec![SH.to_string()], "{notation}");
        assert_eq!(app.focus, Some(2), "{notation}");
        assert_eq!(app.mode, Mode::Normal, "{notation}");
        let (old, new) = (rect_of(&app, 1), rect_of(&app, 2));
        if right {
            assert_eq!((new.x, new.y), (old.right(), old.y), "{notation}");
            assert_eq!(old.width + new.width, 80, "{notation}");
        } else {
            assert_eq!((new.x, new.y), (old.x, old.bottom()), "{notation}");
            assert_eq!(old.height + new.height, 23, "{notation}");
        }
        let inside = inner(new);
        assert_eq!((rows, cols), (inside.height, inside.width), "{notation}");
        // The old pane shrank: it gets a resize to its new inside.
        let old_inside = inner(old);
        assert!(
            resizes(&effects).contains(&(1, old_inside.height, old_inside.width)),
            "{notation}: {effects:?}"
        );
    }
}

#[test]
fn shifted_symbols_reach_the_prefix_layer() {
    // Some terminals report `%` as Shift+5's character with SHIFT set.
    let mut app = app();
    keys(&mut app, "C-Space");
    send_key(
        &mut app,
        KeyEvent::new(KeyCode::Char('%'), KeyModifiers::SHIFT),
    );
    assert_eq!(spawns(&app.take_effects()).len(), 1);
    assert_eq!(app.focus, Some(2));
}

#[test]
fn closing_a_running_pane_asks_first() {
    // (answer, whether the pane is closed)
    let cases = [
        ("y", true),
        ("Y", true),
        ("n", false),
        ("Esc", false),
        ("q", false),
        ("x", false),
        ("C-c", false),
        ("Space", false),
    ];
    for (answer, closed) in cases {
        let mut app = app();
        keys(&mut app, "C-Space %");
        app.take_effects();
        keys(&mut app, "C-Space x");
        assert_eq!(
            app.mode,
            Mode::Confirm(Confirm::ClosePane(2)),
            "{answer}: asks"
        );
        assert!(app.take_effects().is_empty(), "{answer}: nothing yet");
        keys(&mut app, answer);
        let effects = app.take_effects();
        assert_eq!(app.mode, Mode::Normal, "{answer}");
        if closed {
            assert_eq!(closes(&effects), vec![2], "{answer}");
            assert!(!app.panes.contains_key(&2), "{answer}");
            assert_eq!(app.focus, Some(1), "{answer}");
            assert_eq!(app.visible_panes(), vec![(1, Rect::new(0, 0, 80, 23))]);
            assert_eq!(resizes(&effects), vec![(1, 21, 78)], "{answer}");
        } else {
            assert!(effects.is_empty(), "{answer}: {effects:?}");
            assert!(app.panes.contains_key(&2), "{answer}");
            assert_eq!(app.focus, Some(2), "{answer}");
        }
        assert!(!app.should_quit, "{answer}");
    }
}

#[test]
fn enter_in_the_close_dialog_keeps_the_pane() {
    let mut app = app();
    keys(&mut app, "C-Space x Enter");
    assert!(app.panes.contains_key(&1));
    assert!(closes(&app.take_effects()).is_empty());
}

#[test]
fn closing_an_exited_or_failed_pane_does_not_ask() {
    let ends = [
        Event::PaneExited {
            pane: 2,
            exit: ExitInfo::Code(0),
        },
        Event::PaneExited {
            pane: 2,
            exit: ExitInfo::Signal("SIGKILL".into()),
        },
        Event::SpawnFailed {
            pane: 2,
            error: "no such file".into(),
        },
    ];
    for end in ends {
        let mut app = app();
        keys(&mut app, "C-Space %");
        app.update(end);
        app.take_effects();
        keys(&mut app, "C-Space x");
        assert_eq!(app.mode, Mode::Normal);
        assert_eq!(closes(&app.take_effects()), vec![2]);
        assert_eq!(app.ordered_panes(), vec![1]);
        assert_eq!(app.focus, Some(1));
        assert!(!app.should_quit);
    }
}

#[test]
fn closing_the_last_pane_quits() {
    let mut app = app();
    app.update(Event::PaneExited {
        pane: 1,
        exit: ExitInfo::Code(3),
    });
    keys(&mut app, "C-Space x");
    assert_eq!(closes(&app.take_effects()), vec![1]);
    assert!(app.panes.is_empty());
    assert_eq!(app.layout, None);
    assert_eq!(app.focus, None);
    assert!(app.should_quit);
}

#[test]
fn quitting_asks_while_sessions_run() {
    // (keys after the prefix, running sessions, answer, quits)
    let cases = [
        ("q", true, "y", true),
        ("q", true, "n", false),
        ("q", true, "Esc", false),
        ("q", false, "", true),
    ];
    for (key, running, answer, quits) in cases {
        let mut app = app();
        if !running {
            app.update(Event::PaneExited {
                pane: 1,
                exit: ExitInfo::Code(0),
            });
        }
        keys(&mut app, &format!("C-Space {key}"));
        if running {
            assert_eq!(app.mode, Mode::Confirm(Confirm::Quit));
            assert!(!app.should_quit);
        }
        keys(&mut app, answer);
        assert_eq!(app.should_quit, quits, "{key} {running} {answer}");
        assert_eq!(app.mode, Mode::Normal);
        assert!(
            app.take_effects().is_empty(),
            "quitting closes nothing itself"
        );
    }
}

#[test]
fn shutdown_and_closed_input_quit_without_asking() {
    for event in [
        Event::Shutdown("SIGTERM"),
        Event::InputClosed("gone".into()),
    ] {
        let mut app = app();
        app.update(event);
        assert!(app.should_quit);
    }
}

#[test]
fn focus_by_number_direction_and_cycle() {
    // Start on pane 3 (1 | 2 over 3); (keys, focus after them)
    let cases: &[(&str, Option<PaneId>)] = &[
        ("C-Space 1", Some(1)),
        ("C-Space 2", Some(2)),
        ("C-Space 3", Some(3)),
        ("C-Space Up", Some(2)),
        ("C-Space k", Some(2)),
        ("C-Space Left", Some(1)),
        ("C-Space h", Some(1)),
        ("C-Space Down", Some(3)),
        ("C-Space Right", Some(3)),
        ("C-Space Up C-Space Down", Some(3)),
        // Pane 2 overlaps pane 1 the most (12 of 23 rows), so Right from 1 lands on 2.
        ("C-Space 1 C-Space Right", Some(2)),
        ("C-Space 1 C-Space l", Some(2)),
        ("C-Space 1 C-Space Left", Some(1)),
        ("C-Space 1 C-Space Up", Some(1)),
        ("C-Space o", Some(1)),
        ("C-Space Tab", Some(1)),
        ("C-Space S-Tab", Some(2)),
        ("C-Space 1 C-Space S-Tab", Some(3)),
        ("C-Space 9", Some(3)),
    ];
    for (notation, focus) in cases {
        let mut app = three_panes();
        assert_eq!(app.focus, Some(3));
        keys(&mut app, notation);
        assert_eq!(app.focus, *focus, "{notation}");
        assert_eq!(app.mode, Mode::Normal, "{notation}");
        assert!(
            app.take_effects().is_empty(),
            "{notation}: focus spawns nothing"
        );
    }
}

#[test]
fn focusing_a_missing_pane_number_warns() {
    let mut app = three_panes();
    keys(&mut app, "C-Space 7");
    assert_eq!(app.focus, Some(3));
    let message = app.message.clone().expect("a message");
    assert_eq!(message.level, Level::Warning);
    assert_eq!(message.text, "there is no pane 7");
}

#[test]
fn zoom_toggles_and_shows_one_pane() {
    let mut app = three_panes();
    keys(&mut app, "C-Space z");
    assert!(app.zoomed);
    assert_eq!(app.visible_panes(), vec![(3, app.pane_area())]);
    assert_eq!(app.visible_panes(), vec![(3, Rect::new(0, 0, 80, 23))]);
    assert_eq!(resizes(&app.take_effects()), vec![(3, 21, 78)]);

    keys(&mut app, "C-Space z");
    assert!(!app.zoomed);
    assert_eq!(app.visible_panes().len(), 3);
    let back = inner(rect_of(&app, 3));
    assert_eq!(
        resizes(&app.take_effects()),
        vec![(3, back.height, back.width)]
    );

    // Focusing another pane leaves the zoom.
    keys(&mut app, "C-Space z C-Space 1");
    assert!(!app.zoomed);
    assert_eq!(app.focus, Some(1));
    assert_eq!(app.visible_panes().len(), 3);
}

#[test]
fn zoom_with_a_single_pane_does_nothing() {
    let mut app = app();
    keys(&mut app, "C-Space z");
    assert!(!app.zoomed);
    assert!(app.take_effects().is_empty());
}

#[test]
fn terminal_resize_resizes_only_panes_whose_size_changed() {
    // At 81 columns the halves are 41 and 40 wide; at 82 both are 41: only pane 2 changes.
    let mut app = app_sized(81, 24);
    keys(&mut app, "C-Space %");
    app.take_effects();
    assert_eq!(rect_of(&app, 1).width, 41);
    assert_eq!(rect_of(&app, 2).width, 40);

    let resize = |width, height| Event::Terminal(TermEvent::Resize(width, height));
    app.update(resize(82, 24));
    assert_eq!(resizes(&app.take_effects()), vec![(2, 21, 39)]);
    assert_eq!(lock(&app.panes[&2].screen).size(), (21, 39));
    app.update(resize(82, 24));
    assert!(app.take_effects().is_empty(), "the same size again");

    app.update(resize(82, 30));
    assert_eq!(resizes(&app.take_effects()), vec![(1, 27, 39), (2, 27, 39)]);
    app.update(resize(82, 30));
    assert!(app.take_effects().is_empty());
    assert_eq!(app.size(), Rect::new(0, 0, 82, 30));
}

#[test]
fn a_tiny_terminal_keeps_panes_at_least_one_cell() {
    let mut app = app();
    keys(&mut app, "C-Space %");
    app.take_effects();
    for (width, height) in [(0, 0), (1, 1), (2, 2), (3, 3), (1, 40)] {
        app.update(Event::Terminal(TermEvent::Resize(width, height)));
        for (id, rows, cols) in resizes(&app.take_effects()) {
            assert!(rows >= 1 && cols >= 1, "{width}×{height}: pane {id}");
        }
    }
}

#[test]
fn keys_pass_through_to_the_focused_pane() {
    // (output of the program first, key, bytes the program receives)
    let cases: &[(&[u8], &str, &[u8])] = &[
        (b"", "a", b"a"),
        (b"", "A", b"A"),
        (b"", "Enter", b"\r"),
        (b"", "Tab", b"\t"),
        (b"", "BSpace", b"\x7f"),
        (b"", "Esc", b"\x1b"),
        (b"", "C-c", b"\x03"),
        (b"", "M-x", b"\x1bx"),
        (b"", "Up", b"\x1b[A"),
        (b"", "Left", b"\x1b[D"),
        (b"", "C-Up", b"\x1b[1;5A"),
        (b"", "PageUp", b"\x1b[5~"),
        (b"", "F1", b"\x1bOP"),
        (b"\x1b[?1h", "Up", b"\x1bOA"),
        (b"\x1b[?1h", "Down", b"\x1bOB"),
        (b"\x1b[?1h", "Home", b"\x1bOH"),
        (b"\x1b[?1h\x1b[?1l", "Up", b"\x1b[A"),
        // The prefix twice sends the prefix key itself.
        (b"", "C-Space C-Space", b"\x00"),
    ];
    for (output, notation, expected) in cases {
        let mut app = app();
        feed(&app, 1, output);
        keys(&mut app, notation);
        assert_eq!(
            writes(&app.take_effects()),
            vec![(1, expected.to_vec())],
            "{notation} after {output:?}"
        );
    }
}

#[test]
fn keys_go_to_the_focused_pane_only() {
    let mut app = app();
    keys(&mut app, "C-Space %");
    app.take_effects();
    keys(&mut app, "x C-Space 1 y");
    assert_eq!(
        writes(&app.take_effects()),
        vec![(2, b"x".to_vec()), (1, b"y".to_vec())]
    );
}

#[test]
fn key_releases_and_keys_to_ended_panes_are_dropped() {
    let mut app = app();
    let mut release = key_event("a");
    release.kind = crossterm::event::KeyEventKind::Release;
    send_key(&mut app, release);
    assert!(app.take_effects().is_empty());

    app.update(Event::PaneExited {
        pane: 1,
        exit: ExitInfo::Code(0),
    });
    keys(&mut app, "a Enter");
    app.update(Event::Terminal(TermEvent::Paste("text".into())));
    assert!(app.take_effects().is_empty());
}

#[test]
fn paste_is_bracketed_only_when_the_program_asked() {
    // (program output, pasted text, bytes the program receives)
    let cases: &[(&[u8], &str, &[u8])] = &[
        (b"", "hello", b"hello"),
        (b"", "one\ntwo\r\nthree", b"one\rtwo\rthree"),
        (b"\x1b[?2004h", "one\ntwo", b"\x1b[200~one\ntwo\x1b[201~"),
        // A paste cannot end the bracket early.
        (b"\x1b[?2004h", "a\x1b[201~b", b"\x1b[200~ab\x1b[201~"),
        (b"\x1b[?2004h\x1b[?2004l", "x\ny", b"x\ry"),
    ];
    for (output, text, expected) in cases {
        let mut app = app();
        feed(&app, 1, output);
        app.update(Event::Terminal(TermEvent::Paste((*text).into())));
        assert_eq!(
            writes(&app.take_effects()),
            vec![(1, expected.to_vec())],
            "{text:?} after {output:?}"
        );
    }
}

#[test]
fn wheel_over_a_pane_without_mouse_reporting_scrolls_its_history() {
    let mut app = app();
    let lines: String = (0..100).map(|i| format!("line {i}\r\n")).collect();
    feed(&app, 1, lines.as_bytes());
    app.update(mouse(MouseEventKind::ScrollUp, 10, 5));
    assert!(app.take_effects().is_empty());
    let view = app.panes[&1].scroll.clone().expect("scroll mode");
    assert_eq!(view.offset, 3);
    app.update(mouse(MouseEventKind::ScrollUp, 10, 5));
    assert_eq!(app.panes[&1].scroll.as_ref().map(|v| v.offset), Some(6));
    app.update(mouse(MouseEventKind::ScrollDown, 10, 5));
    assert_eq!(app.panes[&1].scroll.as_ref().map(|v| v.offset), Some(3));
    app.update(mouse(MouseEventKind::ScrollDown, 10, 5));
    assert_eq!(app.panes[&1].scroll, None, "back at the bottom");
}

#[test]
fn wheel_without_history_still_enters_scroll_mode() {
    let mut app = app();
    app.update(mouse(MouseEventKind::ScrollUp, 3, 3));
    assert_eq!(app.panes[&1].scroll.as_ref().map(|v| v.offset), Some(0));
}

#[test]
fn mouse_events_go_to_a_program_that_asked_for_them() {
    // Two panes side by side: pane 2's border starts at column 40, its inside at (41, 1).
    // (event, bytes pane 2 receives)
    let cases = [
        (mouse(MouseEventKind::ScrollUp, 45, 3), "\x1b[<64;5;3M"),
        (mouse(MouseEventKind::ScrollDown, 41, 1), "\x1b[<65;1;1M"),
        (
            mouse(MouseEventKind::Down(MouseButton::Left), 78, 21),
            "\x1b[<0;38;21M",
        ),
        (
            mouse(MouseEventKind::Up(MouseButton::Left), 50, 10),
            "\x1b[<0;10;10m",
        ),
    ];
    for (event, expected) in cases {
        let mut app = app();
        keys(&mut app, "C-Space %");
        assert_eq!(rect_of(&app, 2), Rect::new(40, 0, 40, 23));
        feed(&app, 2, b"\x1b[?1000h\x1b[?1006h");
        app.take_effects();
        app.update(event);
        assert_eq!(
            writes(&app.take_effects()),
            vec![(2, expected.as_bytes().to_vec())]
        );
        assert_eq!(app.panes[&2].scroll, None);
    }
}

#[test]
fn clicking_a_pane_focuses_it() {
    let mut app = app();
    keys(&mut app, "C-Space %");
    app.take_effects();
    app.update(mouse(MouseEventKind::Down(MouseButton::Left), 5, 5));
    assert_eq!(app.focus, Some(1));
    // A click on the border focuses but is not the program's business.
    feed(&app, 2, b"\x1b[?1000h\x1b[?1006h");
    app.update(mouse(MouseEventKind::Down(MouseButton::Left), 40, 0));
    assert_eq!(app.focus, Some(2));
    assert!(writes(&app.take_effects()).is_empty());
    // Outside every pane (the status line): nothing happens.
    app.update(mouse(MouseEventKind::Down(MouseButton::Left), 5, 23));
    assert_eq!(app.focus, Some(2));
}

#[test]
fn pane_exit_and_spawn_failure_set_the_status() {
    let mut app = app();
    keys(&mut app, "C-Space %");
    app.update(Event::PaneOutput(1));
    assert_eq!(app.panes[&1].status, Status::Running);
    assert_eq!(app.running_sessions(), 2);

    app.update(Event::PaneExited {
        pane: 1,
        exit: ExitInfo::Code(3),
    });
    assert_eq!(app.panes[&1].status, Status::Exited(ExitInfo::Code(3)));
    assert_eq!(app.running_sessions(), 1);

    app.update(Event::SpawnFailed {
        pane: 2,
        error: "No such file or directory".into(),
    });
    assert_eq!(
        app.panes[&2].status,
        Status::Failed("No such file or directory".into())
    );
    assert_eq!(app.running_sessions(), 0);
    let message = app.message.clone().expect("a message");
    assert_eq!(message.level, Level::Error);
    assert_eq!(message.text, "pane sh: No such file or directory");

    // Events for panes that are gone are ignored.
    app.update(Event::PaneExited {
        pane: 99,
        exit: ExitInfo::Code(1),
    });
    app.update(Event::PaneOutput(99));
    assert_eq!(app.panes.len(), 2);
}

#[test]
fn output_sets_title_and_bell_of_unfocused_panes() {
    let mut app = app();
    keys(&mut app, "C-Space %");
    feed(&app, 1, b"\x1b]2;building\x07\x07");
    app.update(Event::PaneOutput(1));
    assert_eq!(app.panes[&1].title.as_deref(), Some("building"));
    assert!(app.panes[&1].bell, "bell in an unfocused pane");
    feed(&app, 2, b"\x07");
    app.update(Event::PaneOutput(2));
    assert!(!app.panes[&2].bell, "no bell mark on the focused pane");
    keys(&mut app, "C-Space 1");
    assert!(!app.panes[&1].bell, "focusing clears the bell");
    feed(&app, 1, b"\x1b]2;\x07");
    app.update(Event::PaneOutput(1));
    assert_eq!(app.panes[&1].title, None, "an empty title clears it");
}

#[test]
fn rename_mode_edits_the_name() {
    // (keys typed after prefix `,`, name afterwards)
    let cases = [
        ("BSpace BSpace b u i l d Enter", "build"),
        ("Space x Enter", "sh x"),
        ("x y Esc", SH),
        ("BSpace BSpace Enter", SH),
        ("Space Space Enter", SH),
        ("BSpace BSpace Space a Space Enter", "a"),
        ("Left z Enter", "shz"),
    ];
    for (typed, name) in cases {
        let mut app = app();
        keys(&mut app, "C-Space ,");
        assert_eq!(
            app.mode,
            Mode::Rename {
                pane: 1,
                text: SH.into()
            }
        );
        keys(&mut app, typed);
        assert_eq!(app.mode, Mode::Normal, "{typed}");
        assert_eq!(app.panes[&1].name, name, "{typed}");
        assert!(writes(&app.take_effects()).is_empty(), "{typed}");
    }
}

#[test]
fn paste_in_rename_mode_goes_into_the_name() {
    let mut app = app();
    keys(&mut app, "C-Space , BSpace BSpace");
    app.update(Event::Terminal(TermEvent::Paste("two\nlines".into())));
    assert_eq!(
        app.mode,
        Mode::Rename {
            pane: 1,
            text: "two lines".into()
        }
    );
    keys(&mut app, "Enter");
    assert_eq!(app.panes[&1].name, "two lines");
    assert!(app.take_effects().is_empty());
}

#[test]
fn unbound_key_after_the_prefix_warns() {
    let mut app = app();
    keys(&mut app, "C-Space F7");
    assert_eq!(app.mode, Mode::Normal);
    let message = app.message.clone().expect("a warning");
    assert_eq!(message.level, Level::Warning);
    assert!(message.text.contains("F7 is not bound"), "{}", message.text);
    assert!(message.text.contains("C-Space ?"), "{}", message.text);
    assert!(app.take_effects().is_empty(), "the key is not sent");

    // Esc just leaves the prefix layer.
    let mut app = app_sized(80, 24);
    keys(&mut app, "C-Space Esc");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.message, None);
    assert!(app.take_effects().is_empty());
}

#[test]
fn a_config_problem_is_the_first_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config_dir = dir.path().join("config");
    std::fs::create_dir_all(&config_dir).expect("config dir");
    std::fs::write(config_dir.join("config.toml"), "scrollback = \"many\"\n").expect("write");
    let config = Config::load(Paths {
        config_dir,
        data_dir: dir.path().join("data"),
        runtime_dir: dir.path().join("run"),
    });
    let app = App::new(&config, vec![SH.into()], 80, 24);
    let message = app.message.expect("the problem is shown");
    assert_eq!(message.level, Level::Error);
    assert!(message.text.contains("config.toml:1:"), "{}", message.text);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let cases = [
        ("", Mode::Help(0)),
        ("Down", Mode::Help(1)),
        ("j j k", Mode::Help(1)),
        ("Up", Mode::Help(0)),
        ("PageDown", Mode::Help(10)),
        ("Space PageUp", Mode::Help(0)),
        ("Esc", Mode::Normal),
        ("a", Mode::Normal),
    ];
    for (typed, mode) in cases {
        let mut app = app();
        keys(&mut app, "C-Space ?");
        keys(&mut app, typed);
        assert_eq!(app.mode, mode, "{typed}");
        assert!(app.take_effects().is_empty(), "{typed}: keys stay in cco");
    }
}

#[test]
fn scroll_mode_keys_move_the_view_and_search() {
    let mut app = app();
    let lines: String = (0..100).map(|i| format!("line {i}\r\n")).collect();
    feed(&app, 1, lines.as_bytes());
    keys(&mut app, "C-Space [");
    assert_eq!(app.panes[&1].scroll.as_ref().map(|v| v.offset), Some(0));
    keys(&mut app, "k k");
    assert_eq!(app.panes[&1].scroll.as_ref().map(|v| v.offset), Some(2));
    keys(&mut app, "g");
    let top = app.panes[&1].scroll.as_ref().map(|v| v.offset);
    assert_eq!(top, Some(lock(&app.panes[&1].screen).history().len()));
    keys(&mut app, "G");
    assert_eq!(app.panes[&1].scroll, None);

    keys(&mut app, "C-Space [ / l i n e Space 4 2 Enter");
    let view = app.panes[&1].scroll.clone().expect("still scrolling");
    assert_eq!(view.query.as_deref(), Some("line 42"));
    let found = view.found.clone().expect("a match");
    assert_eq!((found.column, found.width), (0, 7));
    let screen = lock(&app.panes[&1].screen);
    let row = view
        .visible_row(&screen, found.line)
        .expect("the match is in view");
    let shown = view.view_text(&screen);
    assert_eq!(shown[usize::from(row)], "line 42");
    drop(screen);
    assert!(app.take_effects().is_empty(), "scroll keys stay in cco");

    keys(&mut app, "/ n o p e Enter");
    let message = app.message.clone().expect("a warning");
    assert_eq!(message.text, "no more matches for \"nope\"");
    keys(&mut app, "q");
    assert_eq!(app.panes[&1].scroll, None);
    keys(&mut app, "a");
    assert_eq!(writes(&app.take_effects()), vec![(1, b"a".to_vec())]);
}

#[test]
fn paste_while_typing_a_search_goes_into_the_query() {
    let mut app = app();
    keys(&mut app, "C-Space [ /");
    app.update(Event::Terminal(TermEvent::Paste("needle".into())));
    assert!(writes(&app.take_effects()).is_empty());
    let typing = app.panes[&1].scroll.as_ref().and_then(|v| v.typing.clone());
    assert_eq!(typing.as_deref(), Some("needle"));
}

#[test]
fn swap_resize_and_even_layout_move_panes() {
    let mut app = app();
    keys(&mut app, "C-Space %");
    app.take_effects();
    keys(&mut app, "C-Space }");
    assert_eq!(app.ordered_panes(), vec![2, 1]);
    assert_eq!(app.focus, Some(2));
    assert_eq!(rect_of(&app, 2).x, 0);

    keys(&mut app, "C-Space L");
    assert_eq!(rect_of(&app, 2).width, 44);
    assert_eq!(resizes(&app.take_effects()), vec![(1, 21, 34), (2, 21, 42)]);
    keys(&mut app, "C-Space =");
    assert_eq!(rect_of(&app, 2).width, 40);
    assert_eq!(resizes(&app.take_effects()), vec![(1, 21, 38), (2, 21, 38)]);
    // Resizing along an axis with no split does nothing.
    keys(&mut app, "C-Space K");
    assert!(app.take_effects().is_empty());
}

#[test]
fn cursor_shape_follows_the_focused_pane() {
    let mut app = app();
    app.sync_cursor_shape();
    assert!(
        app.take_effects().is_empty(),
        "default shape, nothing to say"
    );
    feed(&app, 1, b"\x1b[6 q");
    app.sync_cursor_shape();
    let effects = app.take_effects();
    assert!(
        matches!(effects.as_slice(), [Effect::CursorShape(6)]),
        "{effects:?}"
    );
    app.sync_cursor_shape();
    assert!(app.take_effects().is_empty(), "only changes are sent");
    keys(&mut app, "C-Space %");
    app.take_effects();
    app.sync_cursor_shape();
    let effects = app.take_effects();
    assert!(
        matches!(effects.as_slice(), [Effect::CursorShape(0)]),
        "{effects:?}"
    );
}

#[test]
fn rename_started_on_one_pane_does_not_rename_another() {
    let mut app = app();
    keys(&mut app, "C-Space % C-Space , BSpace BSpace");
    assert_eq!(
        app.mode,
        Mode::Rename {
            pane: 2,
            text: String::new()
        }
    );
    app.update(mouse(MouseEventKind::Down(MouseButton::Left), 5, 5));
    keys(&mut app, "t w o Enter");
    assert_eq!(app.panes[&1].name, SH, "pane 1 was not being renamed");
}
