//! The config, data and runtime folders, each overridable by a `CCO_*` environment variable.

use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    pub runtime_dir: PathBuf,
}

impl Paths {
    /// `CCO_CONFIG_DIR`, `CCO_DATA_DIR`, `CCO_RUNTIME_DIR`, else the platform's folders
    /// (XDG on Linux: `~/.config/cco`, `~/.local/share/cco`, `$XDG_RUNTIME_DIR/cco`).
    pub fn from_env() -> Self {
        let dirs = directories::ProjectDirs::from("", "", "cco");
        let fallback = || std::env::temp_dir().join(format!("cco-{}", user_name()));
        let config_dir = env_path("CCO_CONFIG_DIR")
            .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_path_buf()))
            .unwrap_or_else(|| fallback().join("config"));
        let data_dir = env_path("CCO_DATA_DIR")
            .or_else(|| dirs.as_ref().map(|d| d.data_dir().to_path_buf()))
            .unwrap_or_else(|| fallback().join("data"));
        let runtime_dir = env_path("CCO_RUNTIME_DIR")
            .or_else(|| {
                dirs.as_ref()
                    .and_then(|d| d.runtime_dir().map(|p| p.to_path_buf()))
            })
            .unwrap_or_else(|| fallback().join("run"));
        Self {
            config_dir,
            data_dir,
            runtime_dir,
        }
    }

    /// The user's own agent files, over the roster built into cco.
    pub fn agents_dir(&self) -> PathBuf {
        self.config_dir.join("agents")
    }
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

fn user_name() -> String {
    std::env::var("USER").unwrap_or_else(|_| "user".into())
}
