//! Loads one version's root file and every file reachable from it by `$ref`,
//! and answers ref lookups. Files are keyed by their normalised path relative
//! to the spec folder, so `v2025/../v2024/x.yaml` and `v2024/x.yaml` are one
//! document. Only reachable files are read: the spec folder holds hundreds of
//! dead files, one of them with a duplicate key.

mod yaml;

use crate::error::{GenError, Result};
use crate::pointer::{split, Loc};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use yaml::parse as parse_yaml;

#[derive(Debug)]
pub struct SpecSet {
    pub spec_dir: PathBuf,
    pub root_file: Arc<str>,
    pub docs: BTreeMap<Arc<str>, Value>,
    /// SHA-256 (hex) of each file's bytes as read, for the spec lock.
    pub hashes: BTreeMap<String, String>,
}

impl SpecSet {
    pub fn load(spec_dir: &Path, root_file: &str) -> Result<SpecSet> {
        let mut docs: BTreeMap<Arc<str>, Value> = BTreeMap::new();
        let mut hashes = BTreeMap::new();
        // Every ref, resolved once here; checked once all files are loaded.
        let mut resolved: Vec<(Loc, String, Loc)> = Vec::new();
        let root: Arc<str> = Arc::from(root_file);
        let mut frontier: BTreeSet<Arc<str>> = BTreeSet::from([root.clone()]);
        // Breadth-first, one parallel batch per level: parsing dominates and
        // files within a level are independent.
        while !frontier.is_empty() {
            let parsed: Vec<(Arc<str>, Value, String)> = frontier
                .par_iter()
                .map(|file| read_yaml(spec_dir, file).map(|(v, hash)| (file.clone(), v, hash)))
                .collect::<Result<_>>()?;
            let mut next = BTreeSet::new();
            for (file, value, _) in &parsed {
                let mut refs = Vec::new();
                collect_refs(&Loc::root(file.clone()), value, &mut refs)?;
                for (at, reference) in refs {
                    let target = resolve_reference(&at, &reference)?;
                    if !spec_dir.join(&*target.file).is_file() {
                        return Err(GenError::DanglingRef {
                            reason: format!("file {} does not exist", target.file),
                            loc: at,
                            reference,
                        });
                    }
                    if !docs.contains_key(&target.file)
                        && !frontier.contains(&target.file)
                        && !parsed.iter().any(|(f, _, _)| *f == target.file)
                    {
                        next.insert(target.file.clone());
                    }
                    resolved.push((at, reference, target));
                }
            }
            for (file, value, hash) in parsed {
                hashes.insert(file.to_string(), hash);
                docs.insert(file, value);
            }
            frontier = next;
        }
        let set = SpecSet {
            spec_dir: spec_dir.to_path_buf(),
            root_file: root,
            docs,
            hashes,
        };
        set.check_refs(resolved)?;
        Ok(set)
    }

    pub fn root(&self) -> &Value {
        &self.docs[&self.root_file]
    }

    pub fn root_loc(&self) -> Loc {
        Loc::root(self.root_file.clone())
    }

