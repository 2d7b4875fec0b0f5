//! `cco credentials …`: store, retrieve, list, rotate, delete, exec, audit and doctor, each a
//! thin adapter over the credentials service.

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::Subcommand;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use serde::Serialize;

use crate::config::{Paths, Settings};
use crate::credentials::{
    self, Caller, Credentials, ExecSecret, Kind, Meta, RotationState, RotationStatus, ValueSource,
};
use crate::db::now_ms;
use crate::text::span_text;

#[derive(Debug, clap::Args)]
pub struct CredentialsArgs {
    #[command(subcommand)]
    pub command: CredentialsCommand,
}

#[derive(Debug, Subcommand)]
pub enum CredentialsCommand {
    /// Store a new credential. The value comes from a hidden prompt or stdin; giving it as an
    /// argument works but leaks it to the process list and your shell history.
    Store {
        name: String,
        value: Option<String>,
        #[arg(
            long = "credential-type",
            visible_alias = "type",
            value_enum,
            default_value = "generic"
        )]
        kind: Kind,
        #[arg(long, default_value = "")]
        service: String,
        #[arg(long, default_value = "")]
        description: String,
        /// Days between rotations (default by type).
        #[arg(long)]
        rotation_days: Option<u32>,
    },
    /// Check a credential is there; `--reveal` prints its value, on a terminal only.
    Retrieve {
        name: String,
        #[arg(long)]
        reveal: bool,
        #[arg(long)]
        json: bool,
    },
    /// The stored credentials (metadata only, never values).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Credentials due for rotation; exits 1 when any is overdue.
    CheckRotation {
        #[arg(long)]
        json: bool,
    },
    /// Replace a credential's value (prompt, stdin or argument, as for store).
    Rotate { name: String, value: Option<String> },
    /// Delete a credential and its value.
    Delete {
        name: String,
        /// Do not ask for confirmation.
        #[arg(long, short)]
        yes: bool,
    },
    /// Run a command with credentials in its environment, masking them in its output.
    /// `NAME` lands in `NAME` upper-cased with `_` for other characters; `VAR=NAME` picks the
    /// variable.
    Exec {
        #[arg(required = true, value_name = "[VAR=]NAME")]
        credentials: Vec<String>,
        #[arg(last = true, required = true, value_name = "COMMAND")]
        command: Vec<String>,
    },
    /// Every operation on credentials: when, what, by whom, and how it ended.
    Audit {
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Check the store: reachable, and keeping what is written (checked by a second process).
    Doctor {
        #[arg(long, hide = true)]
        read_canary: Option<String>,
    },
}

pub fn run(args: CredentialsArgs) -> Result<ExitCode> {
    credentials::harden_process();
    let paths = Paths::from_env();
    let mut problems = Vec::new();
    let settings = Settings::load(&paths, &mut problems).credentials;
    for problem in &problems {
        eprintln!("cco: {problem}");
    }
    let mut service = Credentials::open(
        &paths.data_dir,
        settings,
        credentials::vault_passphrase,
        Caller::this_process(),
    )?;
    let ok = ExitCode::SUCCESS;
    match args.command {
        CredentialsCommand::Store {
            name,
            value,
            kind,
            service: for_service,
            description,
            rotation_days,
        } => {
            let value = read_value(value, &name)?;
            let new = credentials::NewCredential {
                name,
                kind,
                service: for_service,
                description,
                rotation_days,
            };
            let meta = service.store(&new, &value)?;
            println!(
                "Stored {} ({}) in the {} store; rotation every {} days.",
                meta.name,
                meta.kind.as_str(),
                meta.store,
                meta.rotation_days
            );
            Ok(ok)
        }
        CredentialsCommand::Retrieve { name, reveal, json } => {
            retrieve(&mut service, &name, reveal, json).map(|()| ok)
        }
        CredentialsCommand::List { json } => list(&service, json).map(|()| ok),
        CredentialsCommand::CheckRotation { json } => check_rotation(&service, json),
        CredentialsCommand::Rotate { name, value } => {
            let value = read_value(value, &name)?;
            let meta = service.rotate(&name, &value)?;
            println!(
                "Rotated {}; next due in {} days.",
                meta.name, meta.rotation_days
            );
            Ok(ok)
        }
        CredentialsCommand::Delete { name, yes } => {
            if !yes && !confirm(&format!("Delete {name} and its value?"))? {
                println!("Nothing deleted.");
                return Ok(ok);
            }
            service.delete(&name)?;
            println!("Deleted {name}.");
            Ok(ok)
        }
        CredentialsCommand::Exec {
            credentials: wanted,
            command,
        } => exec(&mut service, &wanted, &command),
        CredentialsCommand::Audit { limit, name, json } => {
            audit(&service, limit, name.as_deref(), json).map(|()| ok)
        }
        CredentialsCommand::Doctor { read_canary } => doctor(&mut service, read_canary),
    }
}

fn read_value(argv: Option<String>, name: &str) -> Result<credentials::SecretString> {
    let (value, source) = credentials::read_value(argv, &format!("value for {name}"))?;
    if source == ValueSource::Argv {
        eprintln!(
            "cco: warning: a value given as an argument is visible in the process list and stays \
             in your shell history; type it at the prompt or pipe it on stdin instead"
        );
    }
    Ok(value)
}

