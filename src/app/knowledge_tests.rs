//! The knowledge panel on the app: keys in, worker jobs out, answers shown or dropped when
//! stale, the detail and stats views, the editor and what storing did.

use super::*;
use crate::app::tests::{app, keys};
use crate::event::Event;
use crate::knowledge::worker::Draft;
use crate::knowledge::{Source, Stored};

fn jobs(app: &mut App) -> Vec<Job> {
    app.take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Knowledge(job) => Some(job),
            _ => None,
        })
        .collect()
}

fn searches(app: &mut App) -> Vec<(u64, String)> {
    jobs(app)
        .into_iter()
        .filter_map(|job| match job {
            Job::Search { asked, query } => Some((asked, query)),
            _ => None,
        })
        .collect()
}

fn item(id: i64, text: &str) -> Item {
    Item {
        id,
        project: "github.com/acme/widgets".into(),
        kind: Kind::Fact,
        text: text.into(),
        source: Source::Cli,
        session_id: None,
        created_ms: 0,
        superseded_by: None,
    }
}

fn answer(app: &mut App, asked: u64, texts: &[&str]) {
    let items = (1..).zip(texts).map(|(id, text)| item(id, text)).collect();
    app.update(Event::Knowledge(News::Results { asked, items }));
}

fn shown(app: &App) -> Vec<&str> {
    app.knowledge
        .items
        .iter()
        .map(|i| i.text.as_str())
        .collect()
}

#[test]
fn opening_focuses_the_panel_asks_for_the_newest_items_and_catches_up() {
    let mut app = app();
    keys(&mut app, "C-Space m");
    assert!(app.panels.panels.contains(&PanelKind::Knowledge));
    assert_eq!(app.mode, Mode::Knowledge);
    assert_eq!(
        jobs(&mut app),
        [
            Job::Search {
                asked: 1,
                query: String::new()
            },
            Job::CatchUp
        ]
    );
    keys(&mut app, "C-Space m");
    assert!(!app.panels.panels.contains(&PanelKind::Knowledge));
}

#[test]
fn every_edit_searches_and_answers_to_older_queries_are_dropped() {
    let mut app = app();
    keys(&mut app, "C-Space m");
    jobs(&mut app);
    keys(&mut app, "r e l");
    assert_eq!(
        searches(&mut app),
        [(2, "r".into()), (3, "re".into()), (4, "rel".into())]
    );
    answer(&mut app, 3, &["stale"]);
    assert!(app.knowledge.items.is_empty(), "an older query's answer");
    assert!(!app.knowledge.answered);
    answer(&mut app, 4, &["release checklist", "release notes"]);
    assert_eq!(shown(&app), ["release checklist", "release notes"]);
    keys(&mut app, "Left Right Up");
    assert!(
        searches(&mut app).is_empty(),
        "moving the cursor is no edit"
    );
    keys(&mut app, "Down BSpace");
    assert_eq!(searches(&mut app), [(5, "re".into())]);
    assert_eq!(
        app.knowledge.selected, 0,
        "a new query's best result comes first"
    );
}

#[test]
fn arrows_select_enter_shows_and_escape_backs_out_step_by_step() {
    let mut app = app();
    keys(&mut app, "C-Space m q");
    answer(&mut app, 2, &["first", "second"]);
    keys(&mut app, "Down Down");
    assert_eq!(app.knowledge.selected, 1, "stops at the last row");
    keys(&mut app, "Enter");
    assert!(matches!(&app.knowledge.view, KnowledgeView::Item(i) if i.text == "second"));
    keys(&mut app, "Down Down");
    assert_eq!(app.knowledge.scroll, 2);
    keys(&mut app, "Esc");
    assert_eq!(app.knowledge.view, KnowledgeView::List);
    assert_eq!(app.knowledge.query_text(), "q");
    jobs(&mut app);
    keys(&mut app, "Esc");
    assert_eq!(app.knowledge.query_text(), "", "the query is cleared");
    assert_eq!(searches(&mut app), [(3, String::new())]);
    assert_eq!(app.mode, Mode::Knowledge);
    keys(&mut app, "Esc");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.panels.focused, None);
    assert!(app.panels.panels.contains(&PanelKind::Knowledge));
}

