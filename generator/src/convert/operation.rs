//! Path items → `Operation`s.

use super::schema::description;
use super::{check, Converter, NameSpec};
use crate::error::{GenError, Result};
use crate::ir::*;
use crate::naming;
use crate::pointer::Loc;
use heck::ToUpperCamelCase;
use serde_json::Value;

pub const EXPERIMENTAL_HEADER: &str = "X-SailPoint-Experimental";

impl<'a> Converter<'a> {
    pub(super) fn operations(&mut self) -> Result<Vec<Operation>> {
        let spec = self.spec;
        let paths_loc = spec.root_loc().child("paths");
        let Some(paths) = spec.get(&paths_loc) else {
            return Err(GenError::invalid(&paths_loc, "the root has no `paths` mapping"));
        };
        let paths = check::mapping(&paths_loc, paths, "`paths`")?;
        let mut found = Vec::new();
        for (path, item) in paths {
            let (item_loc, item) = spec.deref(&paths_loc.child(path), item)?;
            let item_map = check::mapping(&item_loc, item, &format!("the path item of `{path}`"))?;
            let template = PathTemplate::parse(path).map_err(|e| GenError::invalid(&paths_loc.child(path), format!("path template `{path}`: {e}")))?;
            let before = found.len();
            for method in HttpMethod::ALL {
                if let Some(op) = item_map.get(method.key()) {
                    let op_loc = item_loc.child(method.key());
                    check::mapping(&op_loc, op, &format!("the `{}` operation of `{path}`", method.key()))?;
                    let (operation_id, synthesized) = match op.get("operationId") {
                        None => (synthesize_id(method, &template), true),
                        Some(Value::String(id)) if !id.trim().is_empty() => (id.clone(), false),
                        Some(other) => {
                            return Err(GenError::invalid(&op_loc.child("operationId"), format!("`operationId` must be a non-empty string, found {}", crate::pointer::json_kind(other))))
                        }
                    };
                    found.push(Found { template: template.clone(), method, loc: op_loc, op, item, operation_id, synthesized });
                }
            }
            // An empty file or a typo in a method key would drop the path silently.
            if found.len() == before {
                return Err(GenError::invalid(&item_loc, format!("the path item of `{path}` has no operation (expected one of get, put, post, delete, patch, head, options, trace)")));
            }
        }
        let keys: Vec<naming::OperationKey> = found.iter().map(|f| naming::OperationKey { id: &f.operation_id, method: f.method, path: &f.template }).collect();
        let bases = naming::operation_bases(&keys);
        let mut operations = Vec::with_capacity(found.len());
        for (f, base) in found.iter().zip(bases) {
            if base != f.operation_id {
                self.diag(&f.loc, DiagnosticKind::DuplicateOperationId, format!("`{}` named `{base}` here", f.operation_id));
            }
            operations.push(self.operation(f, base)?);
        }
        Ok(operations)
    }

