//! Errors of the generator. Every error about the input names the file and
//! the JSON pointer inside it, because a maintainer reading "duplicate key"
//! without a location has 4,000 files to search.

use crate::pointer::Loc;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum GenError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{loc}: YAML does not parse (line {line}, column {column}): {message}")]
    Yaml {
        loc: Loc,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{loc}: duplicate key `{key}` (in the mapping at line {line})")]
    DuplicateKey { loc: Loc, key: String, line: usize },
    #[error("{loc}: $ref `{reference}` does not resolve: {reason}")]
    DanglingRef {
        loc: Loc,
        reference: String,
        reason: String,
    },
    #[error("{loc}: $ref cycle that cannot be represented: {chain}")]
    RefCycle { loc: Loc, chain: String },
    #[error("{loc}: {message}")]
    Invalid { loc: Loc, message: String },
    #[error("fixup `{name}` no longer applies: {reason}")]
    StaleFixup { name: &'static str, reason: String },
    #[error("generated code for {file} does not parse as Rust: {message}")]
    Codegen { file: String, message: String },
    #[error("{path}: {message}")]
    Settings { path: PathBuf, message: String },
    #[error("template {name} failed: {message}")]
    Template { name: &'static str, message: String },
}

pub type Result<T, E = GenError> = std::result::Result<T, E>;

impl GenError {
    pub fn invalid(loc: &Loc, message: impl Into<String>) -> Self {
        GenError::Invalid {
            loc: loc.clone(),
            message: message.into(),
        }
    }
}
