//! `cco mcp`: the stdio MCP server cco's plugin lists in `.mcp.json`. Its tools let a Claude
//! Code session (a coordinator) open visible panes running roster agents, follow them and read
//! their answers. It holds no state: every call is relayed to the running cco over its socket
//! (`CCO_SOCKET`), except `list_agents`, which reads the roster itself, and the knowledge
//! tools, which open the knowledge base themselves (once, on first use).

use std::path::PathBuf;
use std::time::Duration;

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock};
use rmcp::{schemars, tool, tool_router, ServiceExt as _};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};

use super::calls::{Call, CallReply, CallToCco, Outcome, PaneReport, Spawned};
use super::Roster;
use crate::knowledge::shared::SharedKnowledge;
use crate::knowledge::Kind;

/// How often `agent_result` looks at a pane that is still working.
const POLL: Duration = Duration::from_millis(300);
/// How long any one call to cco may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest `agent_result` waits, whatever it is asked.
const MAX_WAIT_SECONDS: u64 = 600;

/// Where the server reaches cco and finds the roster.
#[derive(Clone, Debug)]
pub struct McpEnv {
    pub socket: Option<PathBuf>,
    pub pane: Option<String>,
    pub agents_dir: PathBuf,
    pub knowledge: SharedKnowledge,
}

#[derive(Clone)]
pub struct CcoTools {
    env: McpEnv,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct KnowledgeSearchArgs {
    /// What to look for, in words (hybrid BM25 + semantic search when cco has its model).
    pub query: String,
    /// How many results (default 8, at most 50).
    #[serde(default)]
    pub limit: Option<usize>,
    /// Only items of this type: note, fact, decision, edit, completion or checkpoint.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Search every project, not only this session's.
    #[serde(default)]
    pub all_projects: bool,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct KnowledgeStoreArgs {
    /// The item, self-contained: other sessions read it without this conversation.
    pub text: String,
    /// note (default), fact, decision, edit, completion or checkpoint.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// The id of an older item this one corrects; the old one is kept but ranked out.
    #[serde(default)]
    pub supersedes: Option<i64>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct SpawnAgentArgs {
    /// The roster agent to run, e.g. `backend-architect` (see list_agents).
    pub agent: String,
    /// The task, self-contained: the agent sees nothing else of this conversation.
    pub task: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct AgentStatusArgs {
    /// One session (as returned by spawn_agent); all panes when left out.
    #[serde(default)]
    pub session_id: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct AgentResultArgs {
    /// The session returned by spawn_agent.
    pub session_id: String,
    /// How long to wait for the agent to finish (default 60, at most 600).
    #[serde(default)]
    pub wait_seconds: Option<u64>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct ListAgentsArgs {
    /// Only this tier: leadership, managers, specialists or custom.
    #[serde(default)]
    pub tier: Option<String>,
}

#[derive(Debug, Serialize)]
struct Listed<'a> {
    name: &'a str,
    tier: &'a str,
    category: &'a str,
    model: Option<&'a str>,
    description: &'a str,
}

#[derive(Debug, Serialize)]
struct Result_ {
    session_id: String,
    finished: bool,
    state: String,
    answer: Option<String>,
}

#[tool_router(server_handler)]
impl CcoTools {
    #[tool(
        description = "Open a visible cco pane running a roster agent on a task; returns its session id. The pane runs Claude Code with that agent's prompt and tools; its shell commands go through cco's approvals like any pane's."
    )]
    async fn spawn_agent(&self, Parameters(args): Parameters<SpawnAgentArgs>) -> CallToolResult {
        let call = Call::SpawnAgent {
            agent: args.agent,
            task: args.task,
        };
        match self.call(call).await {
            Ok(value) => match serde_json::from_value::<Spawned>(value) {
                Ok(spawned) => json_result(&spawned),
                Err(error) => failure(format!("cco answered something unexpected: {error}")),
            },
            Err(error) => failure(error),
        }
    }

    #[tool(
        description = "What cco's panes are doing: state (working, needs approval, your turn, ended), agent, parent session, sub-agents, cost and last answer. One session when session_id is given."
    )]
    async fn agent_status(&self, Parameters(args): Parameters<AgentStatusArgs>) -> CallToolResult {
        match self.status(args.session_id).await {
            Ok(reports) => json_result(&reports),
            Err(error) => failure(error),
        }
    }

    #[tool(
        description = "Wait (up to wait_seconds) for a spawned agent to finish its turn and return its last answer."
    )]
    async fn agent_result(&self, Parameters(args): Parameters<AgentResultArgs>) -> CallToolResult {
        let wait = Duration::from_secs(args.wait_seconds.unwrap_or(60).min(MAX_WAIT_SECONDS));
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let report = match self.status(Some(args.session_id.clone())).await {
                Ok(reports) => reports.into_iter().next(),
                Err(error) => return failure(error),
            };
            let Some(report) = report else {
                return failure(format!(
                    "no pane of this cco runs session {}",
                    args.session_id
                ));
            };
            let finished = report.is_finished();
            if finished || tokio::time::Instant::now() + POLL > deadline {
                return json_result(&Result_ {
                    session_id: args.session_id,
                    finished,
                    state: report.state,
                    answer: report.last_answer.filter(|_| finished),
                });
            }
            tokio::time::sleep(POLL).await;
        }
    }

    #[tool(
        description = "Search cco's knowledge base (shared by every session and agent of this project, kept across compactions): decisions, facts, notes, session checkpoints. Returns the best items first with id, type, age and text."
    )]
    async fn knowledge_search(
        &self,
        Parameters(args): Parameters<KnowledgeSearchArgs>,
    ) -> CallToolResult {
        let kind = match parse_kind(args.kind.as_deref()) {
            Ok(kind) => kind,
            Err(error) => return failure(error),
        };
        let knowledge = self.env.knowledge.clone();
        let limit = args.limit.unwrap_or(8);
        blocking(move || knowledge.search(&args.query, limit, kind, args.all_projects)).await
    }

    #[tool(
        description = "Store an item in cco's knowledge base for this project, so later sessions and other agents find it (e.g. a decision and its reason, a fact learned). Exact and near duplicates are not stored twice; use supersedes to correct an older item."
    )]
    async fn knowledge_store(
        &self,
        Parameters(args): Parameters<KnowledgeStoreArgs>,
    ) -> CallToolResult {
        let kind = match parse_kind(args.kind.as_deref()) {
            Ok(kind) => kind.unwrap_or(Kind::Note),
            Err(error) => return failure(error),
        };
        let knowledge = self.env.knowledge.clone();
        blocking(move || knowledge.store(&args.text, kind, args.supersedes)).await
    }

    #[tool(
        description = "The roster of agents spawn_agent can run, with tier, category, model and what each is for."
    )]
    async fn list_agents(&self, Parameters(args): Parameters<ListAgentsArgs>) -> CallToolResult {
        let roster = Roster::load(&self.env.agents_dir);
        let listed: Vec<Listed<'_>> = roster
            .agents
            .iter()
            .filter(|a| args.tier.as_deref().is_none_or(|tier| a.tier == tier))
            .map(|a| Listed {
                name: &a.name,
                tier: &a.tier,
                category: &a.category,
                model: a.model.as_deref(),
                description: &a.description,
            })
            .collect();
        json_result(&listed)
    }
}

