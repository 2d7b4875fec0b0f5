//! `cco monitor dashboard`: the cost panel on the whole screen, live, until `q`.

use anyhow::Context as _;
use crossterm::event::{Event as TerminalEvent, KeyCode, KeyEventKind, KeyModifiers};
use tokio::sync::mpsc::unbounded_channel;

use super::{spawn_input, spawn_signals};
use crate::cost::summary::Summary;
use crate::cost::watcher::{self, CostUpdate, WatchSettings};
use crate::event::Event;
use crate::terminal::TerminalGuard;
use crate::theme::Theme;

pub fn run(theme: Theme, settings: WatchSettings) -> anyhow::Result<()> {
    super::block_on(show(theme, settings))
}

async fn show(theme: Theme, settings: WatchSettings) -> anyhow::Result<()> {
    let mut guard = TerminalGuard::enter().context("could not set up the terminal")?;
    let (events, mut inbox) = unbounded_channel();
    spawn_input(events.clone());
    spawn_signals(events.clone());
    let feed = events.clone();
    watcher::spawn(settings, move |update| {
        feed.send(Event::Cost(update)).is_ok()
    })
    .context("could not start the cost feed")?;
    let mut summary: Option<Box<Summary>> = None;
    let mut problem: Option<String> = None;
    loop {
        guard.tui.draw(|frame| {
            crate::ui::draw_dashboard(frame, summary.as_deref(), problem.as_deref(), &theme)
        })?;
        match inbox.recv().await {
            Some(Event::Cost(CostUpdate::Summary(fresh))) => summary = Some(fresh),
            Some(Event::Cost(CostUpdate::Problem(text))) => problem = Some(text),
            Some(Event::Terminal(TerminalEvent::Key(key))) if key.kind != KeyEventKind::Release => {
                let ctrl_c =
                    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
                if ctrl_c || matches!(key.code, KeyCode::Char('q') | KeyCode::Esc) {
                    break;
                }
            }
            Some(Event::Shutdown(_) | Event::InputClosed(_)) | None => break,
            Some(_) => {}
        }
    }
    drop(guard);
    Ok(())
}
