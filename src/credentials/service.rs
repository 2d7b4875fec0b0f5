//! The credential operations as one audited, rate-limited service over cco.db and a store.

use anyhow::{anyhow, bail, Context as _, Result};
use rusqlite::Connection;
use secrecy::SecretString;

use super::backend::Backend;
use super::ledger::{self, AuditRow, Meta};
use super::rotation::RotationStatus;
use super::settings::{CredentialSettings, StoreChoice};
use super::vault::FileVault;
use super::{check_name, Kind, Operation};
use crate::db::now_ms;

/// How often a keyring must prove again that it persists what it is given.
const STORE_CHECK_EVERY_MS: i64 = 86_400_000;

/// Who is asking, for the audit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub pid: u32,
    pub parent: String,
    pub pane: Option<String>,
}

impl Caller {
    /// This process: its parent's command name and the cco pane it runs in, if any.
    pub fn this_process() -> Self {
        // SAFETY: getppid has no preconditions.
        let ppid = unsafe { libc::getppid() };
        let parent = std::fs::read_to_string(format!("/proc/{ppid}/comm"))
            .map(|name| format!("{} ({ppid})", name.trim()))
            .unwrap_or_else(|_| format!("pid {ppid}"));
        let pane = std::env::var("CCO_PANE").ok().filter(|p| !p.is_empty());
        Self {
            pid: std::process::id(),
            parent,
            pane,
        }
    }
}

/// A credential about to be stored.
#[derive(Clone, Debug)]
pub struct NewCredential {
    pub name: String,
    pub kind: Kind,
    pub service: String,
    pub description: String,
    pub rotation_days: Option<u32>,
}

/// Where the file vault's passphrase comes from (a prompt on the CLI, a file in the TUI).
pub type PassphraseSource = fn() -> Result<SecretString>;

pub struct Credentials {
    conn: Connection,
    settings: CredentialSettings,
    vault_path: std::path::PathBuf,
    passphrase: PassphraseSource,
    backend: Option<Backend>,
    caller: Caller,
}

impl Credentials {
    pub fn open(
        data_dir: &std::path::Path,
        settings: CredentialSettings,
        passphrase: PassphraseSource,
        caller: Caller,
    ) -> Result<Self> {
        let conn = crate::db::open(&crate::db::path(data_dir))?;
        let vault_path = settings.vault_path(data_dir);
        Ok(Self {
            conn,
            settings,
            vault_path,
            passphrase,
            backend: None,
            caller,
        })
    }

    pub fn settings(&self) -> &CredentialSettings {
        &self.settings
    }

    pub fn list(&self) -> Result<Vec<Meta>> {
        ledger::all_meta(&self.conn)
    }

    pub fn meta(&self, name: &str) -> Result<Option<Meta>> {
        ledger::meta(&self.conn, name)
    }

    pub fn audit(&self, limit: usize, name: Option<&str>) -> Result<Vec<AuditRow>> {
        ledger::audit_tail(&self.conn, limit, name)
    }

    /// Where a credential stands in its rotation period, with the configured warning window.
    pub fn rotation_of(&self, meta: &Meta, now_ms: i64) -> RotationStatus {
        RotationStatus::of(meta, now_ms, self.settings.warn_days)
    }

    /// Every credential with its rotation status.
    pub fn listing(&self, now_ms: i64) -> Result<Vec<(Meta, RotationStatus)>> {
        Ok(self
            .list()?
            .into_iter()
            .map(|meta| {
                let status = self.rotation_of(&meta, now_ms);
                (meta, status)
            })
            .collect())
    }

    /// The store in effect, opened on first use (the vault asks for its passphrase then).
    fn backend(&mut self) -> Result<&Backend> {
        if self.backend.is_none() {
            let choice = self.settings.store_choice().map_err(|e| anyhow!(e))?;
            let backend = match choice {
                StoreChoice::Keyring => Backend::Keyring,
                StoreChoice::File => Backend::File(FileVault::new(
                    self.vault_path.clone(),
                    (self.passphrase)()?,
                )),
            };
            self.backend = Some(backend);
        }
        self.backend.as_ref().context("no store")
    }

    pub fn store_label(&self) -> String {
        self.settings
            .store_choice()
            .map(|c| c.as_str().to_string())
            .unwrap_or_else(|e| e)
    }

    /// Proves the store keeps what it is given (once a day, or when asked).
    pub fn check_store(&mut self, force: bool) -> Result<()> {
        let label = self.backend()?.label();
        let checked = ledger::store_checked_ms(&self.conn, label)?;
        if !force && checked.is_some_and(|at| now_ms() - at < STORE_CHECK_EVERY_MS) {
            return Ok(());
        }
        self.backend()?.check_persists()?;
        ledger::record_store_check(&self.conn, label, now_ms())
    }

