//! The agent roster: Claude Code agent files (Markdown with YAML front matter), embedded from
//! the project's `agents/<tier>/<category>/<name>.md` and overridden or extended by files in
//! the user's `agents/` config folder. Parsing is strict enough to catch what Claude Code would
//! silently ignore (a misspelt tool, a model that is not an alias).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};

static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/agents");

/// The tools Claude Code (2.1) offers by these names; an agent may also list MCP tools
/// (`mcp__…`). Glob, Grep and TodoWrite are gone from it (search runs through Bash, to-dos are
/// tasks): Claude Code drops names it does not know without a word, so they are refused here.
pub const KNOWN_TOOLS: &[&str] = &[
    "Agent",
    "AskUserQuestion",
    "Bash",
    "CronCreate",
    "CronDelete",
    "CronList",
    "Edit",
    "EnterPlanMode",
    "EnterWorktree",
    "ExitPlanMode",
    "ExitWorktree",
    "NotebookEdit",
    "Read",
    "ScheduleWakeup",
    "SendMessage",
    "Skill",
    "TaskCreate",
    "TaskGet",
    "TaskList",
    "TaskOutput",
    "TaskStop",
    "TaskUpdate",
    "WebFetch",
    "WebSearch",
    "Write",
];

/// The model aliases Claude Code accepts in an agent file.
pub const MODELS: &[&str] = &["opus", "sonnet", "haiku", "inherit"];

/// The tiers, in the order the tree shows them; files outside them are `custom`.
pub const TIERS: &[&str] = &["leadership", "managers", "specialists", "custom"];

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Embedded,
    /// A file in the user's agents folder (adding an agent or overriding one).
    User(PathBuf),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Agent {
    pub name: String,
    pub description: String,
    /// None: the agent inherits every tool of the session.
    pub tools: Option<Vec<String>>,
    pub model: Option<String>,
    pub tier: String,
    pub category: String,
    pub source: Source,
    /// The whole file, as Claude Code reads it.
    #[serde(skip)]
    pub text: String,
}

impl Agent {
    /// The system prompt: the file after its front matter.
    pub fn body(&self) -> &str {
        split_front_matter(&self.text).map_or("", |(_, body)| body.trim())
    }
}

#[derive(Debug, Default, Deserialize)]
struct FrontMatter {
    name: Option<String>,
    description: Option<String>,
    tools: Option<Tools>,
    model: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Tools {
    Line(String),
    List(Vec<String>),
}

/// One problem in one agent file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub message: String,
}

/// Parses one agent file; `place` is its path below the agents folder (tier/category/name.md).
pub fn parse(place: &Path, text: &str, source: Source) -> Result<Agent, Vec<String>> {
    let Some((yaml, body)) = split_front_matter(text) else {
        return Err(vec![
            "no front matter: the file must start with a `---` line and close it with another"
                .into(),
        ]);
    };
    let front: FrontMatter = serde_yaml_ng::from_str(yaml)
        .map_err(|error| vec![format!("the front matter is not valid YAML: {error}")])?;
    let mut problems = Vec::new();
    let stem = place
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = front.name.unwrap_or_default();
    if name.is_empty() {
        problems.push("`name` is missing".to_string());
    } else if !is_valid_name(&name) {
        problems.push(format!(
            "`name` {name:?} must be lowercase letters, digits and single hyphens"
        ));
    } else if name != stem {
        problems.push(format!(
            "`name` {name:?} differs from the file name {stem:?}"
        ));
    }
    let description = front.description.unwrap_or_default().trim().to_string();
    if description.is_empty() {
        problems.push("`description` is missing: Claude Code uses it to pick the agent".into());
    }
    let tools = front.tools.map(|tools| match tools {
        Tools::Line(line) => line
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>(),
        Tools::List(list) => list,
    });
    for tool in tools.iter().flatten() {
        if !KNOWN_TOOLS.contains(&tool.as_str()) && !tool.starts_with("mcp__") {
            problems.push(format!(
                "`tools` names {tool:?}, which is not a Claude Code tool"
            ));
        }
    }
    if let Some(model) = &front.model {
        if !MODELS.contains(&model.as_str()) {
            problems.push(format!(
                "`model` {model:?} is not one of {}",
                MODELS.join(", ")
            ));
        }
    }
    if body.trim().is_empty() {
        problems.push("the system prompt (the text after the front matter) is empty".into());
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (tier, category) = tier_and_category(place);
    Ok(Agent {
        name,
        description,
        tools,
        model: front.model,
        tier,
        category,
        source,
        text: text.to_string(),
    })
}

fn is_valid_name(name: &str) -> bool {
    name.split('-').all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let end = rest.find("\n---")?;
    let after = &rest[end + 4..];
    let body = after.split_once('\n').map_or("", |(_, body)| body);
    Some((&rest[..end], body))
}

/// `leadership/architecture/x.md` → (leadership, architecture); anything else is custom.
fn tier_and_category(place: &Path) -> (String, String) {
    let parts: Vec<String> = place
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [tier, category, ..] if TIERS.contains(&tier.as_str()) => (tier.clone(), category.clone()),
        [tier] if TIERS.contains(&tier.as_str()) => (tier.clone(), "general".into()),
        [category, ..] => ("custom".into(), category.clone()),
        [] => ("custom".into(), "custom".into()),
    }
}

