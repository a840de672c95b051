//! A seeded mutation engine over a spec's documents, for tests.
//!
//! A document set maps each file (relative to the spec folder, `/`
//! separated, as the generator's loader keys it) to its parsed content. A
//! [`Mutant`] is one edit at one node of one file: [`mutate`] draws `count`
//! of them from a seed, cycling through every [`MutationKind`] and picking
//! the node at random. The same seed and documents always give the same
//! mutants. Each mutant describes itself as `file#pointer: what`.
//!
//! No dependency beyond the generator's own: the PRNG is splitmix64, and
//! [`load_dir`] / [`write_docs`] use the `serde_yaml_ng` / `serde_json`
//! crates the generator already depends on. JSON text is valid YAML, and the
//! generator's loader (serde_yaml_ng) reads it from `.yaml` files, so
//! [`Format::Json`] keeps the file names.
#![allow(dead_code)]

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

/// File (relative to the spec folder) → parsed document.
pub type DocSet = BTreeMap<String, Value>;

/// splitmix64: tiny, seedable, and good enough to pick nodes.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be 0.
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "Rng::below(0)");
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What a mutant does to its node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MutationKind {
    /// Any node becomes a value of another JSON kind.
    ChangeKind,
    /// A mapping loses one key.
    DeleteKey,
    /// A mapping key is renamed (a typo, another case, or another keyword).
    RenameKey,
    /// `$ref: 12`.
    RefToNumber,
    /// `$ref` names a file that does not exist.
    RefToMissingFile,
    /// A schema becomes `allOf: {}` (an object where a list belongs),
    /// empty or holding the original schema.
    WrapInAllOfObject,
    /// A schema becomes an array of itself.
    SelfArray,
    /// A file becomes empty.
    EmptyFile,
    /// A schema's `properties` becomes the list of its keys.
    PropertiesToArray,
    /// An operation takes the operationId of another operation.
    DuplicateOperationId,
    /// A schema's `type` becomes a word OpenAPI does not know.
    UnknownType,
}

impl MutationKind {
    pub const ALL: [MutationKind; 11] = [
        MutationKind::ChangeKind,
        MutationKind::DeleteKey,
        MutationKind::RenameKey,
        MutationKind::RefToNumber,
        MutationKind::RefToMissingFile,
        MutationKind::WrapInAllOfObject,
        MutationKind::SelfArray,
        MutationKind::EmptyFile,
        MutationKind::PropertiesToArray,
        MutationKind::DuplicateOperationId,
        MutationKind::UnknownType,
    ];

    pub fn name(self) -> &'static str {
        match self {
            MutationKind::ChangeKind => "change-kind",
            MutationKind::DeleteKey => "delete-key",
            MutationKind::RenameKey => "rename-key",
            MutationKind::RefToNumber => "ref-to-number",
            MutationKind::RefToMissingFile => "ref-to-missing-file",
            MutationKind::WrapInAllOfObject => "wrap-in-allof-object",
            MutationKind::SelfArray => "self-array",
            MutationKind::EmptyFile => "empty-file",
            MutationKind::PropertiesToArray => "properties-to-array",
            MutationKind::DuplicateOperationId => "duplicate-operation-id",
            MutationKind::UnknownType => "unknown-type",
        }
    }
}

/// One edit of one document set.
#[derive(Debug, Clone, PartialEq)]
pub struct Mutant {
    pub kind: MutationKind,
    /// The file edited.
    pub file: String,
    /// JSON pointer of the node the mutation is about (for a deleted or
    /// renamed key: where the key was; for an emptied file: `""`).
    pub pointer: String,
    /// `file#pointer: what`.
    pub description: String,
    /// The edit: the node at `edit_at` in `file` becomes `new_value`
    /// (`edit_at` may be the parent of `pointer`). A whole document that
    /// becomes `Null` is written as an empty file.
    pub edit_at: String,
    pub new_value: Value,
}

impl Mutant {
    /// `file#pointer`, as the generator names locations.
    pub fn location(&self) -> String {
        format!("{}#{}", self.file, self.pointer)
    }

    /// A copy of `base` with this mutant's edit.
    pub fn apply(&self, base: &DocSet) -> DocSet {
        let mut docs = base.clone();
        self.apply_in_place(&mut docs);
        docs
    }

