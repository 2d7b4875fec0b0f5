//! The bytes a key press, paste or mouse event sends to the program running in a pane's PTY.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use vt100::{MouseProtocolEncoding, MouseProtocolMode};

const ESC: u8 = 0x1b;
const PASTE_START: &str = "\x1b[200~";
const PASTE_END: &str = "\x1b[201~";

/// The X10 encoding carries a coordinate in one byte offset by 32.
const MAX_DEFAULT_COORDINATE: u32 = 223;
/// The UTF-8 encoding carries a coordinate in a character of at most two bytes.
const MAX_UTF8_COORDINATE: u32 = 2015;

/// The input-related terminal modes the program in a pane has switched on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InputModes {
    pub application_cursor: bool,
    /// Recorded for completeness: crossterm does not tell keypad keys apart, so
    /// there is nothing for this mode to change yet.
    pub application_keypad: bool,
    pub bracketed_paste: bool,
    pub mouse_mode: MouseProtocolMode,
    pub mouse_encoding: MouseProtocolEncoding,
}

impl InputModes {
    pub fn from_screen(screen: &vt100::Screen) -> Self {
        Self {
            application_cursor: screen.application_cursor(),
            application_keypad: screen.application_keypad(),
            bracketed_paste: screen.bracketed_paste(),
            mouse_mode: screen.mouse_protocol_mode(),
            mouse_encoding: screen.mouse_protocol_encoding(),
        }
    }
}

/// Encodes a key as xterm would send it; `None` for releases and keys with no encoding.
pub fn encode_key(key: &KeyEvent, modes: &InputModes) -> Option<Vec<u8>> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let modifiers = key.modifiers;
    let alt = modifiers.contains(KeyModifiers::ALT);
    let control = modifiers.contains(KeyModifiers::CONTROL);
    let shift = modifiers.contains(KeyModifiers::SHIFT);
    let bytes = match key.code {
        KeyCode::Char(character) => with_alt_prefix(alt, encode_char(character, modifiers)),
        KeyCode::Null => with_alt_prefix(alt, vec![0x00]),
        KeyCode::Enter => with_alt_prefix(alt, vec![b'\r']),
        KeyCode::Tab if shift => with_alt_prefix(alt, b"\x1b[Z".to_vec()),
        KeyCode::Tab => with_alt_prefix(alt, vec![b'\t']),
        KeyCode::BackTab => with_alt_prefix(alt, b"\x1b[Z".to_vec()),
        KeyCode::Backspace if control => with_alt_prefix(alt, vec![0x08]),
        KeyCode::Backspace => with_alt_prefix(alt, vec![0x7f]),
        KeyCode::Esc => with_alt_prefix(alt, vec![ESC]),
        KeyCode::Up => cursor_key(b'A', modifiers, modes),
        KeyCode::Down => cursor_key(b'B', modifiers, modes),
        KeyCode::Right => cursor_key(b'C', modifiers, modes),
        KeyCode::Left => cursor_key(b'D', modifiers, modes),
        KeyCode::Home => cursor_key(b'H', modifiers, modes),
        KeyCode::End => cursor_key(b'F', modifiers, modes),
        KeyCode::Insert => tilde_key(2, modifiers),
        KeyCode::Delete => tilde_key(3, modifiers),
        KeyCode::PageUp => tilde_key(5, modifiers),
        KeyCode::PageDown => tilde_key(6, modifiers),
        KeyCode::F(number @ 1..=4) => low_function_key(b'P' + number - 1, modifiers),
        KeyCode::F(number) => tilde_key(high_function_key_number(number)?, modifiers),
        _ => return None,
    };
    Some(bytes)
}

fn with_alt_prefix(alt: bool, bytes: Vec<u8>) -> Vec<u8> {
    if alt {
        [vec![ESC], bytes].concat()
    } else {
        bytes
    }
}

fn encode_char(character: char, modifiers: KeyModifiers) -> Vec<u8> {
    if modifiers.contains(KeyModifiers::CONTROL) {
        if let Some(byte) = control_byte(character) {
            return vec![byte];
        }
    }
    let character = if modifiers.contains(KeyModifiers::SHIFT) {
        character.to_ascii_uppercase()
    } else {
        character
    };
    character.to_string().into_bytes()
}

