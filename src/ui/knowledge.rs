//! The knowledge panel: a search box, the ranked results (type, age, project and text on one
//! line each), the panel's status and stats lines, or one of its detail views.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::knowledge_detail::{item_lines, stats_lines};
use crate::action::{Action, Layer};
use crate::app::{App, KnowledgePanel, KnowledgeView, Level};
use crate::knowledge::item::age;
use crate::knowledge::{describe_stats, Item, Stats};
use crate::text::one_line;
use crate::theme::Theme;

const LIST_KEYS: &str =
    "type to search · ↑↓ select · Enter show · C-n new · C-s supersede · C-l stats & brief · Esc back";
const ITEM_KEYS: &str = "↑↓ scroll · C-n new · C-s supersede · C-l stats & brief · Esc back";
const STATS_KEYS: &str = "↑↓ scroll · C-n new · Esc back";

/// The widest the project column gets.
const PROJECT_WIDTH: usize = 18;

pub fn draw_knowledge(frame: &mut Frame, area: Rect, app: &App, focused: bool, now_ms: i64) {
    let theme = &app.theme;
    let panel = &app.knowledge;
    let block = super::panel_block(title(panel.stats.as_deref()), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [body, keys] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(u16::from(focused))]).areas(inner);
    let hints = match panel.view {
        KnowledgeView::List => LIST_KEYS,
        KnowledgeView::Item(_) => ITEM_KEYS,
        KnowledgeView::Stats => STATS_KEYS,
    };
    let muted = Style::default().fg(theme.muted);
    frame.render_widget(Paragraph::new(hints).style(muted), keys);
    let detail = match &panel.view {
        KnowledgeView::List => return draw_list(frame, body, app, focused, now_ms),
        KnowledgeView::Item(item) => item_lines(item, now_ms, theme),
        KnowledgeView::Stats => stats_lines(panel.stats.as_deref(), now_ms, theme),
    };
    let detail = Paragraph::new(detail)
        .wrap(Wrap { trim: false })
        .scroll((panel.scroll, 0));
    frame.render_widget(detail, body);
}

fn title(stats: Option<&Stats>) -> String {
    match stats {
        None => " knowledge ".into(),
        Some(stats) => {
            let search = match stats.semantic_off {
                Some(_) => "BM25 only",
                None => "hybrid search",
            };
            format!(" knowledge · {} items · {search} ", stats.live)
        }
    }
}

fn draw_list(frame: &mut Frame, area: Rect, app: &App, focused: bool, now_ms: i64) {
    let (panel, theme) = (&app.knowledge, &app.theme);
    let muted = Style::default().fg(theme.muted);
    let stats_height = if area.height >= 7 { 2 } else { 0 };
    let [search, results, status, stats] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(stats_height),
    ])
    .areas(area);
    let [label, query] =
        Layout::horizontal([Constraint::Length(8), Constraint::Min(1)]).areas(search);
    frame.render_widget(Paragraph::new("search: ").style(muted), label);
    if focused {
        frame.render_widget(&panel.query, query);
    } else if panel.query.is_empty() {
        frame.render_widget(Paragraph::new(focus_hint(app)).style(muted), query);
    } else {
        frame.render_widget(Paragraph::new(panel.query_text()), query);
    }
    draw_results(frame, results, app, focused, now_ms);
    let status_line = match &panel.note {
        Some(note) => Line::styled(
            note.text.as_str(),
            Style::default().fg(level_colour(note.level, theme)),
        ),
        None => Line::styled(summary(panel), muted),
    };
    frame.render_widget(Paragraph::new(status_line), status);
    let width = usize::from(stats.width);
    let stats_lines: Vec<Line> = match panel.stats.as_deref() {
        None => vec![Line::styled("opening the knowledge base…", muted)],
        Some(figures) => {
            let [counts, injection] = stats_summary(figures, now_ms);
            let counts_colour = match figures.semantic_off {
                Some(_) => theme.warning,
                None => theme.muted,
            };
            vec![
                Line::styled(one_line(&counts, width), Style::default().fg(counts_colour)),
                Line::styled(one_line(&injection, width), muted),
            ]
        }
    };
    frame.render_widget(Paragraph::new(stats_lines), stats);
}

