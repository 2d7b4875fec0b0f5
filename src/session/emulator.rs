//! The emulated screen of one pane: the vt100 parser, replies to the terminal queries vt100
//! ignores, and the hold that keeps a synchronized-output frame from being drawn half-done.

use std::num::NonZeroU16;
use std::time::{Duration, Instant};

use super::history::History;
use super::stream::{
    find, incomplete_tail_len, translate_unsupported, CLEAR_HISTORY, SYNC_BEGIN, SYNC_END,
};

/// A frame that stays open longer than this is drawn anyway, as other terminals do.
pub const SYNC_TIMEOUT: Duration = Duration::from_millis(150);
/// A frame larger than this is drawn in pieces rather than buffered without bound.
const SYNC_MAX_BYTES: usize = 8 << 20;
const VERSION_REPLY: &str = concat!("\x1bP>|cco ", env!("CARGO_PKG_VERSION"), "\x1b\\");

/// Side effects of parsing that the pane must act on.
#[derive(Debug, Default)]
pub struct Responder {
    replies: Vec<u8>,
    history: History,
    title: Option<String>,
    bell: bool,
    sync_mode: bool,
    default_fg: (u8, u8, u8),
    default_bg: (u8, u8, u8),
}

impl Responder {
    fn reply(&mut self, bytes: impl AsRef<[u8]>) {
        self.replies.extend_from_slice(bytes.as_ref());
    }

    fn mode_state(&self, screen: &vt100::Screen, mode: u16) -> u8 {
        use vt100::MouseProtocolMode as Mouse;
        let flag = |on: bool| if on { 1 } else { 2 };
        match mode {
            1 => flag(screen.application_cursor()),
            25 => flag(!screen.hide_cursor()),
            47 | 1047 | 1049 => flag(screen.alternate_screen()),
            1000 => flag(screen.mouse_protocol_mode() == Mouse::PressRelease),
            1002 => flag(screen.mouse_protocol_mode() == Mouse::ButtonMotion),
            1003 => flag(screen.mouse_protocol_mode() == Mouse::AnyMotion),
            1006 => flag(screen.mouse_protocol_encoding() == vt100::MouseProtocolEncoding::Sgr),
            2004 => flag(screen.bracketed_paste()),
            2026 => flag(self.sync_mode),
            _ => 0,
        }
    }
}

fn first_param(params: &[&[u16]]) -> u16 {
    params.first().and_then(|p| p.first()).copied().unwrap_or(0)
}

fn osc_color(rgb: (u8, u8, u8)) -> String {
    let (r, g, b) = rgb;
    format!("rgb:{r:02x}{r:02x}/{g:02x}{g:02x}/{b:02x}{b:02x}")
}