    pub fn apply_in_place(&self, docs: &mut DocSet) {
        let doc = docs
            .get_mut(&self.file)
            .unwrap_or_else(|| panic!("{}: no such file in the document set", self.description));
        let node = get_mut(doc, &self.edit_at).unwrap_or_else(|| panic!("{}: edit target {} is gone", self.description, self.edit_at));
        *node = self.new_value.clone();
    }

    /// Writes `base` with this mutant's edit to `dir` (see [`write_docs`]).
    pub fn write(&self, base: &DocSet, dir: &Path, format: Format) -> std::io::Result<()> {
        write_docs(&self.apply(base), dir, format)
    }
}

/// `count` mutants of `docs` drawn from `seed`: kinds in turn (a kind with
/// nothing to mutate is skipped), each at a random node, no two alike.
/// Fewer than `count` only when the documents run out of distinct mutants.
pub fn mutate(seed: u64, docs: &DocSet, count: usize) -> Vec<Mutant> {
    let targets = Targets::new(docs);
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(count);
    let mut seen = BTreeSet::new();
    let budget = count.saturating_mul(50) + 100;
    for attempt in 0..budget {
        if out.len() == count {
            break;
        }
        let kind = MutationKind::ALL[attempt % MutationKind::ALL.len()];
        if let Some(mutant) = targets.mutant(&mut rng, docs, kind) {
            if seen.insert(mutant.description.clone()) {
                out.push(mutant);
            }
        }
    }
    out
}

/// One mutant of the given kind, or `None` when `docs` has no node it
/// applies to. Indexes `docs` on every call: use [`mutate`] for many.
pub fn mutate_one(rng: &mut Rng, docs: &DocSet, kind: MutationKind) -> Option<Mutant> {
    Targets::new(docs).mutant(rng, docs, kind)
}

/// How [`write_docs`] spells each file. Either way the file keeps its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Json,
}

/// Writes every document of `docs` under `dir` (creating folders). A
/// document that is `Null` is written as an empty file.
pub fn write_docs(docs: &DocSet, dir: &Path, format: Format) -> std::io::Result<()> {
    for (file, value) in docs {
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let text = match (value, format) {
            (Value::Null, _) => String::new(),
            (_, Format::Json) => serde_json::to_string_pretty(value).expect("JSON values serialise") + "\n",
            (_, Format::Yaml) => serde_yaml_ng::to_string(value).map_err(std::io::Error::other)?,
        };
        std::fs::write(path, text)?;
    }
    Ok(())
}

/// A fresh, empty folder under the system temp folder, unique per process
/// and call. The caller removes it.
pub fn temp_dir(label: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("sailpoint-mutant-{label}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// Reads `root_file` and every file reachable from it by `$ref` (relative
/// to the containing file, as the generator resolves them). References to
/// missing files, remote URLs or paths outside `dir` are skipped, so a
/// written mutant reads back. An empty file reads as `Null`.
pub fn load_dir(dir: &Path, root_file: &str) -> Result<DocSet, String> {
    let mut docs = DocSet::new();
    let mut queue = VecDeque::from([root_file.to_owned()]);
    while let Some(file) = queue.pop_front() {
        if docs.contains_key(&file) {
            continue;
        }
        let path = dir.join(&file);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let value: Value = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_yaml_ng::from_str(&text).map_err(|e| format!("{file}: {e}"))?
        };
        let mut refs = Vec::new();
        collect_refs(&value, &mut refs);
        for reference in refs {
            if let Some(target) = ref_file(&file, &reference) {
                if !docs.contains_key(&target) && dir.join(&target).is_file() {
                    queue.push_back(target);
                }
            }
        }
        docs.insert(file, value);
    }
    Ok(docs)
}

/// The node at `pointer` (RFC 6901; `""` is the whole document).
pub fn get<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(doc);
    }
    doc.pointer(pointer)
}

pub fn get_mut<'a>(doc: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    if pointer.is_empty() {
        return Some(doc);
    }
    doc.pointer_mut(pointer)
}

/// One JSON pointer segment: `~` → `~0`, `/` → `~1`.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

pub fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

