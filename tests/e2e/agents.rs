//! Agents end to end: the roster through the CLI, the plugin's agent files, spawning from the
//! agent tree by key, `cco mcp` relaying to a running cco over its socket, and the real
//! `claude` (offline, loopback-only) using a plugin agent and delegating through `spawn_agent`.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{json, Value};

use crate::harness::{cco_binary, wait_for, Cco, Options};
use crate::testbed::claude::ClaudeHome;
use crate::testbed::fake_api::{FakeApi, Turn};
use crate::testbed::with_claude;

fn cco(args: &[&str], config_dir: &Path) -> std::process::Output {
    Command::new(cco_binary())
        .args(args)
        .env("CCO_CONFIG_DIR", config_dir)
        .env("CCO_DATA_DIR", config_dir.join("data"))
        .output()
        .expect("run cco")
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_cli_lists_shows_and_validates_the_roster_and_the_users_own_agents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let listed = cco(&["agents", "list", "--json"], dir.path());
    assert!(listed.status.success(), "{listed:?}");
    let agents: Vec<Value> = serde_json::from_slice(&listed.stdout).expect("json");
    assert_eq!(agents.len(), 119);
    assert_eq!(agents[0]["name"], "chief-architect", "leadership first");
    let shown = cco(&["agents", "show", "cco:rust-specialist"], dir.path());
    let text = stdout(&shown);
    assert!(text.starts_with("---\nname: rust-specialist\n"), "{text}");
    assert!(text.contains("model: haiku"), "{text}");
    let valid = cco(&["agents", "validate"], dir.path());
    assert!(valid.status.success(), "{valid:?}");
    assert!(
        stdout(&valid).contains("119 agents valid (1 leadership, 37 managers, 81 specialists)"),
        "{}",
        stdout(&valid)
    );

    let own = dir.path().join("agents");
    std::fs::create_dir_all(&own).expect("agents dir");
    std::fs::write(
        own.join("release-notes.md"),
        "---\nname: release-notes\ndescription: Writes our release notes.\ntools: Read, Bash\nmodel: haiku\n---\nYou write release notes.\n",
    )
    .expect("own agent");
    std::fs::write(
        own.join("broken.md"),
        "---\nname: broken\ndescription: x\ntools: Read, Teleport\n---\nbody\n",
    )
    .expect("broken agent");
    let listed = cco(
        &["agents", "list", "--tier", "custom", "--json"],
        dir.path(),
    );
    let custom: Vec<Value> = serde_json::from_slice(&listed.stdout).expect("json");
    assert_eq!(custom.len(), 1, "{custom:?}");
    assert_eq!(custom[0]["name"], "release-notes");
    assert!(
        String::from_utf8_lossy(&listed.stderr).contains("\"Teleport\""),
        "the broken file is named: {listed:?}"
    );
    let checked = cco(&["agents", "validate", &own.to_string_lossy()], dir.path());
    assert_eq!(checked.status.code(), Some(1));
    assert!(
        stdout(&checked).contains("broken.md: `tools` names \"Teleport\""),
        "{checked:?}"
    );

    let plugin = cco(&["plugin"], dir.path());
    let plugin_dir = PathBuf::from(stdout(&plugin).trim());
    let written = std::fs::read_dir(plugin_dir.join("agents"))
        .expect("agents")
        .count();
    assert_eq!(written, 120, "the roster and the user's agent");
    let servers: Value = serde_json::from_str(
        &std::fs::read_to_string(plugin_dir.join(".mcp.json")).expect(".mcp.json"),
    )
    .expect("json");
    assert_eq!(servers["mcpServers"]["cco"]["args"], json!(["mcp"]));
    // A user agent removed is removed from the plugin too.
    std::fs::remove_file(own.join("release-notes.md")).expect("remove");
    cco(&["plugin"], dir.path());
    assert!(!plugin_dir.join("agents/release-notes.md").exists());
}

/// `cco mcp` on pipes, spoken to in JSON-RPC as Claude Code does.
struct Mcp {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    next_id: u64,
}

