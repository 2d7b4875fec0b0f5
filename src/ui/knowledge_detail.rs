//! The knowledge panel's detail views: one item in full (text, id, type, project, source,
//! session, creation time, what superseded it), and the stats in full with the brief last
//! injected into a session.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::knowledge::item::age;
use crate::knowledge::{describe_stats, Item, Stats};
use crate::theme::Theme;

pub(super) fn item_lines(item: &Item, now_ms: i64, theme: &Theme) -> Vec<Line<'static>> {
    let label = Style::default().fg(theme.muted);
    let superseded_by = item
        .superseded_by
        .map_or_else(|| "—".into(), |id| format!("item {id}"));
    // The facts take two lines, so that a small panel still shows some of the text.
    let facts = [
        ("project", item.project.clone()),
        ("source", item.source.as_str().into()),
        (
            "session",
            item.session_id.clone().unwrap_or_else(|| "—".into()),
        ),
        ("superseded by", superseded_by),
    ];
    let mut spans = Vec::new();
    for (index, (name, value)) in facts.into_iter().enumerate() {
        let separator = if index == 0 { "" } else { " · " };
        spans.push(Span::styled(format!("{separator}{name}: "), label));
        spans.push(Span::raw(value));
    }
    let heading = format!(
        "item {} · {} · {} ago · created {}",
        item.id,
        item.kind.as_str(),
        age(now_ms, item.created_ms),
        created_text(item.created_ms)
    );
    let mut lines = vec![
        Line::styled(heading, Style::default().add_modifier(Modifier::BOLD)),
        Line::from(spans),
        Line::default(),
    ];
    lines.extend(item.text.lines().map(|line| Line::raw(line.to_string())));
    lines
}

/// A creation time in the local time zone, as `cco knowledge show` prints it.
pub(super) fn created_text(created_ms: i64) -> String {
    jiff::Timestamp::from_millisecond(created_ms)
        .map(|t| {
            t.to_zoned(jiff::tz::TimeZone::system())
                .strftime("%F %T")
                .to_string()
        })
        .unwrap_or_default()
}

pub(super) fn stats_lines(stats: Option<&Stats>, now_ms: i64, theme: &Theme) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let muted = Style::default().fg(theme.muted);
    let Some(stats) = stats else {
        return vec![Line::styled("opening the knowledge base…", muted)];
    };
    let mut lines: Vec<Line> = describe_stats(stats, now_ms)
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.push(Line::default());
    match &stats.last_injection {
        Some(brief) => {
            let session = brief.session_id.as_deref().unwrap_or("—");
            lines.push(Line::styled(
                format!(
                    "the last brief, injected {} ago at SessionStart {} into session {session}:",
                    age(now_ms, brief.at_ms),
                    brief.source
                ),
                bold,
            ));
            lines.extend(brief.text.lines().map(|line| Line::raw(line.to_string())));
        }
        None => lines.push(Line::styled(
            "No brief has been injected into a session yet.",
            muted,
        )),
    }
    lines
}
