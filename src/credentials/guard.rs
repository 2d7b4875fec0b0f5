//! Getting values in without leaking them: hidden prompts, stdin, the vault passphrase; and
//! keeping a process that holds secrets out of core dumps.

use std::io::{IsTerminal as _, Read as _};

use anyhow::{bail, Context as _, Result};
use secrecy::SecretString;
use zeroize::Zeroizing;

/// Where a value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueSource {
    Argv,
    Prompt,
    Stdin,
}

/// Keeps this process's memory out of core dumps (and, on Linux, away from other processes
/// of the same user): called before any secret is read.
pub fn harden_process() {
    let no_core = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain syscalls on this process with valid arguments.
    let limited = unsafe { libc::setrlimit(libc::RLIMIT_CORE, &no_core) } == 0;
    #[cfg(target_os = "linux")]
    // SAFETY: as above.
    let undumpable = unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) } == 0;
    #[cfg(not(target_os = "linux"))]
    let undumpable = true;
    if !(limited && undumpable) {
        tracing::warn!(
            "core dumps could not be turned off: {}",
            std::io::Error::last_os_error()
        );
    }
}

/// A value from argv (accepted, with a warning from the caller), a hidden prompt typed twice,
/// or stdin (one trailing newline removed).
pub fn read_value(argv: Option<String>, what: &str) -> Result<(SecretString, ValueSource)> {
    if let Some(value) = argv {
        let value = SecretString::from(value);
        return Ok((value, ValueSource::Argv));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let first = Zeroizing::new(rpassword::prompt_password(format!("{what}: "))?);
        let second = Zeroizing::new(rpassword::prompt_password(format!("{what} again: "))?);
        if first != second {
            bail!("the two entries differ; nothing was stored");
        }
        return non_empty(first).map(|value| (value, ValueSource::Prompt));
    }
    let mut text = Zeroizing::new(String::new());
    stdin
        .lock()
        .read_to_string(&mut text)
        .context("reading the value from stdin")?;
    trim_newline(&mut text);
    non_empty(text).map(|value| (value, ValueSource::Stdin))
}

/// The file vault's passphrase: from the file `CCO_VAULT_PASSPHRASE_FILE` names, else a hidden
/// prompt on the terminal.
pub fn vault_passphrase() -> Result<SecretString> {
    if let Some(path) = std::env::var_os("CCO_VAULT_PASSPHRASE_FILE").filter(|p| !p.is_empty()) {
        let mut text = Zeroizing::new(std::fs::read_to_string(&path).with_context(|| {
            format!(
                "reading CCO_VAULT_PASSPHRASE_FILE ({})",
                path.to_string_lossy()
            )
        })?);
        trim_newline(&mut text);
        return non_empty(text);
    }
    match rpassword::prompt_password("vault passphrase: ") {
        Ok(text) => non_empty(Zeroizing::new(text)),
        Err(_) => bail!(
            "the file vault needs its passphrase: run on a terminal to type it, or set \
             CCO_VAULT_PASSPHRASE_FILE to a file (mode 0600) that holds it"
        ),
    }
}

fn trim_newline(text: &mut Zeroizing<String>) {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
}

fn non_empty(text: Zeroizing<String>) -> Result<SecretString> {
    if text.is_empty() {
        bail!("the value is empty; nothing was stored");
    }
    Ok(SecretString::from(text.as_str()))
}
