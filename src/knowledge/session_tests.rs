use super::*;
use crate::knowledge::item::Stored;

fn line(value: serde_json::Value) -> String {
    format!("{value}\n")
}

fn prompt(text: &str) -> String {
    line(serde_json::json!({"type": "user", "sessionId": "s1",
        "message": {"role": "user", "content": text}}))
}

fn said(text: &str) -> String {
    line(serde_json::json!({"type": "assistant", "sessionId": "s1",
        "message": {"role": "assistant", "content": [{"type": "text", "text": text}]}}))
}

fn edited(path: &str) -> String {
    line(serde_json::json!({"type": "assistant", "sessionId": "s1",
        "message": {"role": "assistant", "content": [
            {"type": "tool_use", "id": "t1", "name": "Edit", "input": {"file_path": path}}]}}))
}

struct Fixture {
    _dir: tempfile::TempDir,
    knowledge: Knowledge,
    input: HookInput,
}

fn fixture(transcript: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    let transcript_path = dir.path().join("s1.jsonl");
    std::fs::write(&transcript_path, transcript).unwrap();
    let knowledge = Knowledge::open_lexical(&dir.path().join("data")).unwrap();
    let input = HookInput {
        session_id: "s1".into(),
        transcript_path: transcript_path.display().to_string(),
        cwd: project.display().to_string(),
        hook_event_name: "PreCompact".into(),
        ..HookInput::default()
    };
    Fixture {
        _dir: dir,
        knowledge,
        input,
    }
}

fn kinds(knowledge: &Knowledge) -> Vec<(Kind, bool)> {
    let all = Filter {
        include_superseded: true,
        ..Filter::default()
    };
    let mut items = knowledge.store().latest(&all, 100).unwrap();
    items.reverse();
    items
        .iter()
        .map(|item| (item.kind, item.superseded_by.is_none()))
        .collect()
}

#[test]
fn a_compaction_keeps_the_checkpoint_decisions_and_edits() {
    let transcript = [
        prompt("Add rate limiting to the orders API"),
        said("We'll use a token bucket per API key instead of a global counter."),
        edited("/srv/orders/src/limit.rs"),
    ]
    .concat();
    let mut f = fixture(&transcript);
    let added = capture(&mut f.knowledge, &f.input).unwrap();
    assert_eq!(added.len(), 3);
    assert_eq!(
        kinds(&f.knowledge),
        [
            (Kind::Checkpoint, true),
            (Kind::Decision, true),
            (Kind::Edit, true)
        ]
    );
    let checkpoint = f.knowledge.store().get(added[0]).unwrap().unwrap();
    assert!(checkpoint
        .text
        .contains("Add rate limiting to the orders API"));
    assert_eq!(checkpoint.source, Source::Hook);
    assert_eq!(checkpoint.session_id.as_deref(), Some("s1"));
    // The same transcript again adds nothing.
    assert!(capture(&mut f.knowledge, &f.input).unwrap().is_empty());
}

#[test]
fn a_later_checkpoint_supersedes_the_session_s_earlier_one() {
    let first = prompt("Port the parser to nom");
    let mut f = fixture(&first);
    capture(&mut f.knowledge, &f.input).unwrap();
    let later = [first, prompt("Now add error recovery to the parser")].concat();
    std::fs::write(&f.input.transcript_path, later).unwrap();
    f.input.last_assistant_message = Some("Error recovery is in; 41 tests pass.".into());
    capture(&mut f.knowledge, &f.input).unwrap();
    assert_eq!(
        kinds(&f.knowledge),
        [
            (Kind::Checkpoint, false),
            (Kind::Checkpoint, true),
            (Kind::Completion, true)
        ]
    );
}

#[test]
fn the_brief_puts_the_session_s_checkpoint_first_and_keeps_within_the_limit() {
    let mut f = fixture(&prompt("Tune the cache eviction of the image service"));
    let project = project_of(&f.input);
    for index in 0..40 {
        let new = NewItem {
            project: project.clone(),
            kind: Kind::Fact,
            text: format!("Fact {index}: {}", "the cache holds thumbnails ".repeat(20)),
            source: Source::Cli,
            session_id: None,
            supersedes: None,
        };
        assert!(matches!(
            f.knowledge.add(&new, true, 1_000 + index).unwrap(),
            Stored::New { .. }
        ));
    }
    capture(&mut f.knowledge, &f.input).unwrap();
    let brief = brief(&f.knowledge, &f.input, 3_000).unwrap();
    assert!(brief.text.chars().count() <= 3_000);
    let first = f.knowledge.store().get(brief.items[0]).unwrap().unwrap();
    assert_eq!(first.kind, Kind::Checkpoint);
    assert!(brief.items.len() > 2 && brief.items.len() < 41);
    let full = super::brief(&f.knowledge, &f.input, BRIEF_LIMIT).unwrap();
    assert!(full.text.chars().count() <= BRIEF_LIMIT);
    assert!(full.items.len() > brief.items.len());
}

#[test]
fn session_start_answers_with_context_and_notes_the_injection() {
    let mut f = fixture(&prompt("Write the migration for the invoices table"));
    capture(&mut f.knowledge, &f.input).unwrap();
    f.input.hook_event_name = "SessionStart".into();
    f.input.source = Some("compact".into());
    let answer = on_session_start(&f.knowledge, &f.input).unwrap().unwrap();
    let json: serde_json::Value = serde_json::from_str(&answer).unwrap();
    let context = json["hookSpecificOutput"]["additionalContext"]
        .as_str()
        .unwrap();
    assert!(context.contains("Write the migration for the invoices table"));
    let injection = f.knowledge.store().last_injection().unwrap().unwrap();
    assert_eq!((injection.source.as_str(), injection.items), ("compact", 1));
    assert_eq!(injection.chars, context.chars().count());
    f.input.source = Some("clear".into());
    assert_eq!(on_session_start(&f.knowledge, &f.input).unwrap(), None);
}

#[test]
fn an_empty_project_gets_no_brief() {
    let f = fixture("");
    assert_eq!(on_session_start(&f.knowledge, &f.input).unwrap(), None);
}