fn confirm(question: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        bail!("{question} Pass --yes to confirm when not on a terminal");
    }
    print!("{question} [y/N] ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

fn retrieve(service: &mut Credentials, name: &str, reveal: bool, json: bool) -> Result<()> {
    if reveal && !std::io::stdout().is_terminal() {
        service.refuse_reveal(name)?;
        bail!(
            "--reveal prints a value only to a terminal; to hand {name} to a program use \
             `cco credentials exec {name} -- COMMAND`"
        );
    }
    let (meta, value) = service.retrieve(name, reveal)?;
    if reveal {
        use credentials::ExposeSecret as _;
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{}", value.expose_secret())?;
        return Ok(());
    }
    if json {
        let rotation = service.rotation_of(&meta, now_ms());
        let entry = Entry {
            meta: &meta,
            rotation: &rotation,
        };
        println!("{}", serde_json::to_string_pretty(&entry)?);
        return Ok(());
    }
    println!(
        "{} ({}{}) is in the {} store; rotated {} ago. The value stays hidden: --reveal prints \
         it on a terminal, `cco credentials exec {} -- COMMAND` hands it to a command.",
        meta.name,
        meta.kind.as_str(),
        if meta.service.is_empty() {
            String::new()
        } else {
            format!(", {}", meta.service)
        },
        meta.store,
        span_text(now_ms() - meta.rotated_ms),
        meta.name
    );
    Ok(())
}

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    meta: &'a Meta,
    rotation: &'a RotationStatus,
}

fn list(service: &Credentials, json: bool) -> Result<()> {
    let now = now_ms();
    let all = service.listing(now)?;
    if json {
        let entries: Vec<_> = all
            .iter()
            .map(|(meta, rotation)| Entry { meta, rotation })
            .collect();
        println!("{}", serde_json::to_string_pretty(&entries)?);
        return Ok(());
    }
    if all.is_empty() {
        println!("No credentials stored. `cco credentials store NAME --credential-type api-key` adds one.");
        return Ok(());
    }
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_header([
        "name",
        "type",
        "service",
        "store",
        "age",
        "rotation",
        "last used",
        "description",
    ]);
    for (meta, rotation) in &all {
        table.add_row([
            meta.name.clone(),
            meta.kind.as_str().into(),
            meta.service.clone(),
            meta.store.clone(),
            span_text(now - meta.created_ms),
            rotation_text(rotation),
            meta.last_used_ms
                .map(|at| format!("{} ago", span_text(now - at)))
                .unwrap_or_else(|| "never".into()),
            meta.description.clone(),
        ]);
    }
    println!("{table}");
    Ok(())
}

fn rotation_text(status: &RotationStatus) -> String {
    match status.state {
        RotationState::Overdue => format!("overdue {}d", -status.days_left),
        state => format!("{} (due in {}d)", state.as_str(), status.days_left),
    }
}

fn check_rotation(service: &Credentials, json: bool) -> Result<ExitCode> {
    let statuses: Vec<RotationStatus> = service
        .listing(now_ms())?
        .into_iter()
        .map(|(_, status)| status)
        .collect();
    let overdue = statuses.iter().any(|s| s.state == RotationState::Overdue);
    let noteworthy: Vec<_> = statuses
        .iter()
        .filter(|s| s.state != RotationState::Current)
        .collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&noteworthy)?);
    } else if noteworthy.is_empty() {
        println!(
            "All {} credentials are within their rotation periods.",
            statuses.len()
        );
    } else {
        for status in &noteworthy {
            println!("{:<32} {}", status.name, rotation_text(status));
        }
    }
    Ok(if overdue {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn exec(service: &mut Credentials, wanted: &[String], command: &[String]) -> Result<ExitCode> {
    let pairs: Vec<(String, String)> = wanted
        .iter()
        .map(|spec| match spec.split_once('=') {
            Some((variable, name)) => (variable.to_string(), name.to_string()),
            None => (credentials::env_var_for(spec), spec.clone()),
        })
        .collect();
    let names: Vec<String> = pairs.iter().map(|(_, name)| name.clone()).collect();
    let values = service.for_exec(&names)?;
    let secrets = pairs
        .into_iter()
        .zip(values)
        .map(|((variable, name), (_, value))| ExecSecret {
            variable,
            name,
            value,
        })
        .collect();
    let code = credentials::run_masked(secrets, command)?;
    Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
}

fn audit(service: &Credentials, limit: usize, name: Option<&str>, json: bool) -> Result<()> {
    let rows = service.audit(limit, name)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    if rows.is_empty() {
        println!("No credential operations recorded yet.");
        return Ok(());
    }
    let zone = jiff::tz::TimeZone::system();
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_header([
        "when",
        "operation",
        "name",
        "outcome",
        "caller",
        "pane",
        "detail",
    ]);
    for row in &rows {
        table.add_row([
            super::monitor::output::format_ms(row.at_ms, &zone, "%F %T"),
            row.operation.clone(),
            row.name.clone(),
            row.outcome.clone(),
            format!("pid {} from {}", row.pid, row.parent),
            row.pane.clone().unwrap_or_default(),
            row.detail.clone(),
        ]);
    }
    println!("{table}");
    Ok(())
}

fn doctor(service: &mut Credentials, read_canary: Option<String>) -> Result<ExitCode> {
    if let Some(name) = read_canary {
        let code = service.read_canary(&name)?;
        return Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)));
    }
    println!("store: {}", service.store_label());
    match service.check_store(true) {
        Ok(()) => {
            println!("ok: a value written by this process was read back by another one");
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            println!("problem: {error:#}");
            Ok(ExitCode::from(1))
        }
    }
}
