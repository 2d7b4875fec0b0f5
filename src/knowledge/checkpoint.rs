//! Extractive checkpoints of a Claude Code session from its transcript: the opening request, the last prompts, the decisions the assistant stated, the files it edited and the commands it ran. No model calls.

use serde_json::Value;

/// Lower-case phrases that mark an assistant sentence as a decision.
#[rustfmt::skip]
const DECISION_CUES: &[&str] = &[
    "i'll use", "i will use", "we'll use", "let's use", "decided", "decision", "going with",
    "chose", "choose", "instead of", "switch to", "switched to", "we should", "prefer", "opted",
    "settled on", "the plan is", "rather than",
];

/// How user text starts when Claude Code, not the person, wrote it.
#[rustfmt::skip]
const GENERATED_USER_TEXT: &[&str] = &[
    "<command-name>", "<command-message>", "<command-args>", "<local-command-", "<bash-input>",
    "<bash-stdout>", "<bash-stderr>", "<system-reminder>", "<user-prompt-submit-hook>",
    "[Request interrupted",
];

const MAX_LAST_PROMPTS: usize = 3;
const MAX_DECISIONS: usize = 8;
const MAX_COMMANDS: usize = 10;
const MAX_COMMAND_CHARS: usize = 200;
const DECISION_CHARS: std::ops::RangeInclusive<usize> = 20..=300;
const MAX_RENDERED_FILES: usize = 20;
/// Below this many characters an item says too little, so the note is cut at its end instead.
const MIN_ITEM_CHARS: usize = 24;

/// What a transcript says about its session.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Checkpoint {
    pub session_id: Option<String>,
    pub cwd: Option<String>,
    /// The first real user prompt (not a slash command, not a tool result, not a system/meta/compact-summary message).
    pub opening_request: Option<String>,
    /// The last few (up to 3) real user prompts after the opening one, oldest first.
    pub last_prompts: Vec<String>,
    /// Sentences from assistant text blocks that state a decision (deduplicated, in order, at most ~8, the latest kept when over).
    pub decisions: Vec<String>,
    /// Files edited: `file_path` of Edit, Write, MultiEdit, NotebookEdit (notebook_path) tool_use inputs, deduplicated, in first-seen order.
    pub files_edited: Vec<String>,
    /// Bash tool_use `command`s, deduplicated, the latest ~10 kept, each cut to one line of at most 200 chars.
    pub commands: Vec<String>,
    /// Lines that could not be parsed as JSON (counted, never fatal).
    pub skipped_lines: usize,
}

impl Checkpoint {
    /// Parses a whole transcript tolerantly: unknown line types and fields are ignored, bad lines counted.
    pub fn from_transcript(jsonl: &str) -> Checkpoint {
        let mut checkpoint = Checkpoint::default();
        for line in jsonl.lines().map(str::trim).filter(|line| !line.is_empty()) {
            match serde_json::from_str::<Value>(line) {
                Ok(entry) => checkpoint.absorb(&entry),
                Err(_) => checkpoint.skipped_lines += 1,
            }
        }
        checkpoint
    }

    /// True when there is nothing worth saving (no prompt, decision, edit or command).
    pub fn is_empty(&self) -> bool {
        self.opening_request.is_none()
            && self.last_prompts.is_empty()
            && self.decisions.is_empty()
            && self.files_edited.is_empty()
            && self.commands.is_empty()
    }

    /// The checkpoint as one plain-text note of at most `max_chars` characters (chars, not bytes; never split a UTF-8 char), sections in this order and only when non-empty:
    /// "Session checkpoint" header line, "Request: …", "Latest prompts:" bullets, "Decisions:" bullets, "Files edited:" list, "Commands run:" bullets. Cut long items rather than dropping whole sections; the opening request and decisions come first because they matter most.
    pub fn render(&self, max_chars: usize) -> String {
        let fits = |note: &String| note.chars().count() <= max_chars;
        let smallest = self.render_with_item_cap(MIN_ITEM_CHARS);
        if !fits(&smallest) {
            return cut(&smallest, max_chars);
        }
        // The note only grows with the item cap, so the largest cap that fits is found by bisection.
        let (mut fitting, mut beyond) = (MIN_ITEM_CHARS, max_chars.saturating_add(1));
        while beyond > fitting + 1 {
            let middle = fitting + (beyond - fitting) / 2;
            if fits(&self.render_with_item_cap(middle)) {
                fitting = middle;
            } else {
                beyond = middle;
            }
        }
        self.render_with_item_cap(fitting)
    }

