//! Host benchmarks: cco next to tmux on the same machine, in one run, printed as tables.
//!
//! Run all with `cargo bench --bench host`, or some: `cargo bench --bench host -- frame idle`.
//! `cargo bench` builds the release `cco` binary too. tmux is optional (its column then says
//! n/a). Every wait has a timeout; children and tmux servers are killed when a measurement ends
//! or fails, and tmux sessions are `destroy-unattached`, so an interrupted bench leaves none.
//!
//! * **throughput**: `CCO_BENCH_MB` (default 200) MB (10^6 bytes) of coloured lines, about
//!   80–120 columns with SGR colours, through `sh -c 'cat BIG; touch DONE'` in a 120×40 pane: cco (outer
//!   terminal 122×43: borders and status line) and tmux (outer 120×41: status line), each
//!   attached in a PTY the bench drains. Timed from start until DONE exists and the client output
//!   has gone quiet; median of 3 runs, with the bytes sent to the client and the CPU time used.
//! * **frame**: the library alone: an `App` at 240×70 with 4 panes (`open_pane` only queues
//!   spawns), each emulator fed a new screenful of coloured text per frame, then `ui::draw` into
//!   a ratatui `TestBackend` (build + diff) and into a crossterm backend writing to a sink (+ the
//!   escape encoding). Median and p99 over 500 frames. Goal: draw ≤ 2 ms median.
//! * **idle**: 4 idle `sh` panes at 200×50: CPU over 10 s after 2 s to settle (goal ≤ 0.5 %),
//!   then VmRSS idle and after `seq 1 10000` in every pane (goal ≤ 60 MB). tmux counts server +
//!   client and keeps 10 000 lines of history per pane, as cco does by default.

mod support;

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _, Result};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::{layout::Rect, Terminal, TerminalOptions, Viewport};

use support::cco_binary;

/// The header of the tables comparing cco with tmux.
const COMPARE: [&str; 5] = ["", "cco", "tmux", "cco/tmux", "goal (cco)"];

/// Result tables, labels 28 columns wide.
fn table_of(title: &str, header: &[&str], rows: Vec<Vec<String>>) {
    support::table(title, header, rows, 28);
}

fn main() {
    type Bench = fn(bool) -> Result<()>;
    let benches: [(&str, Bench); 3] =
        [("throughput", throughput), ("frame", frame), ("idle", idle)];
    // `cargo bench` adds `--bench`; everything else names a measurement.
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if let Some(bad) = wanted
        .iter()
        .find(|w| benches.iter().all(|(name, _)| name != w))
    {
        eprintln!("unknown measurement {bad:?}: choose from throughput, frame, idle");
        std::process::exit(2);
    }
    let started = Instant::now();
    let tmux = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("tmux").is_file()));
    if !tmux {
        println!("tmux is not on PATH: the comparisons with tmux are skipped");
    }
    let mut failed = false;
    for (name, bench) in benches {
        if wanted.is_empty() || wanted.iter().any(|w| w == name) {
            if let Err(error) = bench(tmux) {
                eprintln!("\n{name}: FAILED: {error:#}");
                failed = true;
            }
        }
    }
    println!("\nwhole bench: {:.1} s", started.elapsed().as_secs_f64());
    std::process::exit(i32::from(failed));
}

/// One throughput run: seconds, bytes sent to the client, CPU seconds.
type Run = (f64, u64, f64);

