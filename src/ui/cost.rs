//! The cost panel: today, the active block with burn rate and projection, this month, budget
//! gauges, the last 30 days, spending per model and the most recent calls.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Row, Sparkline, Table};
use ratatui::Frame;

use crate::cost::report::{short_model, Totals};
use crate::cost::summary::Summary;
use crate::theme::Theme;

pub fn draw_cost(
    frame: &mut Frame,
    area: Rect,
    summary: Option<&Summary>,
    focused: bool,
    theme: &Theme,
) {
    let block = super::panel_block(" cost ", focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(summary) = summary else {
        let waiting = Paragraph::new("reading Claude Code transcripts…")
            .style(Style::default().fg(theme.muted));
        frame.render_widget(waiting, inner);
        return;
    };
    let gauges = u16::try_from(summary.gauges.len()).unwrap_or(0);
    let [headline, gauge_area, body] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(gauges),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(headline_lines(summary, theme)), headline);
    draw_gauges(frame, gauge_area, summary, theme);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    let chart_height = left.height.min(5);
    let [chart, models] =
        Layout::vertical([Constraint::Length(chart_height), Constraint::Min(0)]).areas(left);
    draw_chart(frame, chart, summary, theme);
    draw_models(frame, models, summary, theme);
    draw_recent(frame, right, summary, theme);
}

fn headline_lines(summary: &Summary, theme: &Theme) -> Vec<Line<'static>> {
    let strong = Style::default()
        .fg(theme.title_focused)
        .add_modifier(Modifier::BOLD);
    let muted = Style::default().fg(theme.muted);
    let totals_line = |label: String, totals: &Totals| {
        Line::from(vec![
            Span::styled(format!("{label:<11}"), muted),
            Span::styled(format!("{:>10}", money(totals.cost_picos)), strong),
            Span::styled(
                format!(
                    "  {} tok · {} calls",
                    compact(totals.usage.total()),
                    totals.calls
                ),
                muted,
            ),
        ])
    };
    let mut lines = vec![totals_line("today".into(), &summary.today_totals)];
    match (&summary.block, summary.burn) {
        (Some(block), Some(burn)) => {
            let left_min = (block.end_ms - summary.now_ms).max(0) / 60_000;
            let mut line = totals_line("block".into(), &block.totals);
            line.spans.push(Span::styled(
                format!(
                    " · {}/min · ${:.2}/h → ${:.2} · {}h{:02} left",
                    compact(burn.tokens_per_minute as u64),
                    burn.usd_per_hour,
                    burn.projected_usd,
                    left_min / 60,
                    left_min % 60
                ),
                Style::default().fg(theme.accent),
            ));
            lines.push(line);
        }
        _ => lines.push(Line::from(Span::styled(
            format!("{:<11}none active", "block"),
            muted,
        ))),
    }
    lines.push(totals_line(
        format!("{:04}-{:02}", summary.today.year(), summary.today.month()),
        &summary.month_totals,
    ));
    lines
}

fn draw_gauges(frame: &mut Frame, area: Rect, summary: &Summary, theme: &Theme) {
    for (index, gauge) in summary.gauges.iter().enumerate() {
        let row = Rect {
            y: area.y + u16::try_from(index).unwrap_or(0),
            height: 1,
            ..area
        };
        if row.y >= area.bottom() {
            break;
        }
        let color = if gauge.over() {
            theme.error
        } else if gauge.ratio() >= 0.8 {
            theme.warning
        } else {
            theme.success
        };
        let label = format!(
            "{:<8}${:.2} / ${:.2}{}",
            gauge.scope,
            gauge.spent_usd,
            gauge.limit_usd,
            if gauge.over() { " OVER" } else { "" }
        );
        let widget = LineGauge::default()
            .ratio(gauge.ratio().clamp(0.0, 1.0))
            .label(label)
            .filled_style(Style::default().fg(color))
            .unfilled_style(Style::default().fg(theme.muted));
        frame.render_widget(widget, row);
    }
}

fn draw_chart(frame: &mut Frame, area: Rect, summary: &Summary, theme: &Theme) {
    if area.height < 2 {
        return;
    }
    let values: Vec<u64> = summary
        .days
        .iter()
        .map(|(_, totals)| u64::try_from(totals.cost_picos / 10_000_000_000).unwrap_or(0))
        .collect();
    let peak = summary
        .days
        .iter()
        .map(|(_, t)| t.cost_picos)
        .max()
        .unwrap_or(0);
    let title = format!("{} days, peak {}", summary.days.len(), money(peak));
    let [label, bars] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(title).style(Style::default().fg(theme.muted)),
        label,
    );
    let width = usize::from(bars.width);
    let shown = &values[values.len().saturating_sub(width)..];
    frame.render_widget(
        Sparkline::default()
            .data(shown)
            .style(Style::default().fg(theme.accent)),
        bars,
    );
}

fn draw_models(frame: &mut Frame, area: Rect, summary: &Summary, theme: &Theme) {
    let rows = summary.models.iter().map(|row| {
        let cost = if row.totals.unpriced > 0 {
            format!("{}*", money(row.totals.cost_picos))
        } else {
            money(row.totals.cost_picos)
        };
        Row::new(vec![
            short_model(&row.key).to_string(),
            compact(row.totals.usage.total()),
            cost,
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Min(10),
            Constraint::Length(7),
            Constraint::Length(10),
        ],
    )
    .header(
        Row::new(vec!["model (month)", "tokens", "cost"]).style(Style::default().fg(theme.muted)),
    );
    frame.render_widget(table, area);
}

fn draw_recent(frame: &mut Frame, area: Rect, summary: &Summary, theme: &Theme) {
    let rows = summary.recent.iter().map(|call| {
        let time = jiff::Timestamp::from_millisecond(call.ms)
            .map(|t| {
                t.to_zoned(summary.tz.clone())
                    .strftime("%H:%M:%S")
                    .to_string()
            })
            .unwrap_or_default();
        let cost = call
            .cost_picos
            .map_or_else(|| "unpriced".to_string(), money);
        Row::new(vec![
            time,
            short_model(&call.model).to_string(),
            compact(call.usage.total()),
            cost,
            call.project.clone(),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(8),
            Constraint::Length(12),
            Constraint::Length(7),
            Constraint::Length(9),
            Constraint::Min(0),
        ],
    )
    .header(
        Row::new(vec!["recent", "model", "tokens", "cost", "project"])
            .style(Style::default().fg(theme.muted)),
    );
    frame.render_widget(table, area);
}

/// `$12.34`, with more digits below a cent so small calls do not read as free.
pub fn money(picos: i64) -> String {
    let usd = picos as f64 / crate::cost::pricing::PICOS_PER_USD;
    if usd != 0.0 && usd.abs() < 0.01 {
        format!("${usd:.4}")
    } else {
        format!("${usd:.2}")
    }
}

/// `950`, `12.3k`, `4.5M`.
pub fn compact(value: u64) -> String {
    match value {
        0..1_000 => value.to_string(),
        1_000..1_000_000 => format!("{:.1}k", value as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1}M", value as f64 / 1e6),
        _ => format!("{:.1}G", value as f64 / 1e9),
    }
}
