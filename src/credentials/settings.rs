//! `[credentials]` in `config.toml`: which store holds the values, the rate limit, how long a
//! revealed value stays on screen, and rotation periods by type.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Kind;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct CredentialSettings {
    /// "keyring" (the OS keyring, the default) or "file" (an encrypted vault, for machines
    /// without a keyring; opt-in). `CCO_CREDENTIAL_STORE` overrides it.
    pub store: StoreChoice,
    /// The vault file; `<data dir>/credentials.vault` when unset.
    pub vault: Option<PathBuf>,
    /// Reads of values (retrieve, reveal, exec) allowed per window, across all processes.
    pub max_attempts: u32,
    pub window_seconds: u32,
    /// How long the panel shows a revealed value before hiding it again.
    pub reveal_seconds: u32,
    /// Rotation periods in days by credential type, over the built-in ones.
    pub rotation_days: BTreeMap<Kind, u32>,
    /// How many days before its due date a credential counts as soon due.
    pub warn_days: u32,
}

impl Default for CredentialSettings {
    fn default() -> Self {
        Self {
            store: StoreChoice::Keyring,
            vault: None,
            max_attempts: 10,
            window_seconds: 60,
            reveal_seconds: 10,
            rotation_days: BTreeMap::new(),
            warn_days: 14,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum StoreChoice {
    #[default]
    Keyring,
    File,
}

impl StoreChoice {
    pub fn as_str(self) -> &'static str {
        match self {
            StoreChoice::Keyring => "keyring",
            StoreChoice::File => "file",
        }
    }
}

impl CredentialSettings {
    /// The store in effect: `CCO_CREDENTIAL_STORE` when set, else the config's.
    pub fn store_choice(&self) -> Result<StoreChoice, String> {
        match std::env::var("CCO_CREDENTIAL_STORE").ok().as_deref() {
            None | Some("") => Ok(self.store),
            Some("keyring") => Ok(StoreChoice::Keyring),
            Some("file") => Ok(StoreChoice::File),
            Some(other) => Err(format!(
                "CCO_CREDENTIAL_STORE={other:?} is not a store: use \"keyring\" or \"file\""
            )),
        }
    }

    pub fn vault_path(&self, data_dir: &Path) -> PathBuf {
        self.vault
            .clone()
            .unwrap_or_else(|| data_dir.join("credentials.vault"))
    }

    /// The rotation period a new credential of this type gets.
    pub fn rotation_days_for(&self, kind: Kind) -> u32 {
        self.rotation_days
            .get(&kind)
            .copied()
            .unwrap_or_else(|| kind.default_rotation_days())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_periods_by_type_patch_the_defaults() {
        let settings: crate::config::Settings = toml::from_str(
            "[credentials]\nstore = \"file\"\nmax_attempts = 3\n\n[credentials.rotation_days]\ntoken = 7\n",
        )
        .expect("parses");
        let credentials = settings.credentials;
        assert_eq!(credentials.store, StoreChoice::File);
        assert_eq!(credentials.max_attempts, 3);
        assert_eq!(credentials.window_seconds, 60);
        assert_eq!(credentials.rotation_days_for(Kind::Token), 7);
        assert_eq!(credentials.rotation_days_for(Kind::SshKey), 365);
        let bad = toml::from_str::<crate::config::Settings>("[credentials]\nstore = \"disk\"\n");
        assert!(bad.is_err());
    }
}