    fn render_with_item_cap(&self, item_cap: usize) -> String {
        let item = |text: &str| cut(&one_line(text), item_cap);
        let mut header = "Session checkpoint".to_string();
        if let Some(id) = &self.session_id {
            header += &format!(" {}", item(id));
        }
        if let Some(cwd) = &self.cwd {
            header += &format!(" in {}", item(cwd));
        }
        let mut lines = vec![header];
        if let Some(request) = &self.opening_request {
            // The opening request says what the whole session is for, so it gets twice the room.
            let request = cut(&one_line(request), item_cap.saturating_mul(2));
            lines.push(format!("Request: {request}"));
        }
        let shown_files = &self.files_edited[..self.files_edited.len().min(MAX_RENDERED_FILES)];
        push_bullets(&mut lines, "Latest prompts:", &self.last_prompts, item_cap);
        push_bullets(&mut lines, "Decisions:", &self.decisions, item_cap);
        push_bullets(&mut lines, "Files edited:", shown_files, item_cap);
        if self.files_edited.len() > shown_files.len() {
            let hidden = self.files_edited.len() - shown_files.len();
            lines.push(format!("- … and {hidden} more"));
        }
        push_bullets(&mut lines, "Commands run:", &self.commands, item_cap);
        lines.join("\n")
    }

