//! The knowledge base's domain types: an item, its kind and source, and what storing one did.

use serde::{Deserialize, Serialize};

/// What an item records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Anything worth remembering.
    Note,
    /// Something true about the project.
    Fact,
    /// A choice made, and why.
    Decision,
    /// Files a session changed.
    Edit,
    /// What a session finished.
    Completion,
    /// A session's state, saved before compaction.
    Checkpoint,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Note,
        Kind::Fact,
        Kind::Decision,
        Kind::Edit,
        Kind::Completion,
        Kind::Checkpoint,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Note => "note",
            Kind::Fact => "fact",
            Kind::Decision => "decision",
            Kind::Edit => "edit",
            Kind::Completion => "completion",
            Kind::Checkpoint => "checkpoint",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// Who stored an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Cli,
    Hook,
    Mcp,
    Tui,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Cli => "cli",
            Source::Hook => "hook",
            Source::Mcp => "mcp",
            Source::Tui => "tui",
        }
    }

    pub fn parse(text: &str) -> Option<Source> {
        [Source::Cli, Source::Hook, Source::Mcp, Source::Tui]
            .into_iter()
            .find(|source| source.as_str() == text)
    }
}

/// A stored item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: i64,
    pub project: String,
    #[serde(rename = "type")]
    pub kind: Kind,
    pub text: String,
    pub source: Source,
    pub session_id: Option<String>,
    pub created_ms: i64,
    pub superseded_by: Option<i64>,
}

/// An item to store.
#[derive(Clone, Debug, PartialEq)]
pub struct NewItem {
    pub project: String,
    pub kind: Kind,
    pub text: String,
    pub source: Source,
    pub session_id: Option<String>,
    /// An older item this one corrects: it is kept, marked superseded and ranked out.
    pub supersedes: Option<i64>,
}

/// What storing an item did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Stored {
    /// A new item with this id.
    New { id: i64 },
    /// The same text is already stored for this project.
    Duplicate { id: i64 },
    /// Text with nearly the same meaning is already stored for this project.
    NearDuplicate { id: i64, similarity: f32 },
}

impl Stored {
    pub fn id(&self) -> i64 {
        match self {
            Stored::New { id } | Stored::Duplicate { id } | Stored::NearDuplicate { id, .. } => *id,
        }
    }
}

/// Which items a listing or search considers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub project: Option<String>,
    pub kind: Option<Kind>,
    /// Superseded items are left out unless asked for.
    pub include_superseded: bool,
}

/// The hash exact duplicates are found by: the text with its whitespace runs made single.
pub fn content_hash(text: &str) -> String {
    use sha2::{Digest as _, Sha256};
    let normal = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let digest = Sha256::digest(normal.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// How long ago, the way a listing says it: `42s`, `5m`, `3h`, `12d`.
pub fn age(now_ms: i64, then_ms: i64) -> String {
    crate::text::span_text(now_ms - then_ms)
}