impl Mcp {
    fn start(env: &[(&str, &Path)], config_dir: &Path) -> Mcp {
        // The server runs in the config dir, the folder its knowledge project is named after.
        std::fs::create_dir_all(config_dir).expect("config dir");
        let mut command = Command::new(cco_binary());
        command
            .arg("mcp")
            .env("CCO_CONFIG_DIR", config_dir)
            .env("CCO_DATA_DIR", config_dir.join("data"))
            .current_dir(config_dir)
            .env_remove("CCO_SOCKET")
            .env_remove("CCO_PANE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("cco mcp");
        let input = child.stdin.take().expect("stdin");
        let output = BufReader::new(child.stdout.take().expect("stdout"));
        let mut mcp = Mcp {
            child,
            input,
            output,
            next_id: 1,
        };
        let init = mcp.request(
            "initialize",
            json!({"protocolVersion": "2025-06-18", "capabilities": {},
                   "clientInfo": {"name": "test", "version": "0"}}),
        );
        assert!(
            init["result"]["capabilities"]["tools"].is_object(),
            "{init}"
        );
        mcp.send(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
        mcp
    }

    fn send(&mut self, message: &Value) {
        writeln!(self.input, "{message}").expect("write");
        self.input.flush().expect("flush");
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let mut line = String::new();
            assert!(
                self.output.read_line(&mut line).expect("read") > 0,
                "cco mcp closed"
            );
            let message: Value = serde_json::from_str(&line).expect("json line");
            if message["id"] == id {
                return message;
            }
        }
    }

    /// Calls a tool: (is_error, text).
    fn call(&mut self, tool: &str, arguments: Value) -> (bool, String) {
        let reply = self.request("tools/call", json!({"name": tool, "arguments": arguments}));
        let result = &reply["result"];
        let text = result["content"][0]["text"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        (result["isError"].as_bool().unwrap_or(false), text)
    }
}

impl Drop for Mcp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn cco_mcp_offers_its_tools_and_says_clearly_when_no_cco_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut mcp = Mcp::start(&[], dir.path());
    let tools = mcp.request("tools/list", json!({}));
    let mut names: Vec<&str> = tools["result"]["tools"]
        .as_array()
        .expect("tools")
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "agent_result",
            "agent_status",
            "knowledge_search",
            "knowledge_store",
            "list_agents",
            "spawn_agent"
        ]
    );
    let (error, text) = mcp.call("list_agents", json!({"tier": "leadership"}));
    assert!(!error, "{text}");
    let listed: Vec<Value> = serde_json::from_str(&text).expect("json");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["name"], "chief-architect");
    let (error, text) = mcp.call(
        "spawn_agent",
        json!({"agent": "go-specialist", "task": "x"}),
    );
    assert!(error, "{text}");
    assert!(text.contains("cco is not running here"), "{text}");
}

#[test]
fn agents_share_knowledge_through_cco_mcp() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut mcp = Mcp::start(&[], dir.path());
    let decision = "The orders service retries payments three times with jittered backoff";
    let (error, text) = mcp.call(
        "knowledge_store",
        json!({"text": decision, "type": "decision"}),
    );
    assert!(!error, "{text}");
    let stored: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(stored["outcome"], "new", "{text}");
    let (_, again) = mcp.call("knowledge_store", json!({"text": decision}));
    assert!(again.contains("\"duplicate\""), "{again}");
    let (error, text) = mcp.call("knowledge_store", json!({"text": "x", "type": "rumour"}));
    assert!(error && text.contains("unknown type"), "{text}");

    // A second server, as another agent's session in the same folder would start.
    let mut other = Mcp::start(&[], dir.path());
    let (error, text) = other.call(
        "knowledge_search",
        json!({"query": "how often are payments retried?"}),
    );
    assert!(!error, "{text}");
    let hits: Vec<Value> = serde_json::from_str(&text).expect("json");
    assert_eq!(hits[0]["text"], decision, "{text}");
    assert_eq!(hits[0]["type"], "decision");
    assert_eq!(hits[0]["source"], "mcp");
    let (_, elsewhere) = other.call(
        "knowledge_search",
        json!({"query": "payments", "type": "fact"}),
    );
    assert_eq!(elsewhere.trim(), "[]", "no fact was stored");
}

