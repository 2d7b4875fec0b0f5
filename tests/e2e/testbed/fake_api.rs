//! A fake Anthropic Messages API on 127.0.0.1: plays a script each test writes, answers plain
//! JSON or streaming SSE, and records every request for assertions.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use serde_json::{json, Value};

/// Token counts reported for one reply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub input: u64,
    pub output: u64,
    /// Cache writes with the default 5-minute lifetime.
    pub cache_write_5m: u64,
    /// Cache writes with the 1-hour lifetime.
    pub cache_write_1h: u64,
    pub cache_read: u64,
}

impl Usage {
    fn to_json(self) -> Value {
        json!({
            "input_tokens": self.input,
            "output_tokens": self.output,
            "cache_creation_input_tokens": self.cache_write_5m + self.cache_write_1h,
            "cache_read_input_tokens": self.cache_read,
            "cache_creation": {
                "ephemeral_5m_input_tokens": self.cache_write_5m,
                "ephemeral_1h_input_tokens": self.cache_write_1h,
            },
            "service_tier": "standard",
        })
    }
}

#[derive(Clone, Debug)]
pub enum Block {
    Text(String),
    ToolUse { name: String, input: Value },
}

/// One scripted reply of the main conversation.
#[derive(Clone, Debug, Default)]
pub struct Turn {
    pub blocks: Vec<Block>,
    pub usage: Usage,
    /// Answer this many times with an overloaded error before the reply.
    pub fail_first: u32,
}

impl Turn {
    pub fn text(text: &str) -> Turn {
        Turn {
            blocks: vec![Block::Text(text.into())],
            ..Turn::default()
        }
    }

    /// Optional text, then a Bash tool call.
    pub fn bash(text: &str, command: &str) -> Turn {
        let mut blocks = Vec::new();
        if !text.is_empty() {
            blocks.push(Block::Text(text.into()));
        }
        blocks.push(Block::ToolUse {
            name: "Bash".into(),
            input: json!({ "command": command, "description": "scripted" }),
        });
        Turn {
            blocks,
            ..Turn::default()
        }
    }

    pub fn tool(name: &str, input: Value) -> Turn {
        Turn {
            blocks: vec![Block::ToolUse {
                name: name.into(),
                input,
            }],
            ..Turn::default()
        }
    }

    /// Replaces the string `$session_id` in tool inputs with the `session_id` of the JSON the
    /// conversation's latest tool result holds (what `spawn_agent` answered).
    fn fill_in(mut self, body: &Value) -> Turn {
        let Some(session) = latest_tool_result(body)
            .and_then(|text| serde_json::from_str::<Value>(&text).ok())
            .and_then(|value| value["session_id"].as_str().map(String::from))
        else {
            return self;
        };
        for block in &mut self.blocks {
            if let Block::ToolUse { input, .. } = block {
                let text = input.to_string().replace("$session_id", &session);
                *input = serde_json::from_str(&text).unwrap_or(Value::Null);
            }
        }
        self
    }

    pub fn usage(mut self, usage: Usage) -> Turn {
        self.usage = usage;
        self
    }

    pub fn failing(mut self, times: u32) -> Turn {
        self.fail_first = times;
        self
    }
}

/// A request the fake received.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

impl Recorded {
    /// Whether this is a turn of the main conversation (it offers tools), not a side request
    /// such as a title or summary.
    pub fn is_main_turn(&self) -> bool {
        self.path.starts_with("/v1/messages")
            && !self.path.contains("count_tokens")
            && self.body["tools"]
                .as_array()
                .is_some_and(|tools| !tools.is_empty())
    }

    /// All text of the request's messages, for searching.
    pub fn text(&self) -> String {
        self.body["messages"].to_string()
    }
}

struct State {
    turns: Vec<Turn>,
    /// Scripts for other conversations, picked by a marker in their first user message.
    routes: Vec<(String, Vec<Turn>)>,
    side_reply: String,
    failures: HashMap<usize, u32>,
    requests: Vec<Recorded>,
    replies: u64,
}

