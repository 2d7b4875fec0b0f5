//! Agents: the roster (Claude Code agent files embedded from `agents/`, plus the user's own),
//! the live tree of panes and their sub-agents built from hook news, and `cco mcp`, the MCP
//! server through which a coordinator session delegates work to visible panes.

pub mod calls;
pub mod mcp;
pub mod roster;
pub mod tree;

pub use roster::{Agent, Roster};

/// The plugin's name: roster agents are `cco:<name>` inside Claude Code.
pub const NAMESPACE: &str = "cco";

/// `cco:<name>`, how Claude Code's Agent tool and `--agent` name a roster agent.
pub fn qualified(name: &str) -> String {
    format!("{NAMESPACE}:{name}")
}

/// The roster name inside a qualified agent type (`cco:go-specialist` → `go-specialist`).
pub fn unqualified(agent_type: &str) -> &str {
    agent_type
        .strip_prefix(NAMESPACE)
        .and_then(|rest| rest.strip_prefix(':'))
        .unwrap_or(agent_type)
}
