//! Reading a credential from the real Secret Service (gnome-keyring on a private D-Bus
//! session), beside libsecret's own `secret-tool` in the same run; and how fast `cco credentials
//! exec` relays (and masks) a command's output beside a plain pipe.
//!
//! Run: `cargo bench --bench credentials` (needs dbus, gnome-keyring, libsecret-tools).

#[path = "../tests/e2e/harness.rs"]
mod harness;
// Shared with the e2e tests, which use more of it.
#[allow(dead_code)]
#[path = "../tests/e2e/secret_service.rs"]
mod secret_service;
#[allow(dead_code)]
mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use secret_service::Keyring;

const RUNS: usize = 60;
const OUTPUT_MB: usize = 256;

fn run_ok(command: &mut Command) -> Duration {
    let started = Instant::now();
    let output = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("start");
    let elapsed = started.elapsed();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    elapsed
}

/// (median, p90) over `RUNS` runs after a few warm-ups.
fn measure(mut make: impl FnMut() -> Command) -> (Duration, Duration) {
    for _ in 0..3 {
        run_ok(&mut make());
    }
    let mut times: Vec<Duration> = (0..RUNS).map(|_| run_ok(&mut make())).collect();
    times.sort();
    (times[RUNS / 2], times[RUNS * 9 / 10])
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn main() -> anyhow::Result<()> {
    let Some(keyring) = Keyring::start_if_available() else {
        return Ok(());
    };
    keyring.config("[credentials]\nmax_attempts = 1000000\n");
    let stored = keyring.run_with(
        &["store", "bench-token", "--type", "token"],
        "bench-secret-value-0123456789\n",
        &[],
    );
    assert!(stored.status.success());
    let lookup = "secret-tool lookup service cco username bench-token";

    let mut rows = Vec::new();
    let mut compare =
        |name: &str, cco: &mut dyn FnMut() -> Command, peer: &mut dyn FnMut() -> Command| {
            let (cco_median, cco_p90) = measure(&mut *cco);
            let (peer_median, peer_p90) = measure(&mut *peer);
            rows.push(vec![
                name.to_string(),
                ms(cco_median),
                ms(cco_p90),
                ms(peer_median),
                ms(peer_p90),
            ]);
        };
    compare(
        "read the value (cco retrieve / secret-tool lookup)",
        &mut || keyring.command(&["retrieve", "bench-token"]),
        &mut || {
            let mut command = Command::new("sh");
            keyring
                .env(&mut command)
                .args(["-c", &format!("{lookup} > /dev/null")]);
            command
        },
    );
    compare(
        "run `true` with it in the environment",
        &mut || keyring.command(&["exec", "bench-token", "--", "true"]),
        &mut || {
            let mut command = Command::new("sh");
            keyring
                .env(&mut command)
                .args(["-c", &format!("BENCH_TOKEN=$({lookup}) true")]);
            command
        },
    );
    support::table(
        &format!(
            "Reading a credential from gnome-keyring, process start to exit ({RUNS} runs each)"
        ),
        &[
            "operation",
            "cco median",
            "cco p90",
            "secret-tool median",
            "secret-tool p90",
        ],
        rows,
        52,
    );

    // Output relayed through the masker, beside the same bytes through a plain pipe.
    let file = keyring.path("output.txt");
    let line = "build step 0042: compiled module with token bench-secret-value-0123456789 ok\n";
    let text = line.repeat(OUTPUT_MB * 1024 * 1024 / line.len());
    std::fs::write(&file, &text)?;
    let file = file.display().to_string();
    let relay = |command: &mut Command| {
        let started = Instant::now();
        run_ok(command);
        started.elapsed()
    };
    let best =
        |make: &dyn Fn() -> Command| (0..3).map(|_| relay(&mut make())).min().unwrap_or_default();
    let masked = best(&|| keyring.command(&["exec", "bench-token", "--", "cat", &file]));
    let plain = best(&|| {
        let mut command = Command::new("sh");
        command.args(["-c", &format!("cat '{file}' | cat")]);
        command
    });
    let rate = |d: Duration| format!("{:.0} MB/s", text.len() as f64 / 1e6 / d.as_secs_f64());
    support::table(
        &format!("{OUTPUT_MB} MB of output, every line holding the secret (best of 3)"),
        &["relay", "time", "throughput"],
        vec![
            vec![
                "cco credentials exec (masked)".into(),
                ms(masked),
                rate(masked),
            ],
            vec!["cat | cat (plain pipe)".into(), ms(plain), rate(plain)],
        ],
        34,
    );
    Ok(())
}
