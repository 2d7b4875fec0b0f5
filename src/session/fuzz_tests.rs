//! Property tests of the emulator, scroll view and screen widget over arbitrary program output:
//! random bytes mixed with pieces of escape sequences, synchronized-output markers, partial
//! UTF-8, wide and combining characters, split into arbitrary reads.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::widgets::Widget;

use super::scroll::Direction;
use super::{Emulator, ScrollView, SearchMatch};
use crate::ui::ScreenWidget;

const CASES: u32 = 256;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        // Failures are reported with their minimal input; nothing is written to the tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces of what programs write, whole and broken.
const FRAGMENTS: &[&[u8]] = &[
    b"\x1b",
    b"\x1b[",
    b"\x1b[?",
    b"\x1b[?2026h",
    b"\x1b[?2026l",
    b"\x1b[?20",
    b"26h",
    b"26l",
    b"\x1b[?2026$p",
    b"\x1b]",
    b"\x1b]0;",
    b"\x1b]2;title",
    b"\x1b]10;?",
    b"\x1b]11;?",
    b"\x1b]8;;http://x\x1b\\",
    b"\x1bP",
    b"\x1b\\",
    b"\x07",
    b";",
    b":",
    b"?",
    b"$",
    b">",
    b" ",
    b"\r\n",
    b"\n",
    b"\r",
    b"\x08",
    b"\t",
    b"\x00",
    b"\x7f",
    b"\x9b",
    b"\xe4",
    b"\xe4\xb8",
    b"\xf0\x9f",
    "中".as_bytes(),
    "中文字".as_bytes(),
    "👍".as_bytes(),
    "e\u{301}".as_bytes(),
    "\u{301}".as_bytes(),
    "\u{200d}".as_bytes(),
    "\u{fe0e}".as_bytes(),
    "a\u{300}\u{301}\u{302}".as_bytes(),
    b"\x1b[c",
    b"\x1b[>c",
    b"\x1b[5n",
    b"\x1b[6n",
    b"\x1b[?6n",
    b"\x1b[18t",
    b"\x1b[8;3;7t",
    b"\x1b[>0q",
    b"\x1b[?1$p",
    b"\x1b[4$p",
    b"\x1b[?1049h",
    b"\x1b[?1049l",
    b"\x1b[?47h",
    b"\x1b[?1h",
    b"\x1b[?25l",
    b"\x1b[?1000h",
    b"\x1b[?1006h",
    b"\x1b[?2004h",
    b"\x1b[?6h",
    b"\x1b[?6l",
    b"\x1b[2J",
    b"\x1b[3J",
    b"\x1b[K",
    b"\x1b[1K",
    b"\x1b[H",
    b"\x1b[999;999H",
    b"\x1b[5;10r",
    b"\x1b[r",
    b"\x1b[L",
    b"\x1b[M",
    b"\x1b[P",
    b"\x1b[@",
    b"\x1b[X",
    b"\x1b[S",
    b"\x1b[T",
    b"\x1b[65535@",
    b"\x1b[65535L",
    b"\x1b[65535M",
    b"\x1b[65535S",
    b"\x1b[65535T",
    b"\x1b[65535X",
    b"\x1b[65535P",
    b"\x1b[65535G",
    b"\x1b[65535d",
    b"\x1b[300b",
    b"\x1bM",
    b"\x1bD",
    b"\x1bE",
    b"\x1b7",
    b"\x1b8",
    b"\x1bc",
    b"\x1b#8",
    b"\x1b(0",
    b"\x1b(B",
    b"\x1b[38;2;1;2;3m",
    b"\x1b[48;5;200m",
    b"\x1b[1;2;3;4;5;7;9m",
    b"\x1b[0m",
    b"\x1b[6 q",
];

fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::sample::select(FRAGMENTS).prop_map(<[u8]>::to_vec),
        2 => prop::collection::vec(any::<u8>(), 1..6),
        2 => "[0-9]{1,5}".prop_map(String::into_bytes),
        2 => "[ -~]{1,12}".prop_map(String::into_bytes),
        1 => any::<char>()
            .prop_filter("U+FE0F: see a_widening_selector_in_a_one_column_pane_does_not_panic", |c| {
                *c != VS16
            })
            .prop_map(|c| c.to_string().into_bytes()),
    ]
}