// ---------------------------------------------------------------------------

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/// Keys a rename may pick: OpenAPI words that mean something else where
/// they land.
const KEYWORDS: &[&str] = &[
    "$ref", "type", "items", "properties", "allOf", "oneOf", "anyOf", "enum", "required", "nullable", "schema", "content",
    "responses", "parameters", "operationId", "additionalProperties", "description", "format",
];

const UNKNOWN_TYPES: &[&str] = &["strnig", "int", "list", "String", "float", "map", "uuid"];

/// Where each kind of mutation can land, found in one walk of the documents.
struct Targets {
    files: Vec<String>,
    /// Every node, document roots included.
    nodes: Vec<(usize, String)>,
    /// Nodes whose parent is a mapping: (file, parent pointer, key).
    members: Vec<(usize, String, String)>,
    /// Mappings holding a string `$ref`.
    refs: Vec<(usize, String)>,
    /// Mappings in schema position.
    schemas: Vec<(usize, String)>,
    /// Schemas whose `properties` is a mapping.
    with_properties: Vec<(usize, String)>,
    /// Schemas without `$ref`.
    plain_schemas: Vec<(usize, String)>,
    /// Operations with a string operationId: (file, pointer, id).
    operations: Vec<(usize, String, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Not (known to be) a schema.
    Other,
    Schema,
    /// A mapping whose values are schemas (`properties`, `components/schemas`).
    SchemaMap,
    /// A list whose items are schemas (`allOf`, `oneOf`, `anyOf`).
    SchemaList,
    /// Example or default data: no schema below.
    Data,
}

impl Targets {
    fn new(docs: &DocSet) -> Targets {
        let mut t = Targets {
            files: docs.keys().cloned().collect(),
            nodes: Vec::new(),
            members: Vec::new(),
            refs: Vec::new(),
            schemas: Vec::new(),
            with_properties: Vec::new(),
            plain_schemas: Vec::new(),
            operations: Vec::new(),
        };
        for (i, (file, doc)) in docs.iter().enumerate() {
            let role = if is_schema_file(file) { Role::Schema } else { Role::Other };
            t.walk(i, String::new(), None, doc, role);
        }
        t
    }

    fn walk(&mut self, file: usize, pointer: String, key: Option<&str>, value: &Value, role: Role) {
        self.nodes.push((file, pointer.clone()));
        match value {
            Value::Object(map) => {
                if map.get("$ref").is_some_and(Value::is_string) {
                    self.refs.push((file, pointer.clone()));
                }
                if role == Role::Schema {
                    self.schemas.push((file, pointer.clone()));
                    if map.get("properties").is_some_and(Value::is_object) {
                        self.with_properties.push((file, pointer.clone()));
                    }
                    if !map.contains_key("$ref") {
                        self.plain_schemas.push((file, pointer.clone()));
                    }
                }
                if role == Role::Other && key.is_some_and(|k| METHODS.contains(&k)) {
                    if let Some(Value::String(id)) = map.get("operationId") {
                        self.operations.push((file, pointer.clone(), id.clone()));
                    }
                }
                for (k, child) in map {
                    let child_pointer = format!("{pointer}/{}", escape(k));
                    self.members.push((file, pointer.clone(), k.clone()));
                    let child_role = child_role(role, key, k, child);
                    self.walk(file, child_pointer, Some(k), child, child_role);
                }
            }
            Value::Array(items) => {
                let child_role = match role {
                    Role::SchemaList => Role::Schema,
                    Role::Data => Role::Data,
                    _ => Role::Other,
                };
                for (i, child) in items.iter().enumerate() {
                    self.walk(file, format!("{pointer}/{i}"), None, child, child_role);
                }
            }
            _ => {}
        }
    }

