//! A real Secret Service for tests: `dbus-run-session` with `gnome-keyring-daemon --unlock
//! --components=secrets` fed a password on stdin, HOME and XDG_RUNTIME_DIR in a temp dir, and
//! `cco credentials …` run against it.

use std::io::BufRead as _;
use std::os::unix::fs::PermissionsExt as _;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use crate::harness::{cco_binary, have};

const SESSION_SCRIPT: &str = r#"printf '%s' "$1" | gnome-keyring-daemon --unlock --components=secrets --foreground >/dev/null 2>&1 &
echo "$DBUS_SESSION_BUS_ADDRESS"
wait
"#;

/// cco's dirs in a temp dir, with or without a Secret Service on a private bus.
pub struct Keyring {
    pub root: tempfile::TempDir,
    bus: Option<(Child, String)>,
}

/// Whether the tests that need a Secret Service can run here; `.ci/run` sets
/// `CCO_REQUIRE_SECRET_SERVICE` so that they fail there rather than skip.
pub fn available() -> bool {
    let present = ["dbus-run-session", "gnome-keyring-daemon", "dbus-send"]
        .iter()
        .all(|program| have(program));
    if !present {
        assert!(
            std::env::var_os("CCO_REQUIRE_SECRET_SERVICE").is_none(),
            "dbus-run-session, gnome-keyring-daemon and dbus-send are required (apt install dbus gnome-keyring)"
        );
        eprintln!(
            "skipped: no dbus-run-session/gnome-keyring-daemon (apt install dbus gnome-keyring)"
        );
    }
    present
}

impl Keyring {
    /// cco's dirs only: no bus, so no keyring can be reached.
    pub fn without_service() -> Keyring {
        let root = tempfile::tempdir().expect("temp dir");
        for dir in ["home", "run", "config", "data"] {
            std::fs::create_dir_all(root.path().join(dir)).expect("dir");
        }
        std::fs::set_permissions(
            root.path().join("run"),
            std::fs::Permissions::from_mode(0o700),
        )
        .expect("chmod");
        Keyring { root, bus: None }
    }

    /// A Secret Service for a test, or None (said on stderr) where it cannot run and is not
    /// required.
    pub fn start_if_available() -> Option<Keyring> {
        available().then(Keyring::start)
    }

    /// Starts a private session bus with an unlocked gnome-keyring on it.
    pub fn start() -> Keyring {
        let mut keyring = Keyring::without_service();
        let script = keyring.root.path().join("session.sh");
        std::fs::write(&script, SESSION_SCRIPT).expect("script");
        let mut child = Command::new("dbus-run-session")
            .args(["--", "sh"])
            .arg(&script)
            .arg("keyring-password")
            .env("HOME", keyring.path("home"))
            .env("XDG_RUNTIME_DIR", keyring.path("run"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("dbus-run-session starts");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("bus address");
        let address = line.trim().to_string();
        assert!(address.starts_with("unix:"), "bus address {address:?}");
        keyring.bus = Some((child, address));
        crate::harness::wait_for("the Secret Service on the bus", || keyring.secrets_on_bus());
        keyring
    }

    fn secrets_on_bus(&self) -> bool {
        let output = self
            .env(&mut Command::new("dbus-send"))
            .args([
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                "string:org.freedesktop.secrets",
            ])
            .output();
        output.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.path().join(relative)
    }

    pub fn data_dir(&self) -> PathBuf {
        self.path("data")
    }

    /// The environment every command gets: temp HOME and runtime dir, this bus (or none).
    pub fn env<'a>(&self, command: &'a mut Command) -> &'a mut Command {
        let address = self
            .bus
            .as_ref()
            .map_or("unix:path=/nonexistent/bus".to_string(), |(_, a)| a.clone());
        command
            .env("HOME", self.path("home"))
            .env("XDG_RUNTIME_DIR", self.path("run"))
            .env("DBUS_SESSION_BUS_ADDRESS", address)
            .env("CCO_CONFIG_DIR", self.path("config"))
            .env("CCO_DATA_DIR", self.data_dir())
            .env("CCO_RUNTIME_DIR", self.path("run").join("cco"))
            .env_remove("CCO_PANE")
            .env_remove("CCO_CREDENTIAL_STORE")
            .env_remove("CCO_VAULT_PASSPHRASE_FILE")
            .current_dir(self.root.path())
    }

