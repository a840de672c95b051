//! What a plain HTTP client sees of the catalogue's checks: each invalid
//! request gets a 400 `ErrorResponseDto` whose message names the problem,
//! unknown routes a 404, and content types are honoured both ways.

use sailpoint_mock_tenant::catalog;
use sailpoint_mock_tenant::{Config, MockTenant};
use sailpoint_runtime::reqwest::{self, StatusCode};
use serde_json::Value;

struct Session {
    tenant: MockTenant,
    http: reqwest::Client,
    token: String,
}

async fn session() -> Session {
    let tenant = MockTenant::start(Config {
        accounts: 10,
        identities: 10,
        ..Config::default()
    })
    .await
    .expect("mock tenant starts");
    let http = reqwest::Client::new();
    let config = tenant.config();
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", config.client_id.as_str()),
        ("client_secret", config.client_secret.as_str()),
    ];
    let response = http
        .post(format!("{}/oauth/token", tenant.base_url()))
        .form(&form)
        .send()
        .await
        .expect("token endpoint answers");
    let body: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    let token = body["access_token"].as_str().unwrap().to_owned();
    Session {
        tenant,
        http,
        token,
    }
}

impl Session {
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.tenant.base_url()))
            .bearer_auth(&self.token)
    }
}

/// The status and the `ErrorResponseDto`'s message texts.
async fn refusal(response: reqwest::Response) -> (StatusCode, String, Vec<String>) {
    let status = response.status();
    let body: Value =
        serde_json::from_slice(&response.bytes().await.unwrap()).expect("an ErrorResponseDto");
    let texts = body["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_owned())
        .collect();
    (
        status,
        body["detailCode"].as_str().unwrap_or_default().to_owned(),
        texts,
    )
}

#[tokio::test]
async fn a_missing_required_query_param_is_named() {
    let s = session().await;
    // The first non-experimental GET of v2025 with a required query param.
    let v2025 = catalog::catalog("v2025").unwrap();
    let op = v2025
        .file
        .operations
        .iter()
        .find(|o| {
            o.method == "GET"
                && !o.experimental
                && !o.path.contains('{')
                && o.params
                    .iter()
                    .any(|p| p.required && p.location == catalog::model::Location::Query)
        })
        .expect("such an operation");
    let param = op.params.iter().find(|p| p.required).unwrap();
    let (status, detail, texts) = refusal(
        s.request(reqwest::Method::GET, &format!("/v2025{}", op.path))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, detail.as_str()),
        (StatusCode::BAD_REQUEST, "400.1 Bad Request Content")
    );
    assert_eq!(
        texts,
        [format!(
            "Required query parameter '{}' is missing",
            param.name
        )],
        "{}",
        op.id
    );
}

#[tokio::test]
async fn a_param_of_the_wrong_type_is_named() {
    let s = session().await;
    let (status, _, texts) = refusal(
        s.request(reqwest::Method::GET, "/v2025/sources?limit=ten&count=maybe")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        texts,
        [
            "Invalid query parameter 'limit': 'ten' is not an integer",
            "Invalid query parameter 'count': 'maybe' is not a boolean (true or false)"
        ]
    );
    let (status, _, texts) = refusal(
        s.request(reqwest::Method::GET, "/v2025/sources?limit=251")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        texts,
        ["Invalid query parameter 'limit': 251 is greater than the maximum of 250"]
    );
}