pub struct FakeApi {
    pub url: String,
    state: Arc<Mutex<State>>,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl FakeApi {
    /// Starts serving `turns` on a free port of 127.0.0.1. Side requests (no tools offered) get
    /// `side_reply` and do not consume the script.
    pub fn start(turns: Vec<Turn>) -> FakeApi {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().expect("ip address").port();
        let state = Arc::new(Mutex::new(State {
            turns,
            routes: Vec::new(),
            side_reply: "Scripted summary.".into(),
            failures: HashMap::new(),
            requests: Vec::new(),
            replies: 0,
        }));
        let thread = {
            let server = Arc::clone(&server);
            let state = Arc::clone(&state);
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let state = Arc::clone(&state);
                    std::thread::spawn(move || respond(request, &state));
                }
            })
        };
        FakeApi {
            url: format!("http://127.0.0.1:{port}"),
            state,
            server,
            thread: Some(thread),
        }
    }

    /// Plays `turns` to every conversation whose first user message contains `marker` (a
    /// sub-agent's task, or the first prompt of another session), instead of the main script.
    pub fn route(&self, marker: &str, turns: Vec<Turn>) {
        self.state
            .lock()
            .expect("state")
            .routes
            .push((marker.into(), turns));
    }

    pub fn set_side_reply(&self, text: &str) {
        self.state.lock().expect("state").side_reply = text.into();
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().expect("state").requests.clone()
    }

    pub fn main_turns(&self) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(Recorded::is_main_turn)
            .collect()
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn respond(mut request: tiny_http::Request, state: &Mutex<State>) {
    let mut raw = String::new();
    let _ = request.as_reader().read_to_string(&mut raw);
    let body: Value = serde_json::from_str(&raw).unwrap_or(Value::Null);
    let recorded = Recorded {
        method: request.method().to_string(),
        path: request.url().to_string(),
        headers: request
            .headers()
            .iter()
            .map(|h| (h.field.to_string(), h.value.to_string()))
            .collect(),
        body,
    };
    let (status, content_type, payload, id) = {
        let mut state = state.lock().expect("state");
        state.requests.push(recorded.clone());
        state.replies += 1;
        let id = state.replies;
        let (status, content_type, payload) = answer(&mut state, &recorded, id);
        (status, content_type, payload, id)
    };
    let response = tiny_http::Response::from_data(payload)
        .with_status_code(status)
        .with_header(header("content-type", content_type))
        .with_header(header("request-id", &format!("req_fake_{id:04}")));
    let _ = request.respond(response);
}

fn error(kind: &str, message: &str) -> Vec<u8> {
    json!({ "type": "error", "error": { "type": kind, "message": message } })
        .to_string()
        .into_bytes()
}

fn answer(state: &mut State, request: &Recorded, id: u64) -> (u16, &'static str, Vec<u8>) {
    let path = request.path.split('?').next().unwrap_or_default();
    match (request.method.as_str(), path) {
        ("HEAD" | "GET", "/") => (200, "text/plain", Vec::new()),
        ("POST", "/v1/messages/count_tokens") => {
            let estimate = request.body.to_string().len() / 4;
            (
                200,
                "application/json",
                json!({ "input_tokens": estimate }).to_string().into_bytes(),
            )
        }
        ("POST", "/v1/messages") => {
            let model = request.body["model"]
                .as_str()
                .unwrap_or("claude-sonnet-4-5")
                .to_string();
            let turn = if request.is_main_turn() {
                let index = request.body["messages"]
                    .as_array()
                    .map_or(0, |m| m.iter().filter(|m| m["role"] == "assistant").count());
                let first_user = request.body["messages"]
                    .as_array()
                    .and_then(|m| m.iter().find(|m| m["role"] == "user"))
                    .map(|m| m["content"].to_string())
                    .unwrap_or_default();
                let script = state
                    .routes
                    .iter()
                    .find(|(marker, _)| first_user.contains(marker.as_str()))
                    .map_or(&state.turns, |(_, turns)| turns);
                let turn = script
                    .get(index)
                    .cloned()
                    .map(|turn| turn.fill_in(&request.body))
                    .unwrap_or_else(|| Turn::text("(the script has ended)"));
                let failed = state.failures.entry(index).or_insert(0);
                if *failed < turn.fail_first {
                    *failed += 1;
                    return (
                        529,
                        "application/json",
                        error("overloaded_error", "Overloaded (scripted)"),
                    );
                }
                turn
            } else {
                Turn::text(&state.side_reply)
            };
            if request.body["stream"] == true {
                (
                    200,
                    "text/event-stream",
                    stream(&turn, &model, id).into_bytes(),
                )
            } else {
                (
                    200,
                    "application/json",
                    message(&turn, &model, id).to_string().into_bytes(),
                )
            }
        }
        _ => (
            404,
            "application/json",
            error("not_found_error", &format!("no route for {path}")),
        ),
    }
}

