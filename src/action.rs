//! Every action a key can be bound to, with the snake_case name used in keymaps and the
//! description shown in the help overlay.

macro_rules! actions {
    ($( $variant:ident => $name:literal, $description:literal; )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action { $( $variant, )* }

        impl Action {
            pub const ALL: &'static [Action] = &[ $( Action::$variant, )* ];

            pub fn name(self) -> &'static str {
                match self { $( Action::$variant => $name, )* }
            }

            pub fn description(self) -> &'static str {
                match self { $( Action::$variant => $description, )* }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name { $( $name => Some(Action::$variant), )* _ => None }
            }
        }
    };
}

actions! {
    NewPane => "new_pane", "Open a new pane running the default command";
    SplitRight => "split_right", "Split the focused pane, new pane to the right";
    SplitDown => "split_down", "Split the focused pane, new pane below";
    ClosePane => "close_pane", "Close the focused pane (asks while its command runs)";
    RenamePane => "rename_pane", "Rename the focused pane";
    FocusLeft => "focus_left", "Focus the pane to the left";
    FocusRight => "focus_right", "Focus the pane to the right";
    FocusUp => "focus_up", "Focus the pane above";
    FocusDown => "focus_down", "Focus the pane below";
    FocusNext => "focus_next", "Focus the next pane";
    FocusPrevious => "focus_previous", "Focus the previous pane";
    FocusPane1 => "focus_pane_1", "Focus pane 1";
    FocusPane2 => "focus_pane_2", "Focus pane 2";
    FocusPane3 => "focus_pane_3", "Focus pane 3";
    FocusPane4 => "focus_pane_4", "Focus pane 4";
    FocusPane5 => "focus_pane_5", "Focus pane 5";
    FocusPane6 => "focus_pane_6", "Focus pane 6";
    FocusPane7 => "focus_pane_7", "Focus pane 7";
    FocusPane8 => "focus_pane_8", "Focus pane 8";
    FocusPane9 => "focus_pane_9", "Focus pane 9";
    SwapNext => "swap_next", "Swap the focused pane with the next one";
    SwapPrevious => "swap_previous", "Swap the focused pane with the previous one";
    ToggleZoom => "toggle_zoom", "Zoom the focused pane to full size, or back";
    ResizeLeft => "resize_left", "Move the focused pane's vertical border left";
    ResizeRight => "resize_right", "Move the focused pane's vertical border right";
    ResizeUp => "resize_up", "Move the focused pane's horizontal border up";
    ResizeDown => "resize_down", "Move the focused pane's horizontal border down";
    EvenLayout => "even_layout", "Give all panes equal space";
    ScrollMode => "scroll_mode", "Enter scroll mode to read the pane's history";
    ScrollPageUpFromPane => "scroll_mode_page_up", "Enter scroll mode one page up";
    ToggleCostPanel => "toggle_cost_panel", "Show or hide the cost panel";
    ToggleApprovalsPanel => "toggle_approvals_panel", "Show or hide the approvals queue";
    ToggleCredentialsPanel => "toggle_credentials_panel", "Show the credentials panel and focus it, or hide it";
    ToggleAgentsPanel => "toggle_agents_panel", "Show the agent tree and focus it (type to filter, Enter spawns), or hide it";
    ToggleKnowledgePanel => "toggle_knowledge_panel", "Show the knowledge panel and focus it (type to search, Enter shows an item, C-n adds one), or hide it";
    Approve => "approve", "Allow the selected request once";
    ApproveAlways => "approve_always", "Allow the selected request and remember the rule";
    Deny => "deny", "Deny the selected request";
    DenyWithMessage => "deny_with_message", "Deny the selected request, telling Claude why";
    JumpToApproval => "jump_to_approval", "Focus the pane the selected request came from";
    NextApproval => "next_approval", "Select the next waiting request";
    PreviousApproval => "previous_approval", "Select the previous waiting request";
    Help => "help", "Show this help";
    Quit => "quit", "Quit cco (asks while sessions run)";
    SendPrefix => "send_prefix", "Send the prefix key itself to the pane";
    ScrollLineUp => "scroll_line_up", "Scroll one line up";
    ScrollLineDown => "scroll_line_down", "Scroll one line down";
    ScrollPageUp => "scroll_page_up", "Scroll one page up";
    ScrollPageDown => "scroll_page_down", "Scroll one page down";
    ScrollHalfPageUp => "scroll_half_page_up", "Scroll half a page up";
    ScrollHalfPageDown => "scroll_half_page_down", "Scroll half a page down";
    ScrollTop => "scroll_top", "Go to the oldest line of history";
    ScrollBottom => "scroll_bottom", "Go to the live screen and leave scroll mode";
    SearchBackward => "search_backward", "Search history upwards";
    SearchNext => "search_next", "Next match (further up)";
    SearchPrevious => "search_previous", "Previous match (further down)";
    ExitScroll => "exit_scroll", "Leave scroll mode";
}

/// Where an action may be bound: after the prefix key, or inside scroll mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Prefix,
    Scroll,
}

impl Action {
    pub fn layer(self) -> Layer {
        let enters_scroll = matches!(self, Action::ScrollMode | Action::ScrollPageUpFromPane);
        if self.name().starts_with("scroll_") && !enters_scroll
            || matches!(
                self,
                Action::SearchBackward
                    | Action::SearchNext
                    | Action::SearchPrevious
                    | Action::ExitScroll
            )
        {
            Layer::Scroll
        } else {
            Layer::Prefix
        }
    }

    /// The pane number of a `focus_pane_N` action.
    pub fn pane_number(self) -> Option<usize> {
        self.name()
            .strip_prefix("focus_pane_")
            .and_then(|n| n.parse().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for action in Action::ALL {
            let name = action.name();
            assert!(seen.insert(name), "duplicate {name}");
            assert!(name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
            assert_eq!(Action::from_name(name), Some(*action));
            assert!(!action.description().is_empty());
        }
    }

    #[test]
    fn layers_and_numbers() {
        assert_eq!(Action::ScrollPageUp.layer(), Layer::Scroll);
        assert_eq!(Action::ScrollPageUpFromPane.layer(), Layer::Prefix);
        assert_eq!(Action::ScrollMode.layer(), Layer::Prefix);
        assert_eq!(Action::SearchNext.layer(), Layer::Scroll);
        assert_eq!(Action::SplitRight.layer(), Layer::Prefix);
        assert_eq!(Action::FocusPane7.pane_number(), Some(7));
        assert_eq!(Action::FocusNext.pane_number(), None);
    }
}
