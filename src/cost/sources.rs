//! Where Claude Code keeps its transcripts: the config dirs and every JSONL file under their
//! `projects/` folders, in all three sub-agent layouts.

use std::path::{Path, PathBuf};

/// How a transcript file relates to its session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `projects/<project>/<session>.jsonl` (sidechain lines may sit inside).
    Session,
    /// `projects/<project>/agent-<hex>.jsonl`: the older sub-agent layout.
    AgentFile,
    /// `projects/<project>/<session>/subagents/agent-<id>.jsonl`: the newer one.
    Subagent,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TranscriptFile {
    pub path: PathBuf,
    /// The project folder's name: the session's working directory, encoded.
    pub project: String,
    pub kind: FileKind,
}

/// The Claude Code config dirs: `CLAUDE_CONFIG_DIR` (a comma-separated list), else
/// `~/.config/claude` and `~/.claude`; only those that exist.
pub fn config_dirs() -> Vec<PathBuf> {
    let listed = std::env::var("CLAUDE_CONFIG_DIR").unwrap_or_default();
    let candidates: Vec<PathBuf> = if listed.trim().is_empty() {
        let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
        let config = std::env::var_os("XDG_CONFIG_HOME")
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|home| home.join(".config")));
        config
            .map(|dir| dir.join("claude"))
            .into_iter()
            .chain(home.map(|home| home.join(".claude")))
            .collect()
    } else {
        listed
            .split(',')
            .map(str::trim)
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from)
            .collect()
    };
    let mut dirs: Vec<PathBuf> = Vec::new();
    for dir in candidates {
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        if dir.is_dir() && !dirs.contains(&canonical) {
            dirs.push(canonical);
        }
    }
    dirs
}

/// Every transcript under `<dir>/projects/` of each config dir, sorted by path.
pub fn transcript_files(config_dirs: &[PathBuf]) -> Vec<TranscriptFile> {
    let mut files = Vec::new();
    for dir in config_dirs {
        for project in read_dir_sorted(&dir.join("projects")) {
            if !project.is_dir() {
                continue;
            }
            let name = file_name(&project);
            collect_project(&project, &name, &mut files);
        }
    }
    files
}

fn collect_project(folder: &Path, project: &str, files: &mut Vec<TranscriptFile>) {
    for entry in read_dir_sorted(folder) {
        if entry.is_dir() {
            for nested in read_dir_sorted(&entry.join("subagents")) {
                if is_jsonl(&nested) {
                    files.push(file(nested, project, FileKind::Subagent));
                }
            }
        } else if is_jsonl(&entry) {
            let kind = if file_name(&entry).starts_with("agent-") {
                FileKind::AgentFile
            } else {
                FileKind::Session
            };
            files.push(file(entry, project, kind));
        }
    }
}

fn file(path: PathBuf, project: &str, kind: FileKind) -> TranscriptFile {
    TranscriptFile {
        path,
        project: project.to_string(),
        kind,
    }
}

fn read_dir_sorted(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|read| {
            read.filter_map(|entry| entry.ok().map(|e| e.path()))
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    entries
}

fn is_jsonl(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "jsonl") && path.is_file()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_all_three_layouts() {
        let root = tempfile::tempdir().expect("temp dir");
        let project = root.path().join("projects/-home-u-app");
        std::fs::create_dir_all(project.join("s1/subagents")).expect("dirs");
        for name in ["s1.jsonl", "agent-0a1b.jsonl", "notes.txt"] {
            std::fs::write(project.join(name), "").expect("write");
        }
        std::fs::write(project.join("s1/subagents/agent-a1.jsonl"), "").expect("write");
        std::fs::write(project.join("s1/subagents/agent-a1.meta.json"), "{}").expect("write");
        let files = transcript_files(&[root.path().to_path_buf()]);
        let kinds: Vec<(String, FileKind)> =
            files.iter().map(|f| (file_name(&f.path), f.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("agent-0a1b.jsonl".to_string(), FileKind::AgentFile),
                ("agent-a1.jsonl".to_string(), FileKind::Subagent),
                ("s1.jsonl".to_string(), FileKind::Session),
            ]
        );
        assert!(files.iter().all(|f| f.project == "-home-u-app"));
    }
}