/// A stand-in `claude` for panes that must not run the real one: prints its arguments.
fn fake_claude(dir: &Path) -> PathBuf {
    let path = dir.join("bin/claude");
    std::fs::create_dir_all(path.parent().expect("bin")).expect("bin dir");
    std::fs::write(
        &path,
        "#!/bin/sh\nfor a in \"$@\"; do echo \"ARG $a\"; done; exec sleep 600\n",
    )
    .expect("script");
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

fn cco_with_fake_claude(bin: &Path) -> Cco {
    Cco::start(Options {
        rows: 40,
        cols: 140,
        args: vec!["--".into(), bin.to_string_lossy().into_owned()],
        ..Options::default()
    })
}

#[test]
fn spawning_from_the_agent_tree_opens_a_pane_running_the_agent_on_its_task() {
    let bin = tempfile::tempdir().expect("temp dir");
    let claude = fake_claude(bin.path());
    let mut cco = cco_with_fake_claude(&claude);
    cco.wait_text("ARG --session-id");
    cco.keys("C-Space t");
    cco.wait_text("agents · 119");
    cco.wait_text("▾ managers (37)");
    cco.wait_text("▸ development (6)");
    cco.type_text("go-spec");
    cco.wait_text("go-specialist");
    cco.wait_gone("▸ development");
    cco.keys("Enter");
    cco.wait_text("spawn go-specialist");
    cco.type_text("fix the flaky build");
    cco.keys("Enter");
    for arg in [
        "ARG --agent",
        "ARG cco:go-specialist",
        "ARG fix the flaky build",
    ] {
        cco.wait_text(arg);
    }
    cco.wait_text("2:go-specialist*");
    cco.wait_text("▾ Panes (2)");
    cco.wait_text("▣ pane 2 go-specialist · starting");
    cco.with_screen(|s| {
        assert!(
            s.contents().contains("ARG --plugin-dir"),
            "{}",
            s.contents()
        )
    });
    cco.keys("C-Space q y");
    cco.wait_exit();
}

/// The socket of the cco in `cco`'s runtime dir.
fn socket_of(cco: &Cco) -> PathBuf {
    let run = cco.dir.path().join("run");
    let find = || {
        walk(&run)
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "sock"))
    };
    wait_for("cco's socket", || find().is_some());
    find().expect("socket")
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            paths.extend(walk(&path));
        } else {
            paths.push(path);
        }
    }
    paths
}

/// Runs the real `cco hook` as Claude Code would from pane `pane`.
fn hook(socket: &Path, pane: &str, event: &Value) {
    let name = event["hook_event_name"].as_str().expect("event");
    let socket = socket.to_string_lossy();
    let env = [("CCO_SOCKET", socket.as_ref()), ("CCO_PANE", pane)];
    let (code, _, stderr, _) = crate::approvals::run_hook(name, &event.to_string(), &env);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn cco_mcp_spawns_a_visible_pane_follows_it_and_returns_its_answer() {
    let bin = tempfile::tempdir().expect("temp dir");
    let claude = fake_claude(bin.path());
    let mut cco = cco_with_fake_claude(&claude);
    cco.wait_text("ARG --session-id");
    let socket = socket_of(&cco);
    let config = cco.dir.path().join("config");
    let pane_one = Path::new("1");
    let mut mcp = Mcp::start(&[("CCO_SOCKET", &socket), ("CCO_PANE", pane_one)], &config);
    let (error, text) = mcp.call("spawn_agent", json!({"agent": "nobody", "task": "x"}));
    assert!(error && text.contains("no agent \"nobody\""), "{text}");
    let (error, text) = mcp.call(
        "spawn_agent",
        json!({"agent": "cco:api-designer", "task": "design the orders API"}),
    );
    assert!(!error, "{text}");
    let spawned: Value = serde_json::from_str(&text).expect("json");
    let session = spawned["session_id"]
        .as_str()
        .expect("session id")
        .to_string();
    assert_eq!(spawned["pane"], 2);
    assert_eq!(spawned["agent"], "api-designer");
    cco.wait_text("ARG cco:api-designer");
    cco.wait_text("ARG design the orders API");
    cco.wait_text(&format!("ARG {session}"));
    // The person's keyboard stays where it was.
    cco.wait_text("1:claude*");

    let (error, text) = mcp.call("agent_status", json!({"session_id": session}));
    assert!(!error, "{text}");
    let status: Vec<Value> = serde_json::from_str(&text).expect("json");
    assert_eq!(status.len(), 1);
    assert_eq!(status[0]["agent"], "api-designer");
    assert_eq!(status[0]["state"], "starting");
    let parent = status[0]["parent_session"]
        .as_str()
        .expect("parent")
        .to_string();
    let (_, text) = mcp.call("agent_status", json!({}));
    let all: Vec<Value> = serde_json::from_str(&text).expect("json");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["session_id"], parent.as_str(), "pane 1 asked");

    let (error, text) = mcp.call(
        "agent_result",
        json!({"session_id": session, "wait_seconds": 1}),
    );
    assert!(!error, "{text}");
    let pending: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(pending["finished"], false);
    assert_eq!(pending["answer"], Value::Null);

    // The agent's Claude Code reports through the real hook binary: a sub-agent, then its answer.
    let base = json!({"session_id": session, "transcript_path": "", "cwd": "/"});
    let with = |fields: Value| {
        let mut event = base.clone();
        event
            .as_object_mut()
            .expect("object")
            .extend(fields.as_object().expect("fields").clone());
        event
    };
    hook(
        &socket,
        "2",
        &with(json!({"hook_event_name": "UserPromptSubmit", "prompt": "x"})),
    );
    hook(
        &socket,
        "2",
        &with(json!({"hook_event_name": "SubagentStart",
        "agent_id": "a1", "agent_type": "cco:fact-checker"})),
    );
    let waiter = std::thread::spawn(move || {
        let result = mcp.call(
            "agent_result",
            json!({"session_id": session, "wait_seconds": 30}),
        );
        (mcp, result)
    });
    cco.keys("C-Space t");
    cco.wait_text("cco:fact-checker · running");
    hook(
        &socket,
        "2",
        &with(json!({"hook_event_name": "SubagentStop",
        "agent_id": "a1", "agent_type": "cco:fact-checker", "last_assistant_message": "checked"})),
    );
    cco.wait_text("cco:fact-checker · done");
    hook(
        &socket,
        "2",
        &with(json!({"hook_event_name": "Stop",
        "last_assistant_message": "ORDERS-API-DESIGNED"})),
    );
    let (_mcp, (error, text)) = waiter.join().expect("agent_result");
    assert!(!error, "{text}");
    let done: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(done["finished"], true, "{done}");
    assert_eq!(done["answer"], "ORDERS-API-DESIGNED");
    assert_eq!(done["state"], "your turn");
    cco.keys("C-Space q y");
    cco.wait_exit();
}