fn stop_reason(turn: &Turn) -> &'static str {
    if turn
        .blocks
        .iter()
        .any(|b| matches!(b, Block::ToolUse { .. }))
    {
        "tool_use"
    } else {
        "end_turn"
    }
}

fn tool_id(id: u64, index: usize) -> String {
    format!("toolu_fake{id:04}{index:02}")
}

fn message(turn: &Turn, model: &str, id: u64) -> Value {
    let content: Vec<Value> = turn
        .blocks
        .iter()
        .enumerate()
        .map(|(index, block)| match block {
            Block::Text(text) => json!({ "type": "text", "text": text }),
            Block::ToolUse { name, input } => {
                json!({ "type": "tool_use", "id": tool_id(id, index), "name": name, "input": input })
            }
        })
        .collect();
    json!({
        "id": format!("msg_fake_{id:04}"),
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason(turn),
        "stop_sequence": null,
        "usage": turn.usage.to_json(),
    })
}

fn event(out: &mut String, name: &str, data: Value) {
    out.push_str(&format!("event: {name}\ndata: {data}\n\n"));
}

fn stream(turn: &Turn, model: &str, id: u64) -> String {
    let mut out = String::new();
    let mut start = message(turn, model, id);
    start["content"] = json!([]);
    start["stop_reason"] = Value::Null;
    // The first event carries a placeholder output count; the final one comes in message_delta.
    start["usage"]["output_tokens"] = json!(1);
    event(
        &mut out,
        "message_start",
        json!({ "type": "message_start", "message": start }),
    );
    for (index, block) in turn.blocks.iter().enumerate() {
        match block {
            Block::Text(text) => {
                let start = json!({ "type": "text", "text": "" });
                event(
                    &mut out,
                    "content_block_start",
                    json!({ "type": "content_block_start", "index": index, "content_block": start }),
                );
                let middle = text
                    .char_indices()
                    .nth(text.chars().count() / 2)
                    .map_or(0, |(i, _)| i);
                for piece in [&text[..middle], &text[middle..]] {
                    let delta = json!({ "type": "text_delta", "text": piece });
                    event(
                        &mut out,
                        "content_block_delta",
                        json!({ "type": "content_block_delta", "index": index, "delta": delta }),
                    );
                }
            }
            Block::ToolUse { name, input } => {
                let start = json!({ "type": "tool_use", "id": tool_id(id, index), "name": name, "input": {} });
                event(
                    &mut out,
                    "content_block_start",
                    json!({ "type": "content_block_start", "index": index, "content_block": start }),
                );
                let json_text = input.to_string();
                let middle = json_text.len() / 2;
                let middle = (middle..json_text.len())
                    .find(|i| json_text.is_char_boundary(*i))
                    .unwrap_or(0);
                for piece in [&json_text[..middle], &json_text[middle..]] {
                    let delta = json!({ "type": "input_json_delta", "partial_json": piece });
                    event(
                        &mut out,
                        "content_block_delta",
                        json!({ "type": "content_block_delta", "index": index, "delta": delta }),
                    );
                }
            }
        }
        event(
            &mut out,
            "content_block_stop",
            json!({ "type": "content_block_stop", "index": index }),
        );
    }
    let delta = json!({ "stop_reason": stop_reason(turn), "stop_sequence": null });
    event(
        &mut out,
        "message_delta",
        json!({ "type": "message_delta", "delta": delta, "usage": turn.usage.to_json() }),
    );
    event(&mut out, "message_stop", json!({ "type": "message_stop" }));
    out
}

/// The text of the last tool result in a request's messages.
fn latest_tool_result(body: &Value) -> Option<String> {
    let messages = body["messages"].as_array()?;
    messages.iter().rev().find_map(|message| {
        let blocks = message["content"].as_array()?;
        let result = blocks.iter().rev().find(|b| b["type"] == "tool_result")?;
        match &result["content"] {
            Value::String(text) => Some(text.clone()),
            Value::Array(parts) => parts
                .iter()
                .find_map(|p| p["text"].as_str().map(String::from)),
            _ => None,
        }
    })
}
