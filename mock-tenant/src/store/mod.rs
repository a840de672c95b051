//! The tenant's state: the resources users script most (accounts,
//! identities, sources, entitlements, access profiles, roles, machine
//! identities, governance groups, transforms) behave like a store.
//!
//! The catalogue routes a request and calls [`Store::handle`] first; the
//! store answers the operations it keeps state for and returns `None` for
//! the rest. Records are JSON values shared by every version: a record
//! created through `/v2025/transforms` is the one `/beta/transforms/{id}`
//! and `/transforms/v1/{id}` return. The versions' models of these
//! resources share their field names, so each decodes the same record
//! (and keeps what it does not model).

mod collection;
mod crud;
mod doc;
mod eval;
mod filter;
mod list;
mod resource;
mod respond;
mod search;
mod seed;
mod time;

use crate::faults::Plan;
use crate::Config;
use axum::http::Method;
use axum::response::Response;
use collection::Collection;
use serde_json::Value;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;

pub use resource::Resource;
pub use respond::Served;

/// A request the catalogue matched to an operation.
pub struct StoreRequest<'a> {
    pub method: &'a Method,
    /// The crate's version name: "beta", "v2024", "v2025", "apis" (the
    /// current API, crate `sailpoint`).
    pub version: &'a str,
    /// The path template without the server prefix, e.g. "/accounts/{id}"
    /// or "/accounts/v1/{id}".
    pub template: &'a str,
    pub path_params: &'a [(String, String)],
    pub query: &'a [(String, String)],
    /// Already validated against the operation's schema by the catalogue.
    pub body: Option<&'a Value>,
    /// The operation's `filters` parameter description from the spec.
    pub filters_doc: Option<&'a str>,
    pub sorters_doc: Option<&'a str>,
}

struct State {
    collections: Vec<Collection>,
    /// Bumped by every write; the search index is rebuilt when it moves.
    generation: u64,
}

pub struct Store {
    state: RwLock<State>,
    settings: list::ListSettings,
    /// Records created through the API, for their ids.
    created: AtomicU64,
    /// The data seed: created records' ids follow it too.
    data: crate::data::Seeded,
    search: search::Cache,
}

/// Where a template points in the store.
enum Route {
    Collection { resource: Resource, version: Option<String> },
    Item { resource: Resource, version: Option<String>, id: String },
    Search,
}

impl Route {
    fn parse(request: &StoreRequest<'_>) -> Option<Route> {
        let segments: Vec<&str> = request.template.trim_matches('/').split('/').collect();
        let is_param = |s: &str| s.starts_with('{') && s.ends_with('}');
        let is_version = |s: &str| s.len() >= 2 && s.starts_with('v') && s[1..].bytes().all(|b| b.is_ascii_digit());
        if segments[0] == "search" && segments[1..].iter().all(|s| is_version(s)) {
            return Some(Route::Search);
        }
        let resource = Resource::from_segment(segments[0])?;
        // Only the current API versions each resource in its path.
        let (version, rest) = match segments.get(1) {
            Some(s) if request.version == "apis" && is_version(s) => (Some((*s).to_owned()), &segments[2..]),
            _ => (None, &segments[1..]),
        };
        match rest {
            [] => Some(Route::Collection { resource, version }),
            [param] if is_param(param) => {
                let name = &param[1..param.len() - 1];
                let id = request.path_params.iter().find(|(k, _)| k == name).or(request.path_params.last())?.1.clone();
                Some(Route::Item { resource, version, id })
            }
            _ => None,
        }
    }
}

impl Store {
    pub(crate) fn new(config: &Config, plan: &Plan) -> Store {
        Store {
            state: RwLock::new(State {
                collections: seed::collections(config, plan),
                generation: 0,
            }),
            settings: list::ListSettings {
                offset_past_end_is_error: config.offset_past_end_is_error,
                send_total_count: config.send_total_count,
            },
            created: AtomicU64::new(0),
            data: crate::data::Seeded::new(config.seed),
            search: search::Cache::default(),
        }
    }

    /// The response to a stateful operation, `None` for the others.
    pub fn handle(&self, request: &StoreRequest<'_>) -> Option<Response> {
        let route = Route::parse(request)?;
        let method = request.method;
        Some(match route {
            Route::Search if *method == Method::POST => search::search(self, request.query, request.body),
            Route::Search => return None,
            Route::Collection { resource, .. } if *method == Method::GET => {
                match list::params(request.query, request.filters_doc, request.sorters_doc) {
                    Ok(params) => self.read(resource, |c| list::page(c, &params, self.settings)),
                    Err(text) => respond::bad_request(&text),
                }
            }
            Route::Collection { resource, version } if *method == Method::POST => crud::create(self, resource, version.as_deref(), request.body),
            Route::Item { resource, id, .. } if *method == Method::GET => crud::get(self, resource, &id),
            Route::Item { resource, version, id } if *method == Method::PUT => crud::replace(self, resource, version.as_deref(), &id, request.body),
            Route::Item { resource, version, id } if *method == Method::PATCH => crud::patch(self, resource, version.as_deref(), &id, request.body),
            Route::Item { resource, version, id } if *method == Method::DELETE => crud::delete(self, resource, version.as_deref(), &id),
            _ => return None,
        })
    }

    /// Adds a record (or replaces the one with its `id`) and returns its
    /// id; a record without a string `id` gets one.
    pub fn insert(&self, resource: Resource, mut record: Value) -> String {
        let id = match record.get("id").and_then(Value::as_str) {
            Some(id) => id.to_owned(),
            None => {
                let id = self.next_id(resource);
                if let Value::Object(map) = &mut record {
                    map.insert("id".into(), Value::from(id.clone()));
                }
                id
            }
        };
        self.write(resource, |c| c.put(id.clone(), record));
        id
    }

    /// A record, as the API would return it (without injected drift).
    pub fn get(&self, resource: Resource, id: &str) -> Option<Value> {
        self.read(resource, |c| c.get(id).map(|r| r.value().clone()))
    }

    pub fn remove(&self, resource: Resource, id: &str) -> Option<Value> {
        self.write(resource, |c| c.remove(id).map(|r| r.into_value()))
    }

    /// The id of the `index`-th seeded record of `resource`.
    pub fn seeded_id(&self, resource: Resource, index: usize) -> String {
        self.data.id(seed::kind(resource), index)
    }

    pub fn len(&self, resource: Resource) -> usize {
        self.read(resource, Collection::len)
    }

    fn next_id(&self, resource: Resource) -> String {
        let n = self.created.fetch_add(1, Ordering::Relaxed);
        // Kinds above the seeds' (seed::kind), so ids never collide.
        self.data.id(64 + seed::kind(resource), n as usize)
    }

    fn read<T>(&self, resource: Resource, f: impl FnOnce(&Collection) -> T) -> T {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        f(&state.collections[resource.index()])
    }

    fn write<T>(&self, resource: Resource, f: impl FnOnce(&mut Collection) -> T) -> T {
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        state.generation += 1;
        f(&mut state.collections[resource.index()])
    }

    /// Reads every collection at once, with the generation they are at.
    fn snapshot<T>(&self, f: impl FnOnce(u64, &[Collection]) -> T) -> T {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        f(state.generation, &state.collections)
    }
}