/// The C0 byte xterm sends for Ctrl plus this character, if there is one.
fn control_byte(character: char) -> Option<u8> {
    let byte = match character {
        'a'..='z' | 'A'..='Z' => character.to_ascii_lowercase() as u8 - b'a' + 1,
        ' ' | '@' | '2' => 0x00,
        '[' | '3' => 0x1b,
        '\\' | '4' => 0x1c,
        ']' | '5' => 0x1d,
        '^' | '6' => 0x1e,
        '_' | '-' | '/' | '7' => 0x1f,
        '?' | '8' => 0x7f,
        _ => return None,
    };
    Some(byte)
}

/// Shift 1, alt 2, ctrl 4: the bits both xterm's key parameter and mouse codes build on.
fn modifier_bits(modifiers: KeyModifiers) -> u8 {
    [
        (KeyModifiers::SHIFT, 1),
        (KeyModifiers::ALT, 2),
        (KeyModifiers::CONTROL, 4),
    ]
    .into_iter()
    .filter(|&(flag, _)| modifiers.contains(flag))
    .map(|(_, bit)| bit)
    .sum()
}

/// xterm's `CSI 1 ; m` modifier parameter, `None` when the key is unmodified.
fn modifier_parameter(modifiers: KeyModifiers) -> Option<u8> {
    let bits = modifier_bits(modifiers);
    (bits > 0).then_some(1 + bits)
}

fn cursor_key(final_byte: u8, modifiers: KeyModifiers, modes: &InputModes) -> Vec<u8> {
    match modifier_parameter(modifiers) {
        Some(parameter) => csi_with_parameters(&format!("1;{parameter}"), final_byte),
        None if modes.application_cursor => vec![ESC, b'O', final_byte],
        None => vec![ESC, b'[', final_byte],
    }
}

fn low_function_key(final_byte: u8, modifiers: KeyModifiers) -> Vec<u8> {
    match modifier_parameter(modifiers) {
        Some(parameter) => csi_with_parameters(&format!("1;{parameter}"), final_byte),
        None => vec![ESC, b'O', final_byte],
    }
}

fn tilde_key(number: u8, modifiers: KeyModifiers) -> Vec<u8> {
    match modifier_parameter(modifiers) {
        Some(parameter) => csi_with_parameters(&format!("{number};{parameter}"), b'~'),
        None => csi_with_parameters(&number.to_string(), b'~'),
    }
}

/// The `CSI n ~` numbers of F5..F12, which skip 16 and 22 for historical reasons.
fn high_function_key_number(function_key: u8) -> Option<u8> {
    match function_key {
        5 => Some(15),
        6..=10 => Some(function_key + 11),
        11 | 12 => Some(function_key + 12),
        _ => None,
    }
}

fn csi_with_parameters(parameters: &str, final_byte: u8) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(parameters.len() + 3);
    bytes.extend([ESC, b'[']);
    bytes.extend(parameters.bytes());
    bytes.push(final_byte);
    bytes
}

/// Encodes pasted text, wrapped in bracketed-paste markers when the program asked for them.
pub fn encode_paste(text: &str, modes: &InputModes) -> Vec<u8> {
    if !modes.bracketed_paste {
        return text.replace("\r\n", "\r").replace('\n', "\r").into_bytes();
    }
    let body = strip_paste_markers(text);
    let mut bytes = Vec::with_capacity(PASTE_START.len() + body.len() + PASTE_END.len());
    bytes.extend(PASTE_START.bytes());
    bytes.extend(body.bytes());
    bytes.extend(PASTE_END.bytes());
    bytes
}

