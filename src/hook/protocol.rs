//! What `cco hook` and the running cco say to each other over the Unix socket: one JSON object
//! per line, answers carrying the id of the request they answer.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::wire::HookInput;
use crate::classify::Label;

/// A message from a hook to cco.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct ToCco {
    pub id: u64,
    pub kind: Kind,
    /// `CCO_PANE` of the Claude Code that ran the hook.
    #[serde(default)]
    pub pane: Option<String>,
    pub event: HookInput,
    /// A decision the hook made by itself (a READ command allowed), for the audit and the feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<Decided>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Waits for the person's answer.
    Ask,
    /// News; nothing comes back.
    Tell,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct Decided {
    pub label: Label,
    pub reason: String,
}

/// cco's answer to an `Ask`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct FromCco {
    pub id: u64,
    pub answer: Answer,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Answer {
    Allow,
    /// Allow, and remember the rules Claude Code suggested so it does not ask again.
    AllowAlways,
    Deny {
        message: String,
    },
    /// No decision from cco: the request was settled elsewhere (the pane's own dialog).
    Abstain,
}

impl Answer {
    /// The word the audit table keeps.
    pub fn name(&self) -> &'static str {
        match self {
            Answer::Allow => "allow",
            Answer::AllowAlways => "allow_always",
            Answer::Deny { .. } => "deny",
            Answer::Abstain => "answered_in_pane",
        }
    }
}

/// The longest path a Unix socket address holds on Linux (`sun_path` less its final NUL).
pub const MAX_SOCKET_PATH: usize = 107;

/// The socket of the cco with this process id, in the per-user runtime dir.
pub fn socket_path(runtime_dir: &Path, pid: u32) -> PathBuf {
    runtime_dir.join(format!("cco-{pid}.sock"))
}

/// Refuses a socket path the kernel would truncate, saying how to get a shorter one.
pub fn check_length(path: &Path) -> Result<(), String> {
    let length = path.as_os_str().len();
    if length > MAX_SOCKET_PATH {
        return Err(format!(
            "the socket path {} is {length} bytes, over the {MAX_SOCKET_PATH} a Unix socket \
             allows: set CCO_RUNTIME_DIR to a shorter folder",
            path.display()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_as_one_line() {
        let message = ToCco {
            id: 7,
            kind: Kind::Ask,
            pane: Some("3".into()),
            event: HookInput {
                hook_event_name: "PermissionRequest".into(),
                ..HookInput::default()
            },
            decided: None,
        };
        let line = serde_json::to_string(&message).expect("serialises");
        assert!(!line.contains('\n'));
        assert_eq!(
            serde_json::from_str::<ToCco>(&line).expect("parses"),
            message
        );
        let answer = FromCco {
            id: 7,
            answer: Answer::Deny {
                message: "not now".into(),
            },
        };
        let line = serde_json::to_string(&answer).expect("serialises");
        assert_eq!(
            line,
            r#"{"id":7,"answer":{"decision":"deny","message":"not now"}}"#
        );
        assert_eq!(
            serde_json::from_str::<FromCco>(&line).expect("parses"),
            answer
        );
    }

    #[test]
    fn long_socket_paths_are_refused_with_a_fix() {
        let short = socket_path(Path::new("/run/user/1000/cco"), 42);
        assert!(check_length(&short).is_ok());
        let long = socket_path(&Path::new("/tmp").join("x".repeat(120)), 42);
        let error = check_length(&long).expect_err("too long");
        assert!(error.contains("CCO_RUNTIME_DIR"), "{error}");
    }
}