    /// The same environment for a cco started by the PTY harness.
    pub fn tui_env(&self) -> Vec<(String, String)> {
        let mut command = Command::new("true");
        self.env(&mut command);
        command
            .get_envs()
            .filter_map(|(key, value)| {
                Some((key.to_str()?.to_string(), value?.to_str()?.to_string()))
            })
            .collect()
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(cco_binary());
        self.env(&mut command).arg("credentials").args(args);
        command
    }

    /// Runs `cco credentials ARGS` with `stdin` as its input.
    pub fn run_with(&self, args: &[&str], stdin: &str, extra: &[(&str, &str)]) -> Output {
        let mut command = self.command(args);
        command
            .envs(extra.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("cco starts");
        {
            use std::io::Write as _;
            let mut input = child.stdin.take().expect("stdin");
            input.write_all(stdin.as_bytes()).expect("write stdin");
        }
        child.wait_with_output().expect("cco ends")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, "", &[])
    }

    /// Runs a cco command on a pseudo-terminal (util-linux `script`) and returns what it printed.
    pub fn run_on_terminal(&self, args: &[&str]) -> Output {
        self.run_on_terminal_typing(args, None)
    }

    /// As `run_on_terminal`, typing `input` at the terminal.
    pub fn run_on_terminal_typing(&self, args: &[&str], input: Option<&str>) -> Output {
        let line = std::iter::once(cco_binary().display().to_string())
            .chain(std::iter::once("credentials".to_string()))
            .chain(args.iter().map(|a| a.to_string()))
            .map(|word| format!("'{word}'"))
            .collect::<Vec<_>>()
            .join(" ");
        let mut command = Command::new("script");
        self.env(&mut command)
            .args(["-qec", &line, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("script runs");
        let mut stdin = child.stdin.take().expect("stdin");
        if let Some(input) = input {
            use std::io::Write as _;
            // Typed a line at a time, as a person would, once the prompt is up.
            for line in input.split_inclusive('\n') {
                std::thread::sleep(std::time::Duration::from_millis(300));
                stdin.write_all(line.as_bytes()).expect("type");
            }
        }
        drop(stdin);
        child.wait_with_output().expect("script ends")
    }

    /// What the real keyring holds for a credential, read with libsecret's own tool.
    pub fn secret_tool_lookup(&self, name: &str) -> Option<String> {
        let output = self
            .env(&mut Command::new("secret-tool"))
            .args(["lookup", "service", "cco", "username", name])
            .output()
            .expect("secret-tool runs");
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }

    pub fn config(&self, text: &str) {
        std::fs::write(self.path("config").join("config.toml"), text).expect("config");
    }

    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(cco::db::path(&self.data_dir())).expect("cco.db")
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        if let Some((child, _)) = &mut self.bus {
            // SAFETY: signalling the process group this fixture started.
            unsafe { libc::kill(-(child.id() as i32), libc::SIGTERM) };
            let _ = child.wait();
        }
    }
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    memchr::memmem::find(haystack, needle.as_bytes()).is_some()
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Whether gdb's `gcore` is here to dump a process's memory; required wherever the Secret
/// Service is.
pub fn can_dump_cores() -> bool {
    let present = have("gcore");
    if !present {
        assert!(
            std::env::var_os("CCO_REQUIRE_SECRET_SERVICE").is_none(),
            "gcore is required (apt install gdb)"
        );
        eprintln!("skipped: no gcore (apt install gdb)");
    }
    present
}

/// A core dump of a running process, taken with `gcore`.
pub fn core_dump(pid: u32) -> Vec<u8> {
    let scratch = tempfile::tempdir().expect("scratch");
    let output = Command::new("gcore")
        .arg("-o")
        .arg(scratch.path().join("core"))
        .arg(pid.to_string())
        .output()
        .expect("gcore runs");
    let bytes = std::fs::read(scratch.path().join(format!("core.{pid}")))
        .unwrap_or_else(|e| panic!("{e}: {output:?}"));
    assert!(bytes.len() > 64 << 10, "a real core dump of {pid}");
    bytes
}

/// Fails the test when any file under `dir` holds `needle`.
pub fn assert_no_file_holds(dir: &Path, needle: &str) {
    for file in files_under(dir) {
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(
            !contains(&bytes, needle),
            "{} holds {needle}",
            file.display()
        );
    }
}