impl vt100::Callbacks for Responder {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bell = true;
    }

    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        let text: String = String::from_utf8_lossy(title)
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        self.title = Some(text);
    }

    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let param = first_param(params);
        match (i1, i2, c) {
            (None, None, 'c') if param == 0 => self.reply("\x1b[?62;22c"),
            (Some(b'>'), None, 'c') if param == 0 => self.reply("\x1b[>1;10;0c"),
            (None, None, 'n') if param == 5 => self.reply("\x1b[0n"),
            (None, None, 'n') if param == 6 => {
                let (row, col) = screen.cursor_position();
                self.reply(format!("\x1b[{};{}R", row + 1, col + 1));
            }
            (Some(b'?'), None, 'n') if param == 6 => {
                let (row, col) = screen.cursor_position();
                self.reply(format!("\x1b[?{};{}R", row + 1, col + 1));
            }
            (Some(b'>'), None, 'q') if param == 0 => self.reply(VERSION_REPLY),
            (Some(b'?'), Some(b'$'), 'p') => {
                let state = self.mode_state(screen, param);
                self.reply(format!("\x1b[?{param};{state}$y"));
            }
            (None, Some(b'$'), 'p') => self.reply(format!("\x1b[{param};0$y")),
            (Some(b'?'), None, 'h') if param == 2026 => self.sync_mode = true,
            (Some(b'?'), None, 'l') if param == 2026 => self.sync_mode = false,
            (None, None, 't') if param == 18 => {
                let (rows, cols) = screen.size();
                let (rows, cols) = (rows.get(), cols.get());
                self.reply(format!("\x1b[8;{rows};{cols}t"));
            }
            _ => {}
        }
    }

    fn on_scroll(&mut self, row: vt100::capture::RowContents<'_>, alternate_screen: bool) {
        // Like other terminals, only the main screen's lines are kept.
        if alternate_screen {
            return;
        }
        let mut line = String::new();
        let mut state = vt100::capture::BasicFormattedCaptureState::new();
        if row.write_formatted_basic(&mut line, &mut state).is_ok() {
            self.history.push(line);
        }
    }

    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        match params {
            [b"10", b"?"] => {
                let reply = format!("\x1b]10;{}\x1b\\", osc_color(self.default_fg));
                self.reply(reply);
            }
            [b"11", b"?"] => {
                let reply = format!("\x1b]11;{}\x1b\\", osc_color(self.default_bg));
                self.reply(reply);
            }
            _ => {}
        }
    }
}

/// What the pane learned from a batch of output.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FeedOutcome {
    /// Bytes to write back to the child (answers to its queries).
    pub replies: Vec<u8>,
    /// Whether the visible screen may have changed.
    pub changed: bool,
}

pub struct Emulator {
    parser: vt100::Parser<Responder>,
    held: Vec<u8>,
    held_since: Option<Instant>,
    carry: Vec<u8>,
}

fn non_zero(value: u16) -> NonZeroU16 {
    NonZeroU16::new(value).unwrap_or(NonZeroU16::MIN)
}

/// vt100 cannot widen a character (emoji presentation) in a one-column screen, so a screen is
/// never narrower than two columns.
const MIN_COLUMNS: u16 = 2;

impl Emulator {
    /// A screen of `rows` × `cols` keeping up to `scrollback` lines of history.
    pub fn new(rows: u16, cols: u16, scrollback: usize) -> Self {
        let responder = Responder {
            history: History::new(scrollback),
            default_fg: (0xd0, 0xd0, 0xd0),
            default_bg: (0x1c, 0x1c, 0x1c),
            ..Responder::default()
        };
        Self {
            parser: vt100::Parser::new_with_callbacks(
                non_zero(rows),
                non_zero(cols.max(MIN_COLUMNS)),
                // History is kept by the responder, compactly; vt100 hands it each line.
                0,
                responder,
            ),
            held: Vec::new(),
            held_since: None,
            carry: Vec::new(),
        }
    }

    /// Sets the colours reported to OSC 10/11 queries (programs pick light or dark themes by them).
    pub fn set_default_colors(&mut self, fg: (u8, u8, u8), bg: (u8, u8, u8)) {
        let responder = self.parser.callbacks_mut();
        responder.default_fg = fg;
        responder.default_bg = bg;
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    pub fn history(&self) -> &History {
        &self.parser.callbacks().history
    }

    /// Rows and columns of the screen.
    pub fn size(&self) -> (u16, u16) {
        let (rows, cols) = self.parser.screen().size();
        (rows.get(), cols.get())
    }

    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.parser
            .set_size(non_zero(rows), non_zero(cols.max(MIN_COLUMNS)));
    }