/// Names of the tools a request offered.
fn offered_tools(request: &crate::testbed::fake_api::Recorded) -> Vec<String> {
    request.body["tools"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str().map(String::from))
        .collect()
}

/// Every tool any roster agent lists, as one agent file: Claude Code drops names it does not
/// know, so a sub-agent running it is offered exactly the real ones.
fn tool_probe(config_dir: &Path) -> Vec<String> {
    let mut tools: Vec<String> = cco_roster()
        .iter()
        .flat_map(|agent| agent["tools"].as_array().cloned().unwrap_or_default())
        .filter_map(|tool| tool.as_str().map(String::from))
        .collect();
    tools.sort();
    tools.dedup();
    let agents = config_dir.join("agents");
    std::fs::create_dir_all(&agents).expect("agents dir");
    std::fs::write(
        agents.join("tool-probe.md"),
        format!(
            "---\nname: tool-probe\ndescription: Probes tools.\ntools: {}\nmodel: haiku\n---\nPROBE-PROMPT\n",
            tools.join(", ")
        ),
    )
    .expect("probe agent");
    tools
}

fn agent_call(description: &str, prompt: &str, agent: &str) -> Turn {
    Turn::tool(
        "Agent",
        json!({"description": description, "prompt": prompt, "subagent_type": agent}),
    )
}

