//! vttest screens rendered in a cco pane compared with the same screens in tmux.
//!
//! vttest runs in cco's first pane, whose inside is exactly 80×24 (cco at 82×27: the border
//! takes two columns and two rows, the status line one row), and in a detached tmux session of
//! 80×24. Both get the same keys; at each screen worth comparing, the text inside cco's pane
//! border must equal tmux's `capture-pane`, line by line (trailing spaces trimmed).
//!
//! Screens that no terminal draws the same (vttest's answer-back and report tests) are left
//! out. Where cco is known to draw differently from tmux and xterm, the test is `#[ignore]`d
//! with the reason; run them with `cargo test --test e2e vttest -- --ignored` to see the diff.

use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::harness::{self, Cco, Options};

const COLS: u16 = 80;
const ROWS: u16 = 24;
const HOLD: &str = "Push <RETURN>";

/// How long a screen must stay unchanged before it is taken as drawn.
const SETTLE: Duration = Duration::from_millis(300);
/// After a key, how long to wait for a visible change before accepting a screen that looks the
/// same as the one before (vttest's 80- and 132-column passes look alike in an 80-column pane).
const CHANGE_GRACE: Duration = Duration::from_millis(1500);

type Screen = Vec<String>;

/// Both programs are needed; without one the test says so and passes.
fn skip_without_tools(test: &str) -> bool {
    let missing: Vec<&str> = ["vttest", "tmux"]
        .into_iter()
        .filter(|program| !harness::have(program))
        .collect();
    if missing.is_empty() {
        return false;
    }
    eprintln!(
        "SKIPPED {test}: {} not on PATH (Debian: apt-get install {})",
        missing.join(" and "),
        missing.join(" ")
    );
    true
}

/// A detached tmux server of its own (`-L <unique socket>`, no config) running one program.
struct Tmux {
    socket: String,
    /// The socket file, which tmux leaves behind when its server exits.
    socket_path: Option<std::path::PathBuf>,
}

impl Tmux {
    fn start(program: &str, cols: u16, rows: u16) -> Tmux {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "cco-vttest-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut tmux = Tmux {
            socket,
            socket_path: None,
        };
        let (cols, rows) = (cols.to_string(), rows.to_string());
        tmux.run(&["new-session", "-d", "-x", &cols, "-y", &rows, program]);
        let path = tmux.run(&["display-message", "-p", "#{socket_path}"]);
        tmux.socket_path = Some(String::from_utf8_lossy(&path.stdout).trim().into());
        let size = tmux.run(&["display-message", "-p", "#{pane_width}x#{pane_height}"]);
        assert_eq!(
            String::from_utf8_lossy(&size.stdout).trim(),
            format!("{cols}x{rows}"),
            "tmux pane size"
        );
        tmux
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("tmux");
        command
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .env_remove("TMUX")
            .stdin(Stdio::null());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        let output = self
            .command(args)
            .output()
            .unwrap_or_else(|e| panic!("run tmux {args:?}: {e}"));
        assert!(
            output.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// Types `text`; `\r` is sent as the Enter key.
    fn type_text(&self, text: &str) {
        for (i, part) in text.split('\r').enumerate() {
            if i > 0 {
                self.run(&["send-keys", "Enter"]);
            }
            if !part.is_empty() {
                self.run(&["send-keys", "-l", part]);
            }
        }
    }

    fn screen(&self) -> Screen {
        let output = self.run(&["capture-pane", "-p"]);
        normalise(String::from_utf8_lossy(&output.stdout).lines())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command(&["kill-server"]).output();
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Exactly `ROWS` lines, trailing spaces trimmed.
fn normalise<'a>(lines: impl Iterator<Item = &'a str>) -> Screen {
    let mut screen: Screen = lines
        .take(usize::from(ROWS))
        .map(|line| line.trim_end().to_string())
        .collect();
    screen.resize(usize::from(ROWS), String::new());
    screen
}

/// The text inside the border of cco's first pane.
fn pane_text(cco: &Cco) -> Screen {
    cco.with_screen(|screen| {
        let rows: Vec<String> = screen.rows(1, COLS).skip(1).collect();
        normalise(rows.iter().map(String::as_str))
    })
}

fn contains(screen: &Screen, needle: &str) -> bool {
    screen.iter().any(|line| line.contains(needle))
}

/// A readable side-by-side account of two screens, differing rows marked.
fn diff(cco: &Screen, tmux: &Screen) -> String {
    let mut out = String::from("row | cco pane (80×24)                    vs tmux (80×24)\n");
    for (i, (a, b)) in cco.iter().zip(tmux).enumerate() {
        if a == b {
            out.push_str(&format!("{:>3}   {a}\n", i + 1));
        } else {
            out.push_str(&format!("{:>3} - cco:  {a:?}\n", i + 1));
            out.push_str(&format!("{:>3} + tmux: {b:?}\n", i + 1));
        }
    }
    out
}

/// vttest in a cco pane and in tmux, driven in step.
struct Vttest {
    cco: Cco,
    tmux: Tmux,
    /// The last settled screens (cco, tmux).
    last: (Screen, Screen),
}

impl Vttest {
    /// Starts both, or says which program is missing and gives None.
    fn start_unless_missing(test: &str) -> Option<Vttest> {
        (!skip_without_tools(test)).then(Vttest::start)
    }

    fn start() -> Vttest {
        let cco = Cco::start(Options {
            rows: ROWS + 3,
            cols: COLS + 2,
            args: vec!["--".into(), "vttest".into()],
            ..Options::default()
        });
        cco.wait_text("1:vttest*");
        // The pane's border corners frame exactly 80×24 cells.
        cco.wait_until("the pane border around an 80×24 inside", |screen| {
            let corner = |row, col| screen.cell(row, col).map(|c| c.contents().to_string());
            corner(0, 0).as_deref() == Some("┏")
                && corner(0, COLS + 1).as_deref() == Some("┓")
                && corner(ROWS + 1, 0).as_deref() == Some("┗")
                && corner(ROWS + 1, COLS + 1).as_deref() == Some("┛")
        });
        let tmux = Tmux::start("vttest", COLS, ROWS);
        let mut vttest = Vttest {
            cco,
            tmux,
            last: (Vec::new(), Vec::new()),
        };
        vttest.settle("the menu", "Enter choice number");
        vttest
    }

    /// Types the same text into both.
    fn type_text(&mut self, text: &str) {
        self.cco.type_text(text);
        self.tmux.type_text(text);
    }

    /// Waits until both show `marker` on a screen that changed since the last one (or has had
    /// time to) and has stopped changing.
    fn settle(&mut self, what: &str, marker: &str) {
        let start = Instant::now();
        let deadline = start + harness::timeout();
        let mut seen = (pane_text(&self.cco), self.tmux.screen());
        let mut since = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let now = (pane_text(&self.cco), self.tmux.screen());
            if now != seen {
                seen = now;
                since = Instant::now();
                continue;
            }
            let changed = seen.0 != self.last.0 && seen.1 != self.last.1;
            let ready = contains(&seen.0, marker)
                && contains(&seen.1, marker)
                && (changed || start.elapsed() >= CHANGE_GRACE)
                && since.elapsed() >= SETTLE;
            if ready {
                self.last = seen;
                return;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out waiting for {what} ({marker:?} in both, then still)\n{}",
                    diff(&seen.0, &seen.1)
                );
            }
        }
    }

