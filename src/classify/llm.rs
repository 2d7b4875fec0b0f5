//! An optional local model (llama.cpp through `llama-cpp-2`, cargo feature `llm`) that is asked
//! about a plain command whose program the rules do not know.
//!
//! The model is asked only when the rules' verdict has `unknown_program` set, and its answer may
//! only turn that UPDATE into READ: it never overrides a rule. The classifier (`Classifier::with_advisor`) applies exactly that.
//! Anything the model says that does not start with one of the four label words counts as
//! UPDATE, and so does any error.
//!
//! llama.cpp's own logging is sent to `tracing` (target `llama-cpp-2`, so `CCO_LOG` can quiet it
//! with `llama-cpp-2=warn`); nothing is printed to the terminal.

use std::io::Read;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use llama_cpp_2::context::params::LlamaContextParams;
use llama_cpp_2::context::LlamaContext;
use llama_cpp_2::llama_backend::LlamaBackend;
use llama_cpp_2::llama_batch::LlamaBatch;
use llama_cpp_2::model::params::LlamaModelParams;
use llama_cpp_2::model::{LlamaChatMessage, LlamaModel};
use llama_cpp_2::sampling::LlamaSampler;
use llama_cpp_2::token::LlamaToken;
use llama_cpp_2::{send_logs_to_tracing, LogOptions};
use llama_cpp_2::{LlamaStateSeqFlags, SeqState};

use super::engine::Advisor;
use super::verdict::Label;

/// The context the model works in: the prompt, the command and the answer must fit.
const N_CTX: u32 = 1024;
/// The answer is one word; a few tokens are enough to spell any label.
const MAX_NEW_TOKENS: usize = 4;
/// Threads for one evaluation, at most.
const MAX_THREADS: usize = 4;

/// What the model is told before the command.
const SYSTEM_PROMPT: &str = "You classify shell commands by what they do to the computer. \
Answer with exactly one word, one of:\n\
READ: only reads or prints information and changes nothing.\n\
CREATE: makes new files, directories or resources.\n\
UPDATE: changes existing files or state, installs, builds, runs code, or you are not sure.\n\
DELETE: removes files, directories or resources.";

/// Worked examples given as earlier turns of the chat, so that a small model answers in form.
/// None of them is in the dev set.
const EXAMPLES: &[(&str, &str)] = &[
    ("head -n 20 app.log", "READ"),
    ("rm notes.txt", "DELETE"),
    ("mkdir -p out/logs", "CREATE"),
    ("helm list", "READ"),
    ("docker rmi web:old", "DELETE"),
    ("npm install left-pad", "UPDATE"),
    ("chmod +x run.sh", "UPDATE"),
];

/// Stands for the command while the chat template is applied, to split the prompt around it.
const MARKER: &str = "@@CCO_COMMAND@@";

/// The user's turn: the command, then the question again (small models follow what is near).
const USER_TURN: &str =
    "Command: @@CCO_COMMAND@@\nAnswer with one word: READ, CREATE, UPDATE or DELETE.";

/// Why a model could not be loaded or could not answer.
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    #[error("model file {} does not exist", .0.display())]
    Missing(PathBuf),
    #[error("cannot read model file {}: {source}", .path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a GGUF model file (it does not start with the GGUF magic bytes)", .0.display())]
    NotGguf(PathBuf),
    #[error("llama.cpp backend initialisation failed: {0}")]
    Backend(String),
    #[error("llama.cpp could not load the model {}: {reason}", .path.display())]
    Load { path: PathBuf, reason: String },
    #[error("cannot build the prompt for the model: {0}")]
    Prompt(String),
    #[error("the command is too long for the model ({tokens} tokens, at most {max})")]
    TooLong { tokens: usize, max: usize },
    #[error("cannot create a llama.cpp context: {0}")]
    Context(String),
    #[error("llama.cpp failed while evaluating the prompt: {0}")]
    Decode(String),
}

