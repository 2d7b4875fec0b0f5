//! `cco hook <event>`: the command every cco hook runs. A hot path: it reads the event, decides
//! what it can by itself (a READ command is allowed at once), asks the running cco only for
//! permission requests, and otherwise tells cco the news without waiting. Whatever fails, it
//! approves nothing that is not READ and exits 0 quickly, so Claude Code's own dialog goes on.

use std::io::{BufRead as _, BufReader, Write as _};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::time::Duration;

use super::protocol::{Answer, Decided, FromCco, Kind, ToCco};
use super::wire::{self, HookInput};

/// How long a `tell` may take before the hook gives up on it.
const TELL_TIMEOUT: Duration = Duration::from_millis(300);

/// What the hook learns from its environment (set by cco when it started the pane).
#[derive(Clone, Debug)]
pub struct HookEnv {
    /// `CCO_SOCKET`: the running cco to ask and tell.
    pub socket: Option<PathBuf>,
    /// `CCO_PANE`: which pane this Claude Code runs in.
    pub pane: Option<String>,
    /// `CCO_AUTO_APPROVE_READ` (default on): allow READ commands without asking.
    pub auto_approve_read: bool,
    /// `CCO_HOOK_TIMEOUT` seconds: how long a permission request waits for the person.
    pub ask_timeout: Duration,
}

impl HookEnv {
    pub fn from_env() -> HookEnv {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        HookEnv {
            socket: var("CCO_SOCKET").map(PathBuf::from),
            pane: var("CCO_PANE"),
            auto_approve_read: var("CCO_AUTO_APPROVE_READ")
                .is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "no" | "off")),
            ask_timeout: var("CCO_HOOK_TIMEOUT")
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|s| s.is_finite() && *s > 0.0)
                .map_or(Duration::from_secs(590), Duration::from_secs_f64),
        }
    }
}

/// What the hook did, for the caller to finish: print the answer, then record what it decided.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    /// The JSON to print on stdout, if any.
    pub stdout: Option<String>,
    /// A decision the hook made by itself, to be recorded after answering.
    pub decided: Option<(HookInput, Decided)>,
    /// Why the hook fell back to no answer (said on stderr).
    pub problem: Option<String>,
}

/// Reads the event on stdin. `event_arg` is the event named on the command line, used when
/// stdin does not name one.
pub fn parse(event_arg: &str, stdin: &str) -> Result<HookInput, String> {
    let mut input = HookInput::parse(stdin)
        .map_err(|error| format!("cco hook: the event is not valid JSON ({error})"))?;
    if input.hook_event_name.is_empty() {
        input.hook_event_name = event_arg.to_string();
    }
    Ok(input)
}

/// One event from stdin to outcome, as `cco hook` runs it (for the tests, which drive the
/// client this way).
#[cfg(test)]
pub(crate) fn handle(event_arg: &str, stdin: &str, env: &HookEnv) -> Outcome {
    match parse(event_arg, stdin) {
        Ok(input) => handle_input(input, env),
        Err(problem) => Outcome {
            problem: Some(problem),
            ..Outcome::default()
        },
    }
}

/// Handles one parsed event.
pub fn handle_input(input: HookInput, env: &HookEnv) -> Outcome {
    match input.hook_event_name.as_str() {
        "PreToolUse" => pre_tool_use(input, env),
        "PermissionRequest" => match ask(&input, env) {
            Ok(answer) => Outcome {
                stdout: answer_json(&input, answer),
                ..Outcome::default()
            },
            Err(problem) => Outcome {
                problem: Some(format!("cco hook: no answer from cco ({problem})")),
                ..Outcome::default()
            },
        },
        _ => {
            tell(&input, None, env);
            Outcome::default()
        }
    }
}

fn pre_tool_use(input: HookInput, env: &HookEnv) -> Outcome {
    let verdict = input.bash_command().map(crate::classify::classify);
    match verdict {
        Some(verdict) if verdict.is_read() && env.auto_approve_read => {
            let reason = format!("cco: READ ({})", verdict.reason);
            let decided = Decided {
                label: verdict.label,
                reason: verdict.reason,
            };
            Outcome {
                stdout: Some(wire::pre_tool_use_allow(&reason)),
                decided: Some((input, decided)),
                problem: None,
            }
        }
        _ => {
            tell(&input, None, env);
            Outcome::default()
        }
    }
}

/// The hook's answer to a permission request, in Claude Code's shape.
fn answer_json(input: &HookInput, answer: Answer) -> Option<String> {
    Some(match answer {
        Answer::Allow => wire::permission_allow(None),
        Answer::AllowAlways => {
            wire::permission_allow(Some(wire::always_rules(&input.permission_suggestions)))
        }
        Answer::Deny { message } => wire::permission_deny(&message),
        Answer::Abstain => return None,
    })
}

/// Sends a message and, for an `Ask`, waits for its answer.
fn exchange(message: &ToCco, env: &HookEnv, timeout: Duration) -> Result<Option<Answer>, String> {
    let path = env.socket.as_ref().ok_or("CCO_SOCKET is not set")?;
    let mut stream = UnixStream::connect(path)
        .map_err(|error| format!("cannot reach {}: {error}", path.display()))?;
    stream
        .set_write_timeout(Some(TELL_TIMEOUT))
        .and_then(|()| stream.set_read_timeout(Some(timeout)))
        .map_err(|error| error.to_string())?;
    let mut line = serde_json::to_string(message).map_err(|error| error.to_string())?;
    line.push('\n');
    stream
        .write_all(line.as_bytes())
        .map_err(|error| format!("sending to cco: {error}"))?;
    if message.kind == Kind::Tell {
        return Ok(None);
    }
    let mut reply = String::new();
    BufReader::new(stream)
        .read_line(&mut reply)
        .map_err(|error| format!("waiting for cco: {error}"))?;
    let reply: FromCco = serde_json::from_str(reply.trim())
        .map_err(|error| format!("cco's answer is not valid ({error})"))?;
    if reply.id != message.id {
        return Err(format!(
            "cco answered request {} instead of {}",
            reply.id, message.id
        ));
    }
    Ok(Some(reply.answer))
}

fn ask(input: &HookInput, env: &HookEnv) -> Result<Answer, String> {
    let message = ToCco {
        id: u64::from(std::process::id()),
        kind: Kind::Ask,
        pane: env.pane.clone(),
        event: input.clone(),
        decided: None,
    };
    exchange(&message, env, env.ask_timeout)?.ok_or_else(|| "no answer".to_string())
}

/// Tells cco the news; returns whether it was delivered.
pub fn tell(input: &HookInput, decided: Option<Decided>, env: &HookEnv) -> bool {
    let message = ToCco {
        id: u64::from(std::process::id()),
        kind: Kind::Tell,
        pane: env.pane.clone(),
        event: input.clone(),
        decided,
    };
    exchange(&message, env, TELL_TIMEOUT).is_ok()
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
