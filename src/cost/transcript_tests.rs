//! Tests of transcript parsing and call counting, on lines shaped like Claude Code's own.

use super::*;

fn assistant(message: &str, request: Option<&str>, output: u64, sidechain: bool) -> String {
    let request = request.map_or(String::new(), |r| format!(r#""requestId":"{r}","#));
    format!(
        r#"{{"type":"assistant",{request}"isSidechain":{sidechain},"sessionId":"s1","timestamp":"2026-11-21T16:12:20.421Z","cwd":"/p","message":{{"id":"{message}","model":"claude-opus-4-8","usage":{{"input_tokens":10,"output_tokens":{output},"cache_creation_input_tokens":300,"cache_read_input_tokens":40,"cache_creation":{{"ephemeral_5m_input_tokens":100,"ephemeral_1h_input_tokens":200}},"server_tool_use":{{"web_search_requests":2}},"speed":"standard","future_field":[1]}}}},"unknown":true}}"#
    )
}

fn call(line: &str) -> ApiCall {
    match parse_line(line) {
        Line::Call(call) => call,
        other => panic!("not a call: {other:?}"),
    }
}

#[test]
fn reads_usage_from_an_assistant_line() {
    let parsed = call(&assistant("msg_1", Some("req_1"), 45, false));
    assert_eq!(parsed.message_id, "msg_1");
    assert_eq!(parsed.request_id.as_deref(), Some("req_1"));
    assert_eq!(parsed.model, "claude-opus-4-8");
    assert_eq!(parsed.session_id, "s1");
    assert_eq!(
        parsed.usage,
        Usage {
            input: 10,
            output: 45,
            cache_write_5m: 100,
            cache_write_1h: 200,
            cache_read: 40,
            web_search: 2
        }
    );
}

#[test]
fn cache_writes_without_a_split_count_as_five_minute_writes() {
    let line = r#"{"type":"assistant","requestId":"r","message":{"id":"m","model":"x","usage":{"input_tokens":1,"output_tokens":2,"cache_creation_input_tokens":17572,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":0}}}}"#;
    assert_eq!(call(line).usage.cache_write_5m, 17572);
}

#[test]
fn other_lines_and_malformed_lines() {
    for other in [
        r#"{"type":"user","message":{"role":"user","content":"hi"}}"#,
        r#"{"type":"summary","summary":"x"}"#,
        r#"{"type":"progress","data":{"message":{"id":"m","usage":{"output_tokens":5}}}}"#,
        r#"{"type":"assistant","message":{"id":"m","content":[]}}"#,
        r#"{"type":"system","subtype":"compact_boundary"}"#,
        "",
    ] {
        assert_eq!(parse_line(other), Line::Other, "{other}");
    }
    assert!(matches!(
        parse_line("{\"type\":\"assistant\",\"mess"),
        Line::Malformed(_)
    ));
    assert!(matches!(parse_line("not json"), Line::Malformed(_)));
    assert!(matches!(
        parse_line(r#"{"type":"assistant","message":{"usage":{"output_tokens":1}}}"#),
        Line::Malformed(_)
    ));
}

#[test]
fn each_call_is_counted_once_with_its_largest_counts() {
    let mut ledger = Ledger::default();
    assert!(ledger.add(call(&assistant("msg_1", Some("req_1"), 1, false))));
    assert!(!ledger.add(call(&assistant("msg_1", Some("req_1"), 45, false))));
    assert!(!ledger.add(call(&assistant("msg_1", Some("req_1"), 3, false))));
    assert_eq!(ledger.len(), 1);
    assert_eq!(ledger.calls().next().map(|c| c.usage.output), Some(45));
    assert!(ledger.add(call(&assistant("msg_2", Some("req_2"), 7, false))));
    assert_eq!(ledger.len(), 2);
}

#[test]
fn a_sidechain_replay_is_not_a_new_call_but_a_new_request_on_the_main_chain_is() {
    let mut ledger = Ledger::default();
    assert!(ledger.add(call(&assistant("msg_1", Some("req_1"), 5, false))));
    assert!(
        !ledger.add(call(&assistant("msg_1", Some("req_9"), 5, true))),
        "replay"
    );
    assert!(
        ledger.add(call(&assistant("msg_1", Some("req_8"), 5, false))),
        "another request"
    );
    // Legacy lines have no request id and may carry a cost.
    let legacy = r#"{"type":"assistant","costUSD":0.0123,"message":{"id":"old","model":"claude-3-5-haiku-20241022","usage":{"input_tokens":1,"output_tokens":1}}}"#;
    let parsed = call(legacy);
    assert_eq!(
        (parsed.request_id.clone(), parsed.legacy_cost_usd),
        (None, Some(0.0123))
    );
    assert!(ledger.add(parsed.clone()));
    assert!(!ledger.add(parsed));
}

#[test]
fn the_real_transcripts_parse_without_malformed_lines() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/claude-sessions");
    let entries = std::fs::read_dir(dir).expect("the captured transcripts");
    let mut calls = 0;
    for entry in entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
    {
        let text = std::fs::read_to_string(entry.path()).expect("a transcript");
        let mut ledger = Ledger::default();
        for line in text.lines() {
            match parse_line(line) {
                Line::Call(call) => {
                    ledger.add(call);
                }
                Line::Other => {}
                Line::Malformed(why) => panic!("{}: {why}", entry.path().display()),
            }
        }
        calls += ledger.len();
    }
    assert!(calls > 0, "the captured transcripts hold API calls");
}
