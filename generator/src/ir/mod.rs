//! The intermediate representation: plain, serialisable data, separate for
//! types and operations. Types are addressed by `TypeId`s assigned before
//! conversion, so forward and cyclic references need no special casing.

pub mod ops;
pub mod types;

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
    pub diagnostics: Vec<Diagnostic>,
}

/// A construct the generator could not type precisely, with what it did instead.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub location: String,
    pub kind: &'static str,
    pub fallback: String,
}

impl Api {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0 as usize]
    }
}
