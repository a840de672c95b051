//! Runtime shared by the generated SailPoint ISC client crates.
//!
//! Generated models stay declarative and lean on this crate for the parts
//! that would otherwise be repeated in every type: lenient decoding of
//! fields, open-enum and union decoding, and the date-time type.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod datetime;
pub mod de;
pub mod union;

pub use datetime::DateTime;