#[test]
fn real_claude_runs_plugin_agents_that_show_under_their_pane_in_the_tree() {
    with_claude(move |binary| {
        let api = FakeApi::start(vec![
            agent_call(
                "check the claim",
                "SUBAGENT-TASK: check the claim",
                "cco:fact-checker",
            ),
            agent_call("probe", "PROBE-TASK: probe", "cco:tool-probe"),
            Turn::text("MAIN-DONE: the claim holds."),
        ]);
        api.route("SUBAGENT-TASK", vec![Turn::text("FACT-REPORT: verified.")]);
        api.route("PROBE-TASK", vec![Turn::text("PROBED.")]);
        let home = ClaudeHome::new(binary);
        home.seed_interactive();
        let config_dir = home.root.path().join("cco-config");
        let roster_tools = tool_probe(&config_dir);
        let mut env = home.env(&api);
        env.push((
            "CCO_CONFIG_DIR".into(),
            config_dir.to_string_lossy().into_owned(),
        ));
        let mut cco = Cco::start(Options {
            rows: 40,
            cols: 120,
            args: vec!["--".into(), home.binary.to_string_lossy().into_owned()],
            env,
            cwd: Some(home.cwd.clone()),
            ..Options::default()
        });
        cco.wait_text("? for shortcuts");
        cco.type_text("check the claim");
        cco.wait_text("check the claim");
        cco.type_text("\r");
        cco.wait_text("MAIN-DONE: the claim holds.");
        cco.keys("C-Space t");
        cco.wait_text("▣ pane 1 claude · your turn");
        cco.wait_text("└ cco:fact-checker · done");
        cco.wait_text("└ cco:tool-probe · done");

        let requests = api.main_turns();
        let first_request_of = |marker: &str| {
            requests
                .iter()
                .find(|r| r.body["messages"][0].to_string().contains(marker))
                .cloned()
                .unwrap_or_else(|| panic!("a request for {marker}"))
        };
        let sub = first_request_of("SUBAGENT-TASK");
        let roster = cco_roster_agent("fact-checker");
        let mut wanted: Vec<String> = roster["tools"]
            .as_array()
            .expect("tools")
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect();
        let mut got = offered_tools(&sub);
        wanted.sort();
        got.sort();
        assert_eq!(
            got, wanted,
            "Claude Code gave the sub-agent the agent file's tools"
        );
        let prompt_line = roster["prompt"]
            .as_str()
            .and_then(|p| p.lines().next())
            .expect("prompt")
            .to_string();
        assert!(
            sub.body["system"].to_string().contains(&prompt_line[..40]),
            "the sub-agent ran the agent file's prompt"
        );
        let mut probed = offered_tools(&first_request_of("PROBE-TASK"));
        probed.sort();
        assert_eq!(
            probed, roster_tools,
            "every tool the roster names is a real one"
        );
        let main_tools = offered_tools(&first_request_of("check the claim"));
        for tool in [
            "spawn_agent",
            "agent_status",
            "agent_result",
            "list_agents",
            "knowledge_search",
            "knowledge_store",
        ] {
            assert!(
                main_tools
                    .iter()
                    .any(|t| t == &format!("mcp__plugin_cco_cco__{tool}")),
                "cco's {tool} offered: {main_tools:?}"
            );
        }
        cco.keys("C-Space q y");
        cco.wait_exit();
    });
}

fn cco_roster() -> Vec<Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    serde_json::from_slice(&cco(&["agents", "list", "--json"], dir.path()).stdout).expect("json")
}

fn cco_roster_agent(name: &str) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    serde_json::from_slice(&cco(&["agents", "show", name, "--json"], dir.path()).stdout)
        .expect("json")
}

#[test]
fn real_claude_coordinates_a_visible_agent_over_mcp_and_reads_its_answer() {
    with_claude(move |binary| {
        let api = FakeApi::start(vec![
            Turn::tool(
                "mcp__plugin_cco_cco__spawn_agent",
                json!({"agent": "backend-architect", "task": "DELEGATED-TASK: design the orders service"}),
            ),
            Turn::tool(
                "mcp__plugin_cco_cco__agent_result",
                json!({"session_id": "$session_id", "wait_seconds": 120}),
            ),
            Turn::text("COORDINATOR-DONE."),
        ]);
        api.route(
            "DELEGATED-TASK",
            vec![Turn::text("ARCHITECT-ANSWER: three tables and one queue.")],
        );
        let home = ClaudeHome::new(binary);
        home.seed_interactive();
        let mut cco = crate::testbed::cco_running_claude(&home, &api);
        cco.wait_text("? for shortcuts");
        cco.type_text("COORDINATE the orders work");
        cco.wait_text("COORDINATE the orders work");
        cco.type_text("\r");
        // MCP tools ask first, like any tool the session has not been allowed: in cco's queue.
        cco.wait_text("needs approval");
        cco.keys("C-Space y");
        cco.wait_text("2 backend-architect");
        cco.wait_until("the agent's answer in its pane", |s| {
            s.contents().contains("ARCHITECT-ANSWER")
        });
        cco.wait_until("the second tool asks", |s| {
            s.contents().contains("needs approval")
        });
        cco.keys("C-Space y");
        cco.wait_text("COORDINATOR-DONE.");
        let last = api
            .main_turns()
            .into_iter()
            .rfind(|r| r.text().contains("COORDINATE the orders work"))
            .expect("the coordinator's last request");
        assert!(
            last.text()
                .contains("ARCHITECT-ANSWER: three tables and one queue."),
            "agent_result handed the agent's answer back: {}",
            last.text()
        );
        cco.keys("C-Space t");
        cco.wait_until("the child pane under its parent", |s| {
            let text = s.contents();
            let parent = text.find("▣ pane 1 claude");
            let child = text.find("▣ pane 2 backend-architect");
            matches!((parent, child), (Some(p), Some(c)) if p < c)
        });
        cco.keys("C-Space q y");
        cco.wait_exit();
    });
}
