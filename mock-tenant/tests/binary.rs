//! The `sailpoint-mock-tenant` binary as another client sees it: its first
//! line, its flags at work over HTTP, and bad flags refused with a clear
//! message and a nonzero exit (never a panic).

use sailpoint_runtime::reqwest::{self, StatusCode};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

const EXE: &str = env!("CARGO_BIN_EXE_sailpoint-mock-tenant");

/// The binary, killed when dropped.
struct Running {
    child: Child,
    url: String,
}

impl Running {
    fn start(args: &[&str]) -> Running {
        let mut child = Command::new(EXE).args(args).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().expect("the binary starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.trim_end().strip_prefix("listening on ").unwrap_or_else(|| panic!("first line: {line:?}")).to_owned();
        let port = url.strip_prefix("http://127.0.0.1:").unwrap_or_else(|| panic!("first line: {line:?}"));
        assert!(port.parse::<u16>().is_ok_and(|p| p > 0), "{line:?}");
        Running { child, url }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(EXE).args(args).output().expect("the binary runs")
}

async fn token(http: &reqwest::Client, url: &str, id: &str, secret: &str) -> (StatusCode, Value) {
    let form = [("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)];
    let response = http.post(format!("{url}/oauth/token")).form(&form).send().await.unwrap();
    (response.status(), serde_json::from_slice(&response.bytes().await.unwrap()).unwrap())
}

async fn get(http: &reqwest::Client, url: &str, bearer: &str) -> (StatusCode, Value) {
    let response = http.get(url).bearer_auth(bearer).send().await.unwrap();
    (response.status(), serde_json::from_slice(&response.bytes().await.unwrap()).unwrap())
}

#[tokio::test]
async fn the_flags_shape_what_the_binary_serves() {
    let mock = Running::start(&["--port", "0", "--accounts", "7", "--roles", "2", "--seed", "3", "--versions", "v2025,apis", "--client-id", "ci", "--client-secret", "cs"]);
    let http = reqwest::Client::new();
    // --client-id/--client-secret: strict.
    assert_eq!(token(&http, &mock.url, "ci", "wrong").await.0, StatusCode::UNAUTHORIZED);
    let (status, body) = token(&http, &mock.url, "ci", "cs").await;
    assert_eq!(status, StatusCode::OK);
    let bearer = body["access_token"].as_str().unwrap().to_owned();
    let (status, accounts) = get(&http, &format!("{}/v2025/accounts", mock.url), &bearer).await;
    assert_eq!((status, accounts.as_array().map(Vec::len)), (StatusCode::OK, Some(7)));
    // --seed 3: not the ids of seed 0.
    assert_ne!(accounts[0]["id"].as_str(), Some(sailpoint_mock_tenant::data::id(1, 0).as_str()));
    let (_, roles) = get(&http, &format!("{}/roles/v1", mock.url), &bearer).await;
    assert_eq!(roles.as_array().map(Vec::len), Some(2));
    // --versions: beta is not served.
    let (status, error) = get(&http, &format!("{}/beta/accounts", mock.url), &bearer).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(error["messages"][0]["text"].as_str().unwrap().contains("serves v2025, apis only"), "{error}");
}

#[tokio::test]
async fn by_default_any_non_empty_credentials_get_a_token() {
    let mock = Running::start(&["--accounts", "1"]);
    let http = reqwest::Client::new();
    assert_eq!(token(&http, &mock.url, "python-sdk", "secret").await.0, StatusCode::OK);
    assert_eq!(token(&http, &mock.url, "", "secret").await.0, StatusCode::UNAUTHORIZED);
}

#[test]
fn bad_flags_exit_nonzero_with_a_clear_message() {
    for (args, wanted) in [
        (&["--versions", "v2023"][..], "unknown version `v2023`; the mock serves beta, v2024, v2025, apis"),
        (&["--accounts=-3"][..], "invalid value '-3' for '--accounts <N>'"),
        (&["--port", "http"][..], "invalid value 'http' for '--port <PORT>'"),
        (&["--nope"][..], "unexpected argument '--nope'"),
        (&["--client-secret", "s"][..], "--client-id <ID>"),
    ] {
        let output = run(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(wanted), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(output.stdout.is_empty());
    }
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in ["--port", "--seed", "--versions", "--access-profiles", "--token-lifetime", "--rate-limit-every", "--wrong-type-every", "--latency-ms"] {
        assert!(text.contains(flag), "--help lists {flag}");
    }
}

#[test]
fn a_port_in_use_is_an_error_not_a_panic() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = run(&["--port", &port]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