    pub fn store(&mut self, new: &NewCredential, value: &SecretString) -> Result<Meta> {
        check_name(&new.name).map_err(|e| anyhow!(e))?;
        if self.meta(&new.name)?.is_some() {
            bail!(
                "{} already exists: `cco credentials rotate {}` replaces its value",
                new.name,
                new.name
            );
        }
        self.audited(Operation::Store, &new.name, |this| {
            this.check_store(false)?;
            let now = now_ms();
            let meta = Meta {
                name: new.name.clone(),
                kind: new.kind,
                service: new.service.clone(),
                description: new.description.clone(),
                store: this.backend()?.label().to_string(),
                created_ms: now,
                rotated_ms: now,
                rotation_days: new
                    .rotation_days
                    .unwrap_or_else(|| this.settings.rotation_days_for(new.kind)),
                last_used_ms: None,
            };
            this.backend()?.put(&new.name, value)?;
            if let Err(error) = ledger::insert_meta(&this.conn, &meta) {
                let _ = this.backend()?.delete(&new.name);
                return Err(error);
            }
            Ok(meta)
        })
    }

    /// A value, for showing (`reveal`) or for checking it is there (`retrieve`).
    pub fn retrieve(&mut self, name: &str, reveal: bool) -> Result<(Meta, SecretString)> {
        let operation = if reveal {
            Operation::Reveal
        } else {
            Operation::Retrieve
        };
        self.audited(operation, name, |this| this.read_value(name))
    }

    /// Values for `exec`: each read counts against the rate limit and is audited.
    pub fn for_exec(&mut self, names: &[String]) -> Result<Vec<(Meta, SecretString)>> {
        names
            .iter()
            .map(|name| self.audited(Operation::Exec, name, |this| this.read_value(name)))
            .collect()
    }

    fn read_value(&mut self, name: &str) -> Result<(Meta, SecretString)> {
        let meta = self.existing(name)?;
        let value = self.backend()?.get(name)?.ok_or_else(|| {
            anyhow!(
                "{name}'s value is missing from the {} store (removed outside cco?): \
                 `cco credentials rotate {name}` stores a new one",
                meta.store
            )
        })?;
        ledger::mark_used(&self.conn, name, now_ms())?;
        Ok((meta, value))
    }

    pub fn rotate(&mut self, name: &str, value: &SecretString) -> Result<Meta> {
        self.audited(Operation::Rotate, name, |this| {
            let meta = this.existing(name)?;
            this.check_store(false)?;
            this.backend()?.put(name, value)?;
            ledger::mark_rotated(&this.conn, name, now_ms())?;
            this.existing(&meta.name)
        })
    }

    pub fn delete(&mut self, name: &str) -> Result<()> {
        self.audited(Operation::Delete, name, |this| {
            this.existing(name)?;
            this.backend()?.delete(name)?;
            ledger::delete_meta(&this.conn, name)
        })
    }

    /// Records a reveal refused before any value was read (not on a terminal).
    pub fn refuse_reveal(&mut self, name: &str) -> Result<()> {
        self.audited(Operation::Reveal, name, |_| -> Result<()> {
            bail!("refused: not a terminal")
        })
        .or(Ok(()))
    }

    /// The second process's half of the store check (see `Backend::check_persists`).
    pub fn read_canary(&mut self, name: &str) -> Result<i32> {
        super::backend::check_canary_from_stdin(self.backend()?, name)
    }

    fn existing(&self, name: &str) -> Result<Meta> {
        self.meta(name)?.ok_or_else(|| {
            anyhow!("no credential named {name:?}: `cco credentials list` shows the stored ones")
        })
    }

    /// Runs an operation between its audit entry and the entry's outcome. No entry, no
    /// operation; reads of values are rate-limited first.
    fn audited<T>(
        &mut self,
        operation: Operation,
        name: &str,
        run: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        let now = now_ms();
        let mut row = AuditRow {
            at_ms: now,
            operation: operation.as_str().into(),
            name: name.into(),
            pid: i64::from(self.caller.pid),
            parent: self.caller.parent.clone(),
            pane: self.caller.pane.clone(),
            outcome: "started".into(),
            detail: String::new(),
        };
        if operation.is_read() {
            let window_ms = i64::from(self.settings.window_seconds) * 1000;
            let max = self.settings.max_attempts;
            if let Some(wait_ms) = ledger::take_attempt(&mut self.conn, now, max, window_ms)? {
                row.outcome = "rate_limited".into();
                let _ = ledger::begin_audit(&self.conn, &row);
                bail!(
                    "too many reads of credentials: at most {max} every {}s; try again in {}s",
                    self.settings.window_seconds,
                    (wait_ms + 999) / 1000
                );
            }
        }
        let id = ledger::begin_audit(&self.conn, &row).map_err(|error| {
            anyhow!(
                "refused: the audit entry for this {} could not be written ({error:#})",
                operation.as_str()
            )
        })?;
        let result = run(self);
        let (outcome, detail) = match &result {
            Ok(_) => ("ok", String::new()),
            Err(error) => ("failed", format!("{error:#}")),
        };
        if let Err(error) = ledger::finish_audit(&self.conn, id, outcome, &detail) {
            tracing::warn!("completing the audit entry {id}: {error:#}");
        }
        result
    }
}
