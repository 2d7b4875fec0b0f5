//! Claude Code's hook wire format: the JSON a hook reads on stdin (tolerant: unknown fields and
//! events are fine, missing ones default) and the decisions it may print on stdout.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// What Claude Code sends a hook on stdin, for every event; fields an event lacks stay empty.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct HookInput {
    pub session_id: String,
    pub transcript_path: String,
    pub cwd: String,
    pub hook_event_name: String,
    /// Set inside a sub-agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_name: Option<String>,
    #[serde(skip_serializing_if = "Value::is_null")]
    pub tool_input: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_use_id: Option<String>,
    #[serde(skip_serializing_if = "Value::is_null")]
    pub permission_suggestions: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// SessionStart: startup, resume, clear, compact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// SessionEnd's reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_assistant_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// PreCompact: manual or auto.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_transcript_path: Option<String>,
}

impl HookInput {
    pub fn parse(text: &str) -> Result<HookInput, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The Bash command a tool call runs, if it is one.
    pub fn bash_command(&self) -> Option<&str> {
        if self.tool_name.as_deref() != Some("Bash") {
            return None;
        }
        self.tool_input.get("command").and_then(Value::as_str)
    }

    /// What a person needs to see to decide: the command, else the file, else the input.
    pub fn subject(&self) -> String {
        if let Some(command) = self.bash_command() {
            return command.to_string();
        }
        for key in [
            "file_path",
            "notebook_path",
            "path",
            "url",
            "pattern",
            "command",
        ] {
            if let Some(value) = self.tool_input.get(key).and_then(Value::as_str) {
                return value.to_string();
            }
        }
        match &self.tool_input {
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }
}

/// PreToolUse: let the call run without asking, saying why.
pub fn pre_tool_use_allow(reason: &str) -> String {
    json!({ "hookSpecificOutput": {
        "hookEventName": "PreToolUse",
        "permissionDecision": "allow",
        "permissionDecisionReason": reason,
    }})
    .to_string()
}

/// SessionStart: context Claude Code adds to the session.
pub fn session_start_context(text: &str) -> String {
    json!({ "hookSpecificOutput": {
        "hookEventName": "SessionStart",
        "additionalContext": text,
    }})
    .to_string()
}

/// PermissionRequest: the person's answer. `always` carries the rules to remember.
pub fn permission_allow(always: Option<Value>) -> String {
    let mut decision = json!({ "behavior": "allow" });
    if let Some(rules) = always {
        decision["updatedPermissions"] = rules;
    }
    json!({ "hookSpecificOutput": {
        "hookEventName": "PermissionRequest",
        "decision": decision,
    }})
    .to_string()
}

pub fn permission_deny(message: &str) -> String {
    json!({ "hookSpecificOutput": {
        "hookEventName": "PermissionRequest",
        "decision": { "behavior": "deny", "message": message },
    }})
    .to_string()
}

/// The suggestions "allow always" applies: the event's own, except a switch of the whole
/// session's permission mode, which is broader than the one request the person looked at.
pub fn always_rules(suggestions: &Value) -> Value {
    let kept: Vec<Value> = suggestions
        .as_array()
        .map(|all| {
            all.iter()
                .filter(|s| s.get("type").and_then(Value::as_str) != Some("setMode"))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    Value::Array(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERMISSION: &str = r#"{"session_id":"s1","transcript_path":"/t/s1.jsonl","cwd":"/p",
        "prompt_id":"x","permission_mode":"default","effort":{"level":"high"},
        "hook_event_name":"PermissionRequest","tool_name":"Bash",
        "tool_input":{"command":"touch a.txt","description":"create a file"},
        "permission_suggestions":[
          {"type":"addRules","rules":[{"toolName":"Bash","ruleContent":"touch a.txt"}],
           "behavior":"allow","destination":"localSettings"},
          {"type":"addDirectories","directories":["/p"],"destination":"session"},
          {"type":"setMode","mode":"acceptEdits","destination":"session"}]}"#;

    #[test]
    fn parses_a_permission_request_and_ignores_unknown_fields() {
        let input = HookInput::parse(PERMISSION).expect("parses");
        assert_eq!(input.hook_event_name, "PermissionRequest");
        assert_eq!(input.bash_command(), Some("touch a.txt"));
        assert_eq!(input.subject(), "touch a.txt");
        let rules = always_rules(&input.permission_suggestions);
        let types: Vec<&str> = rules
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|r| r["type"].as_str())
            .collect();
        assert_eq!(types, ["addRules", "addDirectories"]);
    }

    #[test]
    fn unknown_events_and_missing_fields_parse() {
        let input =
            HookInput::parse(r#"{"hook_event_name":"FutureEvent","extra":[1,2]}"#).expect("parses");
        assert_eq!(input.hook_event_name, "FutureEvent");
        assert_eq!(input.bash_command(), None);
        assert_eq!(input.subject(), "");
        assert!(HookInput::parse("not json").is_err());
        assert!(HookInput::parse(r#"{"session_id":5}"#).is_err());
    }

    #[test]
    fn edit_requests_show_the_file() {
        let input = HookInput::parse(
            r#"{"hook_event_name":"PermissionRequest","tool_name":"Edit",
                "tool_input":{"file_path":"/p/src/main.rs","old_string":"a","new_string":"b"}}"#,
        )
        .expect("parses");
        assert_eq!(input.subject(), "/p/src/main.rs");
        assert_eq!(input.bash_command(), None);
    }

    #[test]
    fn decisions_have_claude_codes_shape() {
        let allow: Value = serde_json::from_str(&pre_tool_use_allow("cco: READ (ls)")).unwrap();
        assert_eq!(allow["hookSpecificOutput"]["permissionDecision"], "allow");
        assert_eq!(allow["hookSpecificOutput"]["hookEventName"], "PreToolUse");
        let deny: Value = serde_json::from_str(&permission_deny("no")).unwrap();
        assert_eq!(deny["hookSpecificOutput"]["decision"]["behavior"], "deny");
        assert_eq!(deny["hookSpecificOutput"]["decision"]["message"], "no");
        let always: Value =
            serde_json::from_str(&permission_allow(Some(json!([{"type": "addRules"}])))).unwrap();
        assert_eq!(
            always["hookSpecificOutput"]["decision"]["updatedPermissions"][0]["type"],
            "addRules"
        );
        let once: Value = serde_json::from_str(&permission_allow(None)).unwrap();
        assert!(once["hookSpecificOutput"]["decision"]
            .get("updatedPermissions")
            .is_none());
    }
}
