//! Snapshots of the knowledge panel: ranked results while semantic search is off, an item in
//! full, the stats with the last injected brief, and the editor of a new item.

use insta::assert_snapshot;

use super::*;
use crate::event::Event;
use crate::knowledge::embed::HOW_TO_ENABLE;
use crate::knowledge::worker::News;
use crate::knowledge::{Injection, Kind, Source};
use crate::ui::knowledge_detail::created_text;
use crate::ui::tests::{app_sized, buffer, find, keys, text};

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

fn now() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

fn found(now: i64) -> Vec<Item> {
    let item = |id, kind, project: &str, text: &str, age_ms| Item {
        id,
        project: project.into(),
        kind,
        text: text.into(),
        source: Source::Cli,
        session_id: None,
        created_ms: now - age_ms,
        superseded_by: None,
    };
    vec![
        item(
            3,
            Kind::Fact,
            "github.com/acme/widgets",
            "The release checklist lives in docs/RELEASING.md: bump the version, tag it, and \
             let CI publish the crate and the binaries. Never publish from a laptop.",
            3 * DAY + 1000,
        ),
        item(
            1,
            Kind::Decision,
            "/home/dev/code/very-long-project-name-here",
            "Release notes are written by hand,\nfrom the merged pull requests.",
            5 * HOUR + 1000,
        ),
        item(
            2,
            Kind::Checkpoint,
            "github.com/acme/widgets",
            "Working on the release script; tests pass.",
            40_000,
        ),
    ]
}

fn stats(now: i64) -> Stats {
    Stats {
        items: 4,
        live: 3,
        superseded: 1,
        by_type: vec![("checkpoint".into(), 1), ("fact".into(), 3)],
        drift: None,
        semantic_off: Some(format!(
            "semantic search is off: no ONNX Runtime library is configured; {HOW_TO_ENABLE}"
        )),
        last_injection: Some(Injection {
            at_ms: now - 2 * HOUR - 5000,
            session_id: Some("5f1c2d3e".into()),
            project: "github.com/acme/widgets".into(),
            source: "startup".into(),
            items: 2,
            chars: 131,
            text: "What cco knows about this project:\n\
                   - fact: The release checklist lives in docs/RELEASING.md\n\
                   - decision: Release notes are written by hand"
                .into(),
        }),
    }
}

/// The panel focused, `release` typed, the stats and the answer in.
fn panel_with_results() -> App {
    let mut app = app_sized(100, 30);
    keys(&mut app, "C-Space m r e l e a s e");
    let now = now();
    app.update(Event::Knowledge(News::Stats(Box::new(stats(now)))));
    let asked = app.knowledge.asked;
    let items = found(now);
    app.update(Event::Knowledge(News::Results { asked, items }));
    app
}

#[test]
fn results_with_semantic_search_off() {
    let app = panel_with_results();
    let screen = text(&app);
    assert!(
        screen.contains("knowledge · 3 items · BM25 only"),
        "{screen}"
    );
    assert!(
        screen.contains("BM25 only: semantic search is off: no ONNX Runtime"),
        "{screen}"
    );
    assert!(screen.contains("3 results for “release”"), "{screen}");
    let drawn = buffer(&app);
    let first = find(&drawn, "fact         3d acme/widgets").expect("first row");
    let second = find(&drawn, "decision     5h …project-name-here").expect("second");
    assert!(first.1 < second.1, "ranked as the worker sent them");
    assert_eq!(
        drawn[first].bg, app.theme.selection_bg,
        "the first is selected"
    );
    let off = find(&drawn, "BM25 only: semantic").expect("stats line");
    assert_eq!(drawn[off].fg, app.theme.warning);
    assert_snapshot!("knowledge_panel_results", screen);
}

#[test]
fn an_item_in_full() {
    let mut app = panel_with_results();
    keys(&mut app, "Enter");
    let KnowledgeView::Item(item) = &app.knowledge.view else {
        panic!("not the detail view");
    };
    let created = created_text(item.created_ms);
    let screen = text(&app);
    assert!(
        screen.contains(&format!("item 3 · fact · 3d ago · created {created}")),
        "{screen}"
    );
    assert!(
        screen.contains("project: github.com/acme/widgets · source: cli · session: —"),
        "{screen}"
    );
    assert!(screen.contains("Never publish from a laptop."), "{screen}");
    assert_snapshot!(
        "knowledge_item_detail",
        screen.replace(&created, "YYYY-MM-DD hh:mm:ss")
    );
}

#[test]
fn stats_and_the_last_brief() {
    let mut app = panel_with_results();
    keys(&mut app, "C-l");
    let screen = text(&app);
    assert!(
        screen.contains("BM25 only: semantic search is off: no ONNX Runtime library"),
        "{screen}"
    );
    assert_snapshot!("knowledge_stats_and_brief", screen);
    keys(&mut app, "Down Down Down Down Down Down Down");
    let screen = text(&app);
    assert!(
        screen.contains("last injection: 2 items, 131 chars, 2h ago (SessionStart startup"),
        "{screen}"
    );
    assert!(screen.contains("- fact: The release checklist"), "{screen}");
    assert_snapshot!("knowledge_stats_and_brief_scrolled", screen);
}

#[test]
fn the_editor_of_a_new_item() {
    let mut app = panel_with_results();
    keys(&mut app, "C-n");
    let folder = std::env::current_dir().expect("cwd");
    app.update(Event::Knowledge(News::Project {
        folder,
        key: "github.com/acme/widgets".into(),
    }));
    keys(&mut app, "Tab Tab");
    for c in "Deploys go out on Tuesdays.".chars() {
        let key = if c == ' ' {
            "Space".into()
        } else {
            c.to_string()
        };
        keys(&mut app, &key);
    }
    let screen = text(&app);
    assert!(screen.contains("[decision]"), "{screen}");
    assert!(
        screen.contains("project: github.com/acme/widgets"),
        "{screen}"
    );
    assert_snapshot!("knowledge_editor", screen);
}

#[test]
fn projects_are_shortened_to_the_parts_that_tell_them_apart() {
    assert_eq!(short_project("github.com/acme/widgets", 18), "acme/widgets");
    assert_eq!(short_project("/home/me/code/app", 18), "code/app");
    assert_eq!(short_project("solo", 18), "solo");
    assert_eq!(short_project("/a/bbbbbbbbbbbbbbbbbbbb", 10), "…bbbbbbbbb");
}