fn throughput(tmux: bool) -> Result<()> {
    let mb: Result<u64, _> = std::env::var("CCO_BENCH_MB").map_or(Ok(200), |v| v.parse());
    let mb = mb.context("CCO_BENCH_MB must be a whole number of MB")?;
    let dir = tempfile::tempdir()?;
    let big = dir.path().join("big.txt");
    write_text_file(&big, mb * 1_000_000)?;
    let mut runs: [Vec<Run>; 2] = Default::default();
    for run in 0..3 {
        runs[0].push(pump(dir.path(), &big, run, true).context("cco")?);
        if tmux {
            runs[1].push(pump(dir.path(), &big, run, false).context("tmux")?);
        }
    }
    let all = runs.each_ref().map(|r| {
        r.iter()
            .map(|r| format!("{:.2}", r.0))
            .collect::<Vec<_>>()
            .join(" ")
    });
    for r in &mut runs {
        r.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    let [c, t] = runs.each_ref().map(|r| r.get(r.len() / 2).copied());
    let c = c.context("no cco run")?;
    let row = |label: &str, f: &dyn Fn(Run) -> f64| compare(label, f(c), t.map(f), None);
    table_of(
        &format!("throughput: {mb} MB through a 120×40 pane, median of 3 (tmux: server + client)"),
        &COMPARE,
        vec![
            row("seconds", &|r| r.0),
            row("MB/s", &|r| mb as f64 / r.0),
            row("output to the client (MB)", &|r| r.1 as f64 / 1e6),
            row("CPU seconds", &|r| r.2),
            [vec!["all runs (s)".into()], all.to_vec()].concat(),
        ],
    );
    Ok(())
}

/// `cat`s the file in one 120×40 pane of cco or of tmux.
fn pump(dir: &Path, big: &Path, run: usize, cco: bool) -> Result<Run> {
    let done = dir.join("DONE");
    let _ = std::fs::remove_file(&done);
    let script = format!("cat '{}'; touch '{}'", big.display(), done.display());
    let command = ["sh", "-c", &script];
    let timeout = Duration::from_secs(60 + std::fs::metadata(big)?.len() / 2_000_000);
    let start = Instant::now();
    let server = (!cco).then(|| Tmux(dir.join(format!("tmux{run}.sock"))));
    let mut term = match &server {
        None => cco_term(&dir.join(format!("cco{run}")), &command, (122, 43), false)?,
        Some(server) => server.attach(dir, &command, (120, 41), false)?,
    };
    wait_for("the pane's DONE file", timeout, || {
        done.exists() || term.exited()
    })?;
    if !done.exists() {
        bail!(
            "{} exited before the pane was done",
            if cco { "cco" } else { "tmux" }
        );
    }
    let done_at = Instant::now();
    let quiet = || term.output().1.elapsed() >= Duration::from_millis(300);
    wait_for("the client output to go quiet", timeout, quiet)?;
    let (bytes, last) = term.output();
    let mut pids = vec![term.pid()?];
    if let Some(server) = &server {
        pids.push(server.pid()?);
    }
    let cpu = cpu_ticks(&pids)? as f64 / USER_HZ;
    Ok(((last.max(done_at) - start).as_secs_f64(), bytes, cpu))
}

fn frame(_tmux: bool) -> Result<()> {
    const FRAMES: usize = 500;
    const WARM_UP: usize = 20;
    let (width, height) = (240, 70);
    let dir = tempfile::tempdir()?;
    let config = cco::config::Config::load(cco::config::Paths {
        config_dir: dir.path().join("config"),
        data_dir: dir.path().join("data"),
        runtime_dir: dir.path().join("run"),
    });
    let mut app = cco::app::App::new(&config, vec!["sh".into()], width, height);
    for _ in 0..4 {
        app.open_pane(vec!["sh".into()], None);
    }
    app.take_effects();
    // Per pane: its height and a pool of lines that fit its width.
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut pools = Vec::new();
    for pane in app.panes.values() {
        let (rows, cols) = cco::session::lock(&pane.screen).size();
        let (rows, cols) = (usize::from(rows), usize::from(cols));
        let lines: Vec<Vec<u8>> = (0..1024)
            .map(|_| colored_line(&mut rng, cols / 3, cols - 1, b"\r\n"))
            .collect();
        pools.push((rows, lines));
    }
    let mut test = Terminal::new(TestBackend::new(width, height))?;
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut sink = Terminal::with_options(
        CrosstermBackend::new(std::io::sink()),
        TerminalOptions { viewport },
    )?;
    let mut times: [Vec<Duration>; 3] = Default::default();
    for n in 0..WARM_UP + FRAMES {
        let chunks: Vec<Vec<u8>> = pools
            .iter()
            .enumerate()
            .map(|(i, (rows, pool))| {
                (0..*rows)
                    .flat_map(|k| pool[(n * 37 + i * 101 + k) % pool.len()].clone())
                    .collect()
            })
            .collect();
        let t0 = Instant::now();
        for (pane, chunk) in app.panes.values().zip(&chunks) {
            cco::session::lock(&pane.screen).feed(chunk, Instant::now());
        }
        let t1 = Instant::now();
        test.draw(|f| cco::ui::draw(f, &app))?;
        let t2 = Instant::now();
        sink.draw(|f| cco::ui::draw(f, &app))?;
        if n >= WARM_UP {
            for (times, time) in times.iter_mut().zip([t1 - t0, t2 - t1, t2.elapsed()]) {
                times.push(time);
            }
        }
    }
    let ms = |times: &[Duration], q: usize| {
        times[(times.len() * q / 100).min(times.len() - 1)].as_secs_f64() * 1e3
    };
    let labels = [
        "feed (4 screenfuls)",
        "draw → TestBackend",
        "draw → crossterm sink",
    ];
    let mut rows = Vec::new();
    for (label, times) in labels.into_iter().zip(&mut times) {
        times.sort();
        let [median, p99] = [50, 99].map(|q| format!("{:.3}", ms(times, q)));
        rows.push(vec![label.to_string(), median, p99]);
    }
    let goal = verdict(ms(&times[1], 50), 2.0);
    rows.push(vec!["goal: draw median ≤ 2 ms".into(), goal]);
    table_of(
        &format!("frame: 4 busy panes at {width}×{height}, {FRAMES} frames (ms)"),
        &["", "median", "p99"],
        rows,
    );
    Ok(())
}

/// CPU % over 10 s, then RSS idle and after 4 × `seq 1 10000`, in MB.
type Idle = [f64; 3];

fn idle(tmux: bool) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let c = idle_cco(dir.path()).context("cco")?;
    let t = if tmux {
        Some(idle_tmux(dir.path()).context("tmux")?)
    } else {
        None
    };
    let row = |label: &str, i: usize, goal| compare(label, c[i], t.map(|t| t[i]), goal);
    table_of(
        "idle: 4 idle sh panes at 200×50 (tmux: server + client)",
        &COMPARE,
        vec![
            row("CPU % over 10 s", 0, Some(0.5)),
            row("RSS idle (MB)", 1, None),
            row("RSS after 4×10k lines (MB)", 2, Some(60.0)),
        ],
    );
    Ok(())
}

