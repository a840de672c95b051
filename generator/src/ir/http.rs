//! The HTTP vocabulary of operations, parsed once in conversion so that no
//! later stage compares strings: methods, media types and path templates.

use serde::{Serialize, Serializer};
use std::fmt;

/// An operation's HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Patch,
    Head,
    Options,
    Trace,
}

impl HttpMethod {
    /// Every method a path item can hold, in the order OpenAPI lists them.
    pub const ALL: [HttpMethod; 8] = [
        HttpMethod::Get,
        HttpMethod::Put,
        HttpMethod::Post,
        HttpMethod::Delete,
        HttpMethod::Patch,
        HttpMethod::Head,
        HttpMethod::Options,
        HttpMethod::Trace,
    ];

    /// The key of the method in a path item (`get`).
    pub fn key(self) -> &'static str {
        match self {
            HttpMethod::Get => "get",
            HttpMethod::Put => "put",
            HttpMethod::Post => "post",
            HttpMethod::Delete => "delete",
            HttpMethod::Patch => "patch",
            HttpMethod::Head => "head",
            HttpMethod::Options => "options",
            HttpMethod::Trace => "trace",
        }
    }

    /// The method as sent (`GET`), which is also the name of `reqwest::Method`'s constant.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Trace => "TRACE",
        }
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for HttpMethod {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A request or response media type, classified by what the generated code
/// does with it. The spec's spelling is kept for `Other`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MediaType {
    /// `application/json`.
    Json,
    /// `application/json-patch+json` (RFC 6902).
    JsonPatch,
    /// Another JSON structured syntax (`application/scim+json`).
    OtherJson(String),
    /// `multipart/form-data` (or another `multipart/*`).
    Multipart(String),
    /// `application/x-www-form-urlencoded`.
    FormUrlEncoded,
    /// Anything else: bytes (`application/octet-stream`, `text/csv`, …).
    Other(String),
}

impl MediaType {
    pub const JSON: &'static str = "application/json";
    pub const JSON_PATCH: &'static str = "application/json-patch+json";
    pub const FORM_URLENCODED: &'static str = "application/x-www-form-urlencoded";

    pub fn parse(text: &str) -> MediaType {
        match text {
            Self::JSON => MediaType::Json,
            Self::JSON_PATCH => MediaType::JsonPatch,
            Self::FORM_URLENCODED => MediaType::FormUrlEncoded,
            other if other.starts_with("multipart/") => MediaType::Multipart(other.to_owned()),
            other if other.ends_with("+json") => MediaType::OtherJson(other.to_owned()),
            other => MediaType::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            MediaType::Json => Self::JSON,
            MediaType::JsonPatch => Self::JSON_PATCH,
            MediaType::FormUrlEncoded => Self::FORM_URLENCODED,
            MediaType::OtherJson(s) | MediaType::Multipart(s) | MediaType::Other(s) => s,
        }
    }

    /// Decoded or encoded as JSON.
    pub fn is_json(&self) -> bool {
        matches!(self, MediaType::Json | MediaType::JsonPatch | MediaType::OtherJson(_))
    }
}

impl fmt::Display for MediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for MediaType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A path template (`/accounts/{id}/entitlements`), split once into
/// literal text and `{placeholder}` segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    raw: String,
    segments: Vec<PathSegment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    Literal(String),
    Placeholder(String),
}

/// Why a path template cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathTemplateError {
    Unclosed,
    EmptyPlaceholder,
    NotAbsolute,
}

impl fmt::Display for PathTemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PathTemplateError::Unclosed => "a `{` without its `}`",
            PathTemplateError::EmptyPlaceholder => "an empty `{}` placeholder",
            PathTemplateError::NotAbsolute => "the path does not start with `/`",
        })
    }
}

impl PathTemplate {
    pub fn parse(raw: &str) -> Result<PathTemplate, PathTemplateError> {
        if !raw.starts_with('/') {
            return Err(PathTemplateError::NotAbsolute);
        }
        let mut segments = Vec::new();
        let mut rest = raw;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                return Err(PathTemplateError::Unclosed);
            };
            let name = &rest[start + 1..start + len];
            if name.is_empty() {
                return Err(PathTemplateError::EmptyPlaceholder);
            }
            if start > 0 {
                segments.push(PathSegment::Literal(rest[..start].to_owned()));
            }
            segments.push(PathSegment::Placeholder(name.to_owned()));
            rest = &rest[start + len + 1..];
        }
        if !rest.is_empty() {
            segments.push(PathSegment::Literal(rest.to_owned()));
        }
        Ok(PathTemplate { raw: raw.to_owned(), segments })
    }

    /// The template as the spec writes it.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    pub fn segments(&self) -> &[PathSegment] {
        &self.segments
    }

    /// The placeholder names, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            PathSegment::Placeholder(name) => Some(name.as_str()),
            PathSegment::Literal(_) => None,
        })
    }

    /// The resource version the path names, its first `v<N>` word
    /// (`/accounts/v1/{id}` → `v1`), in the per-resource specs.
    pub fn version(&self) -> Option<&str> {
        self.words().find(|w| is_version_word(w))
    }

    /// The literal words without the version (`/search/v1` → `search`).
    pub fn unversioned_words(&self) -> impl Iterator<Item = &str> {
        self.words().filter(|w| !is_version_word(w))
    }

    /// The literal words of the path (`/a/{id}/b-c` → `a`, `b-c`), for names.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().flat_map(|s| match s {
            PathSegment::Literal(text) => text.split('/').filter(|w| !w.is_empty()).collect::<Vec<_>>(),
            PathSegment::Placeholder(_) => Vec::new(),
        })
    }
}

/// `v1`, `v2`, …: a resource version segment.
pub fn is_version_word(word: &str) -> bool {
    word.strip_prefix('v').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl Serialize for PathTemplate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_into_literals_and_placeholders() {
        let t = PathTemplate::parse("/a/{id}/b/{access-type}").unwrap();
        assert_eq!(t.placeholders().collect::<Vec<_>>(), ["id", "access-type"]);
        assert_eq!(t.words().collect::<Vec<_>>(), ["a", "b"]);
        let v = PathTemplate::parse("/identities/accounts/v1/{id}/v2x").unwrap();
        assert_eq!(v.version(), Some("v1"));
        assert_eq!(v.unversioned_words().collect::<Vec<_>>(), ["identities", "accounts", "v2x"]);
        assert_eq!(
            t.segments(),
            [
                PathSegment::Literal("/a/".into()),
                PathSegment::Placeholder("id".into()),
                PathSegment::Literal("/b/".into()),
                PathSegment::Placeholder("access-type".into()),
            ]
        );
        assert_eq!(PathTemplate::parse("/a/{id"), Err(PathTemplateError::Unclosed));
        assert_eq!(PathTemplate::parse("/a/{}"), Err(PathTemplateError::EmptyPlaceholder));
        assert_eq!(PathTemplate::parse("a"), Err(PathTemplateError::NotAbsolute));
    }

    #[test]
    fn media_types_are_classified() {
        assert_eq!(MediaType::parse("application/json"), MediaType::Json);
        assert!(MediaType::parse("application/scim+json").is_json());
        assert_eq!(MediaType::parse("multipart/form-data").as_str(), "multipart/form-data");
        assert!(!MediaType::parse("text/csv").is_json());
    }
}
