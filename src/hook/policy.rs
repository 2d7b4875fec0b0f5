//! Approval policies from `config.toml` (`[approvals]`): auto-approving READ commands, how a
//! new request is announced, and per-pane overrides.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Allow Bash commands the classifier calls READ without asking (on by default).
    pub auto_approve_read: bool,
    /// How a new request is announced: "bell", "desktop" (a terminal notification, OSC 777
    /// and OSC 9) or "none".
    pub notify: Notify,
    /// Overrides by pane name (the name a pane has when it starts: the program, or the agent).
    pub panes: BTreeMap<String, PaneOverride>,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            auto_approve_read: true,
            notify: Notify::Bell,
            panes: BTreeMap::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Notify {
    #[default]
    Bell,
    Desktop,
    None,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct PaneOverride {
    pub auto_approve_read: Option<bool>,
}

impl Policy {
    /// Whether a pane with this name gets READ commands approved at once.
    pub fn auto_approve_read_for(&self, pane_name: &str) -> bool {
        self.panes
            .get(pane_name)
            .and_then(|o| o.auto_approve_read)
            .unwrap_or(self.auto_approve_read)
    }

    /// The bytes that announce a new request on the user's terminal.
    pub fn announcement(&self, text: &str) -> Vec<u8> {
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        match self.notify {
            Notify::Bell => b"\x07".to_vec(),
            // OSC 777 (urxvt, foot, WezTerm, VTE) and OSC 9 (iTerm2, kitty, Windows Terminal);
            // terminals ignore the one they do not know.
            Notify::Desktop => {
                format!("\x1b]777;notify;cco;{text}\x1b\\\x1b]9;cco: {text}\x1b\\").into_bytes()
            }
            Notify::None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pane_overrides_win_over_the_default() {
        let policy: Policy = toml::from_str(
            "auto_approve_read = true\nnotify = \"desktop\"\n\
             [panes.prod]\nauto_approve_read = false\n",
        )
        .expect("parses");
        assert!(policy.auto_approve_read_for("claude"));
        assert!(!policy.auto_approve_read_for("prod"));
        let text = String::from_utf8(policy.announcement("pane 2:\x07 rm")).expect("utf8");
        assert!(text.contains("]777;notify;cco;pane 2: rm"), "{text:?}");
        assert_eq!(Policy::default().announcement("x"), b"\x07");
        assert!(toml::from_str::<Policy>("notify = \"loud\"").is_err());
    }
}
