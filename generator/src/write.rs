//! Puts generated files on disk: only changed files are written (so
//! unchanged files keep their mtime and cargo does not rebuild), and files
//! that are no longer generated are deleted.

use crate::codegen::GeneratedFile;
use crate::error::{GenError, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
pub struct SyncReport {
    /// Files whose content differs (written, or in check mode, would be).
    pub changed: Vec<PathBuf>,
    /// Files on disk that are no longer generated.
    pub stale: Vec<PathBuf>,
    pub unchanged: usize,
}

impl SyncReport {
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.stale.is_empty()
    }
}

/// Makes `root` hold exactly `files`. With `check`, only reports.
pub fn sync_dir(root: &Path, files: &[GeneratedFile], check: bool) -> Result<SyncReport> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GenError::Io { path, source }
    };
    let mut report = SyncReport::default();
    let mut wanted = BTreeSet::new();
    for file in files {
        let path = root.join(&file.path);
        wanted.insert(path.clone());
        match std::fs::read(&path) {
            Ok(existing) if existing == file.contents.as_bytes() => {
                report.unchanged += 1;
                continue;
            }
            _ => {}
        }
        if !check {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            std::fs::write(&path, &file.contents).map_err(io(&path))?;
        }
        report.changed.push(path);
    }
    let mut existing = Vec::new();
    list_files(root, &mut existing)?;
    for path in existing.into_iter().filter(|p| !wanted.contains(p)) {
        if !check {
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
        report.stale.push(path);
    }
    Ok(report)
}

fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(GenError::Io {
                path: dir.to_path_buf(),
                source,
            })
        }
    };
    for entry in entries {
        let entry = entry.map_err(|source| GenError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if path.is_dir() {
            list_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(())
}