/// VARIATION SELECTOR-16, which widens the character before it to two columns.
const VS16: char = '\u{fe0f}';

/// A stream of program output.
fn stream(pieces: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(piece(), 0..pieces).prop_map(|pieces| pieces.concat())
}

/// A size from 1 to `max`, often at the small edge.
fn dimension(max: u16) -> impl Strategy<Value = u16> {
    prop_oneof![Just(1u16), 1..=4u16, 1..=max]
}

#[derive(Clone, Debug)]
enum Op {
    /// Output read from the PTY, at this many milliseconds after the start.
    Feed(Vec<u8>, u64),
    Resize(u16, u16),
    /// The event loop's timer, at this many milliseconds after the start.
    Release(u64),
    /// Scroll mode moving the view into history.
    Scrollback(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (stream(8), 0..400u64).prop_map(|(bytes, at)| Op::Feed(bytes, at)),
        1 => (dimension(100), dimension(300)).prop_map(|(rows, cols)| Op::Resize(rows, cols)),
        1 => (0..400u64).prop_map(Op::Release),
        1 => (0..50usize).prop_map(Op::Scrollback),
    ]
}

fn run(emulator: &mut Emulator, ops: &[Op], start: Instant) {
    for op in ops {
        match op {
            Op::Feed(bytes, at) => {
                emulator.feed(bytes, start + Duration::from_millis(*at));
            }
            Op::Resize(rows, cols) => emulator.resize(*rows, *cols),
            Op::Release(at) => {
                emulator.release_if_stale(start + Duration::from_millis(*at));
            }
            Op::Scrollback(rows) => {
                let mut view = super::ScrollView::default();
                view.scroll_by(emulator, isize::try_from(*rows).unwrap_or(0));
                let history = view.history_screen(emulator);
                let mut buffer = Buffer::empty(Rect::new(0, 0, 40, view.history_rows(emulator)));
                ScreenWidget {
                    screen: history.screen(),
                    highlight: None,
                    highlight_bg: Color::Indexed(8),
                }
                .render(buffer.area, &mut buffer);
                let _ = view.view_text(emulator);
            }
        }
    }
}

/// Draws the screen into `area` of a buffer, with an optional highlight.
fn render(
    emulator: &Emulator,
    area: Rect,
    buffer: &mut Buffer,
    highlight: Option<(u16, SearchMatch)>,
) {
    ScreenWidget {
        screen: emulator.screen(),
        highlight,
        highlight_bg: Color::Indexed(8),
    }
    .render(area, buffer);
}

fn highlight() -> impl Strategy<Value = Option<(u16, SearchMatch)>> {
    prop::option::of(
        (0..120u16, 0..400u16, 0..400u16).prop_map(|(row, column, width)| {
            (
                row,
                SearchMatch {
                    line: 0,
                    column,
                    width,
                },
            )
        }),
    )
}

/// Splits `bytes` at the given cut points (taken modulo its length).
fn chunks(bytes: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    chunks_where(bytes, cuts, |_| true)
}

/// Splits `bytes` at the given cut points, but never inside a UTF-8 sequence: a cut that would
/// land before a continuation byte moves back to the start of the sequence.
fn chunks_between_characters(bytes: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    chunks_where(bytes, cuts, |next| !matches!(next, Some(0x80..=0xbf)))
}

fn chunks_where(
    bytes: &[u8],
    cuts: &[usize],
    allowed: impl Fn(Option<u8>) -> bool,
) -> Vec<Vec<u8>> {
    let mut cuts: Vec<usize> = cuts
        .iter()
        .map(|cut| {
            let mut cut = cut % (bytes.len() + 1);
            while cut > 0 && !allowed(bytes.get(cut).copied()) {
                cut -= 1;
            }
            cut
        })
        .collect();
    cuts.push(0);
    cuts.push(bytes.len());
    cuts.sort_unstable();
    cuts.windows(2)
        .map(|pair| bytes[pair[0]..pair[1]].to_vec())
        .collect()
}

