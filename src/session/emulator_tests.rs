//! Tests of the emulator: query replies, synchronized output, split input.

use super::*;

fn emulator() -> Emulator {
    Emulator::new(24, 80, 100)
}

fn reply_to(query: &[u8]) -> String {
    let mut emu = emulator();
    let outcome = emu.feed(query, Instant::now());
    String::from_utf8(outcome.replies).expect("replies are ASCII")
}

#[test]
fn answers_terminal_queries() {
    let cases: &[(&[u8], &str)] = &[
        (b"\x1b[c", "\x1b[?62;22c"),
        (b"\x1b[0c", "\x1b[?62;22c"),
        (b"\x1b[>c", "\x1b[>1;10;0c"),
        (b"\x1b[5n", "\x1b[0n"),
        (b"\x1b[6n", "\x1b[1;1R"),
        (b"abc\x1b[6n", "\x1b[1;4R"),
        (b"\x1b[3;7H\x1b[?6n", "\x1b[?3;7R"),
        (b"\x1b[>0q", VERSION_REPLY),
        (b"\x1b[?2026$p", "\x1b[?2026;2$y"),
        (b"\x1b[?2004h\x1b[?2004$p", "\x1b[?2004;1$y"),
        (b"\x1b[?1$p", "\x1b[?1;2$y"),
        (b"\x1b[?9999$p", "\x1b[?9999;0$y"),
        (b"\x1b[18t", "\x1b[8;24;80t"),
        (b"\x1b]11;?\x07", "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\"),
    ];
    for (query, expected) in cases {
        assert_eq!(reply_to(query), *expected, "query {query:?}");
    }
}

#[test]
fn ignores_unknown_sequences_without_replying() {
    assert_eq!(reply_to(b"\x1b[?u\x1b[>4;1m\x1b]133;A\x07"), "");
}

#[test]
fn holds_a_synchronized_frame_until_it_closes() {
    let mut emu = emulator();
    let now = Instant::now();
    emu.feed(b"before", now);
    let outcome = emu.feed(b"\x1b[?2026h\x1b[2J\x1b[Hhalf", now);
    assert!(emu.is_holding_frame());
    assert!(emu.screen().contents().contains("before"));
    assert!(!emu.screen().contents().contains("half"));
    assert!(!outcome.changed);
    let outcome = emu.feed(b" done\x1b[?2026l", now);
    assert!(outcome.changed);
    assert!(!emu.is_holding_frame());
    let contents = emu.screen().contents();
    assert!(contents.contains("half done"));
    assert!(!contents.contains("before"));
}

#[test]
fn marker_split_across_reads_is_recognised() {
    let mut emu = emulator();
    let now = Instant::now();
    emu.feed(b"x\x1b[?20", now);
    emu.feed(b"26hframe", now);
    assert!(emu.is_holding_frame());
    assert!(!emu.screen().contents().contains("frame"));
    emu.feed(b"\x1b[?202", now);
    emu.feed(b"6l", now);
    assert!(!emu.is_holding_frame());
    assert!(emu.screen().contents().contains("xframe"));
}

#[test]
fn a_frame_that_never_closes_is_released_after_the_timeout() {
    let mut emu = emulator();
    let start = Instant::now();
    emu.feed(b"\x1b[?2026hstuck", start);
    assert!(!emu.release_if_stale(start).changed);
    assert_eq!(emu.hold_deadline(), Some(start + SYNC_TIMEOUT));
    let outcome = emu.release_if_stale(start + SYNC_TIMEOUT);
    assert!(outcome.changed);
    assert!(emu.screen().contents().contains("stuck"));
    emu.feed(b" more", start + SYNC_TIMEOUT);
    assert!(emu.screen().contents().contains("stuck more"));
}

#[test]
fn reports_sync_mode_while_a_frame_is_open() {
    let mut emu = emulator();
    let now = Instant::now();
    emu.feed(b"\x1b[?2026h", now);
    let outcome = emu.feed(b"\x1b[?2026$p\x1b[?2026l", now);
    assert_eq!(outcome.replies, b"\x1b[?2026;1$y");
}

#[test]
fn records_title_and_bell() {
    let mut emu = emulator();
    emu.feed(b"\x1b]2;build \x01log\x07\x07", Instant::now());
    assert_eq!(emu.take_title().as_deref(), Some("build log"));
    assert!(emu.take_bell());
    assert!(!emu.take_bell());
    assert_eq!(emu.take_title(), None);
}

#[test]
fn a_character_split_across_reads_is_kept_whole() {
    let mut emu = emulator();
    let now = Instant::now();
    emu.feed(b"caf\xc3", now);
    emu.feed(b"\xa9 t\xc3\xa9 ok", now);
    assert!(emu.screen().contents().starts_with("café té ok"));
}

#[test]
fn emoji_presentation_in_a_one_column_pane_does_not_panic() {
    let mut emu = Emulator::new(3, 1, 10);
    emu.feed(
        "\u{26a0}\u{fe0f}\u{26a0}\u{fe0f}x".as_bytes(),
        Instant::now(),
    );
    assert_eq!(emu.size(), (3, 2));
}