    /// Feeds child output. Bytes inside an open synchronized frame are held back until the
    /// frame closes, so the screen never shows half a frame.
    pub fn feed(&mut self, bytes: &[u8], now: Instant) -> FeedOutcome {
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(bytes);
        let mut changed = false;
        let mut rest: &[u8] = &data;
        loop {
            if self.held_since.is_some() {
                if let Some(at) = find(rest, SYNC_END) {
                    let end = at + SYNC_END.len();
                    self.held.extend_from_slice(&rest[..end]);
                    rest = &rest[end..];
                    changed |= self.release_held();
                    continue;
                }
                let keep = incomplete_tail_len(rest);
                self.held.extend_from_slice(&rest[..rest.len() - keep]);
                self.carry = rest[rest.len() - keep..].to_vec();
                if self.held.len() > SYNC_MAX_BYTES {
                    changed |= self.release_held();
                }
                break;
            }
            if let Some(at) = find(rest, SYNC_BEGIN) {
                changed |= self.apply(&rest[..at]);
                self.held.extend_from_slice(SYNC_BEGIN);
                self.held_since = Some(now);
                rest = &rest[at + SYNC_BEGIN.len()..];
                continue;
            }
            let keep = incomplete_tail_len(rest);
            changed |= self.apply(&rest[..rest.len() - keep]);
            self.carry = rest[rest.len() - keep..].to_vec();
            break;
        }
        FeedOutcome {
            replies: self.take_replies(),
            changed,
        }
    }

    /// When a synchronized frame has been open for too long, draw what it has so far.
    pub fn release_if_stale(&mut self, now: Instant) -> FeedOutcome {
        let stale = self
            .held_since
            .is_some_and(|since| now.duration_since(since) >= SYNC_TIMEOUT);
        let changed = stale && self.release_held();
        FeedOutcome {
            replies: self.take_replies(),
            changed,
        }
    }

    /// When the open synchronized frame (if any) must be released at the latest.
    pub fn hold_deadline(&self) -> Option<Instant> {
        self.held_since.map(|since| since + SYNC_TIMEOUT)
    }

    fn release_held(&mut self) -> bool {
        self.held_since = None;
        let held = std::mem::take(&mut self.held);
        self.apply(&held)
    }

    fn apply(&mut self, bytes: &[u8]) -> bool {
        if bytes.is_empty() {
            return false;
        }
        let mut rest = bytes;
        while let Some(at) = find(rest, CLEAR_HISTORY) {
            let end = at + CLEAR_HISTORY.len();
            self.process(&rest[..end]);
            self.parser.callbacks_mut().history.clear();
            rest = &rest[end..];
        }
        self.process(rest);
        true
    }

    /// Runs bytes through the parser; a panic inside it resets the screen, keeping history.
    fn process(&mut self, bytes: &[u8]) {
        let (rows, cols) = self.size();
        let bytes = translate_unsupported(bytes, rows, cols);
        let parser = &mut self.parser;
        let outcome = crate::terminal::contain_panic(|| parser.process(&bytes));
        if outcome.is_none() {
            // A panic inside the emulator leaves its state unknown: start this pane's screen
            // afresh rather than lose the pane or the whole app.
            tracing::error!(
                rows,
                cols,
                "the terminal emulator failed; the pane's screen was reset"
            );
            let (fg, bg) = {
                let responder = self.parser.callbacks();
                (responder.default_fg, responder.default_bg)
            };
            let history = std::mem::take(&mut self.parser.callbacks_mut().history);
            *self = Emulator::new(rows, cols, 0);
            self.parser.callbacks_mut().history = history;
            self.set_default_colors(fg, bg);
        }
    }

    fn take_replies(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.parser.callbacks_mut().replies)
    }

    /// The window title the child last set (OSC 0/2), if it changed since the last call.
    pub fn take_title(&mut self) -> Option<String> {
        self.parser.callbacks_mut().title.take()
    }

    /// Whether the child rang the bell since the last call.
    pub fn take_bell(&mut self) -> bool {
        std::mem::take(&mut self.parser.callbacks_mut().bell)
    }

    pub fn is_holding_frame(&self) -> bool {
        self.held_since.is_some()
    }
}

#[cfg(test)]
#[path = "emulator_tests.rs"]
mod tests;
