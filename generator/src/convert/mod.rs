//! Spec → IR. `Converter` holds the state shared by schema and operation
//! conversion: type ids by location, pending names, and diagnostics.
//!
//! Every type is keyed by its source location, so a schema reached from many
//! places converts once, and its name derives from where it is defined,
//! never from which operation happened to reach it first.

mod check;
mod names;
mod operation;
mod schema;

use crate::error::Result;
use crate::ir::{Api, Diagnostic, DiagnosticKind, Ty, TypeDef, TypeId, TypeKind};
use crate::load::SpecSet;
use crate::pointer::Loc;
use crate::settings::VersionSettings;
use std::collections::{BTreeMap, HashMap};

pub use names::NameSpec;

pub struct Converter<'a> {
    spec: &'a SpecSet,
    settings: &'a VersionSettings,
    types: Vec<Option<TypeDef>>,
    /// The name rule of each type, resolved to strings once all are known.
    name_specs: Vec<NameSpec>,
    locs: Vec<Loc>,
    by_loc: HashMap<Loc, TypeId>,
    /// Named schemas whose definition is still to be converted.
    pending: Vec<TypeId>,
    /// Types whose schema is `nullable` at the top, kept beside `types`
    /// because a use can be converted before the definition exists.
    nullable: Vec<bool>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Converter<'a> {
    pub fn new(spec: &'a SpecSet, settings: &'a VersionSettings) -> Self {
        Converter {
            spec,
            settings,
            types: Vec::new(),
            name_specs: Vec::new(),
            locs: Vec::new(),
            by_loc: HashMap::new(),
            pending: Vec::new(),
            nullable: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Converts every operation and named schema. The result is complete
    /// but raw: the passes (`crate::passes::run`) finish it.
    pub fn run(mut self) -> Result<Api> {
        let operations = self.operations()?;
        self.component_schemas()?;
        self.drain_pending()?;
        let hints: Vec<names::NameHint> = self
            .locs
            .iter()
            .map(|loc| {
                let schema = self.spec.get(loc);
                let text = |key: &str| schema.and_then(|s| s[key].as_str()).map(str::to_owned);
                names::NameHint {
                    title: text("title"),
                    description: text("description"),
                }
            })
            .collect();
        let names = names::resolve(&self.name_specs, &self.locs, &hints, &self.settings.name_overrides, self.settings);
        let mut types: Vec<TypeDef> = self
            .types
            .into_iter()
            .map(|t| t.expect("every allocated type id is defined before naming"))
            .collect();
        for ((def, name), nullable) in types.iter_mut().zip(names).zip(self.nullable) {
            def.name = name;
            def.nullable = nullable;
        }
        Ok(Api {
            version: self.settings.version.clone(),
            title: self.spec.root()["info"]["title"].as_str().unwrap_or_default().to_owned(),
            base_path: base_path(self.spec),
            types,
            operations,
            groups: Vec::new(),
            model_modules: Vec::new(),
            diagnostics: self.diagnostics,
        })
    }

    fn diag(&mut self, loc: &Loc, kind: DiagnosticKind, fallback: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            location: loc.to_string(),
            kind,
            fallback: fallback.into(),
        });
    }

    /// Allocates an id for the schema at `loc`, or returns the existing one.
    fn alloc(&mut self, loc: &Loc, name: NameSpec) -> (TypeId, bool) {
        if let Some(id) = self.by_loc.get(loc) {
            return (*id, false);
        }
        let id = TypeId(self.types.len() as u32);
        self.types.push(None);
        self.name_specs.push(name);
        self.locs.push(loc.clone());
        self.nullable.push(false);
        self.by_loc.insert(loc.clone(), id);
        (id, true)
    }

    /// The type of a `$ref` target: always a named type.
    fn named(&mut self, target: &Loc) -> TypeId {
        let (id, fresh) = self.alloc(target, NameSpec::File);
        if fresh {
            self.pending.push(id);
        }
        id
    }

    fn drain_pending(&mut self) -> Result<()> {
        while let Some(id) = self.pending.pop() {
            let loc = self.locs[id.0 as usize].clone();
            let (loc, schema) = self.spec.deref_at(&loc)?;
            let owner = NameSpec::Derived {
                owner: id,
                suffix: String::new(),
            };
            let shape = self.shape(&loc, schema, &owner)?;
            self.nullable[id.0 as usize] = shape.nullable;
            let kind = match shape.kind {
                schema::ShapeKind::Def(kind) => kind,
                schema::ShapeKind::Plain(target) => TypeKind::Alias { target },
            };
            self.define(id, &loc, schema, kind);
        }
        Ok(())
    }

    fn define(&mut self, id: TypeId, loc: &Loc, schema: &serde_json::Value, kind: TypeKind) {
        self.types[id.0 as usize] = Some(TypeDef {
            id,
            name: String::new(),
            source: loc.to_string(),
            doc: schema::description(schema),
            deprecated: schema["deprecated"].as_bool().unwrap_or(false),
            inline: !matches!(self.name_specs[id.0 as usize], NameSpec::File),
            kind,
            nullable: false,
            in_request: false,
            in_response: false,
        });
    }

    /// Root `components.schemas` entries are named types even when no
    /// operation uses them (webhook payloads, for instance).
    fn component_schemas(&mut self) -> Result<()> {
        let root = self.spec.root_loc();
        let schemas = root.child("components").child("schemas");
        let Some(map) = self.spec.get(&schemas).and_then(|v| v.as_object()) else {
            return Ok(());
        };
        let entries: BTreeMap<_, _> = map.iter().collect();
        for (key, value) in entries {
            let at = schemas.child(key);
            let (target, _) = self.spec.deref(&at, value)?;
            self.named(&target);
        }
        Ok(())
    }
}

fn base_path(spec: &SpecSet) -> String {
    let url = spec.root()["servers"][0]["url"].as_str().unwrap_or_default();
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].trim_end_matches('/').to_owned(),
        None => String::new(),
    }
}

/// Wraps `ty` as nullable when `nullable` says so.
fn with_null(ty: Ty, nullable: bool) -> Ty {
    if nullable {
        ty.nullable()
    } else {
        ty
    }
}
