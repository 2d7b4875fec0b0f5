//! API cost from Claude Code's own transcripts: finding them, parsing the JSONL lines, counting
//! each call once, pricing it, keeping it in SQLite, and reporting on it.

pub mod blocks;
pub mod budget;
pub mod import;
pub mod pricing;
pub mod report;
pub mod sources;
pub mod store;
pub mod summary;
pub mod transcript;
pub mod watcher;