#[test]
fn a_new_item_takes_its_type_from_tab_and_its_project_from_the_focused_pane() {
    let mut app = app();
    app.update(Event::Hook(Box::new(
        crate::hook::server::HookEvent::Tell {
            pane: Some("1".into()),
            input: crate::hook::wire::HookInput {
                cwd: "/work/widgets".into(),
                hook_event_name: "Stop".into(),
                ..Default::default()
            },
            decided: None,
        },
    )));
    keys(&mut app, "C-Space m");
    jobs(&mut app);
    keys(&mut app, "C-n");
    assert_eq!(app.mode, Mode::KnowledgeEditor);
    assert_eq!(jobs(&mut app), [Job::Identify("/work/widgets".into())]);
    keys(&mut app, "Tab BTab Tab t e s t s M-Enter r u n");
    keys(&mut app, "Enter");
    assert_eq!(
        jobs(&mut app),
        [Job::Add(Draft {
            kind: Kind::Fact,
            text: "tests\nrun".into(),
            project: ProjectOf::Folder("/work/widgets".into()),
            supersedes: None,
        })]
    );
    assert_eq!(app.mode, Mode::Knowledge);
    assert!(app.knowledge.editor.is_none());
}

#[test]
fn an_empty_item_is_not_sent_and_escape_cancels_the_editor() {
    let mut app = app();
    keys(&mut app, "C-Space m C-n Space Enter");
    assert_eq!(app.mode, Mode::KnowledgeEditor, "nothing to store yet");
    assert!(matches!(&app.knowledge.note, Some(n) if n.text.contains("empty")));
    keys(&mut app, "Esc");
    assert_eq!(app.mode, Mode::Knowledge);
    assert!(app.knowledge.editor.is_none());
    assert!(!jobs(&mut app).iter().any(|j| matches!(j, Job::Add(_))));
}

#[test]
fn supersede_prefills_the_selected_item_and_stores_a_replacement() {
    let mut app = app();
    keys(&mut app, "C-Space m");
    answer(&mut app, 1, &["old", "deploys go out on Tuesdays"]);
    keys(&mut app, "Down Enter C-s");
    assert_eq!(app.mode, Mode::KnowledgeEditor);
    let editor = app.knowledge.editor.as_ref().expect("editor");
    assert_eq!(editor.text.lines(), ["deploys go out on Tuesdays"]);
    jobs(&mut app);
    keys(
        &mut app,
        "BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace",
    );
    keys(&mut app, "F r i d a y s Enter");
    assert_eq!(
        jobs(&mut app),
        [Job::Add(Draft {
            kind: Kind::Fact,
            text: "deploys go out on Fridays".into(),
            project: ProjectOf::Key("github.com/acme/widgets".into()),
            supersedes: Some(2),
        })]
    );
    assert_eq!(app.knowledge.view, KnowledgeView::List);
}

#[test]
fn what_storing_did_is_said_in_the_panel_and_the_results_are_asked_again() {
    let mut app = app();
    keys(&mut app, "C-Space m");
    jobs(&mut app);
    let project = "github.com/acme/widgets".to_string();
    for (outcome, said) in [
        (
            Stored::New { id: 7 },
            "stored item 7 in github.com/acme/widgets",
        ),
        (Stored::Duplicate { id: 3 }, "already stored as item 3"),
        (
            Stored::NearDuplicate {
                id: 4,
                similarity: 0.97,
            },
            "item 4 says nearly the same (similarity 0.97)",
        ),
    ] {
        let project = project.clone();
        app.update(Event::Knowledge(News::Stored { outcome, project }));
        let note = app.knowledge.note.clone().expect("a note");
        assert!(note.text.contains(said), "{}", note.text);
        assert_eq!(searches(&mut app).len(), 1);
    }
    keys(&mut app, "x");
    assert_eq!(
        app.knowledge.note, None,
        "a new search clears what storing said"
    );
    app.update(Event::Knowledge(News::Failed("disk full".into())));
    assert_eq!(
        app.knowledge.note.as_ref().map(|n| n.level),
        Some(Level::Error)
    );
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("disk full")
    );
}

#[test]
fn control_l_shows_the_stats_and_the_last_brief_and_asks_for_fresh_stats() {
    let mut app = app();
    keys(&mut app, "C-Space m");
    jobs(&mut app);
    keys(&mut app, "C-l");
    assert_eq!(app.knowledge.view, KnowledgeView::Stats);
    assert_eq!(jobs(&mut app), [Job::Stats]);
    keys(&mut app, "x C-s");
    assert_eq!(app.knowledge.query_text(), "", "no typing in a detail view");
    assert_eq!(app.mode, Mode::Knowledge, "the stats supersede nothing");
    keys(&mut app, "Esc");
    assert_eq!(app.knowledge.view, KnowledgeView::List);
    keys(&mut app, "C-s");
    assert_eq!(app.mode, Mode::Knowledge, "no item is selected");
}
