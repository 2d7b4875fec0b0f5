//! Command-line interface: parsing, and one thin adapter per subcommand.

mod agents;
mod classify;
mod credentials;
mod hook;
mod knowledge;
mod monitor;

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::config::{Config, Paths, Settings};
use crate::runtime::{self, Launch};

#[derive(Debug, Parser)]
#[command(
    name = "cco",
    version,
    about = "A terminal cockpit for Claude Code sessions",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub subcommand: Option<Command>,
    /// Run this command in the first pane instead of the default (`cco -- htop`).
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Classify shell commands as READ, CREATE, UPDATE or DELETE.
    Classify(classify::ClassifyArgs),
    /// API cost from Claude Code's transcripts: reports, budgets, export.
    Monitor(monitor::MonitorArgs),
    /// Answer a Claude Code hook event (what cco's plugin runs; reads the event on stdin).
    Hook(hook::HookArgs),
    /// Write cco's Claude Code plugin and print its folder (for `claude --plugin-dir`).
    Plugin,
    /// The approvals audit: every decision, who made it and how long it waited.
    Approvals(hook::ApprovalsArgs),
    /// Secrets in the OS keyring: store, retrieve, list, rotate, exec with masked output.
    Credentials(credentials::CredentialsArgs),
    /// The agent roster: list, show and validate agent files.
    Agents(agents::AgentsArgs),
    /// The knowledge base: store, search and keep what sessions learn across compactions.
    Knowledge(knowledge::KnowledgeArgs),
    /// The MCP server cco's plugin gives Claude Code: spawn roster agents in visible panes.
    Mcp,
}

pub fn run() -> anyhow::Result<std::process::ExitCode> {
    let cli = Cli::parse();
    let ok = std::process::ExitCode::SUCCESS;
    match cli.subcommand {
        Some(Command::Classify(args)) => classify::run(args).map(|()| ok),
        Some(Command::Monitor(args)) => monitor::run(args),
        Some(Command::Hook(args)) => {
            hook::run_hook(&args);
            Ok(ok)
        }
        Some(Command::Plugin) => hook::run_plugin().map(|()| ok),
        Some(Command::Approvals(args)) => hook::run_approvals(&args).map(|()| ok),
        Some(Command::Credentials(args)) => credentials::run(args),
        Some(Command::Agents(args)) => agents::run(args),
        Some(Command::Knowledge(args)) => knowledge::run(args),
        Some(Command::Mcp) => agents::run_mcp().map(|()| ok),
        None => run_tui(cli.command).map(|()| ok),
    }
}

fn run_tui(command: Vec<String>) -> anyhow::Result<()> {
    let paths = Paths::from_env();
    init_logging(&paths.data_dir);
    let config = Config::load(paths);
    let (default_command, note) = default_command(&config.settings);
    let first_command = if command.is_empty() {
        default_command.clone()
    } else {
        command
    };
    runtime::run(
        config,
        Launch {
            first_command,
            default_command,
            note,
        },
    )
}

/// The command new panes run: the configured one, else `claude` when it is on PATH, else the
/// user's shell. The note says which, for the status line.
pub fn default_command(settings: &Settings) -> (Vec<String>, String) {
    let shell = || {
        std::env::var("SHELL")
            .ok()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "/bin/sh".into())
    };
    if let Some(spec) = &settings.default_command {
        match spec.to_argv() {
            Ok(argv) => {
                let note = format!("panes run {} (config.toml)", argv.join(" "));
                return (argv, note);
            }
            Err(problem) => return (vec![shell()], format!("{problem}; panes run {}", shell())),
        }
    }
    if find_on_path("claude").is_some() {
        return (vec!["claude".into()], "panes run claude".into());
    }
    let shell = shell();
    let note = format!("claude is not on PATH; panes run {shell}");
    (vec![shell], note)
}

pub(crate) fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    path.metadata()
        .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

/// Logs go to `<data dir>/cco.log` (the screen belongs to the panes); `CCO_LOG` sets the filter.
fn init_logging(data_dir: &Path) {
    let open = || -> anyhow::Result<std::fs::File> {
        std::fs::create_dir_all(data_dir).context("creating the data dir")?;
        Ok(std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(data_dir.join("cco.log"))?)
    };
    let Ok(file) = open() else { return };
    let filter = tracing_subscriber::EnvFilter::try_from_env("CCO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
}