/// The model's answer about one command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelAnswer {
    /// The label the answer starts with; UPDATE when it starts with none.
    pub label: Label,
    /// What the model generated, as it said it.
    pub raw: String,
    /// How long the judgement took, from the call to the answer.
    pub elapsed: Duration,
}

/// A GGUF model loaded with llama.cpp, ready to judge commands.
///
/// It is `Send` and `Sync`, but judges one command at a time: a call to [`LocalModel::judge`]
/// made while another runs (from another thread) waits for it. Each judgement uses a fresh
/// context, so no answer depends on an earlier one.
pub struct LocalModel {
    model: LlamaModel,
    /// The prompt's tokens before the command (system message, examples, start of the user
    /// turn).
    prefix: Vec<LlamaToken>,
    /// The context's state once it has read `prefix`: each judgement starts from it.
    prefix_state: SeqState,
    /// The prompt's tokens after the command (end of the user turn, start of the answer).
    suffix: Vec<LlamaToken>,
    threads: i32,
    /// Serialises judgements: llama.cpp must not create two contexts of one model at once.
    busy: Mutex<()>,
}

impl std::fmt::Debug for LocalModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalModel")
            .field("prompt_tokens", &(self.prefix.len() + self.suffix.len()))
            .field("threads", &self.threads)
            .finish_non_exhaustive()
    }
}

/// The process-wide llama.cpp backend, initialised on first use.
fn backend() -> Result<&'static LlamaBackend, LlmError> {
    static BACKEND: OnceLock<Result<LlamaBackend, String>> = OnceLock::new();
    BACKEND
        .get_or_init(|| {
            // Before anything else, so that llama.cpp never writes to stderr.
            send_logs_to_tracing(LogOptions::default());
            LlamaBackend::init().map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| LlmError::Backend(e.clone()))
}

/// Fails unless `path` is a readable file that starts with the GGUF magic.
fn check_gguf(path: &Path) -> Result<(), LlmError> {
    if !path.is_file() {
        return Err(LlmError::Missing(path.to_path_buf()));
    }
    let mut magic = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut magic))
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::UnexpectedEof => LlmError::NotGguf(path.to_path_buf()),
            _ => LlmError::Unreadable {
                path: path.to_path_buf(),
                source,
            },
        })?;
    if &magic != b"GGUF" {
        return Err(LlmError::NotGguf(path.to_path_buf()));
    }
    Ok(())
}

