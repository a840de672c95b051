//! Errors of the generator. Every error about the input names the file and
//! the JSON pointer inside it, because a maintainer reading "duplicate key"
//! without a location has 4,000 files to search.
//!
//! One rule for causes: a variant that wraps another error exposes it only
//! as its `source()` and never repeats it in its own message. Callers print
//! the whole chain (`anyhow`'s `{:#}` joins each cause with `: `), so a
//! message that also embedded the cause printed the OS error twice.

use crate::pointer::Loc;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum GenError {
    #[error("cannot read {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Putting generated files on disk failed: told apart from `Io` so the
    /// message does not say "cannot read" about a write.
    #[error("cannot {action} {path}")]
    Write {
        action: WriteAction,
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
    #[error("specs/versions.toml names the fixup `{0}`, which does not exist")]
    UnknownFixup(String),
    #[error("generated code for {file} does not parse as Rust: {message}")]
    Codegen { file: String, message: String },
    #[error("{path}: {message}")]
    Settings { path: PathBuf, message: String },
    #[error("template {name} failed: {message}")]
    Template { name: &'static str, message: String },
    /// A generated version that the configured versions (the conformance
    /// crate's list) do not name.
    #[error("version `{0}` is not one of the configured versions (specs/versions.toml)")]
    UnknownVersion(String),
    #[error("the spec would generate code that does not compile ({} problems):{}", problems.len(), render_problems(problems))]
    Validation { problems: Vec<Problem> },
}

/// One reason generated code would not compile, at the spec location that caused it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub location: String,
    pub message: String,
}

/// At most 20 problems: the first ones name the cause; the count says the rest.
fn render_problems(problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems.iter().take(20) {
        out.push_str(&format!("\n  {}: {}", p.location, p.message));
    }
    if problems.len() > 20 {
        out.push_str(&format!("\n  … and {} more", problems.len() - 20));
    }
    out
}

/// What [`GenError::Write`] was doing when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteAction {
    CreateDir,
    Write,
    Delete,
}

impl std::fmt::Display for WriteAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            WriteAction::CreateDir => "create directory",
            WriteAction::Write => "write",
            WriteAction::Delete => "delete",
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole cause chain on one line, the way `anyhow` prints `{:#}`.
    fn chain(error: &dyn std::error::Error) -> String {
        let mut out = error.to_string();
        let mut cause = error.source();
        while let Some(e) = cause {
            out.push_str(": ");
            out.push_str(&e.to_string());
            cause = e.source();
        }
        out
    }

    fn missing_file_error() -> (std::io::Error, PathBuf) {
        let path = std::env::temp_dir().join(format!("sailpoint-no-such-file-{}", std::process::id()));
        (std::fs::read(&path).unwrap_err(), path)
    }

    #[test]
    fn the_chain_names_the_os_error_once() {
        let (source, path) = missing_file_error();
        let os_message = source.to_string();
        let errors = [
            GenError::Io { path: path.clone(), source },
            GenError::Write { action: WriteAction::Write, path: path.clone(), source: missing_file_error().0 },
        ];
        for error in errors {
            let printed = chain(&error);
            assert_eq!(printed.matches(&os_message).count(), 1, "{printed}");
            assert!(printed.contains(&path.display().to_string()), "{printed}");
        }
    }

    #[test]
    fn write_errors_say_what_they_were_doing() {
        let error = GenError::Write { action: WriteAction::Delete, path: "g/x.rs".into(), source: missing_file_error().0 };
        assert_eq!(error.to_string(), "cannot delete g/x.rs");
    }
}
