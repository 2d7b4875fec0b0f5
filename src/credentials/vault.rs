//! The opt-in file vault for machines without a keyring: one file, AES-256-GCM under a key
//! derived from a passphrase with Argon2id, mode 0600, replaced atomically, locked while it
//! changes. Plaintext exists only in zeroizing buffers, never in a file.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

use aes_gcm::aead::{Aead as _, KeyInit as _, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use anyhow::{bail, Context as _, Result};
use secrecy::{ExposeSecret as _, SecretString};
use zeroize::Zeroizing;

const MAGIC: &[u8; 8] = b"CCOVAULT";
const VERSION: u8 = 1;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;
const HEADER_LEN: usize = MAGIC.len() + 1 + 12 + SALT_LEN + NONCE_LEN;
/// Argon2id cost: 19 MiB, two passes, one lane (OWASP's minimum recommendation).
const DEFAULT_COST: KdfCost = KdfCost {
    memory_kib: 19_456,
    passes: 2,
    lanes: 1,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct KdfCost {
    memory_kib: u32,
    passes: u32,
    lanes: u32,
}

/// The vault file and the passphrase that opens it.
pub struct FileVault {
    path: PathBuf,
    passphrase: SecretString,
}

/// The decrypted entries, in zeroizing buffers.
struct Opened {
    key: Zeroizing<[u8; 32]>,
    cost: KdfCost,
    salt: [u8; SALT_LEN],
    entries: Vec<(String, Zeroizing<Vec<u8>>)>,
}

impl FileVault {
    pub fn new(path: PathBuf, passphrase: SecretString) -> Self {
        Self { path, passphrase }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn get(&self, name: &str) -> Result<Option<SecretString>> {
        let opened = self.open()?;
        let Some((_, value)) = opened.entries.iter().find(|(n, _)| n == name) else {
            return Ok(None);
        };
        let text = std::str::from_utf8(value).context("the stored value is not UTF-8")?;
        Ok(Some(SecretString::from(text)))
    }

    pub fn put(&self, name: &str, value: &SecretString) -> Result<()> {
        let _lock = self.lock()?;
        let mut opened = self.open()?;
        let bytes = Zeroizing::new(value.expose_secret().as_bytes().to_vec());
        match opened.entries.iter_mut().find(|(n, _)| n == name) {
            Some((_, old)) => *old = bytes,
            None => opened.entries.push((name.to_string(), bytes)),
        }
        self.save(&opened)
    }

    /// Whether there was a value to delete.
    pub fn delete(&self, name: &str) -> Result<bool> {
        let _lock = self.lock()?;
        let mut opened = self.open()?;
        let before = opened.entries.len();
        opened.entries.retain(|(n, _)| n != name);
        if opened.entries.len() == before {
            return Ok(false);
        }
        self.save(&opened)?;
        Ok(true)
    }

    /// Decrypts the file, or starts an empty vault when there is none yet.
    fn open(&self) -> Result<Opened> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let mut salt = [0; SALT_LEN];
                getrandom::fill(&mut salt).context("no randomness for the vault's salt")?;
                let key = derive_key(&self.passphrase, &salt, DEFAULT_COST)?;
                return Ok(Opened {
                    key,
                    cost: DEFAULT_COST,
                    salt,
                    entries: Vec::new(),
                });
            }
            Err(error) => {
                return Err(error)
                    .with_context(|| format!("reading the vault {}", self.path.display()))
            }
        };
        let damaged = |why: &str| {
            anyhow::anyhow!(
                "the vault {} is damaged ({why}); it was left as it is: restore it from a backup, \
                 or move it aside to start a new one",
                self.path.display()
            )
        };
        if bytes.len() < HEADER_LEN + 16 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(damaged("not a cco vault, or cut short"));
        }
        if bytes[MAGIC.len()] != VERSION {
            return Err(damaged("written by a newer cco"));
        }
        let word = |at: usize| {
            u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        let cost = KdfCost {
            memory_kib: word(9),
            passes: word(13),
            lanes: word(17),
        };
        let mut salt = [0; SALT_LEN];
        salt.copy_from_slice(&bytes[21..21 + SALT_LEN]);
        let nonce = &bytes[21 + SALT_LEN..HEADER_LEN];
        let key =
            derive_key(&self.passphrase, &salt, cost).map_err(|_| damaged("bad key parameters"))?;
        let cipher = Aes256Gcm::new_from_slice(key.as_slice()).context("the vault's key")?;
        let plain = cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: &bytes[HEADER_LEN..],
                    aad: &bytes[..HEADER_LEN],
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| {
                anyhow::anyhow!(
                    "the passphrase does not open the vault {} (or the file was altered); \
                     nothing was changed",
                    self.path.display()
                )
            })?;
        let entries = decode_entries(&plain).ok_or_else(|| damaged("its contents do not parse"))?;
        Ok(Opened {
            key,
            cost,
            salt,
            entries,
        })
    }

    fn save(&self, opened: &Opened) -> Result<()> {
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.push(VERSION);
        for word in [
            opened.cost.memory_kib,
            opened.cost.passes,
            opened.cost.lanes,
        ] {
            header.extend_from_slice(&word.to_le_bytes());
        }
        header.extend_from_slice(&opened.salt);
        let mut nonce = [0; NONCE_LEN];
        getrandom::fill(&mut nonce).context("no randomness for the vault's nonce")?;
        header.extend_from_slice(&nonce);
        let plain = encode_entries(&opened.entries);
        let cipher = Aes256Gcm::new_from_slice(opened.key.as_slice()).context("the vault's key")?;
        let sealed = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_slice(),
                    aad: &header,
                },
            )
            .map_err(|_| anyhow::anyhow!("encrypting the vault failed"))?;
        header.extend_from_slice(&sealed);
        write_atomically(&self.path, &header)
    }

    /// Held while the vault is read, changed and written, so two processes never lose each
    /// other's changes.
    fn lock(&self) -> Result<File> {
        let lock_path = self.path.with_extension("lock");
        if let Some(parent) = lock_path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&lock_path)
            .with_context(|| format!("opening {}", lock_path.display()))?;
        // SAFETY: flock on a descriptor this function owns; released when the file closes.
        if unsafe { libc::flock(std::os::fd::AsRawFd::as_raw_fd(&file), libc::LOCK_EX) } != 0 {
            bail!(
                "locking {}: {}",
                lock_path.display(),
                std::io::Error::last_os_error()
            );
        }
        Ok(file)
    }
}