    fn operation(&mut self, found: &Found<'a>, name_base: String) -> Result<Operation> {
        let Found { template, method, loc, op, item, .. } = found;
        let (op, item) = (*op, *item);
        let type_base = naming::type_name(&name_base);
        let fixed = |suffix: &str| NameSpec::Fixed {
            base: type_base.clone(),
            suffix: suffix.to_owned(),
        };

        let mut params = Vec::new();
        let mut experimental = false;
        let item_loc = Loc {
            file: loc.file.clone(),
            pointer: loc.pointer.rsplit_once('/').map_or(String::new(), |(parent, _)| parent.to_owned()),
        };
        let declared = parameter_list(&item_loc, item)?.into_iter();
        let own = parameter_list(loc, op)?;
        for (p_loc, p) in declared.chain(own) {
            let (p_loc, p) = self.spec.deref(&p_loc, p)?;
            check::mapping(&p_loc, p, "a parameter")?;
            let Some(name) = p["name"].as_str().filter(|n| !n.is_empty()).map(str::to_owned) else {
                return Err(GenError::invalid(&p_loc.child("name"), "a parameter needs a non-empty `name` string"));
            };
            let location = match p["in"].as_str() {
                Some("path") => ParamLocation::Path,
                Some("query") => ParamLocation::Query,
                Some("header") => ParamLocation::Header,
                other => {
                    self.diag(&p_loc, DiagnosticKind::UnsupportedParameterLocation, format!("{other:?} parameter `{name}` dropped"));
                    continue;
                }
            };
            if location == ParamLocation::Header && name.eq_ignore_ascii_case(EXPERIMENTAL_HEADER) {
                experimental = true;
                continue;
            }
            if params.iter().any(|q: &Param| q.name == name && q.location == location) {
                self.diag(&p_loc, DiagnosticKind::DuplicateParameter, format!("second `{name}` dropped"));
                continue;
            }
            let ty = match p.get("schema") {
                Some(schema) => {
                    // A shared parameter file named after its parameter
                    // (`ClassificationMode.yaml` declaring `classificationMode`)
                    // names its enum once, not twice.
                    let base = owner_base(&p_loc, &type_base);
                    let suffix = naming::type_name(&name);
                    let param_name = NameSpec::Fixed {
                        base: if base == suffix { String::new() } else { base },
                        suffix,
                    };
                    self.ty(&p_loc.child("schema"), schema, &param_name)?
                }
                None => Ty::String,
            };
            let schema = p.get("schema").map(|s| self.spec.deref(&p_loc, s).map(|(_, s)| s)).transpose()?;
            params.push(Param {
                minimum: schema.and_then(|s| s["minimum"].as_i64()),
                maximum: schema.and_then(|s| s["maximum"].as_i64()),
                default: schema.and_then(|s| s.get("default")).cloned(),
                rust_name: naming::snake_ident(&name),
                required: p["required"].as_bool().unwrap_or(false) || location == ParamLocation::Path,
                explode: p["explode"].as_bool().unwrap_or(true),
                deprecated: p["deprecated"].as_bool().unwrap_or(false),
                doc: description(p),
                name,
                location,
                ty,
            });
        }
        self.reconcile_path_params(loc, template, &mut params);

        let body = match op.get("requestBody") {
            Some(body) => {
                let (body_loc, body) = self.spec.deref(&loc.child("requestBody"), body)?;
                let name = shared_or(&body_loc, loc, fixed("Request"), "Request", &self.settings.version);
                let mut contents = self.contents(&body_loc, body, &name)?;
                self.json_patch_documents_are_arrays(&body_loc, body, &mut contents, &name)?;
                Some(Body {
                    required: body["required"].as_bool().unwrap_or(false),
                    contents,
                })
            }
            None => None,
        };

        let mut responses = Vec::new();
        if let Some(map) = op.get("responses") {
            for (code, response) in check::mapping(&loc.child("responses"), map, "`responses`")? {
                let Ok(status) = code.parse::<u16>() else {
                    self.diag(&loc.child("responses").child(code), DiagnosticKind::NonNumericResponseCode, "ignored");
                    continue;
                };
                let (r_loc, response) = self.spec.deref(&loc.child("responses").child(code), response)?;
                check::mapping(&r_loc, response, &format!("the {status} response"))?;
                let name = shared_or(&r_loc, loc, fixed(&format!("{status}Response")), "Response", &self.settings.version);
                let contents = self.contents(&r_loc, response, &name)?;
                let mut headers = Vec::new();
                if let Some(hs) = response["headers"].as_object() {
                    for (h_name, h) in hs {
                        let (h_loc, h) = self.spec.deref(&r_loc.child("headers").child(h_name), h)?;
                        let ty = match h.get("schema") {
                            Some(s) => self.ty(&h_loc.child("schema"), s, &name.child(&naming::type_name(h_name)))?,
                            None => Ty::String,
                        };
                        headers.push(ResponseHeader { name: h_name.clone(), ty });
                    }
                }
                responses.push(Response {
                    status,
                    description: description(response),
                    contents,
                    headers,
                });
            }
        }
        responses.sort_by_key(|r| r.status);

        let mut operation = Operation {
            tag: op["tags"][0].as_str().unwrap_or("Default").to_owned(),
            method: *method,
            path: template.clone(),
            summary: op["summary"].as_str().map(str::trim).map(str::to_owned),
            description: description(op),
            deprecated: op["deprecated"].as_bool().unwrap_or(false),
            experimental,
            params,
            body,
            responses,
            pagination: None,
            source: loc.to_string(),
            operation_id: found.operation_id.clone(),
            synthesized_id: found.synthesized,
            name_base,
            names: OperationNames::default(),
        };
        operation.pagination = self.pagination(&operation);
        Ok(operation)
    }

    fn contents(&mut self, loc: &Loc, holder: &'a Value, name: &NameSpec) -> Result<Vec<Content>> {
        let mut out = Vec::new();
        let Some(content) = holder["content"].as_object() else {
            return Ok(out);
        };
        for (media_type, media) in content {
            let m_loc = loc.child("content").child(media_type);
            // `content: {schema: …}` without a media type: read it as JSON.
            let (media_type, schema, s_loc) = if !media_type.contains('/') && is_schema_like(media) {
                self.diag(&m_loc, DiagnosticKind::ContentWithoutMediaType, "read as application/json");
                ("application/json".to_owned(), Some(media), m_loc.clone())
            } else {
                (media_type.clone(), media.get("schema"), m_loc.child("schema"))
            };
            let ty = match schema {
                Some(schema) => Some(self.ty(&s_loc, schema, name)?),
                None => None,
            };
            out.push(Content {
                media_type: MediaType::parse(&media_type),
                ty,
            });
        }
        Ok(out)
    }

