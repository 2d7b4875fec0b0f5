//! The tree's rows from a roster, the live panes and the person's folding and filter.

use super::*;
use crate::agents::roster::{parse, Source};

fn agent(place: &str) -> crate::agents::Agent {
    let name = Path::new(place)
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    let text = format!("---\nname: {name}\ndescription: The {name}.\nmodel: haiku\n---\nbody\n");
    parse(Path::new(place), &text, Source::Embedded).expect("valid")
}

use std::path::Path;

fn roster() -> Roster {
    Roster {
        agents: vec![
            agent("leadership/architecture/chief-architect.md"),
            agent("specialists/languages/go-specialist.md"),
            agent("specialists/languages/rust-specialist.md"),
            agent("specialists/research/fact-checker.md"),
        ],
        problems: Vec::new(),
    }
}

fn pane(id: PaneId, session: &str) -> PaneFacts {
    PaneFacts {
        id,
        number: id as usize,
        name: format!("p{id}"),
        session_id: Some(session.into()),
        activity: Some(crate::hook::Activity::Working),
        running: true,
        cost_picos: None,
    }
}

fn hook(event: &str, agent_id: Option<&str>, message: Option<&str>) -> HookInput {
    HookInput {
        hook_event_name: event.into(),
        agent_id: agent_id.map(String::from),
        agent_type: agent_id.map(|_| "cco:fact-checker".to_string()),
        last_assistant_message: message.map(String::from),
        ..HookInput::default()
    }
}

/// Each row as indented text, for comparing whole trees.
fn outline(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .map(|row| {
            let indent = "  ".repeat(usize::from(row.depth()));
            let text = match row {
                Row::Heading {
                    label, open, count, ..
                } => {
                    format!("{} {label} ({count})", if *open { "v" } else { ">" })
                }
                Row::Agent { name, .. } => name.clone(),
                Row::Pane { pane, agent, .. } => {
                    format!("pane {} {}", pane.number, agent.as_deref().unwrap_or("-"))
                }
                Row::Subagent {
                    agent_type,
                    running,
                    ..
                } => {
                    format!(
                        "sub {agent_type} {}",
                        if *running { "running" } else { "done" }
                    )
                }
            };
            format!("{indent}{text}")
        })
        .collect()
}

#[test]
fn the_agent_of_a_command_line() {
    let words = |line: &str| line.split(' ').map(String::from).collect::<Vec<_>>();
    assert_eq!(
        agent_of(&words("claude --agent cco:go-specialist fix it")).as_deref(),
        Some("go-specialist")
    );
    assert_eq!(
        agent_of(&words("claude --agent=rust-specialist")).as_deref(),
        Some("rust-specialist")
    );
    assert_eq!(agent_of(&words("claude --model opus")), None);
    assert_eq!(agent_of(&words("claude --agent")), None);
}

#[test]
fn sub_agents_follow_their_hooks_and_answers_are_kept_until_the_next_prompt() {
    let mut live = Live::default();
    assert!(live.on_hook(1, &hook("SubagentStart", Some("a1"), None)));
    assert_eq!(live.get(1).map(|l| l.subagents[0].running), Some(true));
    assert!(live.on_hook(1, &hook("SubagentStop", Some("a1"), Some("checked"))));
    let sub = &live.get(1).expect("pane").subagents[0];
    assert_eq!(
        (sub.running, sub.last_answer.as_deref()),
        (false, Some("checked"))
    );
    // A sub-agent's Stop is not the pane's answer.
    assert!(!live.on_hook(1, &hook("PreToolUse", None, None)));
    assert!(live.on_hook(1, &hook("Stop", None, Some("all done"))));
    assert_eq!(
        live.get(1).and_then(|l| l.last_answer.as_deref()),
        Some("all done")
    );
    assert!(live.on_hook(1, &hook("UserPromptSubmit", None, None)));
    assert_eq!(live.get(1).and_then(|l| l.last_answer.clone()), None);
}

#[test]
fn live_panes_nest_children_under_the_pane_that_spawned_them() {
    let mut live = Live::default();
    live.entry(1).agent = Some("chief-architect".into());
    live.entry(2).agent = Some("go-specialist".into());
    live.entry(2).parent_session = Some("s1".into());
    live.entry(3).parent_session = Some("gone-session".into());
    live.on_hook(2, &hook("SubagentStart", Some("a1"), None));
    let panes = [pane(1, "s1"), pane(2, "s2"), pane(3, "s3")];
    let rows = rows(&roster(), &live, &panes, "", &BTreeSet::new());
    assert_eq!(
        outline(&rows),
        [
            "v Panes (3)",
            "  pane 1 chief-architect",
            "    pane 2 go-specialist",
            "      sub cco:fact-checker running",
            "  pane 3 -",
            "v leadership (1)",
            "  > architecture (1)",
            "v specialists (3)",
            "  > languages (2)",
            "  > research (1)",
        ]
    );
}

#[test]
fn folding_unfolding_and_filtering() {
    let mut live = Live::default();
    live.entry(1).agent = Some("go-specialist".into());
    let panes = [pane(1, "s1")];
    let toggled: BTreeSet<String> = ["live", "leadership", "specialists/languages"]
        .map(String::from)
        .into();
    let rows = rows(&roster(), &live, &panes, "", &toggled);
    assert_eq!(
        outline(&rows),
        [
            "> Panes (1)",
            "> leadership (1)",
            "v specialists (3)",
            "  v languages (2)",
            "    go-specialist",
            "      pane 1 go-specialist",
            "    rust-specialist",
            "  > research (1)",
        ]
    );
    let filtered = super::rows(&roster(), &live, &panes, "RUST", &toggled);
    assert_eq!(
        outline(&filtered),
        [
            "v specialists (1)",
            "  v languages (1)",
            "    rust-specialist"
        ]
    );
    assert_eq!(best_match(&filtered, "RUST"), Some(2));
    assert!(super::rows(&roster(), &live, &panes, "nothing-like-it", &toggled).is_empty());
}

#[test]
fn a_spawn_loop_cannot_make_the_tree_endless_or_hide_a_pane() {
    let mut live = Live::default();
    live.entry(1).parent_session = Some("s2".into());
    live.entry(2).parent_session = Some("s1".into());
    let panes = [pane(1, "s1"), pane(2, "s2")];
    let rows = rows(&Roster::default(), &live, &panes, "", &BTreeSet::new());
    assert_eq!(
        outline(&rows),
        ["v Panes (2)", "  pane 1 -", "    pane 2 -"],
        "a parent is always opened before its child"
    );
}
