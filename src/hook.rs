//! Claude Code hooks: the wire types, the `cco hook` client, the socket server inside the TUI,
//! the plugin cco writes, how panes launch Claude Code, the approvals queue and its audit.

pub mod approvals;
pub mod audit;
pub mod client;
pub mod launch;
pub mod plugin;
pub mod policy;
pub mod protocol;
pub mod server;
pub mod wire;

/// What a pane's Claude Code is doing, learned from its hooks (never from its screen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activity {
    Working,
    /// A permission request waits for the person.
    NeedsApproval,
    /// Claude Code stopped: the person's turn.
    YourTurn,
    Ended,
}

impl Activity {
    /// The state an event puts the pane in; None leaves it as it was.
    pub fn after(input: &wire::HookInput) -> Option<Activity> {
        match input.hook_event_name.as_str() {
            // Sub-agents run their tools while the main session keeps working.
            "UserPromptSubmit" | "PreToolUse" | "PostToolUse" | "SubagentStart" => {
                Some(Activity::Working)
            }
            "PermissionRequest" => Some(Activity::NeedsApproval),
            "SessionStart" | "Stop" => Some(Activity::YourTurn),
            "Notification" => match input.notification_type.as_deref() {
                Some("idle_prompt") => Some(Activity::YourTurn),
                _ => None,
            },
            "SessionEnd" => Some(Activity::Ended),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Activity::Working => "working",
            Activity::NeedsApproval => "needs approval",
            Activity::YourTurn => "your turn",
            Activity::Ended => "ended",
        }
    }

    /// Whether the person should look at the pane.
    pub fn needs_you(self) -> bool {
        matches!(self, Activity::NeedsApproval | Activity::YourTurn)
    }
}
