//! The decode row for a model that keeps unknown fields: v2025 `Source`
//! (read, modified and sent back whole by a PUT, so it and its nested
//! references carry an `additional_properties` map), against a plain
//! serde struct with the same fields that drops what it does not declare.

use crate::handwritten::Reference;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One source as a tenant sends it: the declared fields plus a few the
/// v2025 spec does not declare (three at the top, one in the owner), so
/// the generated model fills its maps and the plain struct skips them.
pub fn source_json(index: usize) -> Value {
    let reference = |kind: &str, name: String| json!({"type": kind, "id": format!("{index:032x}"), "name": name});
    let mut owner = reference("IDENTITY", format!("owner.{index}"));
    owner["email"] = json!(format!("owner.{index}@example.com"));
    json!({
        "id": format!("2c91808{index:025x}"),
        "name": format!("Source {index}"),
        "description": "HR feed, loaded nightly from the CSV the HR team drops",
        "owner": owner,
        "cluster": reference("CLUSTER", "Corporate VA".to_owned()),
        "accountCorrelationConfig": reference("ACCOUNT_CORRELATION_CONFIG", "Correlation".to_owned()),
        "accountCorrelationRule": reference("RULE", "Correlate by employee id".to_owned()),
        "managerCorrelationMapping": {"accountAttributeName": "manager", "identityAttributeName": "employeeNumber"},
        "managerCorrelationRule": reference("RULE", "Manager".to_owned()),
        "beforeProvisioningRule": reference("RULE", "Before provisioning".to_owned()),
        "managementWorkgroup": reference("GOVERNANCE_GROUP", "Admins".to_owned()),
        "schemas": [reference("CONNECTOR_SCHEMA", "account".to_owned()), reference("CONNECTOR_SCHEMA", "group".to_owned())],
        "passwordPolicies": [reference("PASSWORD_POLICY", "Default".to_owned())],
        "features": ["AUTHENTICATE", "DISCOVER_SCHEMA", "PROVISIONING", "SEARCH"],
        "type": "DelimitedFile",
        "connector": "delimited-file-angularsc",
        "connectorClass": "sailpoint.connector.DelimitedFileConnector",
        "connectorAttributes": {"healthCheckTimeout": 30, "deltaAggregationEnabled": false, "delimiter": ","},
        "deleteThreshold": 10,
        "authoritative": index.is_multiple_of(2),
        "healthy": true,
        "status": "SOURCE_STATE_HEALTHY",
        "since": "2026-11-01T10:00:00.000Z",
        "connectorId": "delimited-file-angularsc",
        "connectorName": "Delimited File",
        "connectionType": "file",
        "connectorImplementationId": "delimited-file",
        "created": "2026-01-02T03:04:05.678Z",
        "modified": "2026-11-28T03:04:05.678Z",
        "credentialProviderEnabled": false,
        "category": null,
        "cloudExternalId": format!("{index}"),
        "cloudDisplayName": format!("Source {index}"),
        "accountsFile": {"name": "hr.csv", "size": 1_048_576},
    })
}

/// The plain struct: v2025 `Source`'s fields, nested references as
/// `Reference`, enums and dates as strings, no unknown-field map.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // Decoded for the cost of it.
pub struct HandSource {
    pub account_correlation_config: Option<Reference>,
    pub account_correlation_rule: Option<Reference>,
    pub authoritative: Option<bool>,
    pub before_provisioning_rule: Option<Reference>,
    pub category: Option<String>,
    pub cluster: Option<Reference>,
    pub connection_type: Option<String>,
    pub connector: String,
    pub connector_attributes: Option<BTreeMap<String, Value>>,
    pub connector_class: Option<String>,
    pub connector_id: Option<String>,
    pub connector_implementation_id: Option<String>,
    pub connector_name: Option<String>,
    pub created: Option<String>,
    pub credential_provider_enabled: Option<bool>,
    pub delete_threshold: Option<i64>,
    pub description: Option<String>,
    pub features: Option<Vec<String>>,
    pub healthy: Option<bool>,
    pub id: Option<String>,
    pub management_workgroup: Option<Reference>,
    pub manager_correlation_mapping: Option<HandManagerCorrelationMapping>,
    pub manager_correlation_rule: Option<Reference>,
    pub modified: Option<String>,
    pub name: String,
    pub owner: Option<Reference>,
    pub password_policies: Option<Vec<Reference>>,
    pub schemas: Option<Vec<Reference>>,
    pub since: Option<String>,
    pub status: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // Decoded for the cost of it.
pub struct HandManagerCorrelationMapping {
    pub account_attribute_name: Option<String>,
    pub identity_attribute_name: Option<String>,
}