    /// An `application/json-patch+json` body is an array of operations
    /// (RFC 6902), and the API expects one; some specs give the schema of a
    /// single operation, or of an object wrapping the operations in an
    /// `operations` field, while their own examples send plain arrays. Such
    /// a body becomes `Vec<operation>`. Bodies that merely carry the media
    /// type (no `op` and `path`) are left as they are.
    fn json_patch_documents_are_arrays(&mut self, loc: &Loc, holder: &'a Value, contents: &mut [Content], name: &NameSpec) -> Result<()> {
        for content in contents.iter_mut().filter(|c| c.media_type == MediaType::JsonPatch) {
            let media = content.media_type.as_str();
            let s_loc = loc.child("content").child(media).child("schema");
            let Some(schema) = holder["content"][media].get("schema") else { continue };
            let (schema_loc, schema) = self.spec.deref(&s_loc, schema)?;
            if schema["type"] == "array" {
                continue;
            }
            if is_patch_operation(schema) {
                if let Some(ty) = content.ty.take() {
                    self.diag(&s_loc, DiagnosticKind::JsonPatchSingleOperation, "an array of operations (RFC 6902)");
                    content.ty = Some(Ty::Array(Box::new(ty)));
                }
                continue;
            }
            let Some(operations) = schema["properties"].get("operations") else { continue };
            let ops_loc = schema_loc.child("properties").child("operations");
            let (_, items) = self.spec.deref(&ops_loc.child("items"), &operations["items"])?;
            if operations["type"] == "array" && is_patch_operation(items) {
                self.diag(&s_loc, DiagnosticKind::JsonPatchWrapped, "its `operations` array (RFC 6902)");
                content.ty = Some(self.ty(&ops_loc, operations, name)?);
            }
        }
        Ok(())
    }

    /// Makes every `{placeholder}` of the path template a parameter and
    /// drops declared path parameters the template does not use. Where a
    /// placeholder and a declared parameter disagree in name only, and there
    /// is exactly one of each, they are bound together.
    fn reconcile_path_params(&mut self, loc: &Loc, template: &PathTemplate, params: &mut Vec<Param>) {
        let placeholders: Vec<String> = template.placeholders().map(str::to_owned).collect();
        let is_unmatched = |p: &Param| p.location == ParamLocation::Path && !placeholders.contains(&p.name);
        let unmatched_declared = params.iter().filter(|p| is_unmatched(p)).count();
        let missing: Vec<&String> = placeholders.iter().filter(|ph| !params.iter().any(|p| p.location == ParamLocation::Path && p.name == **ph)).collect();
        if missing.len() == 1 && unmatched_declared == 1 {
            let param = params.iter_mut().find(|p| is_unmatched(p)).expect("counted above");
            let message = format!("declared `{}` bound to placeholder `{{{}}}`", param.name, missing[0]);
            param.name = missing[0].clone();
            self.diag(loc, DiagnosticKind::PathParameterRenamed, message);
            return;
        }
        let dropped: Vec<String> = params.iter().filter(|p| is_unmatched(p)).map(|p| p.name.clone()).collect();
        for name in dropped {
            self.diag(loc, DiagnosticKind::PathParameterNotInTemplate, format!("`{name}` dropped"));
        }
        params.retain(|p| !is_unmatched(p));
        for ph in missing {
            self.diag(loc, DiagnosticKind::PlaceholderWithoutParameter, format!("required string parameter `{ph}` added"));
            params.push(Param {
                name: ph.clone(),
                rust_name: naming::snake_ident(ph),
                location: ParamLocation::Path,
                required: true,
                ty: Ty::String,
                explode: true,
                deprecated: false,
                doc: None,
                minimum: None,
                maximum: None,
                default: None,
            });
        }
        let mut names: Vec<String> = params.iter().map(|p| p.rust_name.clone()).collect();
        naming::dedupe_snake(&mut names);
        for (p, n) in params.iter_mut().zip(names) {
            p.rust_name = n;
        }
    }

