//! `cco hook <event>` (what cco's plugin runs), `cco plugin` (write the plugin, print its
//! folder) and `cco approvals` (the decisions audit).

use std::io::{Read as _, Write as _};

use anyhow::Context as _;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};

use crate::config::Paths;
use crate::hook::client::{self, HookEnv};
use crate::hook::wire::HookInput;
use crate::hook::{approvals, audit, plugin};
use crate::knowledge::{session, Knowledge};

/// The most stdin a hook reads; Claude Code's events are far smaller.
const MAX_EVENT_BYTES: u64 = 16 << 20;

#[derive(Debug, clap::Args)]
pub struct HookArgs {
    /// The hook event, as Claude Code names it (PreToolUse, PermissionRequest, Stop, …).
    pub event: String,
}

#[derive(Debug, clap::Args)]
pub struct ApprovalsArgs {
    /// How many of the latest decisions to show.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// One JSON array of decisions.
    #[arg(long)]
    pub json: bool,
}

/// Answers one hook event. Always exits 0: a failing hook must leave Claude Code's own
/// permission flow in charge, never block it.
pub fn run_hook(args: &HookArgs) {
    let mut stdin = String::new();
    if let Err(error) = std::io::stdin()
        .take(MAX_EVENT_BYTES)
        .read_to_string(&mut stdin)
    {
        eprintln!("cco hook: cannot read the event: {error}");
        return;
    }
    let env = HookEnv::from_env();
    let outcome = match client::parse(&args.event, &stdin) {
        Ok(input) => {
            // Only the session events touch the knowledge base; the hot PreToolUse path
            // neither copies the event nor opens anything for it.
            let for_knowledge = is_knowledge_event(&input).then(|| input.clone());
            let mut outcome = client::handle_input(input, &env);
            if let Some(brief) = for_knowledge.and_then(|input| knowledge_hook(&input)) {
                outcome.stdout.get_or_insert(brief);
            }
            outcome
        }
        Err(problem) => client::Outcome {
            problem: Some(problem),
            ..client::Outcome::default()
        },
    };
    if let Some(answer) = &outcome.stdout {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{answer}").and_then(|()| stdout.flush());
    }
    if let Some(problem) = &outcome.problem {
        eprintln!("{problem}");
    }
    // Recorded after answering, so Claude Code is not kept waiting: by the running cco when
    // there is one, else straight into the database.
    if let Some((input, decided)) = outcome.decided {
        let (label, reason) = (decided.label, decided.reason.clone());
        if !client::tell(&input, Some(decided), &env) {
            let record = approvals::self_decided(env.pane.clone(), &input, label, &reason);
            let database = crate::db::path(&Paths::from_env().data_dir);
            let written =
                crate::db::open(&database).and_then(|conn| Ok(audit::append(&conn, &record)?));
            if let Err(error) = written {
                eprintln!("cco hook: the decision was not recorded: {error:#}");
            }
        }
    }
}

/// The knowledge base's part: brief a starting session, capture a stopping or compacting
/// one. Only SQLite is opened here (no model), so the hook stays quick; embeddings catch up
/// in cco. A failure is said on stderr and never stops Claude Code.
fn knowledge_hook(input: &HookInput) -> Option<String> {
    let done = Knowledge::open_lexical(&Paths::from_env().data_dir).and_then(|mut knowledge| {
        if input.hook_event_name == "SessionStart" {
            session::on_session_start(&knowledge, input)
        } else {
            session::capture(&mut knowledge, input).map(|_| None)
        }
    });
    done.unwrap_or_else(|error| {
        eprintln!("cco hook: knowledge base: {error:#}");
        None
    })
}

fn is_knowledge_event(input: &HookInput) -> bool {
    matches!(
        input.hook_event_name.as_str(),
        "SessionStart" | "PreCompact" | "Stop" | "SessionEnd"
    )
}

pub fn run_plugin() -> anyhow::Result<()> {
    let exe = std::env::current_exe().context("finding the cco binary")?;
    let paths = Paths::from_env();
    let roster = crate::agents::Roster::load(&paths.agents_dir());
    let dir = plugin::install(&paths.data_dir, &exe, &roster)?;
    println!("{}", dir.display());
    Ok(())
}

pub fn run_approvals(args: &ApprovalsArgs) -> anyhow::Result<()> {
    let database = crate::db::path(&Paths::from_env().data_dir);
    let conn = crate::db::open(&database)?;
    let records = audit::latest(&conn, args.limit).context("reading the approvals audit")?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&records)?);
        return Ok(());
    }
    if records.is_empty() {
        println!("No approval decisions recorded yet.");
        return Ok(());
    }
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_header([
        "when", "pane", "tool", "label", "decision", "by", "waited", "subject",
    ]);
    let zone = jiff::tz::TimeZone::system();
    for record in &records {
        let when = super::monitor::output::format_ms(record.at_ms, &zone, "%F %T");
        table.add_row([
            when,
            record.pane.clone().unwrap_or_default(),
            record.tool.clone(),
            record.label.clone().unwrap_or_default(),
            record.decision.clone(),
            record.decided_by.clone(),
            record
                .waited_ms
                .map(|ms| format!("{:.1}s", ms as f64 / 1000.0))
                .unwrap_or_default(),
            record.subject.clone(),
        ]);
    }
    println!("{table}");
    Ok(())
}
