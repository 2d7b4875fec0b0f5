//! The event loop: drain events → update → carry out effects → draw when dirty, at most once
//! per frame interval. PTY I/O runs on threads; nothing here blocks.

pub mod dashboard;
mod hooks;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

use crate::app::{App, Effect, Level};
use crate::config::Config;
use crate::cost::watcher::{self, WatchSettings};
use crate::event::Event;
use crate::session::{lock, PaneId, PtyHandle, SpawnRequest};
use crate::terminal::{cursor_style, TerminalGuard};

/// At most this many frames per second are drawn, however busy the panes are.
const FRAME_INTERVAL: Duration = Duration::from_millis(16);

pub struct Launch {
    pub first_command: Vec<String>,
    pub default_command: Vec<String>,
    /// Said in the status line at start (e.g. which default command panes run).
    pub note: String,
}

pub fn run(config: Config, launch: Launch) -> anyhow::Result<()> {
    block_on(event_loop(config, launch))
}

/// Runs a screen's loop on a single-threaded runtime: everything slow lives on threads.
fn block_on(screen: impl std::future::Future<Output = anyhow::Result<()>>) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?
        .block_on(screen)
}

async fn event_loop(config: Config, launch: Launch) -> anyhow::Result<()> {
    let mut guard = TerminalGuard::enter().context("could not set up the terminal")?;
    let size = guard
        .tui
        .size()
        .context("could not read the terminal size")?;
    let (events, mut inbox) = unbounded_channel();
    spawn_input(events.clone());
    spawn_signals(events.clone());

    let mut app = App::new(&config, launch.default_command, size.width, size.height);
    if app.message.is_none() {
        app.say(Level::Info, launch.note);
    }
    start_cost_feed(&config, &mut app, &events);
    load_roster(&config, &mut app);
    let services = Services {
        hooks: hooks::Hooks::start(&config, &mut app, &events),
        credentials: start_credentials_worker(&config, &events),
        knowledge: start_knowledge_worker(&config, &events),
    };
    // Whatever this process reads from the keyring stays out of core dumps.
    crate::credentials::harden_process();
    app.open_pane(launch.first_command, None);
    let mut handles: HashMap<PaneId, PtyHandle> = HashMap::new();
    let mut last_draw: Option<Instant> = None;
    loop {
        for effect in app.take_effects() {
            carry_out(effect, &app, &mut handles, &events, &mut guard, &services);
        }
        if app.should_quit {
            break;
        }
        let now = Instant::now();
        let next_frame = last_draw.map_or(now, |at| at + FRAME_INTERVAL);
        if app.dirty && now >= next_frame {
            let size = guard
                .tui
                .size()
                .context("could not read the terminal size")?;
            if (size.width, size.height) != (app.size().width, app.size().height) {
                tracing::trace!(
                    width = size.width,
                    height = size.height,
                    "terminal size changed"
                );
                app.resize(size.width, size.height);
                continue;
            }
            // Acknowledge before reading the screens: output that lands during the draw then
            // sends a new wake-up instead of waiting for something else to redraw.
            for handle in handles.values() {
                handle.acknowledge_output();
            }
            tracing::trace!(width = size.width, height = size.height, "draw");
            guard.tui.draw(|frame| crate::ui::draw(frame, &app))?;
            app.dirty = false;
            last_draw = Some(now);
            app.sync_cursor_shape();
            continue;
        }
        let hold_deadline = app
            .panes
            .values()
            .filter_map(|pane| lock(&pane.screen).hold_deadline())
            .min();
        let draw_deadline = app.dirty.then_some(next_frame);
        let deadline = [hold_deadline, draw_deadline, app.next_deadline()]
            .into_iter()
            .flatten()
            .min();
        tokio::select! {
            event = inbox.recv() => match event {
                Some(event) => drain(&mut app, event, &mut inbox),
                None => break,
            },
            () = sleep_until(deadline) => {
                app.tick(Instant::now());
                release_stale_frames(&mut app, &handles);
            }
        }
    }
    drop(handles);
    drop(guard);
    Ok(())
}

/// The background workers effects are handed to.
struct Services {
    hooks: hooks::Hooks,
    credentials: std::sync::mpsc::Sender<crate::credentials::worker::Job>,
    knowledge: std::sync::mpsc::Sender<crate::knowledge::worker::Job>,
}

fn start_credentials_worker(
    config: &Config,
    events: &UnboundedSender<Event>,
) -> std::sync::mpsc::Sender<crate::credentials::worker::Job> {
    let events = events.clone();
    crate::credentials::worker::spawn(
        config.paths.data_dir.clone(),
        config.settings.credentials.clone(),
        move |news| events.send(Event::Credentials(news)).is_ok(),
    )
}

/// The knowledge panel's worker: an idle thread until the panel first asks something, when
/// it opens the knowledge base (and loads the model, when one is configured).
fn start_knowledge_worker(
    config: &Config,
    events: &UnboundedSender<Event>,
) -> std::sync::mpsc::Sender<crate::knowledge::worker::Job> {
    let events = events.clone();
    crate::knowledge::worker::spawn(
        config.paths.data_dir.clone(),
        config.settings.knowledge.clone(),
        move |news| events.send(Event::Knowledge(news)).is_ok(),
    )
}

