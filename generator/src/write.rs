//! Puts generated files on disk: only changed files are written (so
//! unchanged files keep their mtime and cargo does not rebuild), and files
//! that are no longer generated are deleted. In check mode nothing is
//! written; instead each difference is described, with a bounded unified
//! diff for changed files (as `cargo fmt --check` prints), so CI shows what
//! changed and not only which files.

use crate::codegen::GeneratedFile;
use crate::error::{GenError, Result, WriteAction};
use similar::TextDiff;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Default)]
pub struct SyncReport {
    /// Files whose content differs (written, or in check mode, would be).
    pub changed: Vec<PathBuf>,
    /// Files on disk that are no longer generated.
    pub stale: Vec<PathBuf>,
    pub unchanged: usize,
    /// Check mode only: one entry per changed or stale file, in the order
    /// of `changed` then `stale`. Empty when files are written.
    pub diffs: Vec<FileDiff>,
}

impl SyncReport {
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.stale.is_empty()
    }
}

/// How one file on disk differs from what would be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDiff {
    pub path: PathBuf,
    pub change: FileChange,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// Not on disk yet; its content is not repeated, only its size.
    New { lines: usize },
    /// On disk but no longer generated.
    Stale,
    /// Differs: the hunks of a unified diff (from `@@` on, without the
    /// `---`/`+++` header, which names paths the caller chooses), at most
    /// [`MAX_DIFF_LINES`] lines, then a "… N more lines" note.
    Modified { unified: String },
}

/// Lines of context around each change, as `diff -u` and `cargo fmt` use.
const CONTEXT_LINES: usize = 3;
/// Diff lines shown per file: enough to see the change, short enough that
/// a regenerated crate does not flood a CI log.
pub const MAX_DIFF_LINES: usize = 60;
/// Past this the diff settles for a coarser (still correct) result, so a
/// file that changed entirely cannot stall `--check`.
const DIFF_TIMEOUT: Duration = Duration::from_millis(200);

impl FileDiff {
    /// The diff as text, naming the file as `shown` (for example its path
    /// relative to the workspace).
    pub fn render(&self, shown: &str) -> String {
        match &self.change {
            FileChange::New { lines } => format!("new file {shown} ({lines} lines) would be written\n"),
            FileChange::Stale => format!("stale file {shown} would be deleted\n"),
            FileChange::Modified { unified } => format!("--- {shown} (on disk)\n+++ {shown} (generated)\n{unified}"),
        }
    }
}

/// The hunks of the unified diff from `old` to `new`, cut after
/// [`MAX_DIFF_LINES`] lines.
pub fn bounded_unified_diff(old: &str, new: &str) -> String {
    let diff = TextDiff::configure().timeout(DIFF_TIMEOUT).diff_lines(old, new);
    let mut unified = diff.unified_diff();
    unified.context_radius(CONTEXT_LINES);
    let mut out = String::new();
    let (mut shown, mut omitted) = (0, 0);
    for hunk in unified.iter_hunks() {
        if shown >= MAX_DIFF_LINES {
            // Counted, not rendered: the header line plus one per change.
            omitted += 1 + hunk.iter_changes().count();
            continue;
        }
        let text = hunk.to_string();
        for line in text.lines() {
            if shown < MAX_DIFF_LINES {
                out.push_str(line);
                out.push('\n');
                shown += 1;
            } else {
                omitted += 1;
            }
        }
    }
    if omitted > 0 {
        let _ = writeln!(out, "… {omitted} more lines");
    }
    out
}

/// Makes `root` hold exactly `files`. With `check`, only reports.
pub fn sync_dir(root: &Path, files: &[GeneratedFile], check: bool) -> Result<SyncReport> {
    let mut report = sync_files(root, files, check)?;
    let wanted: BTreeSet<PathBuf> = files.iter().map(|file| root.join(&file.path)).collect();
    let mut existing = Vec::new();
    list_files(root, &mut existing)?;
    for path in existing.into_iter().filter(|p| !wanted.contains(p)) {
        if check {
            report.diffs.push(FileDiff { path: path.clone(), change: FileChange::Stale });
        } else {
            std::fs::remove_file(&path).map_err(write_error(WriteAction::Delete, &path))?;
        }
        report.stale.push(path);
    }
    Ok(report)
}

/// Writes `files` under `root` where they differ, leaving other files in
/// `root` alone. With `check`, only reports.
pub fn sync_files(root: &Path, files: &[GeneratedFile], check: bool) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    for file in files {
        let path = root.join(&file.path);
        let existing = read_existing(&path)?;
        // Equal files cost one comparison; a diff is computed only for
        // the few that differ, and only in check mode.
        if existing.as_deref() == Some(file.contents.as_bytes()) {
            report.unchanged += 1;
            continue;
        }
        if check {
            let change = match &existing {
                None => FileChange::New { lines: file.contents.lines().count() },
                Some(bytes) => FileChange::Modified { unified: bounded_unified_diff(&String::from_utf8_lossy(bytes), &file.contents) },
            };
            report.diffs.push(FileDiff { path: path.clone(), change });
        } else {
            write_file(&path, &file.contents)?;
        }
        report.changed.push(path);
    }
    Ok(report)
}

/// The file's bytes, or `None` when it does not exist yet. Any other
/// failure is an error: treating an unreadable file as "changed" would
/// report a diff against nothing.
fn read_existing(path: &Path) -> Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(GenError::Io { path: path.to_path_buf(), source }),
    }
}

fn write_file(path: &Path, contents: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(write_error(WriteAction::CreateDir, parent))?;
    }
    std::fs::write(path, contents).map_err(write_error(WriteAction::Write, path))
}

fn write_error(action: WriteAction, path: &Path) -> impl FnOnce(std::io::Error) -> GenError {
    let path = path.to_path_buf();
    move |source| GenError::Write { action, path, source }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(n: usize) -> String {
        (1..=n).map(|i| format!("line {i}\n")).collect()
    }

    #[test]
    fn a_small_change_is_one_hunk_with_three_lines_of_context() {
        let old = numbered(20);
        let new = old.replace("line 10\n", "line ten\n");
        assert_eq!(
            bounded_unified_diff(&old, &new),
            "@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n line 11\n line 12\n line 13\n"
        );
    }

    #[test]
    fn a_large_change_is_cut_with_a_note() {
        let old = numbered(200);
        let new: String = old.lines().map(|l| format!("{l} changed\n")).collect();
        let diff = bounded_unified_diff(&old, &new);
        let lines: Vec<&str> = diff.lines().collect();
        assert_eq!(lines.len(), MAX_DIFF_LINES + 1);
        // One hunk: its header and 400 changes, 60 of them shown.
        assert_eq!(lines[MAX_DIFF_LINES], format!("… {} more lines", 1 + 400 - MAX_DIFF_LINES));
    }

    #[test]
    fn render_names_the_file_as_the_caller_chooses() {
        let diff = FileDiff { path: "/abs/x.rs".into(), change: FileChange::Modified { unified: "@@ -1 +1 @@\n-a\n+b\n".into() } };
        assert_eq!(diff.render("x.rs"), "--- x.rs (on disk)\n+++ x.rs (generated)\n@@ -1 +1 @@\n-a\n+b\n");
        assert_eq!(FileDiff { path: "/abs/x.rs".into(), change: FileChange::Stale }.render("x.rs"), "stale file x.rs would be deleted\n");
    }
}
