//! `cco agents list | show | validate` (the roster) and `cco mcp` (the delegation server).

use std::path::PathBuf;

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

use crate::agents::mcp::{self, McpEnv};
use crate::agents::roster::Problem;
use crate::agents::Roster;
use crate::config::Paths;
use crate::knowledge::shared::SharedKnowledge;

#[derive(Debug, clap::Args)]
pub struct AgentsArgs {
    #[command(subcommand)]
    pub command: AgentsCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum AgentsCommand {
    /// The roster: every agent with its tier, category, model and purpose.
    List {
        /// Only this tier: leadership, managers, specialists or custom.
        #[arg(long)]
        tier: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// One agent's file: its front matter and system prompt.
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Check agent files: the roster cco uses, or the files under DIR.
    Validate {
        dir: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

fn user_agents_dir() -> PathBuf {
    Paths::from_env().agents_dir()
}

pub fn run(args: AgentsArgs) -> anyhow::Result<std::process::ExitCode> {
    let ok = std::process::ExitCode::SUCCESS;
    match args.command {
        AgentsCommand::List { tier, json } => {
            let roster = Roster::load(&user_agents_dir());
            warn_about(&roster.problems);
            let agents: Vec<_> = roster
                .agents
                .iter()
                .filter(|a| tier.as_deref().is_none_or(|t| a.tier == t))
                .collect();
            if json {
                println!("{}", serde_json::to_string_pretty(&agents)?);
                return Ok(ok);
            }
            let mut table = Table::new();
            table
                .load_style(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_header(["agent", "tier", "category", "model", "for"]);
            for agent in &agents {
                table.add_row([
                    agent.name.as_str(),
                    agent.tier.as_str(),
                    agent.category.as_str(),
                    agent.model.as_deref().unwrap_or("inherit"),
                    agent.description.as_str(),
                ]);
            }
            println!("{table}");
            println!(
                "{} agents; run one with `claude --agent cco:<name>`",
                agents.len()
            );
            Ok(ok)
        }
        AgentsCommand::Show { name, json } => {
            let roster = Roster::load(&user_agents_dir());
            let Some(agent) = roster.get(&name) else {
                anyhow::bail!("there is no agent {name:?}: `cco agents list` shows the roster");
            };
            if json {
                let mut value = serde_json::to_value(agent)?;
                value["prompt"] = agent.body().into();
                println!("{}", serde_json::to_string_pretty(&value)?);
            } else {
                print!("{}", agent.text);
            }
            Ok(ok)
        }
        AgentsCommand::Validate { dir, json } => {
            let roster = match &dir {
                Some(dir) if !dir.is_dir() => {
                    anyhow::bail!("{} is not a folder", dir.display())
                }
                Some(dir) => Roster::from_dir(dir),
                None => Roster::load(&user_agents_dir()),
            };
            if json {
                let report = serde_json::json!({
                    "agents": roster.agents.len(),
                    "tiers": roster.tier_counts(),
                    "problems": roster.problems,
                });
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                for problem in &roster.problems {
                    println!("{}: {}", problem.file, problem.message);
                }
                let tiers: Vec<String> = roster
                    .tier_counts()
                    .iter()
                    .map(|(tier, count)| format!("{count} {tier}"))
                    .collect();
                println!(
                    "{} agents valid ({}); {} problem(s)",
                    roster.agents.len(),
                    tiers.join(", "),
                    roster.problems.len()
                );
            }
            Ok(if roster.problems.is_empty() {
                ok
            } else {
                std::process::ExitCode::FAILURE
            })
        }
    }
}

fn warn_about(problems: &[Problem]) {
    for problem in problems {
        eprintln!(
            "cco: agent file {} left out: {}",
            problem.file, problem.message
        );
    }
}

/// `cco mcp`: serves the delegation tools on stdin/stdout.
pub fn run_mcp() -> anyhow::Result<()> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let paths = Paths::from_env();
    let settings = crate::config::Settings::load(&paths, &mut Vec::new());
    let env = McpEnv {
        socket: var("CCO_SOCKET").map(PathBuf::from),
        pane: var("CCO_PANE"),
        agents_dir: paths.agents_dir(),
        knowledge: SharedKnowledge::new(
            paths.data_dir.clone(),
            settings.knowledge,
            crate::knowledge::project::identify(&std::env::current_dir()?),
            var("CLAUDE_CODE_SESSION_ID"),
        ),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(mcp::serve(env))
}