/// The busiest lists and search (once served by routes of their own that
/// skipped the checks) are validated like every other operation.
#[tokio::test]
async fn the_busiest_lists_and_search_are_validated_too() {
    let s = session().await;
    for path in [
        "/v2025/accounts?limit=abc",
        "/v2024/accounts?limit=abc",
        "/beta/identities?limit=abc",
        "/v2024/identities?limit=abc",
        "/accounts/v1?limit=abc",
        "/identities/v1?limit=abc",
    ] {
        let (status, detail, texts) =
            refusal(s.request(reqwest::Method::GET, path).send().await.unwrap()).await;
        assert_eq!(
            (status, detail.as_str()),
            (StatusCode::BAD_REQUEST, "400.1 Bad Request Content"),
            "{path}"
        );
        assert_eq!(
            texts,
            ["Invalid query parameter 'limit': 'abc' is not an integer"],
            "{path}"
        );
    }
    let (status, _, texts) = refusal(
        s.request(reqwest::Method::GET, "/v2025/accounts?detailLevel=EVERYTHING")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(texts[0].starts_with("Invalid query parameter 'detailLevel'"), "{texts:?}");
    let (status, _, texts) = refusal(
        s.request(reqwest::Method::GET, "/v2025/machine-identities")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(texts[0].contains("X-SailPoint-Experimental: true"), "{texts:?}");
    let (status, _, texts) = refusal(
        s.request(reqwest::Method::POST, "/v2025/search")
            .header("content-type", "application/json")
            .body(r#"{"indices": "identities"}"#)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(texts[0].starts_with("Request body /indices:"), "{texts:?}");
}

#[tokio::test]
async fn a_body_against_the_schema_names_the_json_pointer() {
    let s = session().await;
    let body = r#"{"name": 3, "type": "lower", "attributes": null}"#;
    let response = s
        .request(reqwest::Method::POST, "/v2025/transforms")
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let (status, _, texts) = refusal(response).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(texts, [r#"Request body /name: 3 is not of type "string""#]);
    let response = s
        .request(reqwest::Method::POST, "/v2025/transforms")
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    let (_, _, texts) = refusal(response).await;
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Request body /: \"name\" is a required property")),
        "{texts:?}"
    );
    let response = s
        .request(reqwest::Method::POST, "/v2025/transforms")
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    let (status, _, texts) = refusal(response).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        texts[0].starts_with("Request body is not valid JSON"),
        "{texts:?}"
    );
    let response = s
        .request(reqwest::Method::POST, "/v2025/transforms")
        .header("content-type", "text/plain")
        .body("x")
        .send()
        .await
        .unwrap();
    let (status, detail, texts) = refusal(response).await;
    assert_eq!(
        (status, detail.as_str()),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "415 Unsupported Media Type"
        )
    );
    assert_eq!(
        texts,
        ["Content type 'text/plain' is not supported; this operation takes application/json"]
    );
}

#[tokio::test]
async fn an_experimental_operation_needs_its_header() {
    let s = session().await;
    let v2025 = catalog::catalog("v2025").unwrap();
    let op = v2025
        .file
        .operations
        .iter()
        .find(|o| o.experimental && o.method == "GET" && o.params.iter().all(|p| !p.required))
        .expect("one");
    let path = format!("/v2025{}", op.path);
    let (status, _, texts) =
        refusal(s.request(reqwest::Method::GET, &path).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{}", op.id);
    assert_eq!(
        texts,
        ["This API is experimental: send the header X-SailPoint-Experimental: true"]
    );
    let accepted = s
        .request(reqwest::Method::GET, &path)
        .header("X-SailPoint-Experimental", "true")
        .send()
        .await
        .unwrap();
    assert!(
        accepted.status().is_success(),
        "{} with the header: {}",
        op.id,
        accepted.status()
    );
}

#[tokio::test]
async fn unknown_routes_and_methods_get_an_error_response_dto() {
    let s = session().await;
    let (status, detail, texts) = refusal(
        s.request(reqwest::Method::GET, "/v2025/no-such-thing")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, detail.as_str()),
        (StatusCode::NOT_FOUND, "404 Not found")
    );
    assert_eq!(texts, ["No API serves GET /v2025/no-such-thing"]);
    let (status, _, _) = refusal(
        s.request(reqwest::Method::PUT, "/v2025/transforms")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    // Not authenticated: the gate answers before any route.
    let anonymous = s
        .http
        .get(format!("{}/v2025/no-such-thing", s.tenant.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn content_types_are_honoured_both_ways() {
    let s = session().await;
    let csv = s
        .request(
            reqwest::Method::GET,
            "/v2025/manual-discover-applications-template",
        )
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    assert_eq!(csv.headers()["content-type"], "text/csv");
    assert!(csv.bytes().await.unwrap().starts_with(b"id,name\n"));
    let v2025 = catalog::catalog("v2025").unwrap();
    let form = "--b\r\nContent-Disposition: form-data; name=\"nothing\"\r\n\r\nx\r\n--b--\r\n";
    let import = v2025
        .file
        .operations
        .iter()
        .find(|o| {
            o.body
                .as_ref()
                .is_some_and(|b| b.contents[0].media_type == "multipart/form-data" && b.required)
                && !o.path.contains('{')
                && !o.experimental
        })
        .expect("a multipart upload");
    let response = s
        .request(
            reqwest::Method::from_bytes(import.method.as_bytes()).unwrap(),
            &format!("/v2025{}", import.path),
        )
        .header("content-type", "multipart/form-data")
        .body(form)
        .send()
        .await
        .unwrap();
    let (status, _, texts) = refusal(response).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{}", import.id);
    assert_eq!(
        texts,
        ["A multipart body needs a boundary in its Content-Type"]
    );
}
