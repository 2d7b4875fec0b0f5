//! How a pane starts Claude Code under cco: with a session id cco chose (so it knows the
//! transcript before any hook fires) and cco's plugin; other commands start unchanged.

use std::path::Path;

/// Options after which Claude Code picks its own session (resuming or continuing one).
const OWN_SESSION: [&str; 5] = ["--session-id", "--resume", "-r", "--continue", "-c"];

/// The command to run, and the session id cco gave it when it is Claude Code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Launch {
    pub argv: Vec<String>,
    pub session_id: Option<String>,
}

pub fn is_claude(command: &[String]) -> bool {
    command
        .first()
        .and_then(|program| Path::new(program).file_name())
        .is_some_and(|name| name == "claude")
}

/// Adds `--session-id <uuid> --plugin-dir <dir>` to a `claude` command line.
pub fn prepare(command: Vec<String>, plugin_dir: Option<&Path>) -> Launch {
    let Some(plugin_dir) = plugin_dir.filter(|_| is_claude(&command)) else {
        return Launch {
            argv: command,
            session_id: None,
        };
    };
    let mut argv = vec![command[0].clone()];
    let picks_own = command[1..].iter().any(|arg| {
        OWN_SESSION
            .iter()
            .any(|option| arg == option || arg.starts_with(&format!("{option}=")))
    });
    let session_id = (!picks_own).then(|| uuid::Uuid::new_v4().to_string());
    if let Some(id) = &session_id {
        argv.extend(["--session-id".into(), id.clone()]);
    }
    argv.extend([
        "--plugin-dir".into(),
        plugin_dir.to_string_lossy().into_owned(),
    ]);
    argv.extend(command[1..].iter().cloned());
    Launch { argv, session_id }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn claude_gets_a_session_id_and_the_plugin() {
        let launch = prepare(words("/usr/bin/claude --model opus"), Some(Path::new("/p")));
        let id = launch.session_id.clone().expect("session id");
        assert_eq!(
            uuid::Uuid::parse_str(&id).map(|u| u.get_version_num()),
            Ok(4)
        );
        assert_eq!(
            launch.argv,
            words(&format!(
                "/usr/bin/claude --session-id {id} --plugin-dir /p --model opus"
            ))
        );
    }

    #[test]
    fn resuming_keeps_claudes_own_session() {
        for line in ["claude --resume abc", "claude -c", "claude --session-id=x"] {
            let launch = prepare(words(line), Some(Path::new("/p")));
            assert_eq!(launch.session_id, None, "{line}");
            assert!(launch.argv.contains(&"--plugin-dir".to_string()), "{line}");
        }
    }

    #[test]
    fn other_commands_and_no_plugin_run_unchanged() {
        for (line, plugin) in [("bash -l", Some(Path::new("/p"))), ("claude", None)] {
            let launch = prepare(words(line), plugin);
            assert_eq!(launch.argv, words(line));
            assert_eq!(launch.session_id, None);
        }
        assert!(!is_claude(&words("claude-squad")));
        assert!(is_claude(&words("/opt/node/bin/claude")));
    }
}
