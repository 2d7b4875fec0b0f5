//! Key bindings: the embedded `keymaps/*.toml`, user patches over them, and lookup of a key in
//! the prefix or scroll layer. Key notation and key → PTY bytes live in the submodules.

pub mod encode;
pub mod notation;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::action::{Action, Layer};
use crate::config::{line_of, parse_or_report, read_user_file, user_file};
pub use notation::KeyChord;

pub const EMBEDDED: &[(&str, &str)] = &[("default", include_str!("../keymaps/default.toml"))];

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    prefix: Option<String>,
    #[serde(default)]
    prefix_layer: BTreeMap<String, String>,
    #[serde(default)]
    scroll_layer: BTreeMap<String, String>,
}

impl KeymapFile {
    fn patch(&mut self, over: KeymapFile) {
        if over.prefix.is_some() {
            self.prefix = over.prefix;
        }
        self.prefix_layer.extend(over.prefix_layer);
        self.scroll_layer.extend(over.scroll_layer);
    }
}

#[derive(Clone, Debug)]
pub struct Keymap {
    pub name: String,
    pub prefix: KeyChord,
    prefix_layer: HashMap<KeyChord, Action>,
    scroll_layer: HashMap<KeyChord, Action>,
}

impl Keymap {
    /// The named keymap, patched by the user's file of that name. A bad user file is reported
    /// (file, line, value) and ignored as a whole.
    pub fn load(config_dir: &Path, name: &str, problems: &mut Vec<String>) -> Keymap {
        let Some(mut file) = embedded_file(name).or_else(|| {
            problems.push(format!("no keymap `{name}`; using the default keymap"));
            embedded_file("default")
        }) else {
            return Keymap::fallback();
        };
        let path = user_file(config_dir, "keymaps", name);
        if let Some(text) = read_user_file(&path, problems) {
            if let Some(user) = parse_or_report::<KeymapFile>(&path, &text, problems) {
                let mut patched = file.clone();
                patched.patch(user);
                match build(name, &patched) {
                    Ok(keymap) => return keymap,
                    Err(Invalid { what, text: bad }) => problems.push(format!(
                        "{}:{}: {what}; using the default keymap",
                        path.display(),
                        line_of(&text, &bad).unwrap_or(1)
                    )),
                }
                file = embedded_file(name).unwrap_or_default();
            }
        }
        build(name, &file).unwrap_or_else(|_| Keymap::fallback())
    }

    fn fallback() -> Keymap {
        Keymap {
            name: "default".into(),
            prefix: KeyChord::new(
                crossterm::event::KeyCode::Char(' '),
                crossterm::event::KeyModifiers::CONTROL,
            ),
            prefix_layer: HashMap::new(),
            scroll_layer: HashMap::new(),
        }
    }

    pub fn lookup(&self, layer: Layer, chord: &KeyChord) -> Option<Action> {
        match layer {
            Layer::Prefix if *chord == self.prefix => Some(Action::SendPrefix),
            Layer::Prefix => self.prefix_layer.get(chord).copied(),
            Layer::Scroll => self.scroll_layer.get(chord).copied(),
        }
    }

    /// Every binding of a layer, grouped by action in the order actions are declared.
    pub fn bindings(&self, layer: Layer) -> Vec<(Action, Vec<KeyChord>)> {
        let table = match layer {
            Layer::Prefix => &self.prefix_layer,
            Layer::Scroll => &self.scroll_layer,
        };
        Action::ALL
            .iter()
            .filter(|action| action.layer() == layer)
            .map(|action| {
                let mut keys: Vec<KeyChord> = table
                    .iter()
                    .filter(|(_, bound)| *bound == action)
                    .map(|(key, _)| *key)
                    .collect();
                keys.sort_by_key(|key| (key.to_string().chars().count(), key.to_string()));
                (*action, keys)
            })
            .collect()
    }
}

fn embedded_file(name: &str) -> Option<KeymapFile> {
    let (_, text) = EMBEDDED.iter().find(|(n, _)| *n == name)?;
    toml::from_str(text).ok()
}

struct Invalid {
    what: String,
    text: String,
}

fn build(name: &str, file: &KeymapFile) -> Result<Keymap, Invalid> {
    let prefix_text = file.prefix.clone().unwrap_or_else(|| "C-Space".into());
    let prefix = parse_key(&prefix_text)?;
    Ok(Keymap {
        name: name.to_string(),
        prefix,
        prefix_layer: build_layer(&file.prefix_layer, Layer::Prefix)?,
        scroll_layer: build_layer(&file.scroll_layer, Layer::Scroll)?,
    })
}

fn parse_key(text: &str) -> Result<KeyChord, Invalid> {
    text.parse().map_err(|error| Invalid {
        what: format!("key `{text}`: {error}"),
        text: text.to_string(),
    })
}

fn build_layer(
    entries: &BTreeMap<String, String>,
    layer: Layer,
) -> Result<HashMap<KeyChord, Action>, Invalid> {
    let mut table = HashMap::new();
    for (key, action_name) in entries {
        let chord = parse_key(key)?;
        if action_name == "none" {
            table.remove(&chord);
            continue;
        }
        let action = Action::from_name(action_name)
            .filter(|action| action.layer() == layer)
            .ok_or_else(|| Invalid {
                what: format!("`{action_name}` is not an action of this layer (see `?` in cco)"),
                text: action_name.clone(),
            })?;
        table.insert(chord, action);
    }
    Ok(table)
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
