//! Credentials: values in the OS keyring (or an opt-in encrypted file vault), never in the
//! clear; their metadata, audit trail, rate limit and rotation in `cco.db`; and handing them to
//! a command with its output masked.

mod backend;
mod exec;
mod guard;
mod ledger;
mod mask;
mod rotation;
mod service;
pub mod settings;
mod vault;
pub mod worker;

use serde::{Deserialize, Serialize};

pub use backend::Backend;
pub use exec::{env_var_for, run_masked, ExecSecret};
pub use guard::{harden_process, read_value, vault_passphrase, ValueSource};
pub use ledger::{AuditRow, Meta};
pub use mask::Masker;
pub use rotation::{RotationState, RotationStatus};
pub use secrecy::{ExposeSecret, SecretString};
pub use service::{Caller, Credentials, NewCredential, PassphraseSource};
pub use settings::{CredentialSettings, StoreChoice};

/// What a credential is; it sets the default rotation period.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    ApiKey,
    Token,
    Password,
    Oauth,
    SshKey,
    Certificate,
    Database,
    Generic,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::ApiKey,
        Kind::Token,
        Kind::Password,
        Kind::Oauth,
        Kind::SshKey,
        Kind::Certificate,
        Kind::Database,
        Kind::Generic,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ApiKey => "api-key",
            Kind::Token => "token",
            Kind::Password => "password",
            Kind::Oauth => "oauth",
            Kind::SshKey => "ssh-key",
            Kind::Certificate => "certificate",
            Kind::Database => "database",
            Kind::Generic => "generic",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// Short-lived bearer tokens rotate monthly, keys and passwords quarterly, key pairs and
    /// certificates yearly.
    pub fn default_rotation_days(self) -> u32 {
        match self {
            Kind::Token | Kind::Oauth => 30,
            Kind::ApiKey | Kind::Password | Kind::Database => 90,
            Kind::Generic => 180,
            Kind::SshKey | Kind::Certificate => 365,
        }
    }
}

/// Every audited operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Store,
    Retrieve,
    Reveal,
    Exec,
    Delete,
    Rotate,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Store => "store",
            Operation::Retrieve => "retrieve",
            Operation::Reveal => "reveal",
            Operation::Exec => "exec",
            Operation::Delete => "delete",
            Operation::Rotate => "rotate",
        }
    }

    /// Reads of a value count against the rate limit.
    pub fn is_read(self) -> bool {
        matches!(
            self,
            Operation::Retrieve | Operation::Reveal | Operation::Exec
        )
    }
}

/// A credential's name: what the keyring entry and the metadata row are keyed by.
pub fn check_name(name: &str) -> Result<(), String> {
    let valid_start = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let valid_rest = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if valid_start && valid_rest && name.len() <= 128 {
        Ok(())
    } else {
        Err(format!(
            "{name:?} is not a credential name: use letters, digits, '.', '_' and '-' (up to \
             128, starting with a letter or digit)"
        ))
    }
}
