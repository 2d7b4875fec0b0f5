//! The knowledge panel end to end: items seeded with the real `cco knowledge store`, found by
//! typing in the panel of a running cco, shown in full, and a new item written in the panel
//! and stored with source `tui`, all without an embedding model (BM25 only, said plainly).

use std::process::{Command, Output};

use serde_json::Value;

use crate::harness::{cco_binary, Cco, Options};

/// `cco knowledge …` on the running cco's own config and data dirs, without a model.
fn knowledge(cco: &Cco, args: &[&str]) -> Output {
    let output = Command::new(cco_binary())
        .arg("knowledge")
        .args(args)
        .current_dir(cco.dir.path())
        .env("HOME", cco.dir.path())
        .env("CCO_CONFIG_DIR", cco.path("config"))
        .env("CCO_DATA_DIR", cco.path("data"))
        .env_remove("ORT_DYLIB_PATH")
        .env_remove("CCO_KNOWLEDGE_MODEL")
        .output()
        .expect("run cco knowledge");
    assert!(output.status.success(), "{args:?}: {output:?}");
    output
}

/// The row of the screen a text is on.
fn row_of(cco: &Cco, text: &str) -> usize {
    let screen = cco.screen_text();
    screen
        .lines()
        .position(|line| line.contains(text))
        .unwrap_or_else(|| panic!("{text:?} is not on the screen:\n{screen}"))
}

#[test]
fn search_show_and_add_from_the_knowledge_panel() {
    let mut cco = Cco::start(Options {
        args: vec!["--".into(), "sh".into()],
        // Empty values count as unset: no model, whatever the environment of the tests has.
        env: vec![
            ("ORT_DYLIB_PATH".into(), String::new()),
            ("CCO_KNOWLEDGE_MODEL".into(), String::new()),
        ],
        ..Options::default()
    });
    cco.wait_text("1:sh*");
    let widgets = "github.com/acme/widgets";
    for (text, kind) in [
        ("Release notes are written by hand", "decision"),
        ("The release checklist lives in docs/RELEASING.md", "fact"),
        ("Deploys go out on Tuesdays", "note"),
    ] {
        knowledge(&cco, &["store", text, "--type", kind, "--project", widgets]);
    }

    cco.keys("C-Space m");
    cco.wait_text("knowledge · 3 items · BM25 only");
    cco.wait_text("BM25 only: semantic search is off");
    cco.wait_text("the 3 newest items");
    cco.type_text("release checklist");
    cco.wait_text("2 results for “release checklist”");
    let search_row = row_of(&cco, "search: release checklist");
    let best = row_of(&cco, "docs/RELEASING.md");
    assert_eq!(best, search_row + 1, "the item with both words is first");
    assert!(best < row_of(&cco, "written by hand"));
    assert!(!cco.screen_text().contains("Tuesdays"));

    cco.keys("Enter");
    cco.wait_text("item 2 · fact ·");
    cco.wait_text("project: github.com/acme/widgets · source: cli");
    cco.keys("Esc");
    cco.wait_text("2 results for “release checklist”");

    cco.keys("C-n");
    cco.wait_text("new item");
    cco.type_text("The panel stores what the person writes");
    cco.keys("Tab");
    cco.wait_text("[fact]");
    cco.keys("Enter");
    cco.wait_text("stored item 4 in ");

    let listed = knowledge(&cco, &["list", "--json"]);
    let items: Vec<Value> = serde_json::from_slice(&listed.stdout).expect("json");
    let added = items
        .iter()
        .find(|item| item["text"] == "The panel stores what the person writes")
        .unwrap_or_else(|| panic!("not stored: {items:?}"));
    assert_eq!(added["source"], "tui");
    assert_eq!(added["type"], "fact");
    assert_eq!(added["id"], 4);
    let own_project = cco::knowledge::project::identify(cco.dir.path());
    assert_eq!(added["project"], own_project.as_str(), "cco's own folder");

    cco.keys("Esc Esc");
    cco.wait_text(" cco ");
    cco.keys("C-Space q y");
    cco.wait_exit();
}
