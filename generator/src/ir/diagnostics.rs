//! What the generator could not type precisely, and what it did instead.
//! Every kind is listed here, so a reviewer sees the whole fallback policy
//! in one place; `diagnostics.md` of each crate lists the instances.

use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// A construct the generator could not type precisely, with what it did instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// `file#pointer` of the construct.
    pub location: String,
    pub kind: DiagnosticKind,
    pub fallback: String,
}

// Sorted by the text a reviewer reads, not by declaration order, so the
// report's order never depends on how this enum is arranged.
impl Ord for Diagnostic {
    fn cmp(&self, other: &Self) -> Ordering {
        (&self.location, self.kind.as_str(), &self.fallback).cmp(&(&other.location, other.kind.as_str(), &other.fallback))
    }
}

impl PartialOrd for Diagnostic {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

macro_rules! diagnostic_kinds {
    ($($variant:ident => $text:literal,)*) => {
        /// The kinds of constructs that get a fallback.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum DiagnosticKind {
            $($variant,)*
        }

        impl DiagnosticKind {
            /// Every kind, for documentation and tests.
            pub const ALL: &'static [DiagnosticKind] = &[$(DiagnosticKind::$variant,)*];

            /// The text `diagnostics.md` shows.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(DiagnosticKind::$variant => $text,)*
                }
            }
        }
    };
}

diagnostic_kinds! {
    // Settings.
    FixupNotApplied => "fixup that no longer applies",
    // Schemas.
    ArrayWithAllOf => "array with allOf instead of items",
    ItemsOnObject => "`items` on an object schema",
    ArrayOfFreeFormObjects => "array of free-form objects",
    ArrayWithoutItems => "array without items",
    DateTimeType => "`type: date-time` is not an OpenAPI type",
    MapOfFreeFormObjects => "map of free-form objects",
    RequiredNamesMissingProperty => "required names a property that does not exist",
    UnionInsideAllOf => "oneOf/anyOf inside allOf",
    PropertiesBesideUnion => "properties beside oneOf/anyOf",
    DiscriminatorMappingNamesNoMember => "discriminator mapping names no member",
    BooleanInStringEnum => "boolean in a string enum",
    StructuredEnumValue => "structured enum value",
    DuplicateEnumValue => "duplicate enum value",
    TagValuesNameNoVariant => "tag values that name no union variant",
    RecursiveAlias => "schema that contains itself only through arrays or maps",
    // Operations.
    UnsupportedParameterLocation => "unsupported parameter location",
    DuplicateParameter => "duplicate parameter",
    NonNumericResponseCode => "non-numeric response code",
    ContentWithoutMediaType => "content without a media type",
    JsonPatchSingleOperation => "JSON Patch body that is one operation",
    JsonPatchWrapped => "JSON Patch body wrapped in an object",
    PathParameterRenamed => "path parameter name differs from the template",
    PathParameterNotInTemplate => "path parameter not in the template",
    PlaceholderWithoutParameter => "placeholder without a declared parameter",
    DuplicateOperationId => "operationId shared by several operations",
    // Names.
    DuplicateGroupName => "tags that map to the same API group name",
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for DiagnosticKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