/// Feeds `bytes` whole and in `pieces` (with the event loop's timer firing between some of them
/// before any frame is stale): once no frame is held, both show the same screen and answered the
/// same queries.
fn check_same_screen(
    rows: u16,
    cols: u16,
    bytes: &[u8],
    pieces: &[Vec<u8>],
    timer_ticks: &[bool],
) -> Result<(), TestCaseError> {
    let now = Instant::now();
    let later = now + Duration::from_secs(1);

    let mut whole = Emulator::new(rows, cols, 100);
    let mut whole_replies = whole.feed(bytes, now).replies;
    whole_replies.extend(whole.release_if_stale(later).replies);

    let mut chunked = Emulator::new(rows, cols, 100);
    let mut chunked_replies = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        chunked_replies.extend(chunked.feed(piece, now).replies);
        if timer_ticks[i % timer_ticks.len()] {
            chunked_replies.extend(chunked.release_if_stale(now).replies);
        }
    }
    chunked_replies.extend(chunked.release_if_stale(later).replies);

    prop_assert!(!whole.is_holding_frame());
    prop_assert!(!chunked.is_holding_frame());
    prop_assert_eq!(whole.screen().contents(), chunked.screen().contents());
    prop_assert_eq!(
        whole.screen().cursor_position(),
        chunked.screen().cursor_position()
    );
    prop_assert_eq!(
        whole.screen().contents_formatted(),
        chunked.screen().contents_formatted()
    );
    prop_assert_eq!(whole_replies, chunked_replies);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_output_any_size_never_panics(
        rows in dimension(100),
        cols in dimension(300),
        ops in prop::collection::vec(op(), 0..24),
        buffer_size in (0..=310u16, 0..=110u16),
        offset in (0..=3u16, 0..=3u16),
        highlight in highlight(),
    ) {
        let start = Instant::now();
        let mut emulator = Emulator::new(rows, cols, 100);
        run(&mut emulator, &ops, start);
        emulator.release_if_stale(start + Duration::from_secs(1));
        let _ = emulator.screen().contents();
        let _ = emulator.take_title();
        let _ = emulator.take_bell();

        let (width, height) = buffer_size;
        let mut buffer = Buffer::empty(Rect::new(0, 0, width, height));
        let area = Rect::new(offset.0, offset.1, width, height).intersection(buffer.area);
        render(&emulator, area, &mut buffer, highlight.clone());
        // The buffer exactly the size of the screen, as a pane draws it.
        let (rows, cols) = emulator.size();
        let mut exact = Buffer::empty(Rect::new(0, 0, cols, rows));
        render(&emulator, exact.area, &mut exact, highlight);
        // The visible text shows up in the drawing (scrolled back or not).
        let first_row = emulator.screen().rows(0, cols).next().unwrap_or_default();
        if let Some(c) = first_row.chars().find(|c| c.is_ascii_graphic()) {
            let drawn: String = (0..cols).map(|x| exact[(x, 0)].symbol().to_string()).collect();
            prop_assert!(drawn.contains(c), "{c:?} of {first_row:?} not in {drawn:?}");
        }
    }

    #[test]
    fn chunking_between_characters_does_not_change_the_screen(
        rows in dimension(40),
        cols in dimension(120),
        bytes in stream(64),
        cuts in prop::collection::vec(any::<usize>(), 0..16),
        timer_ticks in prop::collection::vec(any::<bool>(), 16),
    ) {
        let pieces = chunks_between_characters(&bytes, &cuts);
        check_same_screen(rows, cols, &bytes, &pieces, &timer_ticks)?;
    }

    #[test]
    fn chunking_anywhere_does_not_change_the_screen(
        rows in dimension(40),
        cols in dimension(120),
        bytes in stream(64),
        cuts in prop::collection::vec(any::<usize>(), 0..16),
        timer_ticks in prop::collection::vec(any::<bool>(), 16),
    ) {
        check_same_screen(rows, cols, &bytes, &chunks(&bytes, &cuts), &timer_ticks)?;
    }

    #[test]
    fn a_stale_frame_released_early_ends_on_the_same_screen(
        rows in dimension(40),
        cols in dimension(120),
        bytes in stream(64),
        cuts in prop::collection::vec(any::<usize>(), 0..16),
        stale in prop::collection::vec(any::<bool>(), 16),
    ) {
        // The timer releasing an open frame early draws it in two steps, but the bytes reach
        // the parser in the same order, so the end result is the same.
        let now = Instant::now();
        let later = now + Duration::from_secs(1);
        let mut whole = Emulator::new(rows, cols, 100);
        whole.feed(&bytes, now);
        whole.release_if_stale(later);

        let mut pieces = Emulator::new(rows, cols, 100);
        for (i, chunk) in chunks_between_characters(&bytes, &cuts).iter().enumerate() {
            pieces.feed(chunk, now);
            if stale[i % stale.len()] {
                pieces.release_if_stale(later);
            }
        }
        pieces.release_if_stale(later);
        prop_assert_eq!(whole.screen().contents(), pieces.screen().contents());
    }

    #[test]
    fn scrolling_searching_and_drawing_history_never_panics(
        rows in dimension(30),
        cols in dimension(100),
        text in prop::collection::vec(
            prop_oneof![
                3 => "[a-c ]{1,10}".prop_map(String::into_bytes),
                1 => prop::sample::select(FRAGMENTS).prop_map(<[u8]>::to_vec),
                1 => Just(b"\r\n".to_vec()),
            ],
            0..80,
        ),
        resize in prop::option::of((dimension(30), dimension(100))),
        query in "[a-cA-C ]{0,4}",
        moves in prop::collection::vec((any::<bool>(), -40..40isize), 0..8),
    ) {
        let now = Instant::now();
        let mut emulator = Emulator::new(rows, cols, 50);
        emulator.feed(&text.concat(), now);
        emulator.release_if_stale(now + Duration::from_secs(1));
        let mut view = ScrollView {
            query: Some(query),
            ..ScrollView::default()
        };
        for (search, amount) in moves {
            if search {
                let direction = if amount < 0 { Direction::Down } else { Direction::Up };
                view.search(&emulator, direction);
            } else {
                view.scroll_by(&emulator, amount);
            }
            if let Some((rows, cols)) = resize {
                if amount % 3 == 0 {
                    emulator.resize(rows, cols);
                }
            }
            let found = view.found.as_ref().and_then(|found| {
                Some((view.visible_row(&emulator, found.line)?, found.clone()))
            });
            let (rows, cols) = emulator.size();
            let mut buffer = Buffer::empty(Rect::new(0, 0, cols, rows));
            render(&emulator, buffer.area, &mut buffer, found);
        }
    }
}