/// The text typed into each pane; the output line `SEQDONE` says it is done.
const SEQ: &str = "seq 1 10000; echo SEQ\"\"DONE";

fn idle_cco(dir: &Path) -> Result<Idle> {
    std::fs::create_dir_all(dir.join("cco/config"))?;
    std::fs::write(
        dir.join("cco/config/config.toml"),
        "default_command = \"sh\"\n",
    )?;
    let mut term = cco_term(&dir.join("cco"), &["sh"], (200, 50), true)?;
    term.wait_screen("1 session", 1)?;
    // The prefix C-Space is a NUL byte: split right, split down, focus pane 1, split down.
    for key in ["%", "\"", "1", "\""] {
        term.write(format!("\0{key}").as_bytes())?;
        std::thread::sleep(Duration::from_millis(100));
    }
    term.wait_screen("4 sessions", 1)?;
    let pid = term.pid()?;
    let cpu = settle_and_sample(&[pid])?;
    let before = rss_mb(&[pid])?;
    for pane in 1..=4 {
        term.write(format!("\0{pane}{SEQ}\r").as_bytes())?;
    }
    term.wait_screen("SEQDONE", 4)?;
    std::thread::sleep(Duration::from_secs(1));
    Ok([cpu, before, rss_mb(&[pid])?])
}

fn idle_tmux(dir: &Path) -> Result<Idle> {
    let server = Tmux(dir.join("tmux.sock"));
    let term = server.attach(dir, &["sh"], (200, 50), true)?;
    term.wait_screen("0:sh", 1)?;
    for _ in 0..3 {
        server.run(&["split-window", "sh", ";", "select-layout", "tiled"])?;
    }
    let panes = server.run(&["list-panes", "-F", "#{pane_id}"])?;
    if panes.lines().count() != 4 {
        bail!("tmux has not 4 panes but:\n{panes}");
    }
    let pids = [term.pid()?, server.pid()?];
    let cpu = settle_and_sample(&pids)?;
    let before = rss_mb(&pids)?;
    for pane in panes.lines() {
        server.run(&["send-keys", "-t", pane, SEQ, "Enter"])?;
    }
    term.wait_screen("SEQDONE", 4)?;
    std::thread::sleep(Duration::from_secs(1));
    Ok([cpu, before, rss_mb(&pids)?])
}

/// Waits 2 s, then measures the CPU % the processes use together over 10 s.
fn settle_and_sample(pids: &[u32]) -> Result<f64> {
    std::thread::sleep(Duration::from_secs(2));
    let (before, start) = (cpu_ticks(pids)?, Instant::now());
    std::thread::sleep(Duration::from_secs(10));
    let used = (cpu_ticks(pids)? - before) as f64 / USER_HZ;
    Ok(100.0 * used / start.elapsed().as_secs_f64())
}

/// What every program in a PTY gets (its `HOME` is its own folder, and cco gets its folders).
const ENV: [(&str, &str); 3] = [
    ("TERM", "xterm-256color"),
    ("SHELL", "/bin/sh"),
    ("PS1", "$ "),
];

