//! The socket the running cco listens on: a tokio task that accepts hooks' connections, turns
//! each message into a `HookEvent` for the app, and writes the person's answer back on the same
//! connection. A connection that closes while its question waits withdraws the question.
//! `cco mcp` uses the same socket for its calls (spawn an agent, report the panes).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, Result};
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{UnixListener, UnixStream};
use tokio::sync::oneshot;

use super::protocol::{self, Answer, Decided, FromCco, Kind, ToCco};
use super::wire::HookInput;
use crate::agents::calls::{Call, CallReply, CallToCco, Outcome};

/// What the socket brings the app.
#[derive(Debug)]
pub enum HookEvent {
    /// A permission request waiting for the person; answer it with `Responder::answer(key, …)`.
    Ask {
        key: u64,
        pane: Option<String>,
        input: HookInput,
    },
    /// News from a hook: pane state, activity, a decision the hook made itself.
    Tell {
        pane: Option<String>,
        input: HookInput,
        decided: Option<Decided>,
    },
    /// The hook behind a waiting request went away (the person answered in the pane).
    Withdrawn { key: u64 },
    /// A call from `cco mcp`; answer it with `Responder::reply(key, …)`.
    Call {
        key: u64,
        pane: Option<String>,
        call: Call,
    },
}

/// What goes back on a waiting connection.
#[derive(Debug)]
enum Reply {
    Decision(Answer),
    Outcome(Outcome),
}

/// A line on the socket: a hook's message or a call from `cco mcp`.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Incoming {
    Hook(Box<ToCco>),
    Call(CallToCco),
}

/// Routes answers to the connections waiting for them.
#[derive(Clone, Default)]
pub struct Responder {
    waiting: Arc<Mutex<HashMap<u64, oneshot::Sender<Reply>>>>,
}

impl Responder {
    /// Sends the answer; false when the asker is already gone.
    pub fn answer(&self, key: u64, answer: Answer) -> bool {
        self.send(key, Reply::Decision(answer))
    }

    /// Sends a call's outcome; false when the caller is already gone.
    pub fn reply(&self, key: u64, outcome: Outcome) -> bool {
        self.send(key, Reply::Outcome(outcome))
    }

    fn send(&self, key: u64, reply: Reply) -> bool {
        let sender = self.lock().remove(&key);
        sender.is_some_and(|sender| sender.send(reply).is_ok())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, oneshot::Sender<Reply>>> {
        self.waiting
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The listening socket; dropping it removes the socket file.
pub struct Server {
    pub path: PathBuf,
    pub responder: Responder,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Binds `<runtime dir>/cco-<pid>.sock` (dir 0700, socket 0600) and serves it on the current
/// tokio runtime; `send` hands each event to the app and says whether the app still listens.
pub fn start(
    runtime_dir: &Path,
    send: impl Fn(HookEvent) -> bool + Send + Sync + 'static,
) -> Result<Server> {
    use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
    let path = protocol::socket_path(runtime_dir, std::process::id());
    protocol::check_length(&path).map_err(anyhow::Error::msg)?;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(runtime_dir)
        .with_context(|| format!("creating {}", runtime_dir.display()))?;
    std::fs::set_permissions(runtime_dir, std::fs::Permissions::from_mode(0o700))
        .with_context(|| format!("making {} private", runtime_dir.display()))?;
    // A socket left by a cco that had this pid and crashed.
    let _ = std::fs::remove_file(&path);
    let listener =
        UnixListener::bind(&path).with_context(|| format!("listening on {}", path.display()))?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
        .with_context(|| format!("making {} private", path.display()))?;
    let responder = Responder::default();
    let shared = Arc::new(Shared {
        send: Box::new(send),
        responder: responder.clone(),
        next_key: AtomicU64::new(1),
    });
    tokio::spawn(async move {
        loop {
            match listener.accept().await {
                Ok((stream, _)) => {
                    tokio::spawn(serve(stream, Arc::clone(&shared)));
                }
                Err(error) => {
                    tracing::warn!(%error, "hook socket accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            }
        }
    });
    Ok(Server { path, responder })
}

type Deliver = Box<dyn Fn(HookEvent) -> bool + Send + Sync>;

struct Shared {
    send: Deliver,
    responder: Responder,
    next_key: AtomicU64,
}

async fn serve(stream: UnixStream, shared: Arc<Shared>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let key = shared.next_key.fetch_add(1, Ordering::Relaxed);
        let (id, question) = match serde_json::from_str(&line) {
            Ok(Incoming::Hook(message)) => {
                let ToCco {
                    id,
                    kind,
                    pane,
                    event: input,
                    decided,
                } = *message;
                if kind == Kind::Tell {
                    (shared.send)(HookEvent::Tell {
                        pane,
                        input,
                        decided,
                    });
                    continue;
                }
                (id, HookEvent::Ask { key, pane, input })
            }
            Ok(Incoming::Call(CallToCco { id, pane, call })) => {
                (id, HookEvent::Call { key, pane, call })
            }
            Err(error) => {
                tracing::warn!(%error, "a message on the socket is not valid");
                continue;
            }
        };
        let (sender, receiver) = oneshot::channel();
        shared.responder.lock().insert(key, sender);
        if !(shared.send)(question) {
            shared.responder.lock().remove(&key);
            return;
        }
        let reply = tokio::select! {
            reply = receiver => reply.ok(),
            // Nothing more is expected on this connection: a read that ends means the asker
            // is gone.
            _ = lines.next_line() => None,
        };
        let Some(reply) = reply else {
            shared.responder.lock().remove(&key);
            (shared.send)(HookEvent::Withdrawn { key });
            return;
        };
        let line = match reply {
            Reply::Decision(answer) => serde_json::to_string(&FromCco { id, answer }),
            Reply::Outcome(outcome) => serde_json::to_string(&CallReply { id, outcome }),
        };
        let Ok(mut line) = line else {
            return;
        };
        line.push('\n');
        if write.write_all(line.as_bytes()).await.is_err() {
            (shared.send)(HookEvent::Withdrawn { key });
            return;
        }
    }
}

#[cfg(test)]
#[path = "server_tests.rs"]
mod tests;