impl CcoTools {
    pub fn new(env: McpEnv) -> CcoTools {
        CcoTools { env }
    }

    async fn status(&self, session_id: Option<String>) -> Result<Vec<PaneReport>, String> {
        let value = self.call(Call::Status { session_id }).await?;
        serde_json::from_value(value).map_err(|e| format!("cco answered something unexpected: {e}"))
    }

    /// Sends one call to the running cco and reads its reply.
    async fn call(&self, call: Call) -> Result<serde_json::Value, String> {
        let Some(socket) = &self.env.socket else {
            return Err(
                "cco is not running here: these tools work inside a Claude Code session started \
                 by cco (CCO_SOCKET is not set)"
                    .into(),
            );
        };
        let request = CallToCco {
            id: 1,
            pane: self.env.pane.clone(),
            call,
        };
        let exchange = async {
            let stream = tokio::net::UnixStream::connect(socket).await.map_err(|e| {
                format!(
                    "cannot reach cco at {} ({e}): is cco still running?",
                    socket.display()
                )
            })?;
            let (read, mut write) = stream.into_split();
            let mut line = serde_json::to_string(&request).map_err(|e| e.to_string())?;
            line.push('\n');
            write
                .write_all(line.as_bytes())
                .await
                .map_err(|e| format!("cco's socket: {e}"))?;
            let mut reply = String::new();
            BufReader::new(read)
                .read_line(&mut reply)
                .await
                .map_err(|e| format!("cco's socket: {e}"))?;
            let reply: CallReply = serde_json::from_str(&reply)
                .map_err(|e| format!("cco closed the connection or answered badly ({e})"))?;
            match reply.outcome {
                Outcome::Ok(value) => Ok(value),
                Outcome::Error(message) => Err(message),
            }
        };
        tokio::time::timeout(CALL_TIMEOUT, exchange)
            .await
            .unwrap_or_else(|_| Err("cco did not answer within 10 s".into()))
    }
}

/// Runs knowledge work (SQLite, the model) off the async runtime and answers with its JSON.
async fn blocking<T: Serialize + Send + 'static>(
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> CallToolResult {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(value)) => json_result(&value),
        Ok(Err(error)) => failure(format!("{error:#}")),
        Err(error) => failure(error.to_string()),
    }
}

fn parse_kind(kind: Option<&str>) -> Result<Option<Kind>, String> {
    kind.map(|name| {
        Kind::parse(name).ok_or_else(|| {
            let known: Vec<&str> = Kind::ALL.iter().map(|kind| kind.as_str()).collect();
            format!("unknown type {name:?}: use one of {}", known.join(", "))
        })
    })
    .transpose()
}

fn json_result(value: &impl Serialize) -> CallToolResult {
    match serde_json::to_string_pretty(value) {
        Ok(text) => CallToolResult::success(vec![ContentBlock::text(text)]),
        Err(error) => failure(error.to_string()),
    }
}

fn failure(message: impl Into<String>) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(message.into())])
}

/// Serves MCP on stdin/stdout until the client goes away.
pub async fn serve(env: McpEnv) -> anyhow::Result<()> {
    let service = CcoTools::new(env)
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| anyhow::anyhow!("starting the MCP server: {e}"))?;
    service
        .waiting()
        .await
        .map_err(|e| anyhow::anyhow!("the MCP server stopped: {e}"))?;
    Ok(())
}
