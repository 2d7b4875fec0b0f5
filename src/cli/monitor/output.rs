//! How `cco monitor` prints: tables for people, JSON (ccusage's field names for daily, weekly
//! and monthly) and CSV for scripts.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, Table};
use jiff::tz::TimeZone;
use serde_json::{json, Map, Value};

use super::{ExportFormat, ReportOptions};
use crate::cost::blocks::Block;
use crate::cost::import::ImportReport;
use crate::cost::report::{short_model, GroupBy, Row, Totals};
use crate::cost::store::Store;
use crate::cost::summary::{calls_between, Summary};

/// The JSON names of a grouping: the list's and the key's (ccusage's for the periods).
fn names(group: GroupBy) -> (&'static str, &'static str, &'static str) {
    match group {
        GroupBy::Day => ("daily", "date", "Date"),
        GroupBy::Week => ("weekly", "week", "Week"),
        GroupBy::Month => ("monthly", "month", "Month"),
        GroupBy::Session => ("sessions", "sessionId", "Session"),
        GroupBy::Model => ("models", "model", "Model"),
        GroupBy::Project => ("projects", "project", "Project"),
    }
}

fn usd(picos: i64) -> f64 {
    picos as f64 / crate::cost::pricing::PICOS_PER_USD
}

fn totals_json(totals: &Totals, cost_name: &str) -> Map<String, Value> {
    let usage = &totals.usage;
    let mut map = Map::new();
    map.insert("inputTokens".into(), json!(usage.input));
    map.insert("outputTokens".into(), json!(usage.output));
    map.insert("cacheCreationTokens".into(), json!(totals.cache_creation()));
    map.insert("cacheReadTokens".into(), json!(usage.cache_read));
    map.insert("totalTokens".into(), json!(usage.total()));
    map.insert(cost_name.into(), json!(totals.cost_usd()));
    map.insert("cacheCreation5mTokens".into(), json!(usage.cache_write_5m));
    map.insert("cacheCreation1hTokens".into(), json!(usage.cache_write_1h));
    map.insert("webSearchRequests".into(), json!(usage.web_search));
    map.insert("calls".into(), json!(totals.calls));
    map.insert("unpricedCalls".into(), json!(totals.unpriced));
    map
}

fn row_json(row: &Row, group: GroupBy, tz: &TimeZone) -> Value {
    let (_, key_name, _) = names(group);
    let mut map = Map::new();
    map.insert(key_name.into(), json!(row.key));
    if group == GroupBy::Session {
        map.insert("projectPath".into(), json!(row.projects.join(", ")));
        map.insert("lastActivity".into(), json!(local_time(row.last_ms, tz)));
    }
    map.extend(totals_json(&row.totals, "totalCost"));
    map.insert(
        "modelsUsed".into(),
        json!(row.models.keys().collect::<Vec<_>>()),
    );
    let breakdowns: Vec<Value> = row
        .models
        .iter()
        .map(|(model, totals)| {
            let mut entry = Map::new();
            entry.insert("modelName".into(), json!(model));
            entry.extend(totals_json(totals, "cost"));
            Value::Object(entry)
        })
        .collect();
    map.insert("modelBreakdowns".into(), json!(breakdowns));
    Value::Object(map)
}

