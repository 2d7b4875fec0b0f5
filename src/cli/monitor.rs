//! `cco monitor`: import Claude Code's transcripts into the cost store, then report on them.

mod doctor;
pub(super) mod output;

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::config::{Paths, Settings};
use crate::cost::import::{import_all, ImportReport};
use crate::cost::report::{buckets, rows, Filter, GroupBy};
use crate::cost::store::Store;
use crate::cost::summary::Summary;
use crate::cost::watcher::WatchSettings;

#[derive(Debug, Args)]
pub struct MonitorArgs {
    #[command(subcommand)]
    pub command: MonitorCommand,
    #[command(flatten)]
    pub options: ReportOptions,
}

#[derive(Debug, Subcommand)]
pub enum MonitorCommand {
    /// Usage and cost per day.
    Daily,
    /// Usage and cost per week (weeks start on Monday).
    Weekly,
    /// Usage and cost per month.
    Monthly,
    /// Usage and cost per Claude Code session.
    Session,
    /// Five-hour billing windows, with burn rate and projection for the active one.
    Blocks,
    /// Usage and cost per model.
    Models,
    /// Usage and cost per project.
    Projects,
    /// Today, the active block and this month, against the budgets.
    Summary,
    /// Every call, one row each.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
    },
    /// Exit with status 1 when a budget in config.toml is exceeded.
    Check,
    /// Where transcripts are read from, and what could not be read.
    Doctor,
    /// Import new transcript lines and say what was read.
    Import,
    /// The cost panel on the whole screen, live (q quits).
    Dashboard,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ReportOptions {
    /// First day to include (YYYY-MM-DD or YYYYMMDD).
    #[arg(long, global = true, value_parser = parse_date)]
    pub since: Option<Date>,
    /// Last day to include (YYYY-MM-DD or YYYYMMDD).
    #[arg(long, global = true, value_parser = parse_date)]
    pub until: Option<Date>,
    /// Time zone for days, weeks and months (IANA name such as Europe/Paris, or UTC).
    #[arg(long, global = true)]
    pub tz: Option<String>,
    /// Only projects whose folder name contains this text.
    #[arg(long, global = true)]
    pub project: Option<String>,
    /// One line per model under each row.
    #[arg(long, global = true)]
    pub breakdown: bool,
    /// JSON output (daily, weekly and monthly use ccusage's field names).
    #[arg(long, global = true, conflicts_with = "csv")]
    pub json: bool,
    /// CSV output.
    #[arg(long, global = true)]
    pub csv: bool,
    /// Report on what is stored without reading new transcript lines.
    #[arg(long, global = true)]
    pub offline: bool,
    /// Say what the import read and which lines were malformed.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

fn parse_date(text: &str) -> Result<Date, String> {
    let dashed = match text.len() {
        8 if text.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..])
        }
        _ => text.to_string(),
    };
    dashed
        .parse()
        .map_err(|_| format!("{text:?} is not a date: use YYYY-MM-DD or YYYYMMDD"))
}

/// What every report needs: settings, prices, the store and the time zone.
pub struct Context {
    pub paths: Paths,
    /// Prices, time zone, budgets and the database's path.
    pub cost: WatchSettings,
    pub store: Store,
}

impl Context {
    pub fn open(tz: Option<&str>) -> Result<Context> {
        let paths = Paths::from_env();
        let mut problems = Vec::new();
        let settings = Settings::load(&paths, &mut problems);
        let (cost, more) = WatchSettings::load(&paths, &settings, tz)?;
        for problem in problems.into_iter().chain(more) {
            eprintln!("cco: {problem}");
        }
        let store = Store::open(&cost.database)?;
        Ok(Context { paths, cost, store })
    }