fn derive_key(
    passphrase: &SecretString,
    salt: &[u8],
    cost: KdfCost,
) -> Result<Zeroizing<[u8; 32]>> {
    let params = argon2::Params::new(cost.memory_kib, cost.passes, cost.lanes, Some(32))
        .map_err(|error| anyhow::anyhow!("key parameters: {error}"))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(
            passphrase.expose_secret().as_bytes(),
            salt,
            key.as_mut_slice(),
        )
        .map_err(|error| anyhow::anyhow!("deriving the vault's key: {error}"))?;
    Ok(key)
}

fn encode_entries(entries: &[(String, Zeroizing<Vec<u8>>)]) -> Zeroizing<Vec<u8>> {
    let size: usize = entries.iter().map(|(n, v)| 8 + n.len() + v.len()).sum();
    let mut out = Zeroizing::new(Vec::with_capacity(size));
    for (name, value) in entries {
        for part in [name.as_bytes(), value.as_slice()] {
            out.extend_from_slice(&(part.len() as u32).to_le_bytes());
            out.extend_from_slice(part);
        }
    }
    out
}

fn decode_entries(mut plain: &[u8]) -> Option<Vec<(String, Zeroizing<Vec<u8>>)>> {
    fn part<'a>(rest: &mut &'a [u8]) -> Option<&'a [u8]> {
        let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let bytes = rest.get(4..4 + len)?;
        *rest = &rest[4 + len..];
        Some(bytes)
    }
    let mut entries = Vec::new();
    while !plain.is_empty() {
        let name = String::from_utf8(part(&mut plain)?.to_vec()).ok()?;
        let value = Zeroizing::new(part(&mut plain)?.to_vec());
        entries.push((name, value));
    }
    Some(entries)
}

/// Writes ciphertext to a 0600 file beside the target, syncs it and renames it over.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        File::open(parent)?.sync_all()
    };
    write().map_err(|error| {
        let _ = std::fs::remove_file(&temporary);
        anyhow::anyhow!("writing the vault {}: {error}", path.display())
    })
}

#[cfg(test)]
#[path = "vault_tests.rs"]
mod tests;
