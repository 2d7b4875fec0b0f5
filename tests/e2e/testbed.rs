//! The test bed for everything cco does with Claude Code: the real `claude` CLI, offline, in a
//! loopback-only network namespace, against a scripted fake Messages API.

#![allow(dead_code)]

pub mod claude;
pub mod fake_api;
pub mod netns;

use std::path::PathBuf;

/// The `claude` binary, or None (after saying exactly what is missing) when these tests cannot
/// run here. CI sets `CCO_REQUIRE_CLAUDE=1`, which turns a skip into a failure.
pub fn require_claude() -> Option<PathBuf> {
    let missing = match (claude::claude_binary(), netns::unavailable()) {
        (Some(binary), None) => return Some(binary),
        (None, _) => "`claude` is not on PATH and CCO_CLAUDE_BIN is not set (npm install @anthropic-ai/claude-code)".to_string(),
        (Some(_), Some(reason)) => reason,
    };
    assert!(
        std::env::var_os("CCO_REQUIRE_CLAUDE").is_none(),
        "CCO_REQUIRE_CLAUDE is set but {missing}"
    );
    eprintln!("SKIPPED: {missing}");
    None
}

/// `cco -- <claude>` at 120×40 in the home's project, with the offline environment: the real
/// Claude Code in a cco pane.
pub fn cco_running_claude(
    home: &claude::ClaudeHome,
    api: &fake_api::FakeApi,
) -> crate::harness::Cco {
    crate::harness::Cco::start(crate::harness::Options {
        rows: 40,
        cols: 120,
        args: vec!["--".into(), home.binary.to_string_lossy().to_string()],
        env: home.env(api),
        cwd: Some(home.cwd.clone()),
        ..crate::harness::Options::default()
    })
}

/// Runs `body` with the `claude` binary inside a loopback-only network namespace, or skips (see
/// `require_claude`). Panics in the body fail the test.
pub fn with_claude(body: impl FnOnce(PathBuf) + Send + 'static) {
    let Some(binary) = require_claude() else {
        return;
    };
    netns::run_isolated(move || body(binary)).expect("a loopback-only network namespace");
}