fn draw_results(frame: &mut Frame, area: Rect, app: &App, focused: bool, now_ms: i64) {
    let (panel, theme) = (&app.knowledge, &app.theme);
    if panel.items.is_empty() {
        let text = if !panel.answered {
            "searching…".to_string()
        } else if panel.query.is_empty() {
            "No knowledge stored yet: C-n adds an item; sessions add theirs through cco's hooks."
                .to_string()
        } else {
            format!("Nothing matches “{}”.", panel.query_text())
        };
        let muted = Style::default().fg(theme.muted);
        frame.render_widget(Paragraph::new(text).style(muted), area);
        return;
    }
    let height = usize::from(area.height.max(1));
    let selected = panel.selected.min(panel.items.len() - 1);
    let first = selected.saturating_sub(height - 1);
    let lines: Vec<Line> = panel
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(index, item)| {
            let line = result_line(item, now_ms, usize::from(area.width), theme);
            if focused && index == selected {
                let chosen = Style::default()
                    .bg(theme.selection_bg)
                    .add_modifier(Modifier::BOLD);
                line.style(chosen)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn result_line(item: &Item, now_ms: i64, width: usize, theme: &Theme) -> Line<'static> {
    let muted = Style::default().fg(theme.muted);
    let project = short_project(&item.project, PROJECT_WIDTH);
    let text_width = width.saturating_sub(11 + 5 + PROJECT_WIDTH + 1).max(1);
    Line::from(vec![
        Span::styled(
            format!("{:<11}", item.kind.as_str()),
            Style::default().fg(theme.accent),
        ),
        Span::styled(format!("{:>4} ", age(now_ms, item.created_ms)), muted),
        Span::styled(format!("{project:<PROJECT_WIDTH$} "), muted),
        Span::raw(one_line(&item.text, text_width)),
    ])
}

/// The end of a project key that tells projects apart, `acme/widgets` for
/// `github.com/acme/widgets` or `code/app` for `/home/me/code/app`, cut to `max` characters
/// from the left.
pub fn short_project(project: &str, max: usize) -> String {
    let parts: Vec<&str> = project.split('/').filter(|p| !p.is_empty()).collect();
    let tail = parts[parts.len().saturating_sub(2)..].join("/");
    let count = tail.chars().count();
    if count <= max {
        return tail;
    }
    let kept: String = tail.chars().skip(count + 1 - max).collect();
    format!("…{kept}")
}

/// What the results are, when there is no note to show.
fn summary(panel: &KnowledgePanel) -> String {
    let count = panel.items.len();
    match (panel.answered, panel.query.is_empty()) {
        (false, _) => "searching…".into(),
        (true, true) => format!("the {count} newest items"),
        (true, false) => format!("{count} results for “{}”", panel.query_text()),
    }
}

/// The stats in two lines: the counts and how search runs, then the last injection.
fn stats_summary(stats: &Stats, now_ms: i64) -> [String; 2] {
    let mut lines = describe_stats(stats, now_ms);
    let injection = lines.pop().unwrap_or_default();
    lines.retain(|line| !line.starts_with("by type:"));
    [lines.join(" · "), injection]
}

fn level_colour(level: Level, theme: &Theme) -> ratatui::style::Color {
    match level {
        Level::Info => theme.success,
        Level::Warning => theme.warning,
        Level::Error => theme.error,
    }
}

/// "C-Space m focuses this panel", with the keys of the person's keymap.
fn focus_hint(app: &App) -> String {
    let key = app
        .keymap
        .bindings(Layer::Prefix)
        .into_iter()
        .find(|(action, _)| *action == Action::ToggleKnowledgePanel)
        .and_then(|(_, keys)| keys.first().map(ToString::to_string));
    match key {
        Some(key) => format!("{} {key} focuses this panel", app.keymap.prefix),
        None => "focus this panel to search".into(),
    }
}

#[cfg(test)]
#[path = "knowledge_tests.rs"]
mod tests;
