//! cco's Claude Code plugin, written into the data dir at start-up: its manifest, the hooks
//! that call `cco hook <event>`, the agent roster and the `cco mcp` server. Files are rewritten only when their content changed (a new cco
//! version, or cco moved), so a running Claude Code never sees a half-written file.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use serde_json::{json, Value};

use crate::agents::Roster;

/// The events cco's hooks listen to, with the tool matcher and the timeout (seconds) of each.
const HOOKS: [(&str, Option<&str>, u32); 11] = [
    ("SessionStart", None, 10),
    ("UserPromptSubmit", None, 10),
    ("PreToolUse", Some("Bash"), 10),
    // Waits for the person; Claude Code's own dialog races it.
    ("PermissionRequest", None, 600),
    ("PostToolUse", None, 10),
    ("Notification", None, 10),
    ("Stop", None, 10),
    ("SubagentStart", None, 10),
    ("SubagentStop", None, 10),
    ("PreCompact", None, 30),
    ("SessionEnd", None, 10),
];

/// The plugin's folder in the data dir.
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join("plugin")
}

/// Writes the plugin for the cco binary at `exe` with the roster's agents; returns its folder.
/// Agent files no longer in the roster are removed.
pub fn install(data_dir: &Path, exe: &Path, roster: &Roster) -> Result<PathBuf> {
    let root = dir(data_dir);
    let files = files(exe, roster);
    for (relative, contents) in &files {
        write_if_changed(&root.join(relative), contents)
            .with_context(|| format!("writing the cco plugin into {}", root.display()))?;
    }
    let agents = root.join(AGENTS);
    if let Ok(entries) = std::fs::read_dir(&agents) {
        for entry in entries.filter_map(std::result::Result::ok) {
            let relative = format!("{AGENTS}/{}", entry.file_name().to_string_lossy());
            if !files.iter().any(|(path, _)| *path == relative) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(root)
}

/// The plugin's agents folder.
const AGENTS: &str = "agents";

/// Every file of the plugin: (path inside the plugin folder, contents).
pub fn files(exe: &Path, roster: &Roster) -> Vec<(String, String)> {
    let manifest = json!({
        "name": crate::agents::NAMESPACE,
        "version": env!("CARGO_PKG_VERSION"),
        "description": "cco: one approvals queue for all panes, pane status, the agent roster and delegation to visible panes",
    });
    let program = exe.to_string_lossy();
    let servers = json!({ "mcpServers": { "cco": { "command": program, "args": ["mcp"] } } });
    let mut files = vec![
        (".claude-plugin/plugin.json".to_string(), pretty(&manifest)),
        ("hooks/hooks.json".to_string(), pretty(&hooks(exe))),
        (".mcp.json".to_string(), pretty(&servers)),
    ];
    files.extend(
        roster
            .agents
            .iter()
            .map(|agent| (format!("{AGENTS}/{}.md", agent.name), agent.text.clone())),
    );
    files
}

fn hooks(exe: &Path) -> Value {
    let program = shell_words::quote(&exe.to_string_lossy()).into_owned();
    let mut events = serde_json::Map::new();
    for (event, matcher, timeout) in HOOKS {
        let mut entry = json!({ "hooks": [{
            "type": "command",
            "command": format!("{program} hook {event}"),
            "timeout": timeout,
        }]});
        if let Some(matcher) = matcher {
            entry["matcher"] = json!(matcher);
        }
        events.insert(event.to_string(), json!([entry]));
    }
    json!({
        "description": "cco approvals, pane status and agent tree",
        "hooks": events,
    })
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Replaces the file atomically (write beside it, then rename) when its content differs.
fn write_if_changed(path: &Path, contents: &str) -> Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    let parent = path.parent().context("a plugin file has a folder")?;
    std::fs::create_dir_all(parent)?;
    let staging = parent.join(format!(
        ".{}.{}.tmp",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    std::fs::write(&staging, contents)?;
    std::fs::rename(&staging, path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_manifest_and_hooks_that_call_this_cco() {
        let dir = tempfile::tempdir().expect("temp dir");
        let exe = Path::new("/opt/my tools/cco");
        let root = install(dir.path(), exe, &Roster::default()).expect("install");
        let manifest: Value = serde_json::from_str(
            &std::fs::read_to_string(root.join(".claude-plugin/plugin.json")).expect("manifest"),
        )
        .expect("json");
        assert_eq!(manifest["name"], "cco");
        let hooks: Value = serde_json::from_str(
            &std::fs::read_to_string(root.join("hooks/hooks.json")).expect("hooks"),
        )
        .expect("json");
        let pre = &hooks["hooks"]["PreToolUse"][0];
        assert_eq!(pre["matcher"], "Bash");
        assert_eq!(
            pre["hooks"][0]["command"],
            "'/opt/my tools/cco' hook PreToolUse"
        );
        assert_eq!(
            hooks["hooks"]["PermissionRequest"][0]["hooks"][0]["timeout"],
            600
        );
        assert_eq!(
            hooks["hooks"].as_object().expect("events").len(),
            HOOKS.len()
        );
    }

    #[test]
    fn unchanged_files_are_left_alone_and_changed_ones_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root =
            install(dir.path(), Path::new("/usr/bin/cco"), &Roster::default()).expect("install");
        let hooks = root.join("hooks/hooks.json");
        let before = std::fs::metadata(&hooks)
            .expect("meta")
            .modified()
            .expect("mtime");
        std::thread::sleep(std::time::Duration::from_millis(20));
        install(dir.path(), Path::new("/usr/bin/cco"), &Roster::default()).expect("again");
        let after = std::fs::metadata(&hooks)
            .expect("meta")
            .modified()
            .expect("mtime");
        assert_eq!(before, after, "not rewritten");
        install(
            dir.path(),
            Path::new("/usr/local/bin/cco"),
            &Roster::default(),
        )
        .expect("moved");
        let text = std::fs::read_to_string(&hooks).expect("hooks");
        assert!(text.contains("/usr/local/bin/cco hook Stop"), "{text}");
        let leftovers: Vec<_> = std::fs::read_dir(root.join("hooks"))
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