    /// Presses keys and waits for the screen they lead to.
    fn step(&mut self, keys: &str, what: &str, marker: &str) {
        self.type_text(keys);
        self.settle(what, marker);
    }

    fn assert_same(&mut self, what: &str) {
        let (cco, tmux) = &self.last;
        assert!(
            cco == tmux,
            "vttest {what}: cco's pane differs from tmux\n{}",
            diff(cco, tmux)
        );
    }
}

#[test]
fn vttest_menu_matches_tmux() {
    let Some(mut vttest) = Vttest::start_unless_missing("vttest_menu_matches_tmux") else {
        return;
    };
    assert!(contains(&vttest.last.0, "1. Test of cursor movements"));
    vttest.assert_same("main menu");
}

#[test]
fn vttest_cursor_movements_box_matches_tmux() {
    let Some(mut vttest) = Vttest::start_unless_missing("vttest_cursor_movements_box_matches_tmux")
    else {
        return;
    };
    vttest.step(
        "1\r",
        "test 1: the box of * and +",
        "free position around it.",
    );
    vttest.assert_same("test 1, screen 1 (box of * and +, frame of E's)");
}

#[test]
fn vttest_cursor_controls_inside_escape_sequences_match_tmux() {
    let Some(mut vttest) =
        Vttest::start_unless_missing("vttest_cursor_controls_inside_escape_sequences_match_tmux")
    else {
        return;
    };
    // Test 1's first four screens (two boxes, two autowrap screens) need 132-column mode,
    // IND/NEL and DECALN to match; walk past them.
    vttest.step("1\r", "test 1: the 80-column box", HOLD);
    vttest.step("\r", "test 1: the 132-column box", HOLD);
    vttest.step("\r", "test 1: autowrap, 80 columns", HOLD);
    vttest.step("\r", "test 1: autowrap, 132 columns", HOLD);
    vttest.step(
        "\r",
        "test 1: cursor controls inside escape sequences",
        "Below should be four identical lines:",
    );
    vttest.assert_same("test 1, cursor-control characters inside ESC sequences");
    vttest.step(
        "\r",
        "test 1: leading zeros",
        "Two lines below you should see the sentence",
    );
    vttest.assert_same("test 1, leading zeros in ESC sequences");
    vttest.step("\r", "the menu again", "Enter choice number");
    vttest.assert_same("main menu after test 1");
}

