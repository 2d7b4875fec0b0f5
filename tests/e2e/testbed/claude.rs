//! The real Claude Code CLI in a throwaway home: a fresh `CLAUDE_CONFIG_DIR` and working
//! directory, the environment that keeps it offline and pointed at the fake API, seeding for
//! interactive runs, and headless runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

use super::fake_api::FakeApi;

/// The `claude` to test: `CCO_CLAUDE_BIN`, else the first on PATH.
pub fn claude_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CCO_CLAUDE_BIN") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("claude"))
        .find(|p| p.is_file())
}

/// Claude Code's folder name for a project: every non-alphanumeric character becomes `-`.
pub fn project_slug(cwd: &Path) -> String {
    cwd.to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

pub struct ClaudeHome {
    pub root: tempfile::TempDir,
    pub config_dir: PathBuf,
    pub cwd: PathBuf,
    pub binary: PathBuf,
}

impl ClaudeHome {
    pub fn new(binary: PathBuf) -> ClaudeHome {
        let root = tempfile::tempdir().expect("temp dir");
        let base = root.path().canonicalize().expect("canonical temp dir");
        let config_dir = base.join("claude-config");
        let cwd = base.join("project");
        std::fs::create_dir_all(&config_dir).expect("config dir");
        std::fs::create_dir_all(&cwd).expect("project dir");
        ClaudeHome {
            root,
            config_dir,
            cwd,
            binary,
        }
    }

    /// The environment from the design notes: offline, no telemetry, the fake API.
    pub fn env(&self, api: &FakeApi) -> Vec<(String, String)> {
        let home = self.root.path().to_string_lossy().to_string();
        [
            ("HOME", home.as_str()),
            ("ANTHROPIC_BASE_URL", api.url.as_str()),
            ("ANTHROPIC_AUTH_TOKEN", "test-token"),
            ("CLAUDE_CONFIG_DIR", &self.config_dir.to_string_lossy()),
            ("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"),
            ("CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL", "1"),
            ("DISABLE_TELEMETRY", "1"),
            ("DISABLE_AUTOUPDATER", "1"),
            ("DISABLE_ERROR_REPORTING", "1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    /// Seeds `.claude.json` so an interactive run skips onboarding and trusts the project.
    pub fn seed_interactive(&self) {
        let mut projects = serde_json::Map::new();
        projects.insert(
            self.cwd.to_string_lossy().to_string(),
            json!({ "hasTrustDialogAccepted": true, "hasCompletedProjectOnboarding": true }),
        );
        let state = json!({
            "hasCompletedOnboarding": true,
            "theme": "dark",
            "projects": projects,
        });
        std::fs::write(self.config_dir.join(".claude.json"), state.to_string())
            .expect("seed .claude.json");
    }

    pub fn transcript(&self, session_id: &str) -> PathBuf {
        self.config_dir
            .join("projects")
            .join(project_slug(&self.cwd))
            .join(format!("{session_id}.jsonl"))
    }

    /// A `claude` command with the test environment, run in the project directory.
    pub fn command(&self, api: &FakeApi, args: &[&str]) -> Command {
        let mut command = Command::new(&self.binary);
        command.args(args).current_dir(&self.cwd).env_clear();
        command.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        command.envs(self.env(api));
        command
    }

    /// `claude -p PROMPT --output-format stream-json --verbose --session-id ID …`.
    pub fn headless(
        &self,
        api: &FakeApi,
        prompt: &str,
        session_id: &str,
        extra: &[&str],
    ) -> Headless {
        let mut args = vec![
            "-p",
            prompt,
            "--output-format",
            "stream-json",
            "--verbose",
            "--session-id",
            session_id,
        ];
        args.extend_from_slice(extra);
        let output = self.command(api, &args).output().expect("run claude");
        Headless { output }
    }
}

pub struct Headless {
    pub output: Output,
}

impl Headless {
    /// The stream-json events printed on stdout.
    pub fn events(&self) -> Vec<Value> {
        String::from_utf8_lossy(&self.output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect()
    }

    /// The final `result` event, which says how the run ended.
    pub fn result(&self) -> Value {
        self.events()
            .into_iter()
            .find(|event| event["type"] == "result")
            .unwrap_or_else(|| panic!("no result event\n{}", self.describe()))
    }

    pub fn describe(&self) -> String {
        format!(
            "status {}\nstdout:\n{}\nstderr:\n{}",
            self.output.status,
            String::from_utf8_lossy(&self.output.stdout),
            String::from_utf8_lossy(&self.output.stderr)
        )
    }
}

/// Reads a JSONL file into values (lines that do not parse are skipped).
pub fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}
