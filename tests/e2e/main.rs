//! End-to-end scenarios: the built `cco` in a real PTY, driven as a person would.

mod agents;
mod approvals;
mod classify_cli;
mod claude_cli;
#[path = "../support/corpus.rs"]
mod corpus;
mod cost_panel;
mod cost_transcripts;
mod credentials;
mod credentials_leak;
mod credentials_panel;
mod harness;
mod knowledge;
mod knowledge_claude;
mod knowledge_panel;
mod monitor_cli;
mod secret_service;
#[path = "../support/stored_facts.rs"]
mod stored_facts;
mod testbed;
mod vttest;

use harness::{Cco, Options};

/// The status line shows `N:name*` for the focused pane.
fn focused(number: usize, name: &str) -> String {
    format!("{number}:{name}*")
}

#[test]
fn start_and_quit_restores_the_terminal() {
    let mut cco = Cco::run(&["sh"]);
    cco.wait_text(&focused(1, "sh"));
    cco.with_screen(|s| assert!(s.alternate_screen(), "cco draws on the alternate screen"));
    cco.keys("C-Space q");
    cco.wait_text("Quit cco? 1 session is still running.");
    cco.keys("y");
    assert_eq!(cco.wait_exit(), 0);
    cco.with_screen(|s| {
        assert!(!s.alternate_screen(), "alternate screen left");
        assert!(!s.hide_cursor(), "cursor shown again");
        assert!(!s.bracketed_paste(), "bracketed paste off");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting off"
        );
    });
}

#[test]
fn sigterm_restores_the_terminal_and_hangs_up_children() {
    let mut cco = Cco::run(&["sh", "-c", "echo $$ > child.pid; exec sleep 300"]);
    cco.wait_text(&focused(1, "sh"));
    let pid_file = cco.path("child.pid");
    harness::wait_for_file(&pid_file);
    let child: u32 = std::fs::read_to_string(&pid_file)
        .expect("pid")
        .trim()
        .parse()
        .expect("pid number");
    cco.signal("TERM");
    cco.wait_exit();
    cco.with_screen(|s| assert!(!s.alternate_screen(), "alternate screen left after SIGTERM"));
    harness::wait_until_dead(child);
}

#[test]
fn typing_reaches_the_child() {
    let mut cco = Cco::run(&["cat"]);
    cco.wait_text(&focused(1, "cat"));
    cco.type_text("hello from cco\r");
    cco.wait_until("the echo and cat's copy", |s| {
        s.contents().matches("hello from cco").count() == 2
    });
}

#[test]
fn split_focus_zoom_and_close() {
    let mut cco = Cco::run(&["sh"]);
    cco.wait_text(&focused(1, "sh"));
    cco.keys("C-Space %");
    cco.wait_text(&focused(2, "sh"));
    cco.wait_text("2 sessions");
    cco.keys("C-Space Left");
    cco.wait_text(&focused(1, "sh"));
    cco.keys("C-Space \"");
    cco.wait_text(&focused(2, "sh"));
    cco.wait_text("3 sessions");
    cco.keys("C-Space z");
    cco.wait_text(" zoom ");
    cco.wait_until("only the zoomed pane drawn", |s| {
        !s.contents().contains(" 3 sh")
    });
    cco.keys("C-Space z");
    cco.wait_text(" 3 sh");
    cco.keys("C-Space x");
    cco.wait_text("Close pane 2 (sh)?");
    cco.keys("y");
    cco.wait_text("2 sessions");
    cco.wait_gone(" 3 sh");
    cco.keys("C-Space 2");
    cco.wait_text(&focused(2, "sh"));
}

#[test]
fn scrollback_shows_earlier_output_and_search_finds_it() {
    let mut cco = Cco::run(&["sh"]);
    cco.wait_text(&focused(1, "sh"));
    cco.type_text("seq 1 400 | sed 's/^/row-/'\r");
    cco.wait_text("row-400");
    cco.keys("C-Space PageUp");
    cco.wait_text("history -");
    cco.wait_gone("row-400");
    cco.keys("g");
    cco.wait_until("the oldest line", |s| harness::has_line(s, "row-1"));
    cco.keys("G");
    cco.wait_text("row-400");
    cco.keys("C-Space [ /");
    cco.type_text("row-123\r");
    cco.wait_until("the match", |s| harness::has_line(s, "row-123"));
    cco.wait_gone("row-400");
    cco.keys("q");
    cco.wait_text("row-400");
}