    fn mutant(&self, rng: &mut Rng, docs: &DocSet, kind: MutationKind) -> Option<Mutant> {
        let doc = |file: usize| &docs[&self.files[file]];
        let make = |file: usize, pointer: String, what: String, edit_at: String, new_value: Value| {
            let file = self.files[file].clone();
            Mutant {
                kind,
                description: format!("{file}#{pointer}: {what}"),
                file,
                pointer,
                edit_at,
                new_value,
            }
        };
        match kind {
            MutationKind::ChangeKind => {
                let (file, pointer) = pick(rng, &self.nodes)?.clone();
                let current = get(doc(file), &pointer)?;
                let new_value = other_kind(rng, current);
                let what = format!("{} replaced by {}", kind_name(current), short_json(&new_value));
                Some(make(file, pointer.clone(), what, pointer, new_value))
            }
            MutationKind::DeleteKey => {
                let (file, parent, key) = pick(rng, &self.members)?.clone();
                let mut map = get(doc(file), &parent)?.as_object()?.clone();
                map.remove(&key);
                let what = format!("key `{key}` deleted");
                Some(make(file, format!("{parent}/{}", escape(&key)), what, parent, Value::Object(map)))
            }
            MutationKind::RenameKey => {
                let (file, parent, key) = pick(rng, &self.members)?.clone();
                let map = get(doc(file), &parent)?.as_object()?;
                let candidates: Vec<String> = [format!("{key}_"), key.to_uppercase(), rng.pick(KEYWORDS).to_string()]
                    .into_iter()
                    .filter(|n| !map.contains_key(n))
                    .collect();
                let new_key = pick(rng, &candidates)?.clone();
                let mut renamed = Map::new();
                for (k, v) in map {
                    renamed.insert(if *k == key { new_key.clone() } else { k.clone() }, v.clone());
                }
                let what = format!("key `{key}` renamed to `{new_key}`");
                Some(make(file, format!("{parent}/{}", escape(&key)), what, parent, Value::Object(renamed)))
            }
            MutationKind::RefToNumber => {
                let (file, holder) = pick(rng, &self.refs)?.clone();
                let pointer = format!("{holder}/$ref");
                let number = Value::from(*rng.pick(&[12, 0, -1, 3]));
                let what = format!("$ref set to {number}");
                Some(make(file, pointer.clone(), what, pointer, number))
            }
            MutationKind::RefToMissingFile => {
                let (file, holder) = pick(rng, &self.refs)?.clone();
                let pointer = format!("{holder}/$ref");
                let original = get(doc(file), &pointer)?.as_str()?;
                let missing = (0..)
                    .map(|n| format!("Missing{n}.yaml"))
                    .find(|name| !self.files.iter().any(|f| f.ends_with(name.as_str())))
                    .expect("some name is free");
                let fragment = original.split_once('#').map(|(_, f)| format!("#{f}")).unwrap_or_default();
                let new_ref = format!("./{missing}{fragment}");
                let what = format!("$ref `{original}` set to `{new_ref}`, which does not exist");
                Some(make(file, pointer.clone(), what, pointer, Value::String(new_ref)))
            }
            MutationKind::WrapInAllOfObject => {
                let (file, pointer) = pick(rng, &self.schemas)?.clone();
                let schema = get(doc(file), &pointer)?.clone();
                let (inner, what) = if rng.below(2) == 0 {
                    (Map::new(), "schema replaced by `allOf: {}`".to_owned())
                } else {
                    (Map::from_iter([("0".to_owned(), schema)]), "schema wrapped in `allOf: {\"0\": schema}`".to_owned())
                };
                let wrapped = Value::Object(Map::from_iter([("allOf".to_owned(), Value::Object(inner))]));
                Some(make(file, pointer.clone(), what, pointer, wrapped))
            }
            MutationKind::SelfArray => {
                let (file, pointer) = pick(rng, &self.schemas)?.clone();
                let reference = if pointer.is_empty() {
                    let name = &self.files[file];
                    format!("./{}", name.rsplit('/').next().unwrap_or(name))
                } else {
                    format!("#{pointer}")
                };
                let what = format!("schema replaced by an array of itself (`items: {{$ref: {reference}}}`)");
                let array = serde_json::json!({"type": "array", "items": {"$ref": reference}});
                Some(make(file, pointer.clone(), what, pointer, array))
            }
            MutationKind::EmptyFile => {
                let file = rng.below(self.files.len().max(1));
                if self.files.is_empty() || doc(file).is_null() {
                    return None;
                }
                Some(make(file, String::new(), "file emptied".to_owned(), String::new(), Value::Null))
            }
            MutationKind::PropertiesToArray => {
                let (file, schema) = pick(rng, &self.with_properties)?.clone();
                let pointer = format!("{schema}/properties");
                let keys: Vec<Value> = get(doc(file), &pointer)?.as_object()?.keys().cloned().map(Value::String).collect();
                let array = Value::Array(keys);
                let what = format!("`properties` replaced by {}", short_json(&array));
                Some(make(file, pointer.clone(), what, pointer, array))
            }
            MutationKind::DuplicateOperationId => {
                let (file, op, id) = pick(rng, &self.operations)?.clone();
                let others: Vec<&(usize, String, String)> = self.operations.iter().filter(|(_, _, other)| *other != id).collect();
                let (source_file, source_op, source_id) = *pick(rng, &others)?;
                let pointer = format!("{op}/operationId");
                let what = format!("operationId `{id}` set to `{source_id}`, the id of {}#{source_op}", self.files[*source_file]);
                Some(make(file, pointer.clone(), what, pointer, Value::String(source_id.clone())))
            }
            MutationKind::UnknownType => {
                let (file, schema) = pick(rng, &self.plain_schemas)?.clone();
                let word = *rng.pick(UNKNOWN_TYPES);
                let mut map = get(doc(file), &schema)?.as_object()?.clone();
                let what = match map.get("type") {
                    Some(old) => format!("type {} set to `{word}`", short_json(old)),
                    None => format!("`type: {word}` added"),
                };
                map.insert("type".to_owned(), Value::String(word.to_owned()));
                Some(make(file, format!("{schema}/type"), what, schema, Value::Object(map)))
            }
        }
    }
}

/// The role of `map[key]` in a mapping of role `role` (itself the value of
/// `parent_key`).
fn child_role(role: Role, parent_key: Option<&str>, key: &str, child: &Value) -> Role {
    match role {
        Role::Data => Role::Data,
        Role::SchemaMap => Role::Schema,
        Role::SchemaList => Role::Other,
        Role::Schema => match key {
            "properties" => Role::SchemaMap,
            "items" | "not" => Role::Schema,
            "additionalProperties" if child.is_object() => Role::Schema,
            "allOf" | "oneOf" | "anyOf" => Role::SchemaList,
            "example" | "examples" | "default" | "enum" => Role::Data,
            _ => Role::Other,
        },
        Role::Other => match key {
            "schema" => Role::Schema,
            "schemas" if parent_key == Some("components") => Role::SchemaMap,
            "example" | "examples" | "default" | "value" => Role::Data,
            _ => Role::Other,
        },
    }
}

/// A file under a `schemas` folder holds one schema.
fn is_schema_file(file: &str) -> bool {
    file.split('/').rev().skip(1).any(|dir| dir == "schemas")
}

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() {
        None
    } else {
        Some(rng.pick(items))
    }
}

fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A value of another JSON kind than `current`.
fn other_kind(rng: &mut Rng, current: &Value) -> Value {
    let choices: Vec<Value> = [
        Value::Null,
        Value::Bool(rng.below(2) == 0),
        Value::from(*rng.pick(&[0, 3, 12, -1])),
        Value::String(rng.pick(&["", "x", "12", "true"]).to_string()),
        if rng.below(2) == 0 { Value::Array(vec![]) } else { serde_json::json!(["a", "b"]) },
        if rng.below(2) == 0 { Value::Object(Map::new()) } else { serde_json::json!({"x": 1}) },
    ]
    .into_iter()
    .filter(|v| kind_name(v) != kind_name(current))
    .collect();
    rng.pick(&choices).clone()
}

/// JSON text, cut to 60 characters.
fn short_json(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 60 {
        text
    } else {
        format!("{}…", text.chars().take(59).collect::<String>())
    }
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push(r.clone());
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// The file a `$ref` in `from` points to, normalised; `None` for remote
/// refs, same-file refs and paths that leave the folder.
fn ref_file(from: &str, reference: &str) -> Option<String> {
    if reference.contains("://") {
        return None;
    }
    let path = reference.split('#').next().unwrap_or_default();
    if path.is_empty() {
        return None;
    }
    let base = from.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut parts: Vec<&str> = Vec::new();
    for part in base.split('/').chain(path.split('/')) {
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
