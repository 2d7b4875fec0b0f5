//! Key chords and their tmux-like text notation (`C-a`, `M-S-Left`, `F5`, `C--`).

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key plus its modifiers, normalised so that a chord parsed from text compares
/// equal to the chord built from the event a terminal delivers for the same keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Why a piece of key notation could not be parsed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NotationError {
    #[error("empty key notation")]
    Empty,
    #[error("key notation `{0}` has modifiers but no key")]
    MissingKey(String),
    #[error("unknown modifier `{0}-` (expected C-, M-, A- or S-)")]
    UnknownModifier(String),
    #[error("unknown key `{0}` (expected one character or a name such as Enter, Space, Up, F1)")]
    UnknownKey(String),
}

const KEPT_MODIFIERS: KeyModifiers = KeyModifiers::CONTROL
    .union(KeyModifiers::ALT)
    .union(KeyModifiers::SHIFT);

const HIGHEST_FUNCTION_KEY: u8 = 24;

/// Named keys with their aliases; the first name listed for a code is the one displayed.
const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("Space", KeyCode::Char(' ')),
    ("Enter", KeyCode::Enter),
    ("Return", KeyCode::Enter),
    ("CR", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Escape", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BTab", KeyCode::BackTab),
    ("BSpace", KeyCode::Backspace),
    ("Backspace", KeyCode::Backspace),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PgUp", KeyCode::PageUp),
    ("PPage", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("PgDn", KeyCode::PageDown),
    ("NPage", KeyCode::PageDown),
    ("Insert", KeyCode::Insert),
    ("IC", KeyCode::Insert),
    ("Delete", KeyCode::Delete),
    ("DC", KeyCode::Delete),
];

impl KeyChord {
    /// Builds a chord, normalising the forms in which terminals report the same keys.
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let modifiers = modifiers.intersection(KEPT_MODIFIERS);
        match code {
            KeyCode::BackTab => Self::exact(KeyCode::BackTab, modifiers - KeyModifiers::SHIFT),
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
                Self::exact(KeyCode::BackTab, modifiers - KeyModifiers::SHIFT)
            }
            KeyCode::Null => Self::from_char(' ', modifiers | KeyModifiers::CONTROL),
            KeyCode::Char(character) => Self::from_char(character, modifiers),
            other => Self::exact(other, modifiers),
        }
    }

    /// The normalised chord of a key event, ignoring its kind and lock state.
    pub fn from_event(event: &KeyEvent) -> Self {
        Self::new(event.code, event.modifiers)
    }

    fn exact(code: KeyCode, modifiers: KeyModifiers) -> Self {
        Self { code, modifiers }
    }

    fn from_char(character: char, modifiers: KeyModifiers) -> Self {
        let control = modifiers.contains(KeyModifiers::CONTROL);
        let character = if control {
            control_digit_alias(character)
        } else {
            character
        };
        // Only letters have a case for SHIFT to choose; elsewhere the terminal has
        // already applied it (`?` rather than S-/), and some report it anyway.
        if !character.is_ascii_alphabetic() {
            return Self::exact(KeyCode::Char(character), modifiers - KeyModifiers::SHIFT);
        }
        // Control codes are caseless: crossterm reports Ctrl+a as `a` with CONTROL.
        if control {
            return Self::exact(KeyCode::Char(character.to_ascii_lowercase()), modifiers);
        }
        if modifiers.contains(KeyModifiers::SHIFT) || character.is_ascii_uppercase() {
            return Self::exact(
                KeyCode::Char(character.to_ascii_uppercase()),
                modifiers - KeyModifiers::SHIFT,
            );
        }
        Self::exact(KeyCode::Char(character), modifiers)
    }
}

/// Legacy terminals send one control byte for several keys, and crossterm decodes
/// 0x00 and 0x1c..=0x1f as Ctrl plus a digit; map those back to the usual symbol.
fn control_digit_alias(character: char) -> char {
    match character {
        '2' | '@' => ' ',
        '4' => '\\',
        '5' => ']',
        '6' => '^',
        '7' => '_',
        other => other,
    }
}