/// A program in a PTY whose output the bench drains (into a vt100 screen when asked).
struct Term {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// The screen (if kept), bytes read, when the last ones came.
    output: Arc<Mutex<(Option<vt100::Parser>, u64, Instant)>>,
}

impl Term {
    /// Runs `argv` at `cols`×`rows` in `home` (also `HOME`, created if missing) with `env` added.
    fn spawn(
        argv: &[&str],
        home: &Path,
        env: &[(&str, &str)],
        (cols, rows): (u16, u16),
        screen: bool,
    ) -> Result<Term> {
        let size = PtySize {
            rows,
            cols,
            ..PtySize::default()
        };
        let pty = portable_pty::native_pty_system().openpty(size)?;
        std::fs::create_dir_all(home)?;
        let mut command = CommandBuilder::new(argv[0]);
        command.args(&argv[1..]);
        command.cwd(home);
        command.env("HOME", home);
        for (key, value) in ENV.iter().chain(env) {
            command.env(key, value);
        }
        for key in ["TMUX", "NO_COLOR", "ENV"] {
            command.env_remove(key);
        }
        let child = pty
            .slave
            .spawn_command(command)
            .with_context(|| format!("start {}", argv[0]))?;
        drop(pty.slave);
        let screen = screen.then(|| vt100::Parser::new(non_zero(rows), non_zero(cols), 0));
        let output = Arc::new(Mutex::new((screen, 0, Instant::now())));
        let (mut reader, sink) = (pty.master.try_clone_reader()?, Arc::clone(&output));
        std::thread::spawn(move || {
            let mut buffer = vec![0u8; 64 * 1024];
            while let Ok(n @ 1..) = reader.read(&mut buffer) {
                let mut out = sink.lock().expect("output lock");
                if let Some(screen) = &mut out.0 {
                    screen.process(&buffer[..n]);
                }
                out.1 += n as u64;
                out.2 = Instant::now();
            }
        });
        let writer = pty.master.take_writer()?;
        Ok(Term {
            _master: pty.master,
            writer,
            child,
            output,
        })
    }

    fn exited(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }

    fn pid(&self) -> Result<u32> {
        self.child.process_id().context("the child has no pid")
    }

    /// Bytes read so far and when the last ones came.
    fn output(&self) -> (u64, Instant) {
        let out = self.output.lock().expect("output lock");
        (out.1, out.2)
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.writer.write_all(bytes)?;
        Ok(self.writer.flush()?)
    }

