use super::*;
use crate::knowledge::{transfer, Knowledge, Stored};

fn note(project: &str, kind: Kind, text: &str) -> NewItem {
    NewItem {
        project: project.into(),
        kind,
        text: text.into(),
        source: Source::Cli,
        session_id: None,
        supersedes: None,
    }
}

fn open() -> (tempfile::TempDir, Knowledge) {
    let dir = tempfile::tempdir().unwrap();
    let knowledge = Knowledge::open_lexical(dir.path()).unwrap();
    (dir, knowledge)
}

fn ids(hits: &[(i64, f64)]) -> Vec<i64> {
    hits.iter().map(|(id, _)| *id).collect()
}

#[test]
fn the_same_text_in_a_project_is_stored_once() {
    let (_dir, mut k) = open();
    let first = k
        .add(&note("p", Kind::Fact, "Builds use  sccache"), false, 1)
        .unwrap();
    let again = k
        .add(&note("p", Kind::Note, "Builds use sccache\n"), false, 2)
        .unwrap();
    let elsewhere = k
        .add(&note("q", Kind::Fact, "Builds use sccache"), false, 3)
        .unwrap();
    assert_eq!(again, Stored::Duplicate { id: first.id() });
    assert!(matches!(elsewhere, Stored::New { id } if id != first.id()));
    assert!(k.add(&note("p", Kind::Note, "  \n"), false, 4).is_err());
}

#[test]
fn bm25_finds_stemmed_words_and_ranks_the_closer_match_first() {
    let (_dir, mut k) = open();
    for text in [
        "Melanie painted a sunrise over the lake",
        "The deploy script paints the terminal red on failure",
        "Caroline went to a support group",
    ] {
        k.add(&note("p", Kind::Note, text), false, 1).unwrap();
    }
    let store = k.store();
    let hits = store
        .lexical("When did Melanie paint a sunrise?", &Filter::default(), 10)
        .unwrap();
    assert_eq!(ids(&hits), [1, 2]);
    assert!(hits[0].1 > hits[1].1 && hits[1].1 > 0.0);
    assert!(store
        .lexical("what is the", &Filter::default(), 10)
        .unwrap()
        .is_empty());
    assert!(store
        .lexical("\"OR(*", &Filter::default(), 10)
        .unwrap()
        .is_empty());
}

#[test]
fn filters_limit_by_project_and_type_and_hide_superseded_items() {
    let (_dir, mut k) = open();
    let old = k
        .add(&note("p", Kind::Decision, "Cache with redis"), false, 1)
        .unwrap()
        .id();
    k.add(&note("q", Kind::Decision, "Cache with memcached"), false, 2)
        .unwrap();
    k.add(&note("p", Kind::Fact, "The cache is 2 GB"), false, 3)
        .unwrap();
    let mut correction = note("p", Kind::Decision, "Cache in process with moka, not redis");
    correction.supersedes = Some(old);
    let new = k.add(&correction, false, 4).unwrap().id();
    let store = k.store();
    assert_eq!(store.get(old).unwrap().unwrap().superseded_by, Some(new));
    let decisions = Filter {
        project: Some("p".into()),
        kind: Some(Kind::Decision),
        include_superseded: false,
    };
    assert_eq!(ids(&store.lexical("cache", &decisions, 10).unwrap()), [new]);
    let with_old = Filter {
        include_superseded: true,
        ..decisions.clone()
    };
    assert_eq!(store.latest(&with_old, 10).unwrap().len(), 2);
    assert_eq!(store.count(&Filter::default()).unwrap(), 3);
    let mut twice = note("p", Kind::Decision, "Cache nothing at all");
    twice.supersedes = Some(old);
    let refused = k.add(&twice, false, 5).unwrap_err().to_string();
    assert!(refused.contains("already superseded"), "{refused}");
    twice.supersedes = Some(99);
    assert!(k
        .add(&twice, false, 5)
        .unwrap_err()
        .to_string()
        .contains("no item 99"));
}

#[test]
fn an_export_imports_into_an_empty_store_with_its_links_and_times() {
    let (_dir, mut k) = open();
    let old = k
        .add(&note("p", Kind::Decision, "Use tabs"), false, 10)
        .unwrap()
        .id();
    let mut fix = note("p", Kind::Decision, "Use spaces");
    fix.supersedes = Some(old);
    k.add(&fix, false, 20).unwrap();
    let exported = serde_json::to_string(&k.store().all().unwrap()).unwrap();
    let lines: String = k
        .store()
        .all()
        .unwrap()
        .iter()
        .map(|item| serde_json::to_string(item).unwrap() + "\n")
        .collect();

    let (_other, mut fresh) = open();
    fresh
        .add(&note("p", Kind::Note, "Already here"), false, 1)
        .unwrap();
    let report = transfer::import(&mut fresh, &transfer::parse(&exported).unwrap()).unwrap();
    assert_eq!((report.added, report.skipped), (2, 0));
    let again = transfer::import(&mut fresh, &transfer::parse(&lines).unwrap()).unwrap();
    assert_eq!((again.added, again.skipped), (0, 2));
    let items = fresh.store().all().unwrap();
    assert_eq!(items[1].text, "Use tabs");
    assert_eq!(items[1].created_ms, 10);
    assert_eq!(items[1].superseded_by, Some(items[2].id));
    let broken = transfer::parse("{\"id\": 1}\nnot json")
        .unwrap_err()
        .to_string();
    assert!(broken.contains("line 1"), "{broken}");
}