pub fn rows(rows: &[Row], group: GroupBy, tz: &TimeZone, options: &ReportOptions) -> Result<()> {
    let total = crate::cost::report::total(rows);
    let (list_name, _, title) = names(group);
    let mut out = std::io::stdout().lock();
    if options.json {
        let listed: Vec<Value> = rows.iter().map(|row| row_json(row, group, tz)).collect();
        let document = json!({ list_name: listed, "totals": totals_json(&total, "totalCost") });
        writeln!(out, "{}", serde_json::to_string_pretty(&document)?)?;
        return Ok(());
    }
    if options.csv {
        writeln!(out, "{}", csv_header(title, options.breakdown))?;
        for row in rows {
            writeln!(
                out,
                "{}",
                csv_line(&row.key, "", &row.totals, options.breakdown)
            )?;
            if options.breakdown {
                for (model, totals) in &row.models {
                    writeln!(out, "{}", csv_line(&row.key, model, totals, true))?;
                }
            }
        }
        return Ok(());
    }
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_header(vec![
        title,
        "Models",
        "Input",
        "Output",
        "Cache create",
        "Cache read",
        "Total tokens",
        "Cost (USD)",
    ]);
    for row in rows {
        let key = match group {
            GroupBy::Session => format!("{}\n{}", short(&row.key), row.projects.join(", ")),
            _ => row.key.clone(),
        };
        let models: Vec<&str> = row.models.keys().map(|m| short_model(m)).collect();
        table.add_row(table_row(key, models.join("\n"), &row.totals));
        if options.breakdown {
            for (model, totals) in &row.models {
                table.add_row(table_row(
                    format!("  └ {}", short_model(model)),
                    String::new(),
                    totals,
                ));
            }
        }
    }
    table.add_row(table_row("Total".into(), String::new(), &total));
    align_numbers(&mut table);
    writeln!(out, "{table}")?;
    if total.unpriced > 0 {
        writeln!(
            out,
            "* {} calls of models without a price: their tokens are counted, their cost is not (add them to pricing.toml)",
            total.unpriced
        )?;
    }
    Ok(())
}

fn table_row(key: String, models: String, totals: &Totals) -> Vec<Cell> {
    let usage = &totals.usage;
    let star = if totals.unpriced > 0 { "*" } else { "" };
    vec![
        Cell::new(key),
        Cell::new(models),
        Cell::new(thousands(usage.input)),
        Cell::new(thousands(usage.output)),
        Cell::new(thousands(totals.cache_creation())),
        Cell::new(thousands(usage.cache_read)),
        Cell::new(thousands(usage.total())),
        Cell::new(format!("${:.2}{star}", totals.cost_usd())),
    ]
}