fn modifier_flag(prefix: char) -> Option<KeyModifiers> {
    match prefix.to_ascii_uppercase() {
        'C' => Some(KeyModifiers::CONTROL),
        'M' | 'A' => Some(KeyModifiers::ALT),
        'S' => Some(KeyModifiers::SHIFT),
        _ => None,
    }
}

fn parse_key_name(name: &str) -> Option<KeyCode> {
    let mut characters = name.chars();
    if let (Some(character), None) = (characters.next(), characters.next()) {
        return (!character.is_control()).then_some(KeyCode::Char(character));
    }
    NAMED_KEYS
        .iter()
        .find(|(label, _)| label.eq_ignore_ascii_case(name))
        .map(|&(_, code)| code)
        .or_else(|| parse_function_key(name))
}

fn parse_function_key(name: &str) -> Option<KeyCode> {
    let digits = name.strip_prefix(['F', 'f'])?;
    if digits.starts_with('0') || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let number: u8 = digits.parse().ok()?;
    (1..=HIGHEST_FUNCTION_KEY)
        .contains(&number)
        .then_some(KeyCode::F(number))
}

impl FromStr for KeyChord {
    type Err = NotationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.is_empty() {
            return Err(NotationError::Empty);
        }
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let mut characters = rest.chars();
            let (Some(prefix), Some('-')) = (characters.next(), characters.next()) else {
                break;
            };
            let flag = modifier_flag(prefix)
                .ok_or_else(|| NotationError::UnknownModifier(prefix.to_string()))?;
            modifiers |= flag;
            rest = characters.as_str();
            if rest.is_empty() {
                return Err(NotationError::MissingKey(text.to_owned()));
            }
        }
        let code =
            parse_key_name(rest).ok_or_else(|| NotationError::UnknownKey(rest.to_owned()))?;
        Ok(Self::new(code, modifiers))
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (flag, prefix) in [
            (KeyModifiers::CONTROL, "C-"),
            (KeyModifiers::ALT, "M-"),
            (KeyModifiers::SHIFT, "S-"),
        ] {
            if self.modifiers.contains(flag) {
                formatter.write_str(prefix)?;
            }
        }
        let label = NAMED_KEYS
            .iter()
            .find(|(_, code)| *code == self.code)
            .map(|(label, _)| *label);
        match (self.code, label) {
            (KeyCode::BackTab, _) => formatter.write_str("S-Tab"),
            (_, Some(label)) => formatter.write_str(label),
            (KeyCode::Char(character), None) if character.is_control() => {
                write!(formatter, "{}", character.escape_default())
            }
            (KeyCode::Char(character), None) => write!(formatter, "{character}"),
            (KeyCode::F(number), None) => write!(formatter, "F{number}"),
            (other, None) => write!(formatter, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventKind, KeyEventState};

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

    fn chord(code: KeyCode, modifiers: KeyModifiers) -> KeyChord {
        KeyChord { code, modifiers }
    }

    #[test]
    fn parses_notation() {
        use KeyCode::*;
        let cases: &[(&str, KeyCode, KeyModifiers)] = &[
            ("a", Char('a'), NONE),
            ("A", Char('A'), NONE),
            ("S-a", Char('A'), NONE),
            ("S-A", Char('A'), NONE),
            ("C-a", Char('a'), CTRL),
            ("C-A", Char('a'), CTRL),
            ("c-a", Char('a'), CTRL),
            ("C-S-a", Char('a'), CTRL.union(SHIFT)),
            ("M-x", Char('x'), ALT),
            ("A-x", Char('x'), ALT),
            ("m-x", Char('x'), ALT),
            ("M-S-x", Char('X'), ALT),
            ("M-C-x", Char('x'), CTRL.union(ALT)),
            ("C-M-x", Char('x'), CTRL.union(ALT)),
            ("-", Char('-'), NONE),
            ("C--", Char('-'), CTRL),
            ("M--", Char('-'), ALT),
            ("%", Char('%'), NONE),
            ("\"", Char('"'), NONE),
            ("?", Char('?'), NONE),
            ("S-?", Char('?'), NONE),
            ("\\", Char('\\'), NONE),
            ("C-\\", Char('\\'), CTRL),
            ("]", Char(']'), NONE),
            ("C-]", Char(']'), CTRL),
            ("[", Char('['), NONE),
            ("é", Char('é'), NONE),
            ("Space", Char(' '), NONE),
            ("space", Char(' '), NONE),
            ("C-Space", Char(' '), CTRL),
            ("C-@", Char(' '), CTRL),
            ("C-2", Char(' '), CTRL),
            ("C-4", Char('\\'), CTRL),
            ("C-5", Char(']'), CTRL),
            ("Enter", Enter, NONE),
            ("Return", Enter, NONE),
            ("CR", Enter, NONE),
            ("M-Enter", Enter, ALT),
            ("Esc", Esc, NONE),
            ("Escape", Esc, NONE),
            ("ESCAPE", Esc, NONE),
            ("Tab", Tab, NONE),
            ("BTab", BackTab, NONE),
            ("S-Tab", BackTab, NONE),
            ("S-BTab", BackTab, NONE),
            ("M-S-Tab", BackTab, ALT),
            ("BSpace", Backspace, NONE),
            ("Backspace", Backspace, NONE),
            ("Up", Up, NONE),
            ("Down", Down, NONE),
            ("Left", Left, NONE),
            ("Right", Right, NONE),
            ("C-S-Left", Left, CTRL.union(SHIFT)),
            ("S-C-Left", Left, CTRL.union(SHIFT)),
            ("Home", Home, NONE),
            ("End", End, NONE),
            ("PageUp", PageUp, NONE),
            ("PgUp", PageUp, NONE),
            ("PPage", PageUp, NONE),
            ("PageDown", PageDown, NONE),
            ("PgDn", PageDown, NONE),
            ("NPage", PageDown, NONE),
            ("Insert", Insert, NONE),
            ("IC", Insert, NONE),
            ("Delete", Delete, NONE),
            ("DC", Delete, NONE),
            ("F1", F(1), NONE),
            ("f12", F(12), NONE),
            ("F24", F(24), NONE),
            ("S-F5", F(5), SHIFT),
        ];
        for &(text, code, modifiers) in cases {
            assert_eq!(
                text.parse::<KeyChord>(),
                Ok(chord(code, modifiers)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn rejects_bad_notation() {
        let cases: &[(&str, NotationError)] = &[
            ("", NotationError::Empty),
            ("C-", NotationError::MissingKey("C-".into())),
            ("C-M-", NotationError::MissingKey("C-M-".into())),
            ("X-a", NotationError::UnknownModifier("X".into())),
            ("C-X-a", NotationError::UnknownModifier("X".into())),
            ("--", NotationError::UnknownModifier("-".into())),
            ("Foo", NotationError::UnknownKey("Foo".into())),
            ("C-Foo", NotationError::UnknownKey("Foo".into())),
            ("F25", NotationError::UnknownKey("F25".into())),
            ("F0", NotationError::UnknownKey("F0".into())),
            ("F01", NotationError::UnknownKey("F01".into())),
            ("F+1", NotationError::UnknownKey("F+1".into())),
            ("\u{7}", NotationError::UnknownKey("\u{7}".into())),
        ];
        for (text, expected) in cases {
            assert_eq!(text.parse::<KeyChord>().as_ref(), Err(expected), "{text:?}");
        }
    }

    #[test]
    fn error_messages_name_the_bad_text() {
        let message = |text: &str| match text.parse::<KeyChord>() {
            Err(error) => error.to_string(),
            Ok(chord) => panic!("{text:?} parsed as {chord:?}"),
        };
        assert!(message("X-a").contains("`X-`"));
        assert!(message("Foo").contains("`Foo`"));
        assert!(message("C-").contains("`C-`"));
    }

    #[test]
    fn displays_canonical_notation() {
        use KeyCode::*;
        let cases: &[(KeyCode, KeyModifiers, &str)] = &[
            (Char('a'), CTRL, "C-a"),
            (Char('x'), CTRL.union(ALT), "C-M-x"),
            (Char('A'), SHIFT, "A"),
            (Char('a'), CTRL.union(SHIFT), "C-S-a"),
            (Char(' '), CTRL, "C-Space"),
            (Char('-'), CTRL, "C--"),
            (Left, CTRL.union(SHIFT), "C-S-Left"),
            (BackTab, SHIFT, "S-Tab"),
            (Tab, SHIFT, "S-Tab"),
            (BackTab, ALT, "M-S-Tab"),
            (Enter, NONE, "Enter"),
            (Esc, ALT, "M-Esc"),
            (Backspace, NONE, "BSpace"),
            (PageUp, NONE, "PageUp"),
            (Insert, NONE, "Insert"),
            (F(7), NONE, "F7"),
        ];
        for &(code, modifiers, expected) in cases {
            assert_eq!(KeyChord::new(code, modifiers).to_string(), expected);
        }
    }

    #[test]
    fn display_round_trips_through_from_str() {
        use KeyCode::*;
        let mut codes = vec![
            Char('a'),
            Char('Z'),
            Char('-'),
            Char(' '),
            Char('%'),
            Char('"'),
            Char('?'),
            Char('\\'),
            Char(']'),
            Char('['),
            Char('C'),
            Char('M'),
            Char('S'),
            Char('é'),
            Enter,
            Esc,
            Tab,
            BackTab,
            Backspace,
            Up,
            Down,
            Left,
            Right,
            Home,
            End,
            PageUp,
            PageDown,
            Insert,
            Delete,
        ];
        codes.extend((1..=HIGHEST_FUNCTION_KEY).map(F));
        let modifier_sets = [
            NONE,
            CTRL,
            ALT,
            SHIFT,
            CTRL.union(ALT),
            CTRL.union(SHIFT),
            ALT.union(SHIFT),
            KEPT_MODIFIERS,
        ];
        for code in codes {
            for modifiers in modifier_sets {
                let original = KeyChord::new(code, modifiers);
                let text = original.to_string();
                assert_eq!(text.parse::<KeyChord>(), Ok(original), "{text:?}");
            }
        }
    }

    #[test]
    fn events_normalise_to_their_notation() {
        use KeyCode::*;
        let super_key = KeyModifiers::SUPER;
        let cases: &[(KeyCode, KeyModifiers, &str)] = &[
            (Char('a'), CTRL, "C-a"),
            (Char('A'), CTRL, "C-a"),
            (Char('A'), SHIFT, "A"),
            (Char('A'), NONE, "A"),
            (Char('a'), SHIFT, "S-a"),
            (Char('A'), ALT.union(SHIFT), "M-A"),
            (Char('?'), SHIFT, "?"),
            (Char('%'), SHIFT, "%"),
            (Char('"'), SHIFT, "\""),
            (Char(' '), CTRL, "C-Space"),
            (Char('2'), CTRL, "C-Space"),
            (Char('@'), CTRL, "C-Space"),
            (Null, NONE, "C-Space"),
            (Char('\\'), CTRL, "C-\\"),
            (Char('4'), CTRL, "C-\\"),
            (Char(']'), CTRL, "C-]"),
            (Char('5'), CTRL, "C-]"),
            (Char('6'), CTRL, "C-^"),
            (Char('7'), CTRL, "C-_"),
            (Char('-'), CTRL, "C--"),
            (BackTab, SHIFT, "S-Tab"),
            (BackTab, NONE, "BTab"),
            (Tab, SHIFT, "S-Tab"),
            (Left, CTRL.union(SHIFT), "C-S-Left"),
            (Char('a'), CTRL.union(super_key), "C-a"),
            (Up, KeyModifiers::META.union(KeyModifiers::HYPER), "Up"),
        ];
        for &(code, modifiers, text) in cases {
            let event = KeyEvent {
                code,
                modifiers,
                kind: KeyEventKind::Press,
                state: KeyEventState::CAPS_LOCK,
            };
            let expected: KeyChord = text.parse().unwrap_or_else(|error| panic!("{error}"));
            assert_eq!(
                KeyChord::from_event(&event),
                expected,
                "{code:?} {modifiers:?}"
            );
        }
    }
}
