//! The embedded roster, checked file by file, and the user's folder over it.

use super::*;

fn write(dir: &Path, place: &str, text: &str) {
    let path = dir.join(place);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
    std::fs::write(path, text).expect("write");
}

const GOOD: &str = "---\nname: my-helper\ndescription: Helps.\ntools: Read, Bash\nmodel: haiku\n---\n\nYou help.\n";

#[test]
fn every_embedded_agent_file_is_valid() {
    let roster = Roster::embedded();
    assert!(
        roster.problems.is_empty(),
        "problems: {:#?}",
        roster.problems
    );
    assert_eq!(roster.agents.len(), 119);
}

#[test]
fn the_roster_has_one_leader_37_managers_and_81_specialists_on_their_models() {
    let roster = Roster::embedded();
    let counts = roster.tier_counts();
    assert_eq!(counts.get("leadership"), Some(&1));
    assert_eq!(counts.get("managers"), Some(&37));
    assert_eq!(counts.get("specialists"), Some(&81));
    for agent in &roster.agents {
        let wanted = match agent.tier.as_str() {
            "leadership" => "opus",
            "managers" => "sonnet",
            _ => "haiku",
        };
        assert_eq!(agent.model.as_deref(), Some(wanted), "{}", agent.name);
    }
    let chief = roster.get("cco:chief-architect").expect("the coordinator");
    assert_eq!(chief.tier, "leadership");
    assert_eq!(
        chief.tools, None,
        "inherits every tool, cco's MCP tools included"
    );
    for tool in ["spawn_agent", "agent_result", "agent_status", "list_agents"] {
        assert!(chief.body().contains(tool), "the coordinator knows {tool}");
    }
}

#[test]
fn every_agent_is_distinct_specific_and_refers_only_to_real_agents() {
    let roster = Roster::embedded();
    let mut bodies = std::collections::HashSet::new();
    let mut descriptions = std::collections::HashSet::new();
    for agent in &roster.agents {
        let body = agent.body();
        assert!(body.lines().count() >= 25, "{} is too short", agent.name);
        for section in [
            "## How you work",
            "## What you hand back",
            "## When to defer",
        ] {
            assert!(body.contains(section), "{} lacks {section}", agent.name);
        }
        assert!(
            bodies.insert(body.to_string()),
            "{} repeats a body",
            agent.name
        );
        assert!(
            descriptions.insert(agent.description.clone()),
            "{} repeats a description",
            agent.name
        );
        assert!(
            agent.description.len() <= 400,
            "{} description too long",
            agent.name
        );
        for (index, _) in body.match_indices("cco:") {
            let named: String = body[index + 4..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            let named = named.trim_end_matches('-');
            if !named.is_empty() {
                assert!(
                    roster.get(named).is_some(),
                    "{} defers to cco:{named}, which is not in the roster",
                    agent.name
                );
            }
        }
    }
}

#[test]
fn reviewers_and_auditors_cannot_edit() {
    let roster = Roster::embedded();
    for name in [
        "code-reviewer",
        "security-auditor",
        "penetration-tester",
        "fact-checker",
    ] {
        let tools = roster.get(name).and_then(|a| a.tools.clone()).expect(name);
        assert!(
            !tools.iter().any(|t| t == "Edit" || t == "Write"),
            "{name}: {tools:?}"
        );
    }
}

#[test]
fn a_broken_file_says_what_is_wrong() {
    let cases = [
        ("no front matter", "just text", "no front matter"),
        ("bad yaml", "---\nname: [x\n---\nbody\n", "not valid YAML"),
        (
            "unknown tool",
            "---\nname: my-helper\ndescription: d\ntools: Read, Grep\n---\nbody\n",
            "\"Grep\"",
        ),
        (
            "model id",
            "---\nname: my-helper\ndescription: d\nmodel: claude-3\n---\nbody\n",
            "`model`",
        ),
        (
            "upper case",
            "---\nname: My-Helper\ndescription: d\n---\nbody\n",
            "lowercase",
        ),
        (
            "name differs",
            "---\nname: other\ndescription: d\n---\nbody\n",
            "differs from the file name",
        ),
        (
            "empty body",
            "---\nname: my-helper\ndescription: d\n---\n",
            "empty",
        ),
        (
            "no description",
            "---\nname: my-helper\n---\nbody\n",
            "`description`",
        ),
    ];
    for (case, text, expected) in cases {
        let problems = parse(Path::new("my-helper.md"), text, Source::Embedded).expect_err(case);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{case}: {problems:?}"
        );
    }
    let agent = parse(Path::new("x/y/my-helper.md"), GOOD, Source::Embedded).expect("valid");
    assert_eq!(
        agent.tools,
        Some(vec!["Read".to_string(), "Bash".to_string()])
    );
    assert_eq!(
        (agent.tier.as_str(), agent.category.as_str()),
        ("custom", "x")
    );
    let listed = GOOD.replace(
        "tools: Read, Bash",
        "tools:\n  - Read\n  - mcp__cco__spawn_agent",
    );
    let agent = parse(Path::new("my-helper.md"), &listed, Source::Embedded).expect("list");
    assert_eq!(agent.tools.map(|t| t.len()), Some(2));
}

#[test]
fn user_files_add_agents_override_embedded_ones_and_broken_ones_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "my-helper.md", GOOD);
    let override_text = "---\nname: go-specialist\ndescription: Our Go rules.\nmodel: sonnet\n---\nUse our Go rules.\n";
    write(dir.path(), "go-specialist.md", override_text);
    write(dir.path(), "broken.md", "---\nname: broken\n---\n");
    write(dir.path(), "README.md", "# my agents\n");
    let roster = Roster::load(dir.path());
    assert_eq!(roster.agents.len(), 120, "one added, one replaced");
    let go = roster.get("go-specialist").expect("go");
    assert_eq!(go.model.as_deref(), Some("sonnet"));
    assert_eq!(go.tier, "specialists", "keeps its place in the tree");
    assert!(matches!(go.source, Source::User(_)));
    assert_eq!(go.text, override_text);
    assert_eq!(
        roster.get("my-helper").map(|a| a.tier.as_str()),
        Some("custom")
    );
    assert_eq!(roster.problems.len(), 2, "{:?}", roster.problems);
    assert!(roster
        .problems
        .iter()
        .all(|p| p.file.ends_with("broken.md")));
    assert_eq!(
        roster
            .agents
            .iter()
            .filter(|a| a.name == "go-specialist")
            .count(),
        1
    );
    let missing = Roster::load(&dir.path().join("nowhere"));
    assert_eq!(missing.agents.len(), 119);
}

#[test]
fn a_name_used_twice_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a/my-helper.md", GOOD);
    write(dir.path(), "b/my-helper.md", GOOD);
    let roster = Roster::from_dir(dir.path());
    assert_eq!(roster.agents.len(), 1);
    assert!(
        roster.problems[0].message.contains("already used"),
        "{:?}",
        roster.problems
    );
}