/// Every agent cco offers, with the problems of files that were left out.
#[derive(Clone, Debug, Default)]
pub struct Roster {
    pub agents: Vec<Agent>,
    pub problems: Vec<Problem>,
}

impl Roster {
    /// The embedded roster only.
    pub fn embedded() -> Roster {
        let mut files = Vec::new();
        collect_embedded(&EMBEDDED, &mut files);
        Roster::from_files(files, |_| Source::Embedded)
    }

    /// The embedded roster with the user's folder over it: a user file with an embedded
    /// agent's name replaces it (keeping its place in the tree unless the file sits in a tier
    /// folder of its own), others are added. Broken user files are reported and skipped.
    pub fn load(user_dir: &Path) -> Roster {
        let mut roster = Roster::embedded();
        let user = Roster::from_dir(user_dir);
        roster.problems.extend(user.problems);
        for mut agent in user.agents {
            match roster.agents.iter_mut().find(|a| a.name == agent.name) {
                Some(existing) => {
                    if agent.tier == "custom" {
                        agent.tier.clone_from(&existing.tier);
                        agent.category.clone_from(&existing.category);
                    }
                    *existing = agent;
                }
                None => roster.agents.push(agent),
            }
        }
        roster.sort();
        roster
    }

    /// The agent files under `dir` (a missing folder is an empty roster).
    pub fn from_dir(dir: &Path) -> Roster {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        collect_dir(dir, dir, &mut files, &mut problems);
        let mut roster = Roster::from_files(files, |place| Source::User(dir.join(place)));
        roster.problems.extend(problems);
        roster
    }

    fn from_files(files: Vec<(PathBuf, String)>, source: impl Fn(&Path) -> Source) -> Roster {
        let mut roster = Roster::default();
        let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
        for (place, text) in files {
            match parse(&place, &text, source(&place)) {
                Ok(agent) => {
                    if let Some(first) = seen.get(&agent.name) {
                        roster.problems.push(Problem {
                            file: place.display().to_string(),
                            message: format!(
                                "the name {:?} is already used by {}",
                                agent.name,
                                first.display()
                            ),
                        });
                        continue;
                    }
                    seen.insert(agent.name.clone(), place.clone());
                    roster.agents.push(agent);
                }
                Err(messages) => {
                    roster
                        .problems
                        .extend(messages.into_iter().map(|message| Problem {
                            file: place.display().to_string(),
                            message,
                        }))
                }
            }
        }
        roster.sort();
        roster
    }

    fn sort(&mut self) {
        let rank = |tier: &str| TIERS.iter().position(|t| *t == tier).unwrap_or(TIERS.len());
        self.agents.sort_by(|a, b| {
            (rank(&a.tier), &a.category, &a.name).cmp(&(rank(&b.tier), &b.category, &b.name))
        });
    }

    pub fn get(&self, name: &str) -> Option<&Agent> {
        let name = super::unqualified(name);
        self.agents.iter().find(|a| a.name == name)
    }

    /// How many agents each tier has.
    pub fn tier_counts(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for agent in &self.agents {
            *counts.entry(agent.tier.as_str()).or_insert(0) += 1;
        }
        counts
    }
}

/// A Markdown file other than a folder's README.
fn is_agent_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
        && path.file_name().is_some_and(|n| n != "README.md")
}

fn collect_embedded(dir: &Dir<'_>, files: &mut Vec<(PathBuf, String)>) {
    for file in dir.files() {
        if is_agent_file(file.path()) {
            let text = String::from_utf8_lossy(file.contents()).into_owned();
            files.push((file.path().to_path_buf(), text));
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}

fn collect_dir(
    root: &Path,
    dir: &Path,
    files: &mut Vec<(PathBuf, String)>,
    problems: &mut Vec<Problem>,
) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_dir(root, &path, files, problems);
        } else if is_agent_file(&path) {
            let place = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push((place, text)),
                Err(error) => problems.push(Problem {
                    file: path.display().to_string(),
                    message: format!("cannot be read: {error}"),
                }),
            }
        }
    }
}

#[cfg(test)]
#[path = "roster_tests.rs"]
mod tests;