    /// Waits until the screen shows `needle` at least `count` times.
    fn wait_screen(&self, needle: &str, count: usize) -> Result<()> {
        let text = || {
            let out = self.output.lock().expect("output lock");
            out.0
                .as_ref()
                .map_or(String::new(), |p| p.screen().contents())
        };
        let what = format!("{count} × {needle:?} on the screen");
        wait_for(&what, Duration::from_secs(30), || {
            text().matches(needle).count() >= count
        })
        .with_context(|| format!("screen:\n{}", text()))
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        // portable-pty sends SIGHUP, then SIGKILL if the child is still there after 250 ms.
        if !self.exited() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// `cco -- <command>` with its config, data and runtime folders under `home`.
fn cco_term(home: &Path, command: &[&str], size: (u16, u16), screen: bool) -> Result<Term> {
    let binary = cco_binary()?;
    let mut argv = vec![binary.to_str().context("the cco path is not UTF-8")?, "--"];
    argv.extend(command);
    let dirs = ["config", "data", "run"].map(|dir| home.join(dir).display().to_string());
    let env = [
        ("CCO_CONFIG_DIR", &*dirs[0]),
        ("CCO_DATA_DIR", &dirs[1]),
        ("CCO_RUNTIME_DIR", &dirs[2]),
    ];
    Term::spawn(&argv, home, &env, size, screen)
}

/// Panes stay when their command ends (as in cco) and keep as much history as cco's default
/// scrollback; the session ends with its client.
const TMUX_SETUP: &str = "start-server ; set -g remain-on-exit on ; set -g history-limit 10000 ; \
    set -g destroy-unattached on ; new-session";

/// A tmux server on its own socket (`tmux -S`, in a temp dir), killed on drop.
struct Tmux(PathBuf);

impl Tmux {
    /// Starts the server with a session running `command`, and its client in a new PTY.
    fn attach(&self, home: &Path, cmd: &[&str], at: (u16, u16), screen: bool) -> Result<Term> {
        let socket = self.0.to_str().context("the socket path is not UTF-8")?;
        let mut argv = vec!["tmux", "-S", socket, "-f", "/dev/null"];
        argv.extend(TMUX_SETUP.split(' '));
        argv.extend(cmd);
        Term::spawn(&argv, home, &[], at, screen)
    }

    fn run(&self, args: &[&str]) -> Result<String> {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.0)
            .args(args)
            .output()?;
        if !out.status.success() {
            bail!(
                "tmux {args:?}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn pid(&self) -> Result<u32> {
        let pid = self.run(&["display-message", "-p", "#{pid}"])?;
        pid.trim().parse().context("the tmux server's pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn non_zero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("terminal sizes are not zero")
}

fn wait_for(what: &str, timeout: Duration, mut check: impl FnMut() -> bool) -> Result<()> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if check() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    bail!("timed out after {timeout:?} waiting for {what}")
}

/// Linux gives process times in USER_HZ (`getconf CLK_TCK`): 100 a second.
const USER_HZ: f64 = 100.0;

/// utime + stime (fields 14 and 15 of /proc/PID/stat) of processes together, in clock ticks.
fn cpu_ticks(pids: &[u32]) -> Result<u64> {
    let mut ticks = 0;
    for pid in pids {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
        // After the command name in parentheses: state, then numbers; utime is field 14.
        let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after_name.split_whitespace().skip(11).take(2).collect();
        for field in fields {
            ticks += field.parse::<u64>().context("odd /proc/PID/stat")?;
        }
    }
    Ok(ticks)
}

/// VmRSS of processes together, in MB.
fn rss_mb(pids: &[u32]) -> Result<f64> {
    let mut kb = 0.0;
    for pid in pids {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
        let line = status.lines().find_map(|l| l.strip_prefix("VmRSS:"));
        let value = line.and_then(|l| l.trim().trim_end_matches("kB").trim().parse::<f64>().ok());
        kb += value.context("no VmRSS in /proc/PID/status")?;
    }
    Ok(kb / 1024.0)
}

fn verdict(value: f64, goal: f64) -> String {
    if value <= goal { "OK" } else { "MISSED" }.into()
}

/// A row of a comparison table: label, cco, tmux, their ratio, cco's goal.
fn compare(label: &str, cco: f64, tmux: Option<f64>, goal: Option<f64>) -> Vec<String> {
    let ratio = tmux
        .filter(|t| *t > 0.0)
        .map(|t| format!("{:.2}×", cco / t));
    let ratio = ratio.unwrap_or_else(|| "—".into());
    let goal = goal.map_or(String::new(), |g| format!("≤ {g} {}", verdict(cco, g)));
    let tmux = tmux.map_or("n/a".into(), |t| format!("{t:.2}"));
    vec![label.into(), format!("{cco:.2}"), tmux, ratio, goal]
}

/// xorshift64*: the same text every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

/// The words of the text: code, paths, tool calls, a few non-ASCII symbols.
const WORDS: &str = "fn let mut impl Result<()> cargo build error: warning: Compiling \
    src/main.rs:42:7 tokio::spawn async await Ok(()) the a pane session claude tool_use \
    Read(src/app.rs) ✓ → Edit Bash(cargo) passed 12.3s";

/// A line of words, about `min..=max` columns wide, a third of them coloured.
fn colored_line(rng: &mut Rng, min: usize, max: usize, end: &[u8]) -> Vec<u8> {
    let target = min + rng.below(max.saturating_sub(min) + 1);
    let words: Vec<&str> = WORDS.split(' ').collect();
    let (mut out, mut width) = (Vec::with_capacity(target + 64), 0);
    loop {
        let word = words[rng.below(words.len())];
        let word_width = word.chars().count() + usize::from(width > 0);
        if width + word_width > target {
            break;
        }
        out.extend_from_slice(if width > 0 { b" " } else { b"" });
        let written = match rng.below(6) {
            0 => write!(out, "\x1b[1;{}m{word}\x1b[0m", 31 + rng.below(6)),
            1 => write!(out, "\x1b[38;5;{}m{word}\x1b[39m", rng.below(256)),
            _ => write!(out, "{word}"),
        };
        written.expect("writing to a Vec");
        width += word_width;
    }
    out.extend_from_slice(end);
    out
}

/// Writes at least `bytes` bytes of coloured lines 92–120 columns wide.
fn write_text_file(path: &Path, bytes: u64) -> Result<()> {
    let mut file = BufWriter::new(std::fs::File::create(path)?);
    let (mut rng, mut written) = (Rng(42), 0);
    while written < bytes {
        let line = colored_line(&mut rng, 92, 120, b"\n");
        file.write_all(&line)?;
        written += line.len() as u64;
    }
    Ok(file.flush()?)
}
