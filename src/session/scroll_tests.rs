//! Tests of scroll mode: history view, search, clearing.

use super::*;
use std::time::Instant;

fn emulator_with_lines(count: usize) -> Emulator {
    let mut emulator = Emulator::new(5, 20, 1000);
    let text: String = (0..count).map(|i| format!("line {i}\r\n")).collect();
    emulator.feed(text.as_bytes(), Instant::now());
    emulator
}

#[test]
fn scrolling_is_clamped_to_history() {
    let emulator = emulator_with_lines(30);
    let mut view = ScrollView::default();
    view.scroll_by(&emulator, 3);
    assert_eq!(view.offset, 3);
    assert_eq!(view.view_text(&emulator)[0], "line 23");
    view.scroll_to_top(&emulator);
    assert_eq!(view.offset, 26);
    assert_eq!(view.view_text(&emulator)[..2], ["line 0", "line 1"]);
    view.scroll_by(&emulator, -100);
    assert_eq!(view.offset, 0);
}

#[test]
fn the_history_screen_keeps_colours_and_the_live_rows_follow() {
    let mut emulator = Emulator::new(3, 20, 100);
    emulator.feed(
        b"\x1b[31mred\x1b[m plain\r\nb\r\nc\r\nd\r\ne",
        Instant::now(),
    );
    let mut view = ScrollView::default();
    view.scroll_by(&emulator, 2);
    assert_eq!(view.history_rows(&emulator), 2);
    let screen = view.history_screen(&emulator);
    let red = screen.screen().cell(0, 0).expect("cell");
    assert_eq!((red.contents(), red.fgcolor()), ("r", vt100::Color::Idx(1)));
    assert_eq!(
        screen.screen().rows(0, 20).next().as_deref(),
        Some("red plain")
    );
    assert_eq!(view.view_text(&emulator), ["red plain", "b", "c"]);
}

#[test]
fn erasing_saved_lines_clears_history() {
    let mut emulator = emulator_with_lines(30);
    assert_eq!(emulator.history().len(), 26);
    emulator.feed(b"\x1b[3", Instant::now());
    emulator.feed(b"J", Instant::now());
    assert!(emulator.history().is_empty());
}

#[test]
fn search_walks_up_then_down_through_matches() {
    let emulator = emulator_with_lines(40);
    let mut view = ScrollView {
        query: Some("LINE 1".to_lowercase()),
        ..ScrollView::default()
    };
    assert!(view.search(&emulator, Direction::Up));
    assert_eq!(view.found.as_ref().map(|m| m.line), Some(19));
    assert!(view.search(&emulator, Direction::Up));
    assert_eq!(view.found.as_ref().map(|m| m.line), Some(18));
    let row = view.visible_row(&emulator, 18).expect("match is in view");
    assert_eq!(view.view_text(&emulator)[usize::from(row)], "line 18");
    assert!(view.search(&emulator, Direction::Down));
    assert_eq!(view.found.as_ref().map(|m| m.line), Some(19));
}

#[test]
fn matching_keeps_offsets_of_the_original_line() {
    let cases = [
        ("İİx中", "x", true, Some((4, 5))),
        ("a KELVIN \u{212a}b", "kb", true, Some((9, 13))),
        ("Row-12", "row-1", true, Some((0, 5))),
        ("Row-12", "row-1", false, None),
    ];
    for (line, needle, ignore_case, expected) in cases {
        assert_eq!(
            find_in_line(line, needle, ignore_case),
            expected,
            "{line:?} {needle:?}"
        );
    }
}

#[test]
fn search_is_case_sensitive_with_capitals_and_reports_misses() {
    let emulator = emulator_with_lines(10);
    let mut view = ScrollView {
        query: Some("LINE".into()),
        ..ScrollView::default()
    };
    assert!(!view.search(&emulator, Direction::Up));
    assert_eq!(view.found, None);
}
