//! Where values are kept: the OS keyring (service `cco`, one entry per credential) or the
//! file vault; and the canary check that a store really persists what it is given.

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};

use anyhow::{anyhow, bail, Context as _, Result};
use secrecy::{ExposeSecret as _, SecretString};
use zeroize::Zeroizing;

use super::vault::FileVault;

const KEYRING_SERVICE: &str = "cco";
const HOW_TO_FIX: &str = "cco keeps values in the OS keyring (on Linux a Secret Service such as \
GNOME Keyring, KWallet or KeePassXC, started and unlocked). Without one, opt in to the encrypted \
file vault: `[credentials] store = \"file\"` in config.toml, or CCO_CREDENTIAL_STORE=file";
/// The canary reader's exit code when the value it finds is not the one written.
const CANARY_MISSING: i32 = 3;

pub enum Backend {
    Keyring,
    File(FileVault),
}

impl Backend {
    pub fn label(&self) -> &'static str {
        match self {
            Backend::Keyring => "keyring",
            Backend::File(_) => "file",
        }
    }

    pub fn put(&self, name: &str, value: &SecretString) -> Result<()> {
        match self {
            Backend::Keyring => keyring_entry(name)?
                .set_password(value.expose_secret())
                .map_err(keyring_error),
            Backend::File(vault) => vault.put(name, value),
        }
    }

    pub fn get(&self, name: &str) -> Result<Option<SecretString>> {
        match self {
            Backend::Keyring => match keyring_entry(name)?.get_password() {
                Ok(value) => Ok(Some(SecretString::from(value))),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(error) => Err(keyring_error(error)),
            },
            Backend::File(vault) => vault.get(name),
        }
    }

    /// Whether there was a value to delete.
    pub fn delete(&self, name: &str) -> Result<bool> {
        match self {
            Backend::Keyring => match keyring_entry(name)?.delete_credential() {
                Ok(()) => Ok(true),
                Err(keyring::Error::NoEntry) => Ok(false),
                Err(error) => Err(keyring_error(error)),
            },
            Backend::File(vault) => vault.delete(name),
        }
    }

    /// Writes a random canary, has a second cco process read it back, and removes it. A
    /// keyring crate built without a platform store silently keeps values in memory; this is
    /// how such a store (or a keyring that forgets) is caught before a real value is lost.
    pub fn check_persists(&self) -> Result<()> {
        if let Backend::File(_) = self {
            return Ok(());
        }
        let mut random = [0u8; 16];
        getrandom::fill(&mut random).context("no randomness for the canary")?;
        let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
        let name = format!("cco-canary-{}-{}", std::process::id(), &hex[..8]);
        let canary = SecretString::from(hex);
        self.put(&name, &canary)?;
        let verdict = read_back_in_another_process(&name, &canary);
        let removed = self.delete(&name);
        verdict?;
        removed.map(|_| ())
    }
}

fn read_back_in_another_process(name: &str, canary: &SecretString) -> Result<()> {
    let exe = std::env::current_exe().context("finding the cco binary")?;
    let mut child = Command::new(exe)
        .args(["credentials", "doctor", "--read-canary", name])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting a second cco to read the canary")?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(canary.expose_secret().as_bytes())?;
    }
    let output = child.wait_with_output()?;
    match output.status.code() {
        Some(0) => Ok(()),
        Some(CANARY_MISSING) => bail!(
            "the keyring does not keep what is written to it: a second process could not read \
             back the canary (an in-memory store?). {HOW_TO_FIX}"
        ),
        _ => bail!(
            "a second process could not read the keyring: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ),
    }
}

/// The second process's half of the canary check: the expected value arrives on stdin.
/// Returns the exit code.
pub fn check_canary_from_stdin(backend: &Backend, name: &str) -> Result<i32> {
    let mut expected = Zeroizing::new(String::new());
    std::io::stdin().read_to_string(&mut expected)?;
    let found = backend.get(name)?;
    let same = found.is_some_and(|value| value.expose_secret() == expected.as_str());
    Ok(if same { 0 } else { CANARY_MISSING })
}

fn keyring_entry(name: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(KEYRING_SERVICE, name).map_err(keyring_error)
}

/// Keyring errors without their payloads: a bad encoding error carries the value's bytes.
fn keyring_error(error: keyring::Error) -> anyhow::Error {
    match error {
        keyring::Error::NoStorageAccess(cause) => {
            anyhow!("the OS keyring cannot be reached ({cause}). {HOW_TO_FIX}")
        }
        keyring::Error::PlatformFailure(cause) => {
            anyhow!("the OS keyring failed ({cause}). {HOW_TO_FIX}")
        }
        keyring::Error::BadEncoding(_) => anyhow!("the keyring holds a value that is not UTF-8"),
        keyring::Error::TooLong(what, max) => anyhow!("the {what} is longer than {max}"),
        keyring::Error::Invalid(what, why) => anyhow!("invalid {what}: {why}"),
        keyring::Error::Ambiguous(_) => anyhow!("several keyring entries match this name"),
        keyring::Error::NoEntry => anyhow!("no such keyring entry"),
        _ => anyhow!("the OS keyring failed. {HOW_TO_FIX}"),
    }
}