#[test]
fn a_one_by_one_screen_takes_anything() {
    let now = Instant::now();
    let mut emulator = Emulator::new(1, 1, 0);
    for fragment in FRAGMENTS {
        emulator.feed(fragment, now);
    }
    emulator.feed("中中\u{301}👍".as_bytes(), now);
    emulator.release_if_stale(now + Duration::from_secs(1));
    assert_eq!(
        emulator.size(),
        (1, 2),
        "screens are at least two columns wide"
    );
    for (width, height) in [(0, 0), (1, 1), (2, 1), (5, 5)] {
        let mut buffer = Buffer::empty(Rect::new(0, 0, width, height));
        render(&emulator, buffer.area, &mut buffer, None);
    }
}

#[test]
fn a_zero_size_request_is_clamped_to_one_row_and_two_columns() {
    let mut emulator = Emulator::new(0, 0, 0);
    assert_eq!(emulator.size(), (1, 2));
    emulator.resize(0, 7);
    assert_eq!(emulator.size(), (1, 7));
}

#[test]
fn search_after_a_character_whose_lowercase_is_longer_does_not_panic() {
    // 'İ' is 2 bytes but lowercases to "i̇" (3 bytes): the match offset in the lowercased line
    // lands inside '中' in the original line.
    let now = Instant::now();
    let mut emulator = Emulator::new(3, 20, 10);
    emulator.feed("İİx中\r\n".as_bytes(), now);
    let mut view = ScrollView {
        query: Some("x".into()),
        ..ScrollView::default()
    };
    assert!(view.search(&emulator, Direction::Up));
    assert_eq!(view.found.map(|m| m.column), Some(2));
}

#[test]
fn a_character_split_across_reads_does_not_eat_the_next_one() {
    // "été": the read boundary falls inside the first 'é'; vte completes it from the next read
    // and skips the 't' too.
    let now = Instant::now();
    let mut emulator = Emulator::new(2, 20, 0);
    emulator.feed(b"\xc3", now);
    emulator.feed(b"\xa9t\xc3\xa9 ok", now);
    assert_eq!(emulator.screen().contents(), "été ok");
}

#[test]
fn a_widening_selector_in_a_one_column_pane_does_not_panic() {
    let mut emulator = Emulator::new(5, 1, 0);
    emulator.feed("\u{26a0}\u{fe0f}".as_bytes(), Instant::now());
}
