//! Drives the real `cco` binary in a real PTY: every config/data path in a temp dir, its output
//! fed to a vt100 parser, keys sent in the keymap's own notation, waits with timeouts.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cco::keymap::encode::{encode_key, InputModes};
use cco::keymap::KeyChord;
use crossterm::event::KeyEvent;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize};

/// How long a wait may take: `CCO_TEST_TIMEOUT` seconds (CI sets it higher), default 15.
pub fn timeout() -> Duration {
    let seconds = std::env::var("CCO_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    Duration::from_secs(seconds)
}

pub struct Options {
    pub rows: u16,
    pub cols: u16,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    /// Files written under the config dir before start: (relative path, contents).
    pub config_files: Vec<(String, String)>,
    /// Where cco starts (default: its temp dir).
    pub cwd: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            rows: 30,
            cols: 100,
            args: Vec::new(),
            env: Vec::new(),
            config_files: Vec::new(),
            cwd: None,
        }
    }
}

pub struct Cco {
    pub dir: tempfile::TempDir,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Total bytes cco wrote to its terminal.
    pub bytes_out: Arc<Mutex<u64>>,
}

pub fn cco_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_cco"))
}

impl Cco {
    /// `cco -- <command…>` at 100×30.
    pub fn run(command: &[&str]) -> Cco {
        let mut args = vec!["--".to_string()];
        args.extend(command.iter().map(ToString::to_string));
        Cco::start(Options {
            args,
            ..Options::default()
        })
    }

    pub fn start(options: Options) -> Cco {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("config");
        for (path, contents) in &options.config_files {
            let file = config.join(path);
            std::fs::create_dir_all(file.parent().expect("file has a parent")).expect("config dir");
            std::fs::write(file, contents).expect("config file");
        }
        let pty = portable_pty::native_pty_system()
            .openpty(size(options.rows, options.cols))
            .expect("open pty");
        let mut command = CommandBuilder::new(cco_binary());
        command.args(&options.args);
        command.cwd(options.cwd.as_deref().unwrap_or(dir.path()));
        command.env("TERM", "xterm-256color");
        command.env("SHELL", "/bin/sh");
        command.env("HOME", dir.path());
        command.env("CCO_CONFIG_DIR", &config);
        command.env("CCO_DATA_DIR", dir.path().join("data"));
        command.env("CCO_RUNTIME_DIR", dir.path().join("run"));
        command.env("PS1", "$ ");
        // New panes must never start a `claude` by themselves: outside the loopback-only
        // namespace it could try the network. Tests that want Claude pass its full path.
        command.env("PATH", path_without_claude());
        command.env_remove("NO_COLOR");
        command.env(
            "CCO_LOG",
            std::env::var("CCO_TEST_LOG").unwrap_or_else(|_| "info".into()),
        );
        for (key, value) in &options.env {
            command.env(key, value);
        }
        let child = pty.slave.spawn_command(command).expect("start cco");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            non_zero(options.rows),
            non_zero(options.cols),
            0,
        )));
        let bytes_out = Arc::new(Mutex::new(0));
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        {
            let parser = Arc::clone(&parser);
            let bytes_out = Arc::clone(&bytes_out);
            std::thread::spawn(move || {
                let mut buffer = [0u8; 65536];
                while let Ok(n) = reader.read(&mut buffer) {
                    if n == 0 {
                        break;
                    }
                    parser.lock().expect("parser").process(&buffer[..n]);
                    *bytes_out.lock().expect("counter") += n as u64;
                }
            });
        }
        Cco {
            dir,
            master: pty.master,
            writer,
            child,
            parser,
            bytes_out,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("cco has a pid")
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Sends keys written in keymap notation, separated by spaces: `"C-Space %"`.
    pub fn keys(&mut self, notation: &str) {
        for key in notation.split(' ').filter(|k| !k.is_empty()) {
            let chord: KeyChord = key.parse().unwrap_or_else(|e| panic!("key {key:?}: {e}"));
            let bytes = encode_key(
                &KeyEvent::new(chord.code, chord.modifiers),
                &InputModes::default(),
            )
            .unwrap_or_else(|| panic!("key {key:?} has no encoding"));
            self.write(&bytes);
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Types text as it is (use `\r` for Enter).
    pub fn type_text(&mut self, text: &str) {
        self.write(text.as_bytes());
    }

    pub fn write(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to cco");
        self.writer.flush().expect("flush to cco");
    }

    pub fn screen_text(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().expect("parser").screen())
    }

    /// Waits until `check` holds for the screen; panics with the screen when time runs out.
    pub fn wait_until(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + timeout();
        while Instant::now() < deadline {
            if self.with_screen(&check) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {what}; screen:\n{}",
            self.screen_text()
        );
    }

    pub fn wait_text(&self, needle: &str) {
        self.wait_until(&format!("{needle:?}"), |s| s.contents().contains(needle));
    }

    pub fn wait_gone(&self, needle: &str) {
        self.wait_until(&format!("{needle:?} to go"), |s| {
            !s.contents().contains(needle)
        });
    }

    /// Resizes like a real terminal: the screen first, then the program is told (SIGWINCH), so
    /// everything it draws for the new size is read at the new size.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        let mut parser = self.parser.lock().expect("parser");
        parser.screen_mut().set_size(non_zero(rows), non_zero(cols));
        self.master.resize(size(rows, cols)).expect("resize pty");
    }

    /// Waits for cco to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + timeout();
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("cco did not exit; screen:\n{}", self.screen_text());
    }

    pub fn signal(&self, signal: &str) {
        let status = std::process::Command::new("kill")
            .args([format!("-{signal}"), self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} failed");
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }
}

impl Drop for Cco {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn non_zero(value: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(value).expect("size is not zero")
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn path_without_claude() -> std::ffi::OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|dir| !dir.join("claude").exists())
        .collect();
    std::env::join_paths(kept).unwrap_or_default()
}

/// True when a program is on PATH (tests that need it say so and skip when it is not).
pub fn have(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| Path::new(&dir).join(program).is_file())
    })
}

pub fn wait_for_file(path: &Path) {
    wait_for(&path.display().to_string(), || {
        std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
    });
}

/// Polls `check` until it holds, failing the test after the timeout.
pub fn wait_for(what: &str, check: impl Fn() -> bool) {
    let deadline = Instant::now() + timeout();
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits until no process has this pid any more.
pub fn wait_until_dead(pid: u32) {
    let proc = PathBuf::from(format!("/proc/{pid}"));
    wait_for(&format!("process {pid} to end"), || {
        std::fs::read_to_string(proc.join("stat"))
            .map(|stat| stat.contains(") Z "))
            .unwrap_or(true)
    });
}

/// Whether some pane row shows exactly `text` (borders and padding aside).
pub fn has_line(screen: &vt100::Screen, text: &str) -> bool {
    let borders: &[char] = &['┃', '│', ' '];
    screen
        .contents()
        .lines()
        .any(|line| line.trim_matches(borders) == text)
}