fn align_numbers(table: &mut Table) {
    for index in 2..8 {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

fn csv_header(title: &str, breakdown: bool) -> String {
    let model = if breakdown { ",model" } else { "" };
    format!(
        "{}{model},input_tokens,output_tokens,cache_creation_5m_tokens,cache_creation_1h_tokens,cache_read_tokens,total_tokens,web_search_requests,calls,unpriced_calls,cost_usd",
        title.to_lowercase()
    )
}

fn csv_line(key: &str, model: &str, totals: &Totals, breakdown: bool) -> String {
    let usage = &totals.usage;
    let model = if breakdown {
        format!(",{}", csv_field(model))
    } else {
        String::new()
    };
    format!(
        "{}{model},{},{},{},{},{},{},{},{},{},{}",
        csv_field(key),
        usage.input,
        usage.output,
        usage.cache_write_5m,
        usage.cache_write_1h,
        usage.cache_read,
        usage.total(),
        usage.web_search,
        totals.calls,
        totals.unpriced,
        totals.cost_usd()
    )
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub fn blocks(blocks: &[Block], now_ms: i64, tz: &TimeZone, options: &ReportOptions) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if options.json {
        let listed: Vec<Value> = blocks
            .iter()
            .map(|block| {
                let mut map = Map::new();
                map.insert("startTime".into(), json!(iso(block.start_ms)));
                map.insert("endTime".into(), json!(iso(block.end_ms)));
                map.insert("actualEndTime".into(), json!(iso(block.last_ms)));
                map.insert("isActive".into(), json!(block.active));
                map.insert("entries".into(), json!(block.totals.calls));
                map.extend(totals_json(&block.totals, "costUSD"));
                map.insert("models".into(), json!(block.models.keys().collect::<Vec<_>>()));
                if let Some(burn) = block.burn(now_ms) {
                    map.insert(
                        "burnRate".into(),
                        json!({"tokensPerMinute": burn.tokens_per_minute, "costPerHour": burn.usd_per_hour}),
                    );
                    map.insert(
                        "projection".into(),
                        json!({"totalTokens": burn.projected_tokens, "totalCost": burn.projected_usd,
                               "remainingMinutes": (block.end_ms - now_ms).max(0) / 60_000}),
                    );
                }
                Value::Object(map)
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({ "blocks": listed }))?
        )?;
        return Ok(());
    }
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_header(vec![
        "Block start",
        "Status",
        "Models",
        "Calls",
        "Tokens",
        "Cost (USD)",
        "Burn rate",
        "Projected",
    ]);
    for block in blocks {
        let status = if block.active {
            format!("active, {} left", minutes((block.end_ms - now_ms).max(0)))
        } else {
            format!("{} of use", minutes(block.last_ms - block.first_ms))
        };
        let (rate, projected) = match block.burn(now_ms) {
            Some(burn) => (
                format!(
                    "{} tok/min\n${:.2}/h",
                    thousands(burn.tokens_per_minute as u64),
                    burn.usd_per_hour
                ),
                format!(
                    "{} tok\n${:.2}",
                    thousands(burn.projected_tokens),
                    burn.projected_usd
                ),
            ),
            None => (String::new(), String::new()),
        };
        let models: Vec<&str> = block.models.keys().map(|m| short_model(m)).collect();
        table.add_row(vec![
            Cell::new(local_time(block.start_ms, tz)),
            Cell::new(status),
            Cell::new(models.join("\n")),
            Cell::new(thousands(block.totals.calls)),
            Cell::new(thousands(block.totals.usage.total())),
            Cell::new(format!("${:.2}", block.totals.cost_usd())),
            Cell::new(rate),
            Cell::new(projected),
        ]);
    }
    writeln!(out, "{table}")?;
    Ok(())
}

/// Prints the summary; with `check`, only the budgets, and exit status 1 when one is over.
pub fn summary(
    summary: &Summary,
    tz: &TimeZone,
    options: &ReportOptions,
    check: bool,
) -> Result<ExitCode> {
    let over: Vec<_> = summary.gauges.iter().filter(|gauge| gauge.over()).collect();
    let status = if check && !over.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    let mut out = std::io::stdout().lock();
    let gauges: Vec<Value> = summary
        .gauges
        .iter()
        .map(|g| json!({"scope": g.scope, "subject": g.subject, "spentUSD": g.spent_usd, "limitUSD": g.limit_usd, "over": g.over()}))
        .collect();
    if options.json {
        let block = summary.block.as_ref().map(|block| {
            json!({"startTime": iso(block.start_ms), "endTime": iso(block.end_ms),
                   "costUSD": block.totals.cost_usd(), "totalTokens": block.totals.usage.total(),
                   "burnRate": summary.burn.map(|b| json!({"tokensPerMinute": b.tokens_per_minute, "costPerHour": b.usd_per_hour})),
                   "projection": summary.burn.map(|b| json!({"totalTokens": b.projected_tokens, "totalCost": b.projected_usd}))})
        });
        let document = json!({
            "today": { "date": summary.today.to_string(), "totals": totals_json(&summary.today_totals, "totalCost") },
            "block": block,
            "month": totals_json(&summary.month_totals, "totalCost"),
            "budgets": gauges,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&document)?)?;
        return Ok(status);
    }
    if !check {
        let line = |label: String, totals: &Totals| {
            format!(
                "{label:<24} ${:>10.2}  {:>15} tokens  {:>6} calls",
                totals.cost_usd(),
                thousands(totals.usage.total()),
                thousands(totals.calls)
            )
        };
        writeln!(
            out,
            "{}",
            line(format!("Today {}", summary.today), &summary.today_totals)
        )?;
        if let Some(block) = &summary.block {
            writeln!(
                out,
                "{}",
                line(
                    format!("Block since {}", local_time(block.start_ms, tz)),
                    &block.totals
                )
            )?;
            if let Some(burn) = summary.burn {
                writeln!(
                    out,
                    "{:<24} {} tok/min, ${:.2}/h → ${:.2} by {} ({} left)",
                    "  burn rate",
                    thousands(burn.tokens_per_minute as u64),
                    burn.usd_per_hour,
                    burn.projected_usd,
                    local_time(block.end_ms, tz),
                    minutes((block.end_ms - summary.now_ms).max(0))
                )?;
            }
        } else {
            writeln!(out, "{:<24} none active", "Block")?;
        }
        let month = format!(
            "This month {:04}-{:02}",
            summary.today.year(),
            summary.today.month()
        );
        writeln!(out, "{}", line(month, &summary.month_totals))?;
    }
    if summary.gauges.is_empty() {
        if check {
            writeln!(
                out,
                "no budgets set: add [budget] daily/block/monthly/session (USD) to config.toml"
            )?;
        }
        return Ok(status);
    }
    for gauge in &summary.gauges {
        let mark = if gauge.over() { "OVER" } else { "ok" };
        writeln!(
            out,
            "budget {:<8} ${:>9.2} of ${:<9.2} {:>4.0}%  {mark}  ({})",
            gauge.scope,
            gauge.spent_usd,
            gauge.limit_usd,
            gauge.ratio() * 100.0,
            gauge.subject
        )?;
    }
    Ok(status)
}

pub fn export(
    store: &Store,
    filter: &crate::cost::report::Filter,
    format: ExportFormat,
) -> Result<()> {
    let (from, to) = filter.range_ms()?;
    let calls: Vec<_> = calls_between(store, from, to)?
        .into_iter()
        .filter(|call| {
            filter
                .project
                .as_ref()
                .is_none_or(|part| call.project.contains(part.as_str()))
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        ExportFormat::Json => {
            let listed: Vec<Value> = calls
                .iter()
                .map(|call| {
                    let u = &call.usage;
                    json!({"timestamp": iso(call.ms), "sessionId": call.session_id, "project": call.project,
                           "model": call.model, "inputTokens": u.input, "outputTokens": u.output,
                           "cacheCreation5mTokens": u.cache_write_5m, "cacheCreation1hTokens": u.cache_write_1h,
                           "cacheReadTokens": u.cache_read, "webSearchRequests": u.web_search,
                           "costUSD": call.cost_picos.map(usd)})
                })
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json!({ "calls": listed }))?
            )?;
        }
        ExportFormat::Csv => {
            writeln!(out, "timestamp,session_id,project,model,input_tokens,output_tokens,cache_creation_5m_tokens,cache_creation_1h_tokens,cache_read_tokens,web_search_requests,cost_usd")?;
            for call in &calls {
                let u = &call.usage;
                let cost = call
                    .cost_picos
                    .map(|p| usd(p).to_string())
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},{cost}",
                    iso(call.ms),
                    csv_field(&call.session_id),
                    csv_field(&call.project),
                    csv_field(&call.model),
                    u.input,
                    u.output,
                    u.cache_write_5m,
                    u.cache_write_1h,
                    u.cache_read,
                    u.web_search
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

pub fn import_report(report: &ImportReport, dirs: &[std::path::PathBuf]) {
    for dir in dirs {
        eprintln!("transcripts: {}", dir.join("projects").display());
    }
    eprintln!(
        "{} files, {} read ({} from the start again), {} bytes, {} lines, {} new calls, {} malformed lines",
        report.files, report.files_read, report.files_reread, report.bytes_read, report.lines, report.new_calls, report.malformed
    );
}

pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn minutes(ms: i64) -> String {
    let total = ms / 60_000;
    if total >= 60 {
        format!("{} h {:02} min", total / 60, total % 60)
    } else {
        format!("{total} min")
    }
}

fn iso(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn local_time(ms: i64, tz: &TimeZone) -> String {
    format_ms(ms, tz, "%Y-%m-%d %H:%M")
}

/// A time in milliseconds since the epoch, in `tz`, as `format` (strftime) says.
pub(in crate::cli) fn format_ms(ms: i64, tz: &TimeZone, format: &str) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(tz.clone()).strftime(format).to_string())
        .unwrap_or_default()
}

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}