#[test]
fn a_child_that_exits_shows_its_code() {
    let mut cco = Cco::run(&["sh", "-c", "echo bye; exit 3"]);
    cco.wait_text("exited 3");
    cco.wait_text("bye");
    cco.keys("C-Space x");
    assert_eq!(cco.wait_exit(), 0, "closing the last pane quits");
}

#[test]
fn a_command_that_cannot_start_is_reported() {
    let mut cco = Cco::run(&["/nonexistent/program"]);
    cco.wait_text("failed");
    assert!(cco.is_running(), "cco keeps running");
}

#[test]
fn resize_reaches_the_child() {
    let mut cco = Cco::run(&["sh"]);
    cco.wait_text(&focused(1, "sh"));
    cco.type_text("stty size\r");
    cco.wait_text("27 98");
    cco.resize(40, 120);
    // Type only once cco has drawn at the new size, as a person would.
    cco.wait_until("the status line on the new last row", |s| {
        s.rows(0, 120)
            .nth(39)
            .is_some_and(|row| row.contains("? help"))
    });
    cco.type_text("clear; stty size\r");
    cco.wait_text("37 118");
}

#[test]
fn a_program_waiting_for_the_da1_reply_gets_one() {
    let script = "stty -icanon -echo; printf '\\033[c'; IFS= read -r -d c reply; stty sane; echo \"DA1 reply: ${reply#?}c\"; sleep 60";
    let mut cco = Cco::run(&["bash", "-c", script]);
    cco.wait_text("DA1 reply: [?62;22c");
    cco.keys("C-Space q y");
    cco.wait_exit();
}

#[test]
fn a_malformed_config_is_reported_and_defaults_are_used() {
    let mut cco = Cco::start(Options {
        args: vec!["--".into(), "sh".into()],
        config_files: vec![(
            "config.toml".into(),
            "theme = \"dark\"\nscrollback = \"many\"\n".into(),
        )],
        ..Options::default()
    });
    cco.wait_text("config.toml:2:14");
    cco.keys("C-Space %");
    cco.wait_text(&focused(2, "sh"));
}

/// Pages the help down until `text` shows (the list outgrows any one screen).
fn page_down_until(cco: &mut Cco, text: &str) {
    for _ in 0..10 {
        if cco.screen_text().contains(text) {
            return;
        }
        cco.keys("PageDown");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    cco.wait_text(text);
}

#[test]
fn help_lists_bindings_from_the_keymap() {
    let mut cco = Cco::run(&["sh"]);
    cco.wait_text(&focused(1, "sh"));
    cco.keys("C-Space ?");
    cco.wait_text("Split the focused pane, new pane to the right");
    for further_down in [
        "Focus the pane with that number",
        "Allow the selected request once",
        "Search history upwards",
    ] {
        page_down_until(&mut cco, further_down);
    }
    cco.wait_gone("Split the focused pane, new pane to the right");
    cco.keys("Esc");
    cco.wait_gone("Search history upwards");
}

#[test]
fn mouse_wheel_scrolls_history_and_click_focuses() {
    let mut cco = Cco::run(&["sh"]);
    cco.wait_text(&focused(1, "sh"));
    cco.type_text("seq 1 200 | sed 's/^/line-/'\r");
    cco.wait_text("line-200");
    // SGR wheel up at column 10, row 10 (1-based).
    cco.write(b"\x1b[<64;10;10M\x1b[<64;10;10M\x1b[<64;10;10M\x1b[<64;10;10M");
    cco.wait_text("history -");
    cco.wait_gone("line-200");
    cco.keys("q");
    cco.keys("C-Space %");
    cco.wait_text(&focused(2, "sh"));
    cco.write(b"\x1b[<0;5;5M\x1b[<0;5;5m");
    cco.wait_text(&focused(1, "sh"));
}

#[test]
fn floods_of_random_bytes_and_resize_storms_do_not_break_cco() {
    let mut cco = Cco::run(&["sh"]);
    cco.wait_text(&focused(1, "sh"));
    cco.type_text("head -c 3000000 /dev/urandom; echo; echo FLOOD-DONE\r");
    for step in 0..60u16 {
        cco.resize(1 + step % 7, 1 + (step * 13) % 50);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    cco.resize(30, 100);
    cco.type_text("\x1bc");
    cco.keys("C-Space %");
    cco.wait_text(&focused(2, "sh"));
    cco.type_text("echo still-alive\r");
    cco.wait_text("still-alive");
    assert!(cco.is_running());
}
