//! The stateful resources, where their routes live and what each method
//! answers. The success statuses are the specs' (beta, v2024, v2025 and
//! the current per-resource API agree on them, checked by hand against
//! /work/shared/specs/sailpoint: accounts answer every write with 202 and
//! `{"id"}`, a source's DELETE with 202 and a task reference, workgroup
//! and machine-identity (v1) creation with 200, other creations with 201,
//! other deletions with 204).

use axum::http::{Method, StatusCode};

/// A collection of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Resource {
    Accounts,
    Identities,
    Sources,
    Entitlements,
    AccessProfiles,
    Roles,
    MachineIdentities,
    /// Governance groups.
    Workgroups,
    Transforms,
}

impl Resource {
    pub const ALL: [Resource; 9] = [
        Resource::Accounts,
        Resource::Identities,
        Resource::Sources,
        Resource::Entitlements,
        Resource::AccessProfiles,
        Resource::Roles,
        Resource::MachineIdentities,
        Resource::Workgroups,
        Resource::Transforms,
    ];

    /// The first path segment of its routes in every version.
    pub fn segment(self) -> &'static str {
        match self {
            Resource::Accounts => "accounts",
            Resource::Identities => "identities",
            Resource::Sources => "sources",
            Resource::Entitlements => "entitlements",
            Resource::AccessProfiles => "access-profiles",
            Resource::Roles => "roles",
            Resource::MachineIdentities => "machine-identities",
            Resource::Workgroups => "workgroups",
            Resource::Transforms => "transforms",
        }
    }

    pub fn from_segment(segment: &str) -> Option<Resource> {
        Resource::ALL.into_iter().find(|r| r.segment() == segment)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The spec's success status. `resource_version` is the current API's
    /// `v1`/`v2` segment (`None` in the year-versioned crates).
    pub fn status(self, method: &Method, resource_version: Option<&str>) -> StatusCode {
        match *method {
            Method::POST => match self {
                Resource::Accounts => StatusCode::ACCEPTED,
                Resource::Workgroups => StatusCode::OK,
                Resource::MachineIdentities if resource_version != Some("v2") => StatusCode::OK,
                _ => StatusCode::CREATED,
            },
            Method::PUT | Method::PATCH if self == Resource::Accounts => StatusCode::ACCEPTED,
            Method::DELETE => match self {
                Resource::Accounts | Resource::Sources => StatusCode::ACCEPTED,
                _ => StatusCode::NO_CONTENT,
            },
            _ => StatusCode::OK,
        }
    }
}
