//! The credentials panel's worker: a thread of its own that runs keyring and database work
//! (which may block on D-Bus or a lock) and sends back what the panel shows.

use std::sync::mpsc;

use secrecy::SecretString;

use super::ledger::{AuditRow, Meta};
use super::rotation::RotationStatus;
use super::service::{Caller, Credentials, NewCredential};
use super::settings::CredentialSettings;
use crate::db::now_ms;

/// How many audit rows the panel shows.
const AUDIT_TAIL: usize = 8;

pub enum Job {
    Refresh,
    Store {
        new: NewCredential,
        value: SecretString,
    },
    Reveal(String),
    Delete(String),
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Job::Refresh => f.write_str("Refresh"),
            Job::Store { new, .. } => write!(f, "Store({})", new.name),
            Job::Reveal(name) => write!(f, "Reveal({name})"),
            Job::Delete(name) => write!(f, "Delete({name})"),
        }
    }
}

/// What the worker sends back.
#[derive(Debug)]
pub enum News {
    Listed {
        store: String,
        rows: Vec<(Meta, RotationStatus)>,
        audit: Vec<AuditRow>,
    },
    Revealed {
        name: String,
        value: SecretString,
    },
    Done(String),
    Failed(String),
}

/// Starts the worker; it stops when the returned sender is dropped or `send` fails.
pub fn spawn(
    data_dir: std::path::PathBuf,
    settings: CredentialSettings,
    send: impl Fn(News) -> bool + Send + 'static,
) -> mpsc::Sender<Job> {
    let (jobs, inbox) = mpsc::channel::<Job>();
    let spawned = std::thread::Builder::new()
        .name("credentials".into())
        .spawn(move || {
            let caller = Caller {
                pid: std::process::id(),
                parent: "cco panel".into(),
                pane: None,
            };
            let mut service = None;
            for job in inbox {
                if service.is_none() {
                    match Credentials::open(
                        &data_dir,
                        settings.clone(),
                        passphrase_from_file,
                        caller.clone(),
                    ) {
                        Ok(opened) => service = Some(opened),
                        Err(error) => {
                            if !send(News::Failed(format!("credentials: {error:#}"))) {
                                return;
                            }
                            continue;
                        }
                    }
                }
                let Some(service) = service.as_mut() else {
                    continue;
                };
                for news in run(service, job) {
                    if !send(news) {
                        return;
                    }
                }
            }
        });
    if let Err(error) = spawned {
        tracing::warn!("the credentials worker did not start: {error}");
    }
    jobs
}

/// In the TUI there is no terminal to prompt on: the vault's passphrase comes from a file.
fn passphrase_from_file() -> anyhow::Result<SecretString> {
    if std::env::var_os("CCO_VAULT_PASSPHRASE_FILE").is_none() {
        anyhow::bail!(
            "the file vault's passphrase cannot be typed inside cco: set \
             CCO_VAULT_PASSPHRASE_FILE, or use `cco credentials` in a pane"
        );
    }
    super::guard::vault_passphrase()
}

fn run(service: &mut Credentials, job: Job) -> Vec<News> {
    let outcome = match job {
        Job::Refresh => return vec![listing(service)],
        Job::Store { new, value } => service
            .store(&new, &value)
            .map(|meta| News::Done(format!("stored {} in the {} store", meta.name, meta.store))),
        Job::Reveal(name) => service
            .retrieve(&name, true)
            .map(|(meta, value)| News::Revealed {
                name: meta.name,
                value,
            }),
        Job::Delete(name) => service
            .delete(&name)
            .map(|()| News::Done(format!("deleted {name}"))),
    };
    let news = outcome.unwrap_or_else(|error| News::Failed(format!("{error:#}")));
    vec![news, listing(service)]
}

fn listing(service: &Credentials) -> News {
    let listed = service
        .listing(now_ms())
        .and_then(|rows| Ok((rows, service.audit(AUDIT_TAIL, None)?)));
    match listed {
        Ok((rows, audit)) => News::Listed {
            store: service.store_label(),
            rows,
            audit,
        },
        Err(error) => News::Failed(format!("credentials: {error:#}")),
    }
}
