//! What the hooks do with knowledge: on PreCompact, Stop and SessionEnd, capture an extractive
//! checkpoint of the transcript (no model calls); on SessionStart, brief the session with the
//! project's most useful items, within Claude Code's room for added context.

use std::path::Path;

use anyhow::Result;

use super::item::age;
use super::{project, Checkpoint, Filter, Injection, Item, Kind, Knowledge, NewItem, Source};
use crate::db::now_ms;
use crate::hook::wire::HookInput;

/// The most a brief may hold: Claude Code keeps additional context up to this size.
pub const BRIEF_LIMIT: usize = 10_000;
/// The room a checkpoint item takes in the store.
const CHECKPOINT_CHARS: usize = 4_000;
/// The room one item takes in a brief (a checkpoint gets its whole text).
const BRIEF_ITEM_CHARS: usize = 1_200;
/// The last answer of a session, as stored.
const COMPLETION_CHARS: usize = 2_000;

/// Reads the transcript a hook names; a missing or unreadable one reads as empty.
fn transcript(input: &HookInput) -> Checkpoint {
    let text = std::fs::read_to_string(&input.transcript_path).unwrap_or_default();
    Checkpoint::from_transcript(&text)
}

fn project_of(input: &HookInput) -> String {
    project::identify(Path::new(&input.cwd))
}

/// Stores what a session knows: its checkpoint, the decisions it stated, the files it edited
/// and (on Stop) its last answer. A session keeps one live checkpoint, edit list and
/// completion: each new one supersedes its predecessor. Returns the new items' ids.
pub fn capture(knowledge: &mut Knowledge, input: &HookInput) -> Result<Vec<i64>> {
    let checkpoint = transcript(input);
    let project = project_of(input);
    let session = (!input.session_id.is_empty()).then(|| input.session_id.clone());
    let mut added = Vec::new();
    let mut keep = |knowledge: &mut Knowledge, kind: Kind, text: String, replaces: bool| {
        let supersedes = match (&session, replaces) {
            (Some(session), true) => knowledge.store().session_item(session, kind)?,
            _ => None,
        };
        let new = NewItem {
            project: project.clone(),
            kind,
            text,
            source: Source::Hook,
            session_id: session.clone(),
            supersedes,
        };
        if let super::Stored::New { id } = knowledge.add(&new, true, now_ms())? {
            added.push(id);
        }
        anyhow::Ok(())
    };
    if !checkpoint.is_empty() {
        keep(
            knowledge,
            Kind::Checkpoint,
            checkpoint.render(CHECKPOINT_CHARS),
            true,
        )?;
    }
    for decision in &checkpoint.decisions {
        keep(knowledge, Kind::Decision, decision.clone(), false)?;
    }
    if !checkpoint.files_edited.is_empty() {
        let files = checkpoint.files_edited.join(", ");
        keep(
            knowledge,
            Kind::Edit,
            format!("Files edited: {files}"),
            true,
        )?;
    }
    if let Some(answer) = input.last_assistant_message.as_deref() {
        if !answer.trim().is_empty() {
            let answer: String = answer.trim().chars().take(COMPLETION_CHARS).collect();
            keep(knowledge, Kind::Completion, answer, true)?;
        }
    }
    Ok(added)
}

/// A brief for a starting session.
#[derive(Clone, Debug, PartialEq)]
pub struct Brief {
    pub text: String,
    pub items: Vec<i64>,
}

/// The project's most useful items, most useful first, within `limit` characters: this
/// session's checkpoint (the project's latest on a fresh start), then what matches the
/// session's latest prompts, then the newest decisions, facts and the rest.
pub fn brief(knowledge: &Knowledge, input: &HookInput, limit: usize) -> Result<Brief> {
    let store = knowledge.store();
    let project = project_of(input);
    let filter = Filter {
        project: Some(project.clone()),
        ..Filter::default()
    };
    let mut candidates: Vec<i64> = Vec::new();
    let own = store.session_item(&input.session_id, Kind::Checkpoint)?;
    let checkpoint = match own {
        Some(id) => Some(id),
        None => store
            .latest(
                &Filter {
                    kind: Some(Kind::Checkpoint),
                    ..filter.clone()
                },
                1,
            )?
            .first()
            .map(|item| item.id),
    };
    candidates.extend(checkpoint);
    let session = transcript(input);
    let asked: Vec<&str> = session
        .last_prompts
        .iter()
        .chain(&session.opening_request)
        .map(String::as_str)
        .collect();
    if !asked.is_empty() {
        let matches = store.lexical(&asked.join(" "), &filter, 30)?;
        candidates.extend(matches.into_iter().map(|(id, _)| id));
    }
    for kind in [
        Kind::Decision,
        Kind::Fact,
        Kind::Note,
        Kind::Completion,
        Kind::Edit,
    ] {
        let newest = store.latest(
            &Filter {
                kind: Some(kind),
                ..filter.clone()
            },
            20,
        )?;
        candidates.extend(newest.into_iter().map(|item| item.id));
    }
    let mut seen = std::collections::HashSet::new();
    candidates.retain(|id| seen.insert(*id));
    let items = store.items(&candidates)?;
    Ok(compose(&project, &items, limit, now_ms()))
}

/// Writes the brief: a header, then each item that still fits, in order.
fn compose(project: &str, items: &[Item], limit: usize, now: i64) -> Brief {
    let mut text = format!(
        "Knowledge cco kept for this project ({project}), most useful first. \
         `cco knowledge search QUERY` finds more; `cco knowledge store TEXT --type decision` \
         keeps what should outlive this session.\n"
    );
    let mut used = Vec::new();
    for item in items {
        let body = if item.kind == Kind::Checkpoint {
            item.text.clone()
        } else {
            crate::text::one_line(&item.text, BRIEF_ITEM_CHARS)
        };
        let entry = format!(
            "\n[{} #{}, {} ago] {body}\n",
            item.kind.as_str(),
            item.id,
            age(now, item.created_ms)
        );
        if text.chars().count() + entry.chars().count() <= limit {
            text.push_str(&entry);
            used.push(item.id);
        }
    }
    if used.is_empty() {
        text.clear();
    }
    Brief { text, items: used }
}

/// The SessionStart answer: the brief as additional context, noted for `stats` and the panel.
/// `None` when the project has nothing stored yet, or for `/clear`, which asks for a clean slate.
pub fn on_session_start(knowledge: &Knowledge, input: &HookInput) -> Result<Option<String>> {
    let source = input.source.clone().unwrap_or_else(|| "startup".into());
    if source == "clear" {
        return Ok(None);
    }
    let brief = brief(knowledge, input, BRIEF_LIMIT)?;
    if brief.items.is_empty() {
        return Ok(None);
    }
    knowledge.store().record_injection(&Injection {
        at_ms: now_ms(),
        session_id: Some(input.session_id.clone()).filter(|id| !id.is_empty()),
        project: project_of(input),
        source,
        items: brief.items.len(),
        chars: brief.text.chars().count(),
        text: brief.text.clone(),
    })?;
    Ok(Some(crate::hook::wire::session_start_context(&brief.text)))
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