    /// Imports new transcript lines, with a progress line on a terminal when it takes a while.
    pub fn refresh(
        &mut self,
        show_progress: bool,
    ) -> Result<(ImportReport, Vec<std::path::PathBuf>)> {
        let started = std::time::Instant::now();
        let mut shown = false;
        let mut last = started;
        let mut progress = |done: u64, total: u64| {
            let now = std::time::Instant::now();
            let worth_showing = now - started > std::time::Duration::from_millis(500);
            if show_progress && worth_showing && (now - last).as_millis() >= 100
                || shown && done == total
            {
                last = now;
                shown = true;
                let percent = (done * 100).checked_div(total).unwrap_or(100);
                eprint!(
                    "\rimporting transcripts: {percent:>3}% ({} / {} MB)",
                    done / 1_000_000,
                    total / 1_000_000
                );
                let _ = std::io::stderr().flush();
            }
        };
        let result = import_all(&mut self.store, &self.cost.prices, &mut progress);
        if shown {
            eprintln!();
        }
        result
    }
}

pub fn run(args: MonitorArgs) -> Result<ExitCode> {
    let options = &args.options;
    let mut context = Context::open(options.tz.as_deref())?;
    if !options.offline {
        let show_progress = std::io::stderr().is_terminal();
        let (report, dirs) = context.refresh(show_progress)?;
        if dirs.is_empty() {
            eprintln!(
                "cco: no Claude Code config dir found (CLAUDE_CONFIG_DIR, ~/.config/claude, ~/.claude); reporting stored history"
            );
        }
        for problem in &report.problems {
            eprintln!("cco: {problem}");
        }
        if options.verbose || matches!(args.command, MonitorCommand::Import) {
            output::import_report(&report, &dirs);
        }
        if options.verbose {
            doctor::malformed_files(&context.store, &mut std::io::stderr())?;
        }
    }
    let filter = Filter {
        since: options.since,
        until: options.until,
        tz: context.cost.tz.clone(),
        project: options.project.clone(),
    };
    let now_ms = jiff::Timestamp::now().as_millisecond();
    let group = match args.command {
        MonitorCommand::Daily => GroupBy::Day,
        MonitorCommand::Weekly => GroupBy::Week,
        MonitorCommand::Monthly => GroupBy::Month,
        MonitorCommand::Session => GroupBy::Session,
        MonitorCommand::Models => GroupBy::Model,
        MonitorCommand::Projects => GroupBy::Project,
        MonitorCommand::Blocks => {
            let found = buckets(&context.store, &filter)?;
            let blocks = crate::cost::blocks::blocks(&found, now_ms);
            output::blocks(&blocks, now_ms, &context.cost.tz, options)?;
            return Ok(ExitCode::SUCCESS);
        }
        MonitorCommand::Summary | MonitorCommand::Check => {
            let summary = Summary::build(
                &context.store,
                &context.cost.tz,
                now_ms,
                &context.cost.budgets,
            )?;
            let check = matches!(args.command, MonitorCommand::Check);
            return output::summary(&summary, &context.cost.tz, options, check);
        }
        MonitorCommand::Export { format } => {
            output::export(&context.store, &filter, format)?;
            return Ok(ExitCode::SUCCESS);
        }
        MonitorCommand::Doctor => {
            doctor::run(&context)?;
            return Ok(ExitCode::SUCCESS);
        }
        MonitorCommand::Import => return Ok(ExitCode::SUCCESS),
        MonitorCommand::Dashboard => {
            let Context { paths, cost, store } = context;
            drop(store);
            let theme = crate::config::Config::load(paths).theme;
            crate::runtime::dashboard::run(theme, cost)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    let found = buckets(&context.store, &filter)?;
    let table = rows(&found, group, &context.cost.tz);
    if table.is_empty() && !options.json && !options.csv {
        say_nothing_found(options);
    }
    output::rows(&table, group, &context.cost.tz, options)?;
    Ok(ExitCode::SUCCESS)
}

fn say_nothing_found(options: &ReportOptions) {
    if options.project.is_some() || options.since.is_some() || options.until.is_some() {
        eprintln!("cco: no calls match these filters");
    } else {
        eprintln!("cco: no Claude Code usage found yet");
    }
}
