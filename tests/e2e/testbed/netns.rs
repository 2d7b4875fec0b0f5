//! Runs a test body inside a fresh network namespace whose only interface is loopback, so
//! nothing it starts (the fake API, `claude`, `cco`) can reach beyond this machine.
//!
//! Network namespaces belong to threads: the body runs on a new thread that leaves the
//! machine's namespace first; threads and processes it starts inherit the loopback-only one.

use std::process::Command;

/// Why loopback-only namespaces cannot be made here, if they cannot.
pub fn unavailable() -> Option<String> {
    run_isolated(|| ()).err()
}

/// Runs `body` in a new loopback-only network namespace; Err says why one could not be made.
/// A panic in the body is passed on to the caller.
pub fn run_isolated<T: Send + 'static>(
    body: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let thread = std::thread::spawn(move || -> Result<T, String> {
        // SAFETY: unshare only changes this thread's namespace membership; no memory is shared.
        if unsafe { libc::unshare(libc::CLONE_NEWNET) } != 0 {
            return Err(format!(
                "cannot create a network namespace (unshare: {}); run the tests as root",
                std::io::Error::last_os_error()
            ));
        }
        let status = Command::new("ip")
            .args(["link", "set", "lo", "up"])
            .status()
            .map_err(|e| format!("cannot run `ip` to bring loopback up ({e}); install iproute2"))?;
        if !status.success() {
            return Err(format!("`ip link set lo up` failed: {status}"));
        }
        Ok(body())
    });
    match thread.join() {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}
