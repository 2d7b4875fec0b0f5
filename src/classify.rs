//! The command classifier: is a shell command READ, CREATE, UPDATE or DELETE? A real shell
//! parse, an allowlist of read-only programs with per-program checks, and the rule that
//! anything unknown or unparsable is not READ. Pure: no I/O.

mod engine;
#[cfg(feature = "llm")]
pub mod llm;
mod programs;
mod shell;
mod verdict;
mod words;

pub use engine::{Advisor, Classified, Classifier, Source};
pub use verdict::{Label, Verdict};

/// Classifies one command line.
pub fn classify(command: &str) -> Verdict {
    if command.trim().is_empty() {
        return Verdict::read("nothing to run");
    }
    shell::classify_script(command, 0)
}

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
#[path = "classify_tests.rs"]
mod tests;
