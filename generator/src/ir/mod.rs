//! The intermediate representation: plain, serialisable data, separate for
//! types and operations. Types are addressed by `TypeId`s assigned before
//! conversion, so forward and cyclic references need no special casing.
//!
//! Conversion fills types and operations; the passes complete them
//! (nullability, unions, boxing, usage) and decide every emitted name
//! (`groups`, `model_modules`, `Operation::names`); validation checks the
//! result before codegen reads it.

pub mod diagnostics;
pub mod http;
pub mod ops;
pub mod types;
pub mod walk;

pub use diagnostics::{Diagnostic, DiagnosticKind};
pub use http::{HttpMethod, MediaType, PathSegment, PathTemplate};
pub use ops::*;
pub use types::*;

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Api {
    pub version: String,
    pub title: String,
    /// Path prefix of every operation, from the first server URL (`/v2025`).
    pub base_path: String,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// API groups (one per tag) with their emitted names; set by the names pass.
    pub groups: Vec<ApiGroup>,
    /// Files of the `models` module and the types each holds; set by the names pass.
    pub model_modules: Vec<ModelModule>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One API group: the operations of a tag, and every name emitted for it.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGroup {
    /// The spec tag, or `resource version` (`accounts v1`) for
    /// resource-versioned specs (`settings::GroupStyle`).
    pub tag: String,
    /// The `Client` method (`machine_identities`); also the surface's group key.
    pub accessor: String,
    /// The file in `apis/` (`machine_identities`).
    pub module: String,
    /// The cargo feature (`machine-identities`).
    pub feature: String,
    /// The group struct (`MachineIdentitiesApi`).
    pub type_name: String,
    /// Indices into `Api::operations`, sorted by method name.
    pub operations: Vec<usize>,
    /// Every operation of the group is deprecated (a resource version
    /// superseded by the next): its accessor is deprecated too.
    pub deprecated: bool,
}

/// One file of the `models` module.
#[derive(Debug, Clone, Serialize)]
pub struct ModelModule {
    pub name: String,
    /// The owner first, then its inline types by name.
    pub types: Vec<TypeId>,
}

impl Api {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0 as usize]
    }

    /// The operations of a group, in its order.
    pub fn group_operations<'a>(&'a self, group: &'a ApiGroup) -> impl Iterator<Item = &'a Operation> + 'a {
        group.operations.iter().map(|&i| &self.operations[i])
    }

    /// The group an operation belongs to.
    pub fn group_of(&self, op: &Operation) -> Option<&ApiGroup> {
        self.groups.iter().find(|g| g.operations.iter().any(|&i| std::ptr::eq(&self.operations[i], op)))
    }
}