/// Removing one marker can join its neighbours into another, so repeat until none is left.
fn strip_paste_markers(text: &str) -> String {
    let mut body = text.to_owned();
    while body.contains(PASTE_START) || body.contains(PASTE_END) {
        body = body.replace(PASTE_START, "").replace(PASTE_END, "");
    }
    body
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MouseAction {
    Press,
    Release,
    Drag,
    Move,
}

const NO_BUTTON: u8 = 3;
const MOTION_FLAG: u8 = 32;

fn classify_mouse(kind: MouseEventKind) -> (MouseAction, u8) {
    match kind {
        MouseEventKind::Down(button) => (MouseAction::Press, button_number(button)),
        MouseEventKind::Up(button) => (MouseAction::Release, button_number(button)),
        MouseEventKind::Drag(button) => (MouseAction::Drag, button_number(button)),
        MouseEventKind::Moved => (MouseAction::Move, NO_BUTTON),
        MouseEventKind::ScrollUp => (MouseAction::Press, 64),
        MouseEventKind::ScrollDown => (MouseAction::Press, 65),
        MouseEventKind::ScrollLeft => (MouseAction::Press, 66),
        MouseEventKind::ScrollRight => (MouseAction::Press, 67),
    }
}

fn button_number(button: MouseButton) -> u8 {
    match button {
        MouseButton::Left => 0,
        MouseButton::Middle => 1,
        MouseButton::Right => 2,
    }
}

fn mode_reports(mode: MouseProtocolMode, action: MouseAction) -> bool {
    use MouseProtocolMode::{AnyMotion, ButtonMotion, PressRelease};
    match action {
        MouseAction::Press => mode != MouseProtocolMode::None,
        MouseAction::Release => matches!(mode, PressRelease | ButtonMotion | AnyMotion),
        MouseAction::Drag => matches!(mode, ButtonMotion | AnyMotion),
        MouseAction::Move => mode == AnyMotion,
    }
}

/// Encodes a mouse event at a 0-based pane-relative cell, if the program's mouse mode
/// reports it and its encoding can represent the position.
pub fn encode_mouse(
    kind: MouseEventKind,
    modifiers: KeyModifiers,
    column: u16,
    row: u16,
    modes: &InputModes,
) -> Option<Vec<u8>> {
    let (action, button) = classify_mouse(kind);
    if !mode_reports(modes.mouse_mode, action) {
        return None;
    }
    let sgr = modes.mouse_encoding == MouseProtocolEncoding::Sgr;
    // Only SGR can say which button was released; the older encodings send "no button".
    let button = if action == MouseAction::Release && !sgr {
        NO_BUTTON
    } else {
        button
    };
    let motion = match action {
        MouseAction::Drag | MouseAction::Move => MOTION_FLAG,
        MouseAction::Press | MouseAction::Release => 0,
    };
    let code = button + motion + (modifier_bits(modifiers) << 2);
    let column = u32::from(column) + 1;
    let row = u32::from(row) + 1;
    match modes.mouse_encoding {
        MouseProtocolEncoding::Sgr => {
            let final_char = if action == MouseAction::Release {
                'm'
            } else {
                'M'
            };
            Some(format!("\x1b[<{code};{column};{row}{final_char}").into_bytes())
        }
        MouseProtocolEncoding::Default => {
            if column > MAX_DEFAULT_COORDINATE || row > MAX_DEFAULT_COORDINATE {
                return None;
            }
            let offset = |value: u32| u8::try_from(32 + value).ok();
            Some(vec![
                ESC,
                b'[',
                b'M',
                32 + code,
                offset(column)?,
                offset(row)?,
            ])
        }
        MouseProtocolEncoding::Utf8 => {
            if column > MAX_UTF8_COORDINATE || row > MAX_UTF8_COORDINATE {
                return None;
            }
            let mut encoded = String::from("\x1b[M");
            for value in [u32::from(code), column, row] {
                encoded.push(char::from_u32(32 + value)?);
            }
            Some(encoded.into_bytes())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

    fn normal() -> InputModes {
        InputModes::default()
    }

    fn application_cursor() -> InputModes {
        InputModes {
            application_cursor: true,
            ..InputModes::default()
        }
    }

    fn bracketed() -> InputModes {
        InputModes {
            bracketed_paste: true,
            ..InputModes::default()
        }
    }

    fn mouse(mode: MouseProtocolMode, encoding: MouseProtocolEncoding) -> InputModes {
        InputModes {
            mouse_mode: mode,
            mouse_encoding: encoding,
            ..InputModes::default()
        }
    }

    #[test]
    fn encodes_keys() {
        use KeyCode::*;
        let cases: &[(KeyCode, KeyModifiers, InputModes, &[u8])] = &[
            (Char('a'), NONE, normal(), b"a"),
            (Char('A'), SHIFT, normal(), b"A"),
            (Char('a'), SHIFT, normal(), b"A"),
            (Char('é'), NONE, normal(), "é".as_bytes()),
            (Char('€'), ALT, normal(), "\x1b€".as_bytes()),
            (Char('a'), CTRL, normal(), b"\x01"),
            (Char('A'), CTRL, normal(), b"\x01"),
            (Char('z'), CTRL, normal(), b"\x1a"),
            (Char(' '), CTRL, normal(), b"\x00"),
            (Char('@'), CTRL, normal(), b"\x00"),
            (Char('2'), CTRL, normal(), b"\x00"),
            (Null, NONE, normal(), b"\x00"),
            (Char('['), CTRL, normal(), b"\x1b"),
            (Char('\\'), CTRL, normal(), b"\x1c"),
            (Char('4'), CTRL, normal(), b"\x1c"),
            (Char(']'), CTRL, normal(), b"\x1d"),
            (Char('5'), CTRL, normal(), b"\x1d"),
            (Char('^'), CTRL, normal(), b"\x1e"),
            (Char('6'), CTRL, normal(), b"\x1e"),
            (Char('_'), CTRL, normal(), b"\x1f"),
            (Char('-'), CTRL, normal(), b"\x1f"),
            (Char('7'), CTRL, normal(), b"\x1f"),
            (Char('?'), CTRL, normal(), b"\x7f"),
            (Char('8'), CTRL, normal(), b"\x7f"),
            (Char('1'), CTRL, normal(), b"1"),
            (Char('x'), ALT, normal(), b"\x1bx"),
            (Char('a'), CTRL.union(ALT), normal(), b"\x1b\x01"),
            (Enter, NONE, normal(), b"\r"),
            (Enter, ALT, normal(), b"\x1b\r"),
            (Tab, NONE, normal(), b"\t"),
            (Tab, SHIFT, normal(), b"\x1b[Z"),
            (BackTab, SHIFT, normal(), b"\x1b[Z"),
            (Backspace, NONE, normal(), b"\x7f"),
            (Backspace, ALT, normal(), b"\x1b\x7f"),
            (Backspace, CTRL, normal(), b"\x08"),
            (Esc, NONE, normal(), b"\x1b"),
            (Esc, ALT, normal(), b"\x1b\x1b"),
            (Up, NONE, normal(), b"\x1b[A"),
            (Down, NONE, normal(), b"\x1b[B"),
            (Right, NONE, normal(), b"\x1b[C"),
            (Left, NONE, normal(), b"\x1b[D"),
            (Up, NONE, application_cursor(), b"\x1bOA"),
            (Down, NONE, application_cursor(), b"\x1bOB"),
            (Right, NONE, application_cursor(), b"\x1bOC"),
            (Left, NONE, application_cursor(), b"\x1bOD"),
            (Up, SHIFT, normal(), b"\x1b[1;2A"),
            (Down, ALT, normal(), b"\x1b[1;3B"),
            (Right, CTRL, application_cursor(), b"\x1b[1;5C"),
            (Left, CTRL.union(SHIFT), normal(), b"\x1b[1;6D"),
            (Left, CTRL.union(ALT).union(SHIFT), normal(), b"\x1b[1;8D"),
            (Up, KeyModifiers::SUPER, normal(), b"\x1b[A"),
            (Home, NONE, normal(), b"\x1b[H"),
            (End, NONE, normal(), b"\x1b[F"),
            (Home, NONE, application_cursor(), b"\x1bOH"),
            (End, NONE, application_cursor(), b"\x1bOF"),
            (Home, CTRL, normal(), b"\x1b[1;5H"),
            (End, SHIFT, application_cursor(), b"\x1b[1;2F"),
            (Insert, NONE, normal(), b"\x1b[2~"),
            (Delete, NONE, normal(), b"\x1b[3~"),
            (PageUp, NONE, normal(), b"\x1b[5~"),
            (PageDown, NONE, normal(), b"\x1b[6~"),
            (PageUp, CTRL, normal(), b"\x1b[5;5~"),
            (Delete, SHIFT, normal(), b"\x1b[3;2~"),
            (F(1), NONE, normal(), b"\x1bOP"),
            (F(2), NONE, normal(), b"\x1bOQ"),
            (F(3), NONE, normal(), b"\x1bOR"),
            (F(4), NONE, normal(), b"\x1bOS"),
            (F(1), SHIFT, normal(), b"\x1b[1;2P"),
            (F(4), CTRL, normal(), b"\x1b[1;5S"),
            (F(5), NONE, normal(), b"\x1b[15~"),
            (F(6), NONE, normal(), b"\x1b[17~"),
            (F(7), NONE, normal(), b"\x1b[18~"),
            (F(8), NONE, normal(), b"\x1b[19~"),
            (F(9), NONE, normal(), b"\x1b[20~"),
            (F(10), NONE, normal(), b"\x1b[21~"),
            (F(11), NONE, normal(), b"\x1b[23~"),
            (F(12), NONE, normal(), b"\x1b[24~"),
            (F(5), SHIFT, normal(), b"\x1b[15;2~"),
            (F(12), ALT, normal(), b"\x1b[24;3~"),
        ];
        for &(code, modifiers, modes, expected) in cases {
            let key = KeyEvent::new(code, modifiers);
            assert_eq!(
                encode_key(&key, &modes).as_deref(),
                Some(expected),
                "{code:?} {modifiers:?} {modes:?}"
            );
        }
    }

    #[test]
    fn keys_without_encoding_send_nothing() {
        use KeyCode::*;
        for code in [F(0), F(13), F(24), CapsLock, Menu, KeypadBegin, PrintScreen] {
            assert_eq!(
                encode_key(&KeyEvent::new(code, NONE), &normal()),
                None,
                "{code:?}"
            );
        }
    }

    #[test]
    fn key_releases_send_nothing_but_repeats_do() {
        let mut key = KeyEvent::new(KeyCode::Char('a'), NONE);
        key.kind = KeyEventKind::Release;
        assert_eq!(encode_key(&key, &normal()), None);
        key.kind = KeyEventKind::Repeat;
        assert_eq!(encode_key(&key, &normal()), Some(b"a".to_vec()));
    }

    #[test]
    fn encodes_pastes() {
        let cases: &[(&str, InputModes, &str)] = &[
            ("hello", normal(), "hello"),
            ("a\nb\r\nc\rd", normal(), "a\rb\rc\rd"),
            ("hello", bracketed(), "\x1b[200~hello\x1b[201~"),
            ("a\nb", bracketed(), "\x1b[200~a\nb\x1b[201~"),
            (
                "x\x1b[201~rm -rf /",
                bracketed(),
                "\x1b[200~xrm -rf /\x1b[201~",
            ),
            ("\x1b[200~x\x1b[201~", bracketed(), "\x1b[200~x\x1b[201~"),
            ("\x1b[20\x1b[201~1~y", bracketed(), "\x1b[200~y\x1b[201~"),
            ("\x1b[A", bracketed(), "\x1b[200~\x1b[A\x1b[201~"),
            ("", bracketed(), "\x1b[200~\x1b[201~"),
        ];
        for &(text, modes, expected) in cases {
            assert_eq!(
                encode_paste(text, &modes),
                expected.as_bytes(),
                "{text:?} {modes:?}"
            );
        }
    }

    #[test]
    fn mouse_modes_filter_events() {
        use MouseEventKind::*;
        use MouseProtocolMode::*;
        let left = MouseButton::Left;
        let kinds = [Down(left), ScrollUp, Up(left), Drag(left), Moved];
        // Which of `kinds` each mode reports, in order.
        let cases: &[(MouseProtocolMode, [bool; 5])] = &[
            (None, [false, false, false, false, false]),
            (Press, [true, true, false, false, false]),
            (PressRelease, [true, true, true, false, false]),
            (ButtonMotion, [true, true, true, true, false]),
            (AnyMotion, [true, true, true, true, true]),
        ];
        for &(mode, reported) in cases {
            let modes = mouse(mode, MouseProtocolEncoding::Sgr);
            for (kind, expected) in kinds.into_iter().zip(reported) {
                let encoded = encode_mouse(kind, NONE, 0, 0, &modes);
                assert_eq!(encoded.is_some(), expected, "{mode:?} {kind:?}");
            }
        }
    }

    #[test]
    fn encodes_mouse_events() {
        use MouseButton::{Left, Middle, Right};
        use MouseEventKind::*;
        use MouseProtocolEncoding::{Default, Sgr, Utf8};
        let any = MouseProtocolMode::AnyMotion;
        // (event, modifiers, column, row, encoding, expected bytes)
        type Case = (
            MouseEventKind,
            KeyModifiers,
            u16,
            u16,
            MouseProtocolEncoding,
            &'static [u8],
        );
        let cases: &[Case] = &[
            (Down(Left), NONE, 0, 0, Sgr, b"\x1b[<0;1;1M"),
            (Down(Middle), NONE, 4, 9, Sgr, b"\x1b[<1;5;10M"),
            (Down(Right), NONE, 4, 9, Sgr, b"\x1b[<2;5;10M"),
            (Up(Right), NONE, 4, 9, Sgr, b"\x1b[<2;5;10m"),
            (Up(Left), NONE, 4, 9, Sgr, b"\x1b[<0;5;10m"),
            (Drag(Left), NONE, 4, 9, Sgr, b"\x1b[<32;5;10M"),
            (Moved, NONE, 4, 9, Sgr, b"\x1b[<35;5;10M"),
            (ScrollUp, NONE, 4, 9, Sgr, b"\x1b[<64;5;10M"),
            (ScrollDown, NONE, 4, 9, Sgr, b"\x1b[<65;5;10M"),
            (ScrollLeft, NONE, 4, 9, Sgr, b"\x1b[<66;5;10M"),
            (ScrollRight, NONE, 4, 9, Sgr, b"\x1b[<67;5;10M"),
            (Down(Left), SHIFT, 0, 0, Sgr, b"\x1b[<4;1;1M"),
            (Down(Left), ALT, 0, 0, Sgr, b"\x1b[<8;1;1M"),
            (Down(Left), CTRL, 0, 0, Sgr, b"\x1b[<16;1;1M"),
            (Drag(Right), CTRL.union(SHIFT), 0, 0, Sgr, b"\x1b[<54;1;1M"),
            (Down(Left), NONE, 999, 4999, Sgr, b"\x1b[<0;1000;5000M"),
            (Down(Left), NONE, 0, 0, Default, b"\x1b[M\x20\x21\x21"),
            (Down(Right), CTRL, 10, 20, Default, b"\x1b[M\x32\x2b\x35"),
            (Up(Right), NONE, 10, 20, Default, b"\x1b[M\x23\x2b\x35"),
            (Up(Left), SHIFT, 10, 20, Default, b"\x1b[M\x27\x2b\x35"),
            (Drag(Middle), NONE, 10, 20, Default, b"\x1b[M\x41\x2b\x35"),
            (Moved, NONE, 10, 20, Default, b"\x1b[M\x43\x2b\x35"),
            (ScrollDown, NONE, 10, 20, Default, b"\x1b[M\x61\x2b\x35"),
            (Down(Left), NONE, 222, 222, Default, b"\x1b[M\x20\xff\xff"),
            (Down(Left), NONE, 0, 0, Utf8, b"\x1b[M\x20\x21\x21"),
            (Up(Left), NONE, 0, 0, Utf8, b"\x1b[M\x23\x21\x21"),
            (
                Down(Left),
                NONE,
                95,
                0,
                Utf8,
                "\x1b[M\x20\u{80}\x21".as_bytes(),
            ),
            (
                Down(Left),
                NONE,
                300,
                2014,
                Utf8,
                "\x1b[M\x20\u{14d}\u{7ff}".as_bytes(),
            ),
        ];
        for &(kind, modifiers, column, row, encoding, expected) in cases {
            let modes = mouse(any, encoding);
            assert_eq!(
                encode_mouse(kind, modifiers, column, row, &modes).as_deref(),
                Some(expected),
                "{kind:?} {modifiers:?} ({column},{row}) {encoding:?}"
            );
        }
    }

    #[test]
    fn mouse_positions_beyond_the_encoding_send_nothing() {
        use MouseProtocolEncoding::{Default, Utf8};
        let down = MouseEventKind::Down(MouseButton::Left);
        let cases: &[(MouseProtocolEncoding, u16, u16)] = &[
            (Default, 223, 0),
            (Default, 0, 223),
            (Default, u16::MAX, u16::MAX),
            (Utf8, 2015, 0),
            (Utf8, 0, 2015),
        ];
        for &(encoding, column, row) in cases {
            let modes = mouse(MouseProtocolMode::PressRelease, encoding);
            assert_eq!(
                encode_mouse(down, NONE, column, row, &modes),
                None,
                "{encoding:?}"
            );
        }
    }

    #[test]
    fn reads_modes_from_a_screen() {
        let mut parser = vt100::Parser::default();
        assert_eq!(
            InputModes::from_screen(parser.screen()),
            InputModes::default()
        );
        parser.process(b"\x1b[?1h\x1b=\x1b[?2004h\x1b[?1002h\x1b[?1006h");
        let expected = InputModes {
            application_cursor: true,
            application_keypad: true,
            bracketed_paste: true,
            mouse_mode: MouseProtocolMode::ButtonMotion,
            mouse_encoding: MouseProtocolEncoding::Sgr,
        };
        assert_eq!(InputModes::from_screen(parser.screen()), expected);
    }
}