impl LocalModel {
    /// Loads a GGUF model (on the CPU) and reads the fixed part of the prompt once.
    pub fn load(path: &Path) -> Result<LocalModel, LlmError> {
        check_gguf(path)?;
        let backend = backend()?;
        let model = LlamaModel::load_from_file(backend, path, &LlamaModelParams::default())
            .map_err(|e| LlmError::Load {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        let (before, after) = prompt_parts(&model)?;
        let vocab = model.vocab();
        let prefix = vocab.tokenize(before.as_bytes(), true, true);
        let suffix = vocab.tokenize(after.as_bytes(), false, true);
        if prefix.len() + suffix.len() + MAX_NEW_TOKENS >= N_CTX as usize {
            return Err(LlmError::Prompt(format!(
                "the prompt takes {} tokens, more than the context's {N_CTX}",
                prefix.len() + suffix.len()
            )));
        }
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get().min(MAX_THREADS))
            .try_into()
            .unwrap_or(2);
        let prefix_state = {
            let mut ctx = new_context(&model, threads)?;
            let mut batch = LlamaBatch::new(N_CTX as usize, 1);
            eval(&mut ctx, &mut batch, &prefix, 0)?;
            ctx.state_seq_get(0, LlamaStateSeqFlags::empty())
                .map_err(|e| LlmError::Context(e.to_string()))?
        };
        Ok(LocalModel {
            model,
            prefix,
            prefix_state,
            suffix,
            threads,
            busy: Mutex::new(()),
        })
    }

    /// Asks the model which label fits `command`: greedy decoding of a few tokens, of which the
    /// first word is the label (UPDATE when it is not a label word).
    pub fn judge(&self, command: &str) -> Result<ModelAnswer, LlmError> {
        let _busy = self.busy.lock().unwrap_or_else(PoisonError::into_inner);
        let start = Instant::now();
        let vocab = self.model.vocab();

        // The command is tokenised on its own, without special tokens, so that text such as
        // `<|im_end|>` inside it stays text and cannot end the user's turn.
        let command_tokens = vocab.tokenize(command.trim().as_bytes(), false, false);
        let room =
            (N_CTX as usize).saturating_sub(self.prefix.len() + self.suffix.len() + MAX_NEW_TOKENS);
        if command_tokens.len() > room {
            return Err(LlmError::TooLong {
                tokens: command_tokens.len(),
                max: room,
            });
        }
        let rest: Vec<LlamaToken> = [&command_tokens, &self.suffix]
            .into_iter()
            .flatten()
            .copied()
            .collect();

        let mut ctx = new_context(&self.model, self.threads)?;
        ctx.state_seq_set(&self.prefix_state, 0)
            .map_err(|e| LlmError::Context(e.to_string()))?;
        let mut batch = LlamaBatch::new(N_CTX as usize, 1);
        let mut position = self.prefix.len();
        eval(&mut ctx, &mut batch, &rest, position)?;
        position += rest.len();

        let mut sampler = LlamaSampler::greedy();
        let mut bytes = Vec::new();
        for _ in 0..MAX_NEW_TOKENS {
            let token = sampler.sample(&ctx, batch.n_tokens() - 1);
            if vocab.is_eog(token) {
                break;
            }
            bytes.extend(vocab.token_to_piece(token, false, None));
            if is_complete(&String::from_utf8_lossy(&bytes)) {
                break;
            }
            eval(&mut ctx, &mut batch, &[token], position)?;
            position += 1;
        }

        let raw = String::from_utf8_lossy(&bytes).into_owned();
        Ok(ModelAnswer {
            label: parse_label(&raw).unwrap_or(Label::Update),
            raw,
            elapsed: start.elapsed(),
        })
    }
}

/// A fresh context of the model, big enough for the prompt, a command and the answer.
fn new_context(model: &LlamaModel, threads: i32) -> Result<LlamaContext<'_>, LlmError> {
    let params = LlamaContextParams::default()
        .with_n_ctx(NonZeroU32::new(N_CTX))
        .with_n_batch(N_CTX)
        .with_n_threads(threads)
        .with_n_threads_batch(threads);
    model
        .new_context(backend()?, params)
        .map_err(|e| LlmError::Context(e.to_string()))
}

/// Feeds `tokens` at positions from `start` on, asking for the logits of the last one.
fn eval(
    ctx: &mut LlamaContext<'_>,
    batch: &mut LlamaBatch<'_>,
    tokens: &[LlamaToken],
    start: usize,
) -> Result<(), LlmError> {
    batch.clear();
    let last = tokens.len().saturating_sub(1);
    for (i, &token) in tokens.iter().enumerate() {
        batch
            .add(token, pos(start + i)?, &[0], i == last)
            .map_err(|e| LlmError::Decode(e.to_string()))?;
    }
    ctx.decode(batch)
        .map_err(|e| LlmError::Decode(e.to_string()))
}

/// A token's position in the context, as llama.cpp counts it.
fn pos(index: usize) -> Result<i32, LlmError> {
    i32::try_from(index).map_err(|_| LlmError::Decode(format!("position {index} out of range")))
}

