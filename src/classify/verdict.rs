//! The classifier's answer: a label ordered by risk, a short human reason, and whether the
//! command talks to the network.

use std::fmt;

/// What a command does, ordered by risk: a compound command takes its riskiest part.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    /// Only reads state and prints.
    Read,
    /// Makes new files, directories or resources.
    Create,
    /// Changes existing state, or does something whose effects are unknown.
    Update,
    /// Removes things.
    Delete,
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Label::Read => "READ",
            Label::Create => "CREATE",
            Label::Update => "UPDATE",
            Label::Delete => "DELETE",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub label: Label,
    pub reason: String,
    /// Talks to the network (for a READ: only fetches and prints).
    pub net: bool,
    /// The rules do not know the program (the only case a local model may be asked about).
    pub unknown_program: bool,
}

impl Verdict {
    pub fn new(label: Label, reason: impl Into<String>) -> Self {
        Self {
            label,
            reason: reason.into(),
            net: false,
            unknown_program: false,
        }
    }

    /// A program the rules do not know: its effects are unknown, so not READ.
    pub fn unknown_program(program: &str) -> Self {
        Self {
            unknown_program: true,
            ..Self::update(format!(
                "{program} is not a known program; its effects are unknown"
            ))
        }
    }

    pub fn read(reason: impl Into<String>) -> Self {
        Self::new(Label::Read, reason)
    }

    pub fn create(reason: impl Into<String>) -> Self {
        Self::new(Label::Create, reason)
    }

    pub fn update(reason: impl Into<String>) -> Self {
        Self::new(Label::Update, reason)
    }

    pub fn delete(reason: impl Into<String>) -> Self {
        Self::new(Label::Delete, reason)
    }

    /// Marks the command as one that talks to the network.
    pub fn net(mut self) -> Self {
        self.net = true;
        self
    }

    pub fn is_read(&self) -> bool {
        self.label == Label::Read
    }

    /// The riskier of two verdicts (the first on a tie); network use of either carries over.
    pub fn max(self, other: Verdict) -> Verdict {
        let net = self.net || other.net;
        let mut winner = if other.label > self.label {
            other
        } else {
            self
        };
        winner.net = net;
        winner.unknown_program = false;
        winner
    }

    /// The riskiest of many; READ "nothing to run" for none.
    pub fn max_of(verdicts: impl IntoIterator<Item = Verdict>) -> Verdict {
        verdicts
            .into_iter()
            .reduce(Verdict::max)
            .unwrap_or_else(|| Verdict::read("nothing to run"))
    }

    /// Raises the label to at least `floor`, keeping this reason if it already is.
    pub fn at_least(self, floor: Verdict) -> Verdict {
        floor.max(self)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.label, self.reason)
    }
}
