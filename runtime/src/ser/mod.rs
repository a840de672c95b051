//! Encoding generated structs: one `Serialize`, written once, for every
//! model.
//!
//! `#[derive(Serialize)]` emits, per struct, a generic function with a
//! length sum, a skip test and a `serialize_field` call per field. Over
//! the ~1,400 structs of a generated crate that code was the largest block
//! of expanded code and a large part of the compiler's peak memory (see
//! docs/perf.md). A generated struct instead implements [`Fields`], one
//! non-generic function that names each field once, and encodes through
//! [`object`]; the field values cross as `&dyn erased_serde::Serialize`.

mod object;

pub use object::{object, Entries, FieldWriter, Fields, NonDefault, Optional};