    fn pagination(&self, op: &Operation) -> Option<Pagination> {
        let query = |name: &str| op.params.iter().find(|p| p.location == ParamLocation::Query && p.name == name);
        let ok = op.responses.iter().find(|r| r.status == 200)?;
        let json = ok.contents.iter().find(|c| c.media_type == MediaType::Json)?;
        let body = json.ty.as_ref()?.non_null();
        let page_size = |limit: &Param| limit.maximum.or_else(|| limit.default.as_ref().and_then(serde_json::Value::as_i64));
        if let Some(item) = self.array_item(body) {
            // `POST /search`, or `POST /search/v1` in the per-resource specs.
            let words: Vec<&str> = op.path.unversioned_words().collect();
            if op.method == HttpMethod::Post && words == ["search"] && op.path.placeholders().next().is_none() {
                return Some(Pagination::SearchAfter {
                    item,
                    page_size: query("limit").and_then(page_size),
                });
            }
            if let (Some(limit), Some(_)) = (query("limit"), query("offset")) {
                return Some(Pagination::Offset {
                    item,
                    page_size: page_size(limit),
                    has_count: query("count").is_some(),
                });
            }
            return None;
        }
        // `{next, items: [...]}` with a `next` query parameter.
        query("next")?;
        let Ty::Named(id) = body else { return None };
        let Some(TypeDef { kind: TypeKind::Struct(page), .. }) = &self.types[id.0 as usize] else { return None };
        page.fields.iter().find(|f| f.wire_name == "next")?;
        let items = page.fields.iter().find(|f| f.wire_name == "items")?;
        Some(Pagination::Cursor {
            item: self.array_item(items.ty.non_null())?,
            page_size: query("limit").and_then(page_size),
        })
    }

    /// The item type of an array, directly or through a named alias.
    fn array_item(&self, ty: &Ty) -> Option<Ty> {
        match ty {
            Ty::Array(item) => Some((**item).clone()),
            Ty::Named(id) => match &self.types[id.0 as usize] {
                Some(TypeDef { kind: TypeKind::Alias { target }, .. }) => self.array_item(target.non_null()),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Name of an operation without an operationId: method plus path words,
/// `POST /data-access-security/owners/assign` → `postDataAccessSecurityOwnersAssign`.
pub fn synthesize_id(method: HttpMethod, path: &PathTemplate) -> String {
    let words: String = path
        .segments()
        .iter()
        .flat_map(|segment| match segment {
            PathSegment::Literal(text) => text.split('/').filter(|w| !w.is_empty()).map(str::to_upper_camel_case).collect::<Vec<_>>(),
            PathSegment::Placeholder(name) => vec![name.to_upper_camel_case()],
        })
        .collect();
    format!("{}{}", method.key(), words)
}

/// An operation found in `paths`, before conversion.
struct Found<'a> {
    template: PathTemplate,
    method: HttpMethod,
    loc: Loc,
    op: &'a Value,
    item: &'a Value,
    operation_id: String,
    synthesized: bool,
}

/// The `parameters` of a path item or an operation, located.
fn parameter_list<'v>(loc: &Loc, holder: &'v Value) -> Result<Vec<(Loc, &'v Value)>> {
    match holder.get("parameters") {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items.iter().enumerate().map(|(i, p)| (loc.child("parameters").child(i), p)).collect()),
        Some(other) => Err(GenError::invalid(&loc.child("parameters"), format!("`parameters` must be an array, found {}", crate::pointer::json_kind(other)))),
    }
}

/// A JSON Patch operation: an object with `op` and `path`.
fn is_patch_operation(schema: &Value) -> bool {
    schema["properties"].get("op").is_some() && schema["properties"].get("path").is_some()
}

fn is_schema_like(value: &Value) -> bool {
    value.as_object().is_some_and(|o| o.contains_key("type") || o.contains_key("$ref") || o.contains_key("properties"))
}

/// Schemas in a shared response, body or parameter file are named after the
/// file, not after whichever operation reached them first. A file from
/// another version's folder says so (`SharedV2024401Response`).
fn shared_or(target: &Loc, operation: &Loc, own: NameSpec, kind: &str, version: &str) -> NameSpec {
    if target.file == operation.file {
        return own;
    }
    let stem = target.file_stem();
    let folder = target.file.split('/').next().unwrap_or_default();
    let qualifier = if folder != version && target.file.contains('/') { folder.to_upper_camel_case() } else { String::new() };
    NameSpec::Fixed {
        base: naming::type_name(&format!("Shared{qualifier}{}{kind}", stem.to_upper_camel_case())),
        suffix: String::new(),
    }
}

fn owner_base(param_loc: &Loc, operation_base: &str) -> String {
    if param_loc.pointer.is_empty() {
        naming::type_name(param_loc.file_stem())
    } else {
        operation_base.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthesized_ids_follow_method_and_path() {
        let path = |p: &str| PathTemplate::parse(p).unwrap();
        assert_eq!(synthesize_id(HttpMethod::Post, &path("/data-access-security/owners/assign")), "postDataAccessSecurityOwnersAssign");
        assert_eq!(synthesize_id(HttpMethod::Get, &path("/owners/{ownerIdentityId}/resources")), "getOwnersOwnerIdentityIdResources");
    }
}