/// The prompt as text before and after the command: the model's chat template when it has one
/// llama.cpp understands, ChatML otherwise.
fn prompt_parts(model: &LlamaModel) -> Result<(String, String), LlmError> {
    let mut turns = vec![("system", SYSTEM_PROMPT.to_string())];
    for &(command, label) in EXAMPLES {
        turns.push(("user", USER_TURN.replace(MARKER, command)));
        turns.push(("assistant", label.to_string()));
    }
    turns.push(("user", USER_TURN.to_string()));
    let messages = turns
        .iter()
        .map(|(role, content)| LlamaChatMessage::new((*role).into(), content.clone()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| LlmError::Prompt(e.to_string()))?;
    let rendered = model
        .chat_template(None)
        .ok()
        .and_then(|template| model.apply_chat_template(&template, &messages, true).ok())
        .filter(|text| text.matches(MARKER).count() == 1)
        .unwrap_or_else(|| chatml(&turns));
    let (before, after) = rendered
        .split_once(MARKER)
        .ok_or_else(|| LlmError::Prompt("the chat template lost the command".into()))?;
    Ok((before.to_string(), after.to_string()))
}

/// The prompt in ChatML, written by hand, for a model without a usable chat template.
fn chatml(turns: &[(&str, String)]) -> String {
    let mut text: String = turns
        .iter()
        .map(|(role, content)| format!("<|im_start|>{role}\n{content}<|im_end|>\n"))
        .collect();
    text.push_str("<|im_start|>assistant\n");
    text
}

/// The model as the classifier's advisor. The classifier asks it only about plain commands
/// whose program the rules do not know, and accepts only a READ answer.
impl Advisor for LocalModel {
    fn judge(&mut self, command: &str) -> Option<Label> {
        match LocalModel::judge(self, command) {
            Ok(answer) => {
                tracing::debug!(command, raw = %answer.raw, elapsed = ?answer.elapsed, "local model answered");
                Some(answer.label)
            }
            Err(error) => {
                tracing::warn!(command, %error, "local model gave no answer");
                None
            }
        }
    }
}

/// The label an answer starts with: its first word (letters, digits, `_`, `-`, any case), if
/// that is one of the four label words. `None` for anything else ("READ-WRITE", "Reads", "The
/// command"…), which the caller must treat as UPDATE.
pub fn parse_label(raw: &str) -> Option<Label> {
    let word = raw
        .split(|c: char| !is_word_char(c))
        .find(|w| !w.is_empty())?;
    match word.to_ascii_uppercase().as_str() {
        "READ" => Some(Label::Read),
        "CREATE" => Some(Label::Create),
        "UPDATE" => Some(Label::Update),
        "DELETE" => Some(Label::Delete),
        _ => None,
    }
}

/// What a word of the answer is made of: "READ-WRITE" is one word, and not READ.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Whether the answer so far holds a whole first word (followed by something else), so that
/// generating more cannot change the verdict.
fn is_complete(text: &str) -> bool {
    let trimmed = text.trim_start_matches(|c: char| !is_word_char(c));
    trimmed
        .find(|c: char| !is_word_char(c))
        .is_some_and(|end| end > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_first_word_only() {
        assert_eq!(parse_label("READ"), Some(Label::Read));
        assert_eq!(parse_label(" read."), Some(Label::Read));
        assert_eq!(parse_label("**Delete**"), Some(Label::Delete));
        assert_eq!(parse_label("Create\n"), Some(Label::Create));
        assert_eq!(parse_label("UPDATE: it"), Some(Label::Update));
        assert_eq!(parse_label("NOT READ"), None);
        assert_eq!(parse_label("READS"), None);
        assert_eq!(parse_label("READ-WRITE"), None);
        assert_eq!(parse_label("READ_ONLY"), None);
        assert_eq!(parse_label("1. READ"), None);
        assert_eq!(parse_label("The command"), None);
        assert_eq!(parse_label(""), None);
    }

    #[test]
    fn knows_when_the_first_word_is_done() {
        assert!(!is_complete(""));
        assert!(!is_complete("RE"));
        assert!(!is_complete("READ"));
        assert!(!is_complete("READ-"));
        assert!(is_complete("READ\n"));
        assert!(is_complete(" UPDATE."));
        assert!(is_complete("Read."));
        assert!(is_complete("The "));
        assert!(!is_complete("The"));
    }

    #[test]
    fn a_model_is_shareable_across_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<LocalModel>();
    }
}
