//! Claude Code transcripts (JSONL): which lines are API calls, their usage, and counting each
//! call once. Tolerant: unknown fields and line types are fine, malformed lines are counted.

use std::collections::HashMap;

use serde::Deserialize;

/// Token counts of one API call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub input: u64,
    pub output: u64,
    pub cache_write_5m: u64,
    pub cache_write_1h: u64,
    pub cache_read: u64,
    pub web_search: u64,
}

impl Usage {
    pub fn total(&self) -> u64 {
        self.input + self.output + self.cache_write_5m + self.cache_write_1h + self.cache_read
    }

    /// The larger of each count: what a call's repeated streaming lines add up to.
    pub fn max(&self, other: &Usage) -> Usage {
        Usage {
            input: self.input.max(other.input),
            output: self.output.max(other.output),
            cache_write_5m: self.cache_write_5m.max(other.cache_write_5m),
            cache_write_1h: self.cache_write_1h.max(other.cache_write_1h),
            cache_read: self.cache_read.max(other.cache_read),
            web_search: self.web_search.max(other.web_search),
        }
    }
}

/// One API call as a transcript line records it.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiCall {
    pub message_id: String,
    pub request_id: Option<String>,
    pub model: String,
    /// RFC 3339 time of the line.
    pub timestamp: String,
    pub session_id: String,
    pub cwd: Option<String>,
    pub sidechain: bool,
    pub usage: Usage,
    /// Old transcripts recorded a cost themselves.
    pub legacy_cost_usd: Option<f64>,
}

#[derive(Debug, PartialEq)]
pub enum Line {
    Call(ApiCall),
    /// A line that is not an API call (user turns, attachments, summaries, progress…).
    Other,
    /// A line that could not be read, with why.
    Malformed(String),
}

#[derive(Deserialize)]
struct WireLine {
    #[serde(rename = "type")]
    kind: Option<String>,
    message: Option<WireMessage>,
    #[serde(rename = "requestId")]
    request_id: Option<String>,
    timestamp: Option<String>,
    #[serde(rename = "sessionId")]
    session_id: Option<String>,
    cwd: Option<String>,
    #[serde(rename = "isSidechain", default)]
    sidechain: bool,
    #[serde(rename = "costUSD")]
    cost_usd: Option<f64>,
}

#[derive(Deserialize)]
struct WireMessage {
    id: Option<String>,
    model: Option<String>,
    usage: Option<WireUsage>,
}

#[derive(Deserialize, Default)]
struct WireUsage {
    #[serde(default)]
    input_tokens: u64,
    #[serde(default)]
    output_tokens: u64,
    #[serde(default)]
    cache_creation_input_tokens: u64,
    #[serde(default)]
    cache_read_input_tokens: u64,
    cache_creation: Option<WireCacheCreation>,
    server_tool_use: Option<WireServerTools>,
}

#[derive(Deserialize, Default)]
struct WireCacheCreation {
    #[serde(default)]
    ephemeral_5m_input_tokens: u64,
    #[serde(default)]
    ephemeral_1h_input_tokens: u64,
}

#[derive(Deserialize, Default)]
struct WireServerTools {
    #[serde(default)]
    web_search_requests: u64,
}

fn usage(wire: &WireUsage) -> Usage {
    let split = wire.cache_creation.as_ref();
    let five = split.map_or(0, |s| s.ephemeral_5m_input_tokens);
    let hour = split.map_or(0, |s| s.ephemeral_1h_input_tokens);
    // Without a split (or with one that does not add up) the rest counts as 5-minute writes.
    let unsplit = wire.cache_creation_input_tokens.saturating_sub(five + hour);
    Usage {
        input: wire.input_tokens,
        output: wire.output_tokens,
        cache_write_5m: five + unsplit,
        cache_write_1h: hour,
        cache_read: wire.cache_read_input_tokens,
        web_search: wire
            .server_tool_use
            .as_ref()
            .map_or(0, |s| s.web_search_requests),
    }
}

/// Reads one complete transcript line.
pub fn parse_line(text: &str) -> Line {
    if text.trim().is_empty() {
        return Line::Other;
    }
    let wire: WireLine = match serde_json::from_str(text) {
        Ok(wire) => wire,
        Err(error) => return Line::Malformed(error.to_string()),
    };
    if wire.kind.as_deref() != Some("assistant") {
        return Line::Other;
    }
    let Some(message) = wire.message else {
        return Line::Other;
    };
    let Some(wire_usage) = &message.usage else {
        return Line::Other;
    };
    let Some(message_id) = message.id else {
        return Line::Malformed("an assistant line with usage but no message id".into());
    };
    Line::Call(ApiCall {
        message_id,
        request_id: wire.request_id,
        model: message.model.unwrap_or_default(),
        timestamp: wire.timestamp.unwrap_or_default(),
        session_id: wire.session_id.unwrap_or_default(),
        cwd: wire.cwd,
        sidechain: wire.sidechain,
        usage: usage(wire_usage),
        legacy_cost_usd: wire.cost_usd,
    })
}

/// Counts each API call once. Streaming writes one line per content block, each repeating the
/// usage (early ones may carry a placeholder output count): the largest counts win. A sidechain
/// line that reuses a known message id under another request id is a replay, not a new call.
#[derive(Default)]
pub struct Ledger {
    calls: HashMap<(String, Option<String>), ApiCall>,
    by_message: HashMap<String, (String, Option<String>)>,
}

impl Ledger {
    /// Adds a call; returns whether it was new (not a repeat or a replay).
    pub fn add(&mut self, call: ApiCall) -> bool {
        let key = (call.message_id.clone(), call.request_id.clone());
        if let Some(existing) = self.calls.get_mut(&key) {
            existing.usage = existing.usage.max(&call.usage);
            return false;
        }
        if let Some(first_key) = self.by_message.get(&call.message_id) {
            if call.sidechain && *first_key != key {
                return false;
            }
        }
        self.by_message
            .entry(call.message_id.clone())
            .or_insert_with(|| key.clone());
        self.calls.insert(key, call);
        true
    }

    pub fn calls(&self) -> impl Iterator<Item = &ApiCall> {
        self.calls.values()
    }

    pub fn len(&self) -> usize {
        self.calls.len()
    }

    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }
}

#[cfg(test)]
#[path = "transcript_tests.rs"]
mod tests;
