//! API cost from Claude Code's own transcripts: parsing the JSONL lines, counting each call
//! once, and pricing it.

pub mod pricing;
pub mod transcript;
