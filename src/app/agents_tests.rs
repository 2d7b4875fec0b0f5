//! The agent tree on the app: keys in, panes spawned with the right command line, calls from
//! `cco mcp` answered, hook news in the tree.

use super::*;
use crate::agents::calls::Call;
use crate::app::tests::{app, keys};
use crate::app::HookLink;
use crate::event::Event;
use crate::hook::server::HookEvent;
use crate::hook::wire::HookInput;

/// An app whose panes run Claude Code with cco's plugin, with the embedded roster.
fn claude_app() -> App {
    let mut app = app();
    app.agents.roster = Roster::embedded();
    app.hooks = Some(HookLink {
        plugin_dir: "/plugin".into(),
        socket: "/run/cco.sock".into(),
    });
    app.default_command = vec!["/opt/claude".into()];
    app.open_pane(vec!["/opt/claude".into()], None);
    app.close_pane(1);
    app.take_effects();
    app
}

/// The Claude Code pane `claude_app` opened (number 1 on screen).
const CLAUDE: PaneId = 2;

fn spawned_commands(app: &mut App) -> Vec<Vec<String>> {
    app.take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Spawn { command, .. } => Some(command),
            _ => None,
        })
        .collect()
}

fn replies(app: &mut App) -> Vec<Outcome> {
    app.take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Reply { outcome, .. } => Some(outcome),
            _ => None,
        })
        .collect()
}

#[test]
fn typing_filters_enter_opens_the_editor_and_enter_spawns_the_agent_on_its_task() {
    let mut app = claude_app();
    keys(&mut app, "C-Space t");
    assert_eq!(app.mode, Mode::Agents);
    assert!(app.panels.panels.contains(&PanelKind::Agents));
    keys(&mut app, "r u s t - s");
    assert_eq!(app.agents.filter, "rust-s");
    assert!(matches!(
        app.agent_rows().get(app.agents.selected),
        Some(Row::Agent { name, .. }) if name == "rust-specialist"
    ));
    keys(&mut app, "Enter");
    assert_eq!(app.mode, Mode::SpawnTask);
    keys(&mut app, "f i x M-Enter i t");
    keys(&mut app, "Enter");
    let commands = spawned_commands(&mut app);
    assert_eq!(commands.len(), 1);
    let command = &commands[0];
    assert_eq!(command[0], "/opt/claude");
    assert!(
        command.ends_with(&[
            "--agent".to_string(),
            "cco:rust-specialist".to_string(),
            "fix\nit".to_string()
        ]),
        "{command:?}"
    );
    assert!(command.contains(&"--plugin-dir".to_string()));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.agents.filter, "", "the search is done");
    let new = app.focus.expect("focus");
    assert_eq!(app.panes[&new].name, "rust-specialist");
    assert_eq!(
        app.agents.live.get(new).and_then(|l| l.agent.as_deref()),
        Some("rust-specialist")
    );
}

#[test]
fn escape_cancels_the_editor_then_clears_the_filter_then_gives_the_keys_back() {
    let mut app = claude_app();
    keys(&mut app, "C-Space t g o - s p Enter");
    assert_eq!(app.mode, Mode::SpawnTask);
    keys(&mut app, "Esc");
    assert_eq!(app.mode, Mode::Agents);
    assert_eq!(app.agents.filter, "go-sp");
    keys(&mut app, "Esc");
    assert_eq!(
        (app.mode.clone(), app.agents.filter.as_str()),
        (Mode::Agents, "")
    );
    keys(&mut app, "Esc");
    assert_eq!(app.mode, Mode::Normal);
    assert!(spawned_commands(&mut app).is_empty());
}

#[test]
fn folding_with_the_arrows_and_enter_on_a_pane_focuses_it() {
    let mut app = claude_app();
    keys(&mut app, "C-Space t");
    // Row 0 is the live section, row 1 the only pane.
    keys(&mut app, "Left");
    assert!(matches!(
        app.agent_rows()[0],
        Row::Heading { open: false, .. }
    ));
    keys(&mut app, "Right Down Enter");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Some(CLAUDE));
}

#[test]
fn a_call_spawns_a_child_of_the_asking_pane_without_taking_the_keyboard() {
    let mut app = claude_app();
    let parent_session = app.panes[&CLAUDE].session_id.clone();
    app.update(Event::Hook(Box::new(HookEvent::Call {
        key: 9,
        pane: Some(CLAUDE.to_string()),
        call: Call::SpawnAgent {
            agent: "cco:fact-checker".into(),
            task: "check it".into(),
        },
    })));
    assert_eq!(
        app.focus,
        Some(CLAUDE),
        "the person keeps typing where they were"
    );
    let effects = app.take_effects();
    let spawned = effects.iter().find_map(|e| match e {
        Effect::Reply {
            key: 9,
            outcome: Outcome::Ok(value),
        } => Some(value.clone()),
        _ => None,
    });
    let spawned = spawned.expect("a reply");
    assert_eq!(spawned["pane"], 2);
    assert_eq!(spawned["agent"], "fact-checker");
    let child = app.ordered_panes()[1];
    assert_eq!(
        app.panes[&child].session_id.as_deref(),
        spawned["session_id"].as_str()
    );
    assert_eq!(
        app.agents
            .live
            .get(child)
            .and_then(|l| l.parent_session.clone()),
        parent_session
    );

    app.update(Event::Hook(Box::new(HookEvent::Call {
        key: 10,
        pane: Some(CLAUDE.to_string()),
        call: Call::SpawnAgent {
            agent: "nobody".into(),
            task: String::new(),
        },
    })));
    assert!(matches!(&replies(&mut app)[..], [Outcome::Error(e)] if e.contains("no agent")));
}

#[test]
fn status_reports_state_answers_and_sub_agents_from_hooks() {
    let mut app = claude_app();
    let session = app.panes[&CLAUDE].session_id.clone().expect("session");
    let tell = |app: &mut App, json: &str| {
        let input = HookInput::parse(json).expect("input");
        app.update(Event::Hook(Box::new(HookEvent::Tell {
            pane: Some(CLAUDE.to_string()),
            input,
            decided: None,
        })));
    };
    tell(
        &mut app,
        &format!(
            r#"{{"session_id":"{session}","hook_event_name":"SubagentStart","agent_id":"a","agent_type":"cco:go-specialist"}}"#
        ),
    );
    tell(
        &mut app,
        &format!(
            r#"{{"session_id":"{session}","hook_event_name":"Stop","last_assistant_message":"DONE"}}"#
        ),
    );
    app.update(Event::Hook(Box::new(HookEvent::Call {
        key: 1,
        pane: None,
        call: Call::Status {
            session_id: Some(session.clone()),
        },
    })));
    let [Outcome::Ok(value)] = &replies(&mut app)[..] else {
        panic!("one answer");
    };
    let reports: Vec<PaneReport> = serde_json::from_value(value.clone()).expect("reports");
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].state, "your turn");
    assert_eq!(reports[0].last_answer.as_deref(), Some("DONE"));
    assert!(reports[0].is_finished());
    assert_eq!(reports[0].subagents[0].agent_type, "cco:go-specialist");
    assert!(reports[0].subagents[0].running);
}

#[test]
fn without_the_plugin_agents_cannot_run_and_say_why() {
    let mut app = claude_app();
    app.hooks = None;
    let error = app
        .spawn_agent("go-specialist", "", None, true)
        .expect_err("no plugin");
    assert!(error.contains("plugin is off"), "{error}");
}