    fn absorb(&mut self, entry: &Value) {
        if let Some(id) = non_empty_str(entry.get("sessionId")) {
            self.session_id.get_or_insert_with(|| id.to_string());
        }
        // The latest directory wins: it is where the session would resume.
        if let Some(cwd) = non_empty_str(entry.get("cwd")) {
            self.cwd = Some(cwd.to_string());
        }
        let is_sidechain = flag(entry, "isSidechain");
        let content = entry.pointer("/message/content");
        match (str_field(entry, "type"), content) {
            (Some("user"), Some(content)) => {
                let generated =
                    is_sidechain || flag(entry, "isMeta") || flag(entry, "isCompactSummary");
                if let Some(prompt) = user_prompt(content).filter(|_| !generated) {
                    self.add_prompt(prompt);
                }
            }
            (Some("assistant"), Some(Value::Array(blocks))) => {
                for block in blocks {
                    match str_field(block, "type") {
                        Some("text") if !is_sidechain => {
                            self.add_decisions(str_field(block, "text").unwrap_or_default())
                        }
                        // Sub-agents edit and run commands in the same working tree, so their tool uses count.
                        Some("tool_use") => self.add_tool_use(block),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn add_prompt(&mut self, prompt: String) {
        if self.opening_request.is_none() {
            self.opening_request = Some(prompt);
            return;
        }
        self.last_prompts.push(prompt);
        if self.last_prompts.len() > MAX_LAST_PROMPTS {
            self.last_prompts.remove(0);
        }
    }

    fn add_decisions(&mut self, text: &str) {
        let mut in_code_fence = false;
        let prose = text.lines().filter(|line| {
            let fence = line.trim_start().starts_with("```");
            in_code_fence ^= fence;
            !fence && !in_code_fence
        });
        for line in prose {
            for sentence in sentences(line) {
                if is_decision(sentence) {
                    push_latest(&mut self.decisions, sentence.to_string(), MAX_DECISIONS);
                }
            }
        }
    }

    fn add_tool_use(&mut self, block: &Value) {
        let field =
            |name: &str| non_empty_str(block.get("input").and_then(|input| input.get(name)));
        match str_field(block, "name") {
            Some("Edit" | "Write" | "MultiEdit") => self.add_file(field("file_path")),
            Some("NotebookEdit") => self.add_file(field("notebook_path")),
            Some("Bash") => {
                if let Some(command) = field("command") {
                    let first_line = command.lines().next().unwrap_or_default().trim_end();
                    let shown = if first_line.len() < command.len() {
                        cut(&format!("{first_line} …"), MAX_COMMAND_CHARS)
                    } else {
                        cut(command, MAX_COMMAND_CHARS)
                    };
                    push_latest(&mut self.commands, shown, MAX_COMMANDS);
                }
            }
            _ => {}
        }
    }

    fn add_file(&mut self, path: Option<&str>) {
        match path {
            Some(path) if !self.files_edited.iter().any(|known| known == path) => {
                self.files_edited.push(path.to_string())
            }
            _ => {}
        }
    }
}

/// The text a person typed, or None for tool results, slash commands and other generated user lines.
fn user_prompt(content: &Value) -> Option<String> {
    let of_type = |block: &&Value, kind: &str| str_field(block, "type") == Some(kind);
    let text = match content {
        Value::String(text) => text.clone(),
        Value::Array(blocks) if !blocks.iter().any(|block| of_type(&block, "tool_result")) => {
            let texts = blocks.iter().filter(|block| of_type(block, "text"));
            texts
                .filter_map(|block| str_field(block, "text"))
                .collect::<Vec<_>>()
                .join("\n")
        }
        _ => return None,
    };
    let trimmed = text.trim();
    let generated = GENERATED_USER_TEXT
        .iter()
        .any(|prefix| trimmed.starts_with(prefix));
    (!trimmed.is_empty() && !generated).then(|| trimmed.to_string())
}

fn is_decision(sentence: &str) -> bool {
    let length = sentence.chars().count();
    if !DECISION_CHARS.contains(&length) || sentence.ends_with('?') {
        return false;
    }
    let lower = sentence.to_lowercase().replace('’', "'");
    DECISION_CUES.iter().any(|cue| lower.contains(cue))
}

/// Sentences of one line of prose, trimmed and without list or heading markers.
fn sentences<'a>(line: &'a str) -> impl Iterator<Item = &'a str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((index, character)) = chars.next() {
        let at_boundary = chars.peek().is_none_or(|(_, next)| next.is_whitespace());
        if matches!(character, '.' | '!' | '?') && at_boundary {
            let end = index + character.len_utf8();
            pieces.push(&line[start..end]);
            start = end;
        }
    }
    pieces.push(&line[start..]);
    let unmarked = |piece: &'a str| piece.trim().trim_start_matches(['-', '*', '•', '#', '>']);
    pieces
        .into_iter()
        .map(unmarked)
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
}

/// Appends `item`, moving an earlier copy to the end, and keeps only the latest `cap` items.
fn push_latest(items: &mut Vec<String>, item: String, cap: usize) {
    items.retain(|known| *known != item);
    items.push(item);
    if items.len() > cap {
        items.remove(0);
    }
}

fn push_bullets(lines: &mut Vec<String>, title: &str, items: &[String], item_cap: usize) {
    if !items.is_empty() {
        lines.push(title.to_string());
        let bullet = |text: &String| format!("- {}", cut(&one_line(text), item_cap));
        lines.extend(items.iter().map(bullet));
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max_chars` characters of `text`, ending in "…" when something was cut.
fn cut(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let ellipsis = if max_chars > 0 { "…" } else { "" };
    format!("{}{ellipsis}", kept.trim_end())
}

fn non_empty_str(value: Option<&Value>) -> Option<&str> {
    let text = value.and_then(Value::as_str).map(str::trim);
    text.filter(|text| !text.is_empty())
}

fn str_field<'a>(value: &'a Value, name: &str) -> Option<&'a str> {
    value.get(name).and_then(Value::as_str)
}

fn flag(entry: &Value, name: &str) -> bool {
    entry.get(name).and_then(Value::as_bool).unwrap_or(false)
}

#[cfg(test)]
#[path = "checkpoint_tests.rs"]
mod tests;
