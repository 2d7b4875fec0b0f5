//! Tests of keymap loading, patching and lookup.

use super::*;
use crossterm::event::{KeyCode, KeyModifiers};

fn chord(text: &str) -> KeyChord {
    text.parse().expect("valid notation")
}

#[test]
fn every_embedded_keymap_parses_and_binds_every_action() {
    for (name, text) in EMBEDDED {
        let file: KeymapFile =
            toml::from_str(text).unwrap_or_else(|e| panic!("keymap {name}: {e}"));
        let keymap = build(name, &file).unwrap_or_else(|e| panic!("keymap {name}: {}", e.what));
        for layer in [Layer::Prefix, Layer::Scroll] {
            for (action, keys) in keymap.bindings(layer) {
                assert!(
                    !keys.is_empty(),
                    "keymap {name}: {} has no key",
                    action.name()
                );
                assert!(!action.description().is_empty());
            }
        }
    }
}

#[test]
fn default_prefix_is_ctrl_space_and_lookups_work() {
    let keymap = Keymap::load(Path::new("/nonexistent"), "default", &mut Vec::new());
    assert_eq!(
        keymap.prefix,
        KeyChord::new(KeyCode::Char(' '), KeyModifiers::CONTROL)
    );
    assert_eq!(
        keymap.lookup(Layer::Prefix, &chord("%")),
        Some(Action::SplitRight)
    );
    assert_eq!(
        keymap.lookup(Layer::Prefix, &chord("C-Space")),
        Some(Action::SendPrefix)
    );
    assert_eq!(
        keymap.lookup(Layer::Scroll, &chord("/")),
        Some(Action::SearchBackward)
    );
    assert_eq!(keymap.lookup(Layer::Scroll, &chord("%")), None);
}

#[test]
fn user_patch_adds_rebinds_and_removes() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("keymaps")).expect("dir");
    let file = dir.path().join("keymaps/default.toml");
    std::fs::write(
        &file,
        "prefix = \"C-q\"\n[prefix_layer]\n\"v\" = \"split_right\"\n\"%\" = \"none\"\n",
    )
    .expect("write");
    let mut problems = Vec::new();
    let keymap = Keymap::load(dir.path(), "default", &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(keymap.prefix, chord("C-q"));
    assert_eq!(
        keymap.lookup(Layer::Prefix, &chord("v")),
        Some(Action::SplitRight)
    );
    assert_eq!(keymap.lookup(Layer::Prefix, &chord("%")), None);
    assert_eq!(
        keymap.lookup(Layer::Prefix, &chord("C-q")),
        Some(Action::SendPrefix)
    );
}

#[test]
fn bad_user_entries_are_reported_with_their_line_and_ignored() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("keymaps")).expect("dir");
    let file = dir.path().join("keymaps/default.toml");
    for (text, needle) in [
        (
            "[prefix_layer]\n\"v\" = \"split_sideways\"\n",
            "default.toml:2: `split_sideways`",
        ),
        (
            "[prefix_layer]\n\"v\" = \"scroll_top\"\n",
            "default.toml:2: `scroll_top`",
        ),
        ("\n\nprefix = \"X-q\"\n", "default.toml:3: key `X-q`"),
        ("[prefix_layer\n", "default.toml:1:"),
    ] {
        std::fs::write(&file, text).expect("write");
        let mut problems = Vec::new();
        let keymap = Keymap::load(dir.path(), "default", &mut problems);
        assert_eq!(problems.len(), 1, "{text}: {problems:?}");
        assert!(problems[0].contains(needle), "{text}: {}", problems[0]);
        assert_eq!(
            keymap.lookup(Layer::Prefix, &chord("%")),
            Some(Action::SplitRight)
        );
        assert_eq!(keymap.lookup(Layer::Prefix, &chord("v")), None);
    }
}