#[test]
fn vttest_insert_delete_line_accordion_matches_tmux() {
    let Some(mut vttest) =
        Vttest::start_unless_missing("vttest_insert_delete_line_accordion_matches_tmux")
    else {
        return;
    };
    vttest.step(
        "8\r",
        "test 8: the screen of letters",
        "Screen accordion test",
    );
    vttest.assert_same("test 8, screen accordion (letters A to X)");
    vttest.step(
        "\r",
        "test 8: after insert/delete line",
        "Top line: A's, bottom line:",
    );
    vttest.assert_same("test 8, after IL/DL in a scrolling region");
}

#[test]
#[ignore = "bug: cco's emulator (vt100 0.18) ignores IRM (CSI 4 h): typed text overwrites instead of inserting"]
fn vttest_insert_mode_matches_tmux() {
    let Some(mut vttest) = Vttest::start_unless_missing("vttest_insert_mode_matches_tmux") else {
        return;
    };
    vttest.step(
        "8\r",
        "test 8: the screen of letters",
        "Screen accordion test",
    );
    vttest.step(
        "\r",
        "test 8: after insert/delete line",
        "Top line: A's, bottom line:",
    );
    vttest.step("\r", "test 8: insert mode", "Test of 'Insert Mode'");
    vttest.assert_same("test 8, insert mode (top line A***…***B)");
}

#[test]
#[ignore = "bug: cco's emulator (vt100 0.18) ignores DECAWM off (CSI ? 7 l) and keeps wrapping"]
fn vttest_wrap_around_mode_matches_tmux() {
    let Some(mut vttest) = Vttest::start_unless_missing("vttest_wrap_around_mode_matches_tmux")
    else {
        return;
    };
    vttest.step(
        "2\r",
        "test 2: wrap around",
        "Test of WRAP AROUND mode setting",
    );
    vttest.assert_same("test 2, three lines of * (DECAWM)");
}

#[test]
#[ignore = "bug: cco's emulator (vt100 0.18) ignores HTS (ESC H) and TBC (CSI g): tab stops stay every 8 columns"]
fn vttest_tab_stops_match_tmux() {
    let Some(mut vttest) = Vttest::start_unless_missing("vttest_tab_stops_match_tmux") else {
        return;
    };
    vttest.step(
        "2\r",
        "test 2: wrap around",
        "Test of WRAP AROUND mode setting",
    );
    vttest.step("\r", "test 2: tab stops", "Test of TAB setting/resetting");
    vttest.assert_same("test 2, tab setting/resetting");
}

#[test]
fn vttest_column_modes_and_scrolling_regions_match_tmux() {
    let Some(mut vttest) =
        Vttest::start_unless_missing("vttest_column_modes_and_scrolling_regions_match_tmux")
    else {
        return;
    };
    // The wrap-around and tab screens differ (see the ignored tests above); walk past them.
    vttest.step(
        "2\r",
        "test 2: wrap around",
        "Test of WRAP AROUND mode setting",
    );
    vttest.step("\r", "test 2: tab stops", "Test of TAB setting/resetting");
    let screens = [
        (
            "132-column mode, light background",
            "column mode, light background",
        ),
        (
            "80-column mode, light background",
            "80 column mode, light background",
        ),
        (
            "132-column mode, dark background",
            "column mode, dark background",
        ),
        (
            "80-column mode, dark background",
            "80 column mode, dark background",
        ),
        ("soft scroll in a two-line region", HOLD),
        (
            "soft scroll down in the full screen",
            "Soft scroll down region [1..24]",
        ),
        ("jump scroll in a two-line region", HOLD),
        (
            "jump scroll down in the full screen",
            "Jump scroll down region [1..24]",
        ),
    ];
    for (what, marker) in screens {
        vttest.step("\r", what, marker);
        vttest.assert_same(&format!("test 2, {what}"));
    }
}

#[test]
fn vttest_output_is_drawn_without_a_forced_redraw() {
    if skip_without_tools("vttest_output_is_drawn_without_a_forced_redraw") {
        return;
    }
    // vttest writes its menu in more than one piece right after start; about one start in
    // fifteen leaves the menu in the pane's emulator but not on the screen.
    for attempt in 1..=40 {
        let mut cco = Cco::start(Options {
            rows: ROWS + 3,
            cols: COLS + 2,
            args: vec!["--".into(), "vttest".into()],
            ..Options::default()
        });
        cco.wait_text("1:vttest*");
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline && !cco.screen_text().contains("Enter choice number") {
            std::thread::sleep(Duration::from_millis(20));
        }
        if cco.screen_text().contains("Enter choice number") {
            continue;
        }
        cco.keys("C-Space Esc");
        cco.wait_text("Enter choice number");
        panic!("start {attempt}: vttest's menu was drawn only after an unrelated redraw");
    }
}