/// The embedded roster and the user's agent files; broken files are named in the status line.
fn load_roster(config: &Config, app: &mut App) {
    let roster = crate::agents::Roster::load(&config.paths.agents_dir());
    if let Some(problem) = roster.problems.first() {
        app.say(
            Level::Warning,
            format!(
                "agent file {} left out: {} ({} problem(s); `cco agents validate` lists them)",
                problem.file,
                problem.message,
                roster.problems.len()
            ),
        );
    }
    app.agents.roster = roster;
}

/// Starts the cost feed; what goes wrong is said in the status line, the panes run anyway.
fn start_cost_feed(config: &Config, app: &mut App, events: &UnboundedSender<Event>) {
    let (settings, problems) = match WatchSettings::load(&config.paths, &config.settings, None) {
        Ok(loaded) => loaded,
        Err(error) => {
            app.say(Level::Error, format!("cost: {error:#}"));
            return;
        }
    };
    if let Some(problem) = problems.first() {
        app.say(Level::Warning, problem.clone());
    }
    let events = events.clone();
    if let Err(error) = watcher::spawn(settings, move |update| {
        events.send(Event::Cost(update)).is_ok()
    }) {
        app.say(
            Level::Error,
            format!("cost: cannot start the cost feed: {error}"),
        );
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(at) => tokio::time::sleep_until(at.into()).await,
        None => std::future::pending().await,
    }
}

/// Applies the event and everything else already queued, so bursts cost one frame.
fn drain(app: &mut App, first: Event, inbox: &mut UnboundedReceiver<Event>) {
    app.update(first);
    while let Ok(event) = inbox.try_recv() {
        app.update(event);
    }
}

fn release_stale_frames(app: &mut App, handles: &HashMap<PaneId, PtyHandle>) {
    let now = Instant::now();
    for pane in app.panes.values() {
        let outcome = lock(&pane.screen).release_if_stale(now);
        if let (false, Some(handle)) = (outcome.replies.is_empty(), handles.get(&pane.id)) {
            handle.write(outcome.replies);
        }
        app.dirty |= outcome.changed;
    }
}

fn carry_out(
    effect: Effect,
    app: &App,
    handles: &mut HashMap<PaneId, PtyHandle>,
    events: &UnboundedSender<Event>,
    guard: &mut TerminalGuard,
    services: &Services,
) {
    match effect {
        Effect::Spawn {
            pane,
            command,
            env,
            rows,
            cols,
        } => {
            let Some(screen) = app.panes.get(&pane).map(|p| p.screen.clone()) else {
                return;
            };
            let request = SpawnRequest {
                pane,
                command,
                cwd: None,
                env,
                rows,
                cols,
                screen,
            };
            match PtyHandle::spawn(request, events.clone()) {
                Ok(handle) => {
                    handles.insert(pane, handle);
                }
                Err(error) => {
                    let _ = events.send(Event::SpawnFailed {
                        pane,
                        error: format!("{error:#}"),
                    });
                }
            }
        }
        Effect::Write { pane, bytes } => {
            if let Some(handle) = handles.get(&pane) {
                handle.write(bytes);
            }
        }
        Effect::Resize { pane, rows, cols } => {
            if let Some(handle) = handles.get_mut(&pane) {
                handle.resize(rows, cols);
            }
        }
        Effect::Close { pane } => {
            handles.remove(&pane);
        }
        Effect::CursorShape(code) => {
            let _ = crossterm::execute!(guard.tui.backend_mut(), cursor_style(code));
        }
        Effect::Answer { key, answer } => services.hooks.answer(key, answer),
        Effect::Reply { key, outcome } => services.hooks.reply(key, outcome),
        Effect::Audit(record) => services.hooks.audit(*record),
        Effect::Credentials(job) => {
            if services.credentials.send(job).is_err() {
                let _ = events.send(Event::Warning("the credentials worker has stopped".into()));
            }
        }
        Effect::Knowledge(job) => {
            if services.knowledge.send(job).is_err() {
                let _ = events.send(Event::Warning("the knowledge worker has stopped".into()));
            }
        }
        Effect::Announce(bytes) => {
            use std::io::Write as _;
            let backend = guard.tui.backend_mut();
            let _ = backend.write_all(&bytes).and_then(|()| backend.flush());
        }
    }
}

/// Reads the terminal on a thread of its own with crossterm's blocking reader: simpler than its
/// async stream, which could stop delivering input under a flood of output and resizes at once.
fn spawn_input(events: UnboundedSender<Event>) {
    let reader = move || loop {
        let event = match crossterm::event::read() {
            Ok(event) => {
                tracing::trace!(?event, "terminal event");
                Event::Terminal(event)
            }
            Err(error) => {
                let _ = events.send(Event::InputClosed(error.to_string()));
                return;
            }
        };
        if events.send(event).is_err() {
            return;
        }
    };
    if let Err(error) = std::thread::Builder::new()
        .name("input".into())
        .spawn(reader)
    {
        tracing::error!(%error, "could not start the input thread");
    }
}

fn spawn_signals(events: UnboundedSender<Event>) {
    use tokio::signal::unix::{signal, SignalKind};
    for (kind, name) in [
        (SignalKind::terminate(), "SIGTERM"),
        (SignalKind::hangup(), "SIGHUP"),
        (SignalKind::interrupt(), "SIGINT"),
    ] {
        let Ok(mut stream) = signal(kind) else {
            tracing::warn!(name, "could not listen for signal");
            continue;
        };
        let events = events.clone();
        tokio::spawn(async move {
            if stream.recv().await.is_some() {
                let _ = events.send(Event::Shutdown(name));
            }
        });
    }
}
