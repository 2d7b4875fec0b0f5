//! `cco credentials exec`: runs a command with secrets in its environment and relays its
//! output with every secret masked. The secrets reach the child through an environment this
//! process builds in zeroizing buffers and hands to execve itself, so no unzeroized copy stays
//! behind; after the child starts only the maskers' hashes remain.

use std::ffi::{CString, OsStr};
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{bail, Context as _, Result};
use secrecy::{ExposeSecret as _, SecretString};
use zeroize::{Zeroize as _, Zeroizing};

use super::Masker;

/// One secret for the child: the variable it lands in.
pub struct ExecSecret {
    pub variable: String,
    pub name: String,
    pub value: SecretString,
}

/// The variable a credential lands in by default: `github-token` → `GITHUB_TOKEN`.
pub fn env_var_for(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Everything execve needs, built before the fork so the child allocates nothing.
struct ExecImage {
    path: CString,
    _argv: Vec<CString>,
    _plain_env: Vec<CString>,
    _secret_env: Vec<Zeroizing<Vec<u8>>>,
    argv_pointers: Vec<*const libc::c_char>,
    env_pointers: Vec<*const libc::c_char>,
}

// SAFETY: the pointers point into buffers the image owns; it is only read, in the forked child.
unsafe impl Send for ExecImage {}
// SAFETY: as above.
unsafe impl Sync for ExecImage {}

fn c_string(bytes: &[u8], what: &str) -> Result<CString> {
    CString::new(bytes).with_context(|| format!("{what} contains a NUL byte"))
}

impl ExecImage {
    fn new(path: &std::path::Path, command: &[String], secrets: &[ExecSecret]) -> Result<Self> {
        let argv: Vec<CString> = command
            .iter()
            .map(|arg| c_string(arg.as_bytes(), "an argument"))
            .collect::<Result<_>>()?;
        let plain_env: Vec<CString> = std::env::vars_os()
            .filter(|(key, _)| !secrets.iter().any(|s| OsStr::new(&s.variable) == key))
            .map(|(key, value)| {
                let mut entry = key.as_bytes().to_vec();
                entry.push(b'=');
                entry.extend_from_slice(value.as_bytes());
                c_string(&entry, "an environment variable")
            })
            .collect::<Result<_>>()?;
        let mut secret_env = Vec::with_capacity(secrets.len());
        for secret in secrets {
            let value = secret.value.expose_secret().as_bytes();
            if value.contains(&0) {
                bail!(
                    "{}'s value contains a NUL byte and cannot be passed in the environment",
                    secret.name
                );
            }
            let mut entry =
                Zeroizing::new(Vec::with_capacity(secret.variable.len() + value.len() + 2));
            entry.extend_from_slice(secret.variable.as_bytes());
            entry.push(b'=');
            entry.extend_from_slice(value);
            entry.push(0);
            secret_env.push(entry);
        }
        let mut argv_pointers: Vec<_> = argv.iter().map(|a| a.as_ptr()).collect();
        argv_pointers.push(std::ptr::null());
        let mut env_pointers: Vec<*const libc::c_char> =
            plain_env.iter().map(|e| e.as_ptr()).collect();
        env_pointers.extend(secret_env.iter().map(|e| e.as_ptr().cast::<libc::c_char>()));
        env_pointers.push(std::ptr::null());
        Ok(Self {
            path: c_string(path.as_os_str().as_bytes(), "the program's path")?,
            _argv: argv,
            _plain_env: plain_env,
            _secret_env: secret_env,
            argv_pointers,
            env_pointers,
        })
    }

    /// In the forked child: default signal handling back, then the program. Returns only on
    /// failure.
    fn exec(&self) -> std::io::Error {
        // SAFETY: async-signal-safe calls on buffers prepared before the fork.
        unsafe {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::signal(libc::SIGQUIT, libc::SIG_DFL);
            libc::execve(
                self.path.as_ptr(),
                self.argv_pointers.as_ptr(),
                self.env_pointers.as_ptr(),
            );
        }
        std::io::Error::last_os_error()
    }
}

/// Runs `command` with the secrets in its environment, relaying its stdout and stderr with
/// each secret replaced by `[masked:NAME]`. Returns its exit code (128 + signal when killed).
pub fn run_masked(secrets: Vec<ExecSecret>, command: &[String]) -> Result<i32> {
    let Some(program) = command.first() else {
        bail!("no command to run: cco credentials exec NAME… -- COMMAND [ARGS…]");
    };
    let path = resolve(program)?;
    let image = ExecImage::new(&path, command, &secrets)?;
    let mut maskers = [Masker::new(), Masker::new()];
    for secret in &secrets {
        let replacement = format!("[masked:{}]", secret.name);
        for masker in &mut maskers {
            masker.add(secret.value.expose_secret().as_bytes(), &replacement);
        }
    }
    drop(secrets);

    let mut child = {
        let mut builder = Command::new(&path);
        builder
            .args(&command[1..])
            .stdin(Stdio::inherit())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // SAFETY: the hook only calls async-signal-safe functions (see ExecImage::exec).
        unsafe {
            builder.pre_exec(move || Err(image.exec()));
        }
        // Ctrl-C reaches the child (same process group); this process stays to relay its
        // last output and report its exit.
        // SAFETY: ignoring SIGINT/SIGQUIT in this process; the child restores the defaults.
        unsafe {
            libc::signal(libc::SIGINT, libc::SIG_IGN);
            libc::signal(libc::SIGQUIT, libc::SIG_IGN);
        }
        builder
            .spawn()
            .with_context(|| format!("starting {program}"))?
        // The builder, and with it the image's zeroizing buffers, is dropped here.
    };
    let [out_masker, err_masker] = maskers;
    let stdout = child.stdout.take().context("the child's stdout")?;
    let stderr = child.stderr.take().context("the child's stderr")?;
    let relay_err = std::thread::spawn(move || relay(stderr, std::io::stderr(), err_masker));
    relay(stdout, std::io::stdout(), out_masker)?;
    let _ = relay_err.join();
    let status = child.wait().context("waiting for the command")?;
    Ok(status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0)))
}

/// How long output may sit mid-line before it is passed on anyway (a prompt waiting for an
/// answer); the price is that a secret written in two parts this far apart is not masked.
const QUIET_MS: i32 = 200;

fn relay(
    mut from: impl Read + std::os::fd::AsRawFd,
    mut to: impl Write,
    mut masker: Masker,
) -> std::io::Result<()> {
    let mut buffer = Zeroizing::new([0u8; 8192]);
    loop {
        if masker.has_pending() && !readable_within(&from, QUIET_MS) {
            to.write_all(&masker.flush())?;
            to.flush()?;
        }
        let read = match from.read(buffer.as_mut_slice()) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        let mut out = masker.feed(&buffer[..read]);
        to.write_all(&out)?;
        to.flush()?;
        out.zeroize();
    }
    to.write_all(&masker.flush())?;
    to.flush()
}

fn readable_within(from: &impl std::os::fd::AsRawFd, timeout_ms: i32) -> bool {
    let mut poll = libc::pollfd {
        fd: from.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd for a descriptor `from` keeps open.
    unsafe { libc::poll(&mut poll, 1, timeout_ms) != 0 }
}

/// The program's path: as given when it has a slash, else the first match on PATH.
fn resolve(program: &str) -> Result<PathBuf> {
    if program.contains('/') {
        return Ok(PathBuf::from(program));
    }
    crate::cli::find_on_path(program)
        .with_context(|| format!("{program}: command not found on PATH"))
}
