//! Which project a folder belongs to: the git remote `origin` when there is one (so clones
//! and worktrees share knowledge), else the canonical path of the repository root or folder.
//! Never the folder's base name alone, which two unrelated projects can share.

use std::path::{Path, PathBuf};

/// The project key for a working folder.
pub fn identify(cwd: &Path) -> String {
    let folder = std::fs::canonicalize(cwd).unwrap_or_else(|_| cwd.to_path_buf());
    let Some((root, git_dir)) = repository(&folder) else {
        return folder.display().to_string();
    };
    origin_url(&git_dir)
        .map(|url| normalise_remote(&url))
        .unwrap_or_else(|| root.display().to_string())
}

/// The repository root above `folder` and its git dir (following a worktree's `.git` file to
/// the common dir, where the config lives).
fn repository(folder: &Path) -> Option<(PathBuf, PathBuf)> {
    for root in folder.ancestors() {
        let dot_git = root.join(".git");
        if dot_git.is_dir() {
            return Some((root.to_path_buf(), dot_git));
        }
        if dot_git.is_file() {
            let text = std::fs::read_to_string(&dot_git).ok()?;
            let git_dir = root.join(text.strip_prefix("gitdir:")?.trim());
            let common = std::fs::read_to_string(git_dir.join("commondir"))
                .map(|relative| git_dir.join(relative.trim()))
                .unwrap_or(git_dir);
            return Some((root.to_path_buf(), common));
        }
    }
    None
}

/// `remote "origin"`'s url from a git config file.
fn origin_url(git_dir: &Path) -> Option<String> {
    let config = std::fs::read_to_string(git_dir.join("config")).ok()?;
    let mut in_origin = false;
    for line in config.lines().map(str::trim) {
        if line.starts_with('[') {
            in_origin = line.replace(' ', "") == "[remote\"origin\"]";
        } else if in_origin {
            if let Some((key, value)) = line.split_once('=') {
                if key.trim() == "url" {
                    return Some(value.trim().to_string());
                }
            }
        }
    }
    None
}

/// One spelling per remote: `git@github.com:o/r.git`, `https://github.com/o/r` and
/// `ssh://git@github.com/o/r.git` all become `github.com/o/r`.
fn normalise_remote(url: &str) -> String {
    let mut rest = url.trim();
    if let Some((_, after)) = rest.split_once("://") {
        rest = after;
    } else if let Some((host, path)) = rest.split_once(':') {
        if !host.contains('/') {
            return normalise_remote(&format!("ssh://{host}/{path}"));
        }
    }
    let rest = rest.rsplit_once('@').map_or(rest, |(_, after)| after);
    let rest = rest.trim_end_matches('/');
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    rest.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_in_every_spelling_are_one_project() {
        for url in [
            "git@github.com:Acme/Widgets.git",
            "https://github.com/acme/widgets",
            "ssh://git@github.com/acme/widgets.git",
            "https://user@github.com/acme/widgets.git/",
        ] {
            assert_eq!(normalise_remote(url), "github.com/acme/widgets", "{url}");
        }
    }

    #[test]
    fn a_repository_is_known_by_its_origin_from_any_subfolder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("widgets");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("src/deep")).unwrap();
        std::fs::write(
            root.join(".git/config"),
            "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = git@x.org:u/v.git\n\
             [remote \"origin\"]\n\turl = git@github.com:acme/widgets.git\n",
        )
        .unwrap();
        assert_eq!(identify(&root.join("src/deep")), "github.com/acme/widgets");
    }

    #[test]
    fn without_a_remote_the_canonical_root_path_is_the_project() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("app");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("lib")).unwrap();
        let canonical = std::fs::canonicalize(&root).unwrap();
        assert_eq!(identify(&root.join("lib")), canonical.display().to_string());
        let plain = dir.path().join("notes");
        std::fs::create_dir_all(&plain).unwrap();
        let canonical = std::fs::canonicalize(&plain).unwrap();
        assert_eq!(identify(&plain), canonical.display().to_string());
    }

    #[test]
    fn a_worktree_shares_its_main_repository_s_origin() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("main");
        let git = main.join(".git");
        std::fs::create_dir_all(git.join("worktrees/feature")).unwrap();
        std::fs::write(
            git.join("config"),
            "[remote \"origin\"]\nurl = https://h.org/a/b\n",
        )
        .unwrap();
        std::fs::write(git.join("worktrees/feature/commondir"), "../..\n").unwrap();
        let tree = dir.path().join("feature");
        std::fs::create_dir_all(&tree).unwrap();
        let pointer = format!("gitdir: {}\n", git.join("worktrees/feature").display());
        std::fs::write(tree.join(".git"), pointer).unwrap();
        assert_eq!(identify(&tree), "h.org/a/b");
    }
}
