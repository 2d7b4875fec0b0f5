//! The live cost feed: a thread that imports new transcript lines as Claude Code writes them
//! (file events, debounced, plus a slow tick for the clock) and hands out a fresh summary.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::time::Duration;

use jiff::tz::TimeZone;
use notify::{RecursiveMode, Watcher};

use super::budget::Budgets;
use super::import::import;
use super::pricing::PriceTable;
use super::sources::{config_dirs, transcript_files};
use super::store::Store;
use super::summary::Summary;

/// Writes closer together than this are imported together.
const DEBOUNCE: Duration = Duration::from_millis(250);
/// Without file events, the summary is rebuilt this often (burn rate, time left, new day).
const TICK: Duration = Duration::from_secs(30);

pub struct WatchSettings {
    pub database: PathBuf,
    pub prices: PriceTable,
    pub tz: TimeZone,
    pub budgets: Budgets,
}

impl WatchSettings {
    /// Prices (the embedded table under the user's `pricing.toml`), the time zone (`tz`, else
    /// `timezone` in config.toml, else the system's) and budgets. Problems worth telling the
    /// user come back beside the settings; an unusable price file or zone is an error.
    pub fn load(
        paths: &crate::config::Paths,
        settings: &crate::config::Settings,
        tz: Option<&str>,
    ) -> anyhow::Result<(WatchSettings, Vec<String>)> {
        let mut problems = settings.budget.problems();
        let pricing_path = paths.config_dir.join("pricing.toml");
        let user_prices = crate::config::read_user_file(&pricing_path, &mut problems);
        let prices = PriceTable::load(user_prices.as_deref()).map_err(|problem| {
            anyhow::anyhow!("{problem} ({}): fix or remove it", pricing_path.display())
        })?;
        let tz = match tz.or(settings.timezone.as_deref()) {
            None => TimeZone::system(),
            Some(name) => TimeZone::get(name).map_err(|_| {
                anyhow::anyhow!(
                    "unknown time zone {name:?}: use an IANA name such as Europe/Paris, or UTC"
                )
            })?,
        };
        let settings = WatchSettings {
            database: crate::db::path(&paths.data_dir),
            prices,
            tz,
            budgets: settings.budget.clone(),
        };
        Ok((settings, problems))
    }
}

/// What the feed reports.
#[derive(Debug)]
pub enum CostUpdate {
    Summary(Box<Summary>),
    /// Something went wrong; the feed keeps going when it can.
    Problem(String),
}

/// Starts the feed. `send` returns false once nobody listens, which ends the thread.
pub fn spawn(
    settings: WatchSettings,
    send: impl Fn(CostUpdate) -> bool + Send + 'static,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("cost".into())
        .spawn(move || run(settings, send))?;
    Ok(())
}

fn run(settings: WatchSettings, send: impl Fn(CostUpdate) -> bool) {
    let mut store = match Store::open(&settings.database) {
        Ok(store) => store,
        Err(error) => {
            send(CostUpdate::Problem(format!("cost: {error:#}")));
            return;
        }
    };
    let (changed, changes) = channel();
    let watcher = notify::recommended_watcher(move |_event| {
        let _ = changed.send(());
    });
    let mut watcher = match watcher {
        Ok(watcher) => Some(watcher),
        Err(error) => {
            send(CostUpdate::Problem(format!(
                "cost: cannot watch transcripts ({error}); refreshing every {} s",
                TICK.as_secs()
            )));
            None
        }
    };
    let mut watched: Vec<PathBuf> = Vec::new();
    loop {
        let dirs = config_dirs();
        if let Some(watcher) = watcher.as_mut() {
            for dir in &dirs {
                watch_projects(watcher, dir, &mut watched);
            }
        }
        if !refresh(&mut store, &settings, &dirs, &send) {
            return;
        }
        match changes.recv_timeout(TICK) {
            Ok(()) => {
                std::thread::sleep(DEBOUNCE);
                while changes.try_recv().is_ok() {}
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => std::thread::sleep(TICK),
        }
    }
}

/// Watches `<dir>/projects` and everything below it. Until Claude Code creates it (a fresh
/// config dir), watches the config dir itself, so the first transcript is noticed at once
/// rather than at the next tick.
fn watch_projects(watcher: &mut impl Watcher, dir: &Path, watched: &mut Vec<PathBuf>) {
    let projects = dir.join("projects");
    if watched.contains(&projects) {
        return;
    }
    let (target, mode) = if projects.is_dir() {
        (projects, RecursiveMode::Recursive)
    } else {
        (dir.to_path_buf(), RecursiveMode::NonRecursive)
    };
    if watched.contains(&target) {
        return;
    }
    match watcher.watch(&target, mode) {
        Ok(()) => {
            if mode == RecursiveMode::Recursive && watched.contains(&dir.to_path_buf()) {
                let _ = watcher.unwatch(dir);
                watched.retain(|path| path != dir);
            }
            watched.push(target);
        }
        Err(error) => tracing::warn!(%error, dir = %target.display(), "cannot watch"),
    }
}

/// Imports what is new and sends the summary; false once nobody listens.
fn refresh(
    store: &mut Store,
    settings: &WatchSettings,
    dirs: &[PathBuf],
    send: &impl Fn(CostUpdate) -> bool,
) -> bool {
    let files = transcript_files(dirs);
    if let Err(error) = import(store, &settings.prices, &files, &mut |_, _| {}) {
        tracing::warn!("cost import: {error:#}");
        if !send(CostUpdate::Problem(format!("cost import: {error:#}"))) {
            return false;
        }
    }
    let now_ms = jiff::Timestamp::now().as_millisecond();
    match Summary::build(store, &settings.tz, now_ms, &settings.budgets) {
        Ok(summary) => send(CostUpdate::Summary(Box::new(summary))),
        Err(error) => send(CostUpdate::Problem(format!("cost: {error:#}"))),
    }
}