    pub fn get(&self, loc: &Loc) -> Option<&Value> {
        let mut value = self.docs.get(&loc.file)?;
        for segment in split(&loc.pointer) {
            value = match value {
                Value::Object(map) => map.get(&segment)?,
                Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(value)
    }

    /// Follows `$ref` chains from `loc` to the first node that is not a bare
    /// reference. Returns that node and its location.
    pub fn deref<'a>(&'a self, loc: &Loc, value: &'a Value) -> Result<(Loc, &'a Value)> {
        let mut loc = loc.clone();
        let mut value = value;
        let mut seen = Vec::new();
        while let Some(reference) = ref_of(value) {
            if seen.contains(&loc) {
                let chain = seen.iter().map(Loc::to_string).collect::<Vec<_>>().join(" -> ");
                return Err(GenError::RefCycle { loc, chain });
            }
            seen.push(loc.clone());
            let target = resolve_reference(&loc, reference)?;
            value = self.get(&target).ok_or_else(|| GenError::DanglingRef {
                loc: loc.clone(),
                reference: reference.to_owned(),
                reason: "no such node".into(),
            })?;
            loc = target;
        }
        Ok((loc, value))
    }

    pub fn deref_at(&self, loc: &Loc) -> Result<(Loc, &Value)> {
        let value = self
            .get(loc)
            .ok_or_else(|| GenError::invalid(loc, "no such node"))?;
        self.deref(loc, value)
    }

    /// Every ref's target node exists (its file does: loading checked that).
    fn check_refs(&self, resolved: Vec<(Loc, String, Loc)>) -> Result<()> {
        for (at, reference, target) in resolved {
            if self.get(&target).is_none() {
                return Err(GenError::DanglingRef {
                    loc: at,
                    reference,
                    reason: format!("{target} does not exist"),
                });
            }
        }
        Ok(())
    }
}

/// The `$ref` string of a reference object, if `value` is one.
pub fn ref_of(value: &Value) -> Option<&str> {
    value.as_object()?.get("$ref")?.as_str()
}

fn read_yaml(spec_dir: &Path, file: &Arc<str>) -> Result<(Value, String)> {
    let path = spec_dir.join(&**file);
    let bytes = std::fs::read(&path).map_err(|source| GenError::Io { path: path.clone(), source })?;
    let hash = crate::lock::sha256_hex(&bytes);
    let text = String::from_utf8(bytes).map_err(|_| GenError::invalid(&Loc::root(file.clone()), "file is not UTF-8"))?;
    Ok((yaml::parse(file, &text)?, hash))
}

/// Every `$ref` string in the document, with the location of the object that
/// holds it. Includes refs inside `examples`, which the loader must follow too.
/// A `$ref` that is not a string is an error here: later stages would read
/// the object as an empty schema and type it as any JSON value.
fn collect_refs(loc: &Loc, value: &Value, out: &mut Vec<(Loc, String)>) -> Result<()> {
    match value {
        Value::Object(map) => {
            match map.get("$ref") {
                Some(Value::String(r)) => out.push((loc.clone(), r.clone())),
                Some(other) => return Err(GenError::invalid(&loc.child("$ref"), format!("`$ref` must be a string, found {}", crate::pointer::json_kind(other)))),
                None => {}
            }
            for (key, child) in map {
                collect_refs(&loc.child(key), child, out)?;
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect_refs(&loc.child(i), child, out)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Resolves a `$ref` relative to the file that contains it. `#/…` alone means
/// that same file, not the root: ManagedClientHealthIndicators.yaml relies on it.
pub fn resolve_reference(from: &Loc, reference: &str) -> Result<Loc> {
    let dangling = |reason: &str| GenError::DanglingRef {
        loc: from.clone(),
        reference: reference.to_owned(),
        reason: reason.to_owned(),
    };
    if reference.contains("://") {
        return Err(dangling("remote references are not supported"));
    }
    let (path, fragment) = match reference.split_once('#') {
        Some((p, f)) => (p, f),
        None => (reference, ""),
    };
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return Err(dangling("fragment is not a JSON pointer"));
    }
    let file: Arc<str> = if path.is_empty() {
        from.file.clone()
    } else {
        let base = match from.file.rfind('/') {
            Some(i) => &from.file[..i],
            None => "",
        };
        let joined = if base.is_empty() {
            path.to_owned()
        } else {
            format!("{base}/{path}")
        };
        Arc::from(normalise(&joined).ok_or_else(|| dangling("path leaves the spec folder"))?)
    };
    Ok(Loc {
        file,
        pointer: fragment.to_owned(),
    })
}

fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_resolve_relative_to_their_file() {
        let from = Loc::root("v2025/paths/a.yaml".into()).child("get");
        let t = resolve_reference(&from, "../../v2024/schemas/X.yaml").unwrap();
        assert_eq!(t.to_string(), "v2024/schemas/X.yaml#");
        let t = resolve_reference(&from, "#/components/schemas/Y").unwrap();
        assert_eq!(t.to_string(), "v2025/paths/a.yaml#/components/schemas/Y");
        assert!(resolve_reference(&from, "../../../../x.yaml").is_err());
    }
}
