//! The classifier as a service: rules first; for a plain command whose program the rules do not
//! know, an optional advisor (a local model) may say READ; verdicts are cached by the exact
//! command string.

use std::collections::HashMap;

use super::{classify, Label, Verdict};

/// Who decided a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Rules,
    Llm,
    Cache,
}

/// Something that can judge a command the rules do not know, such as a local model.
pub trait Advisor {
    /// The advisor's label, or None when it could not answer.
    fn judge(&mut self, command: &str) -> Option<Label>;
}

#[derive(Clone, Debug)]
pub struct Classified {
    pub verdict: Verdict,
    pub source: Source,
}

#[derive(Default)]
pub struct Classifier {
    advisor: Option<Box<dyn Advisor>>,
    cache: HashMap<String, Classified>,
}

/// Cached verdicts kept at most; the cache is cleared when full (commands rarely repeat much).
const CACHE_LIMIT: usize = 10_000;

impl Classifier {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_advisor(advisor: Box<dyn Advisor>) -> Self {
        Self {
            advisor: Some(advisor),
            cache: HashMap::new(),
        }
    }

    pub fn classify(&mut self, command: &str) -> Classified {
        if let Some(hit) = self.cache.get(command) {
            return Classified {
                verdict: hit.verdict.clone(),
                source: Source::Cache,
            };
        }
        let verdict = classify(command);
        let classified = match (&mut self.advisor, verdict.unknown_program) {
            (Some(advisor), true) => match advisor.judge(command) {
                Some(Label::Read) => Classified {
                    verdict: Verdict::read(format!(
                        "local model: {}",
                        verdict.reason.replace(
                            "is not a known program; its effects are unknown",
                            "only reads"
                        )
                    )),
                    source: Source::Llm,
                },
                _ => Classified {
                    verdict,
                    source: Source::Llm,
                },
            },
            _ => Classified {
                verdict,
                source: Source::Rules,
            },
        };
        if self.advisor.is_some() {
            if self.cache.len() >= CACHE_LIMIT {
                self.cache.clear();
            }
            self.cache.insert(command.to_string(), classified.clone());
        }
        classified
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Always(Label, usize);

    impl Advisor for Always {
        fn judge(&mut self, _command: &str) -> Option<Label> {
            self.1 += 1;
            Some(self.0)
        }
    }

    #[test]
    fn the_advisor_is_asked_only_about_plain_unknown_programs() {
        let mut classifier = Classifier::with_advisor(Box::new(Always(Label::Read, 0)));
        let unknown = classifier.classify("frobnicate --list");
        assert_eq!(
            (unknown.verdict.label, unknown.source),
            (Label::Read, Source::Llm)
        );
        let again = classifier.classify("frobnicate --list");
        assert_eq!(
            (again.verdict.label, again.source),
            (Label::Read, Source::Cache)
        );
        for not_plain in [
            "frobnicate > out.txt",
            "frobnicate $(date)",
            "X=1 frobnicate",
            "history -c",
            "frobnicate | sh",
        ] {
            let verdict = classifier.classify(not_plain);
            assert_ne!(verdict.verdict.label, Label::Read, "{not_plain}");
        }
    }

    #[test]
    fn without_an_advisor_unknown_is_update() {
        let mut classifier = Classifier::new();
        let verdict = classifier.classify("frobnicate --list");
        assert_eq!(
            (verdict.verdict.label, verdict.source),
            (Label::Update, Source::Rules)
        );
    }
}
