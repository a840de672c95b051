//! The official Python SDK (`pip install 'sailpoint<2'`) on the same mock and
//! workload, when it installs; otherwise the report says why not.

use super::measure::{self, spread, Measured};
use super::report::Report;
use anyhow::Result;
use std::path::Path;
use std::process::Command;

/// Streams or lists every account with the SDK's own paginator.
const SCRIPT: &str = r#"
import sys
import sailpoint.v2024
from sailpoint.configuration import Configuration, ConfigurationParams
from sailpoint.paginator import Paginator

url, mode, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
params = ConfigurationParams()
params.base_url = url
params.client_id = "bench-id"
params.client_secret = "bench-secret"
config = Configuration(params)
with sailpoint.v2024.ApiClient(config) as client:
    api = sailpoint.v2024.AccountsApi(client)
    if mode == "stream":
        if not hasattr(Paginator, "paginate_stream"):
            print("unsupported")
            sys.exit(0)
        count = sum(1 for _ in Paginator.paginate_stream(api.list_accounts, n, limit=250))
    else:
        count = len(Paginator.paginate(api.list_accounts, n, limit=250))
# The SDK's paginator prints progress to stdout: the count goes last.
print(count)
"#;

/// The field simulation: the list mode, exceptions caught so a failure is
/// reported with what caused it. The last line is JSON.
const FIELD_SCRIPT: &str = r#"
import json
import sys
import sailpoint.v2024
from sailpoint.configuration import Configuration, ConfigurationParams
from sailpoint.paginator import Paginator

url, n = sys.argv[1], int(sys.argv[2])
params = ConfigurationParams()
params.base_url = url
params.client_id = "bench-id"
params.client_secret = "bench-secret"
config = Configuration(params)
try:
    with sailpoint.v2024.ApiClient(config) as client:
        api = sailpoint.v2024.AccountsApi(client)
        accounts = Paginator.paginate(api.list_accounts, n, limit=250)
    print(json.dumps({"distinct": len({a.id for a in accounts})}))
except Exception as error:
    status = getattr(error, "status", None)
    print(json.dumps({"distinct": 0, "error": f"{type(error).__name__} (HTTP {status})"}))
"#;

/// One run of the Python SDK on the field simulation.
pub struct FieldRun {
    pub measured: Measured,
    pub distinct: u64,
    pub error: Option<String>,
}

/// The official SDK's list mode on the field simulation (v2024 accounts:
/// the mock serves the same data under both versions). `Err` says why it
/// could not run.
pub fn field(work: &Path, url: &str, n: usize) -> Result<FieldRun, String> {
    let python = install(work)?;
    let script = work.join("field.py");
    std::fs::write(&script, FIELD_SCRIPT).map_err(|e| e.to_string())?;
    let (measured, stdout) = measure::run(Command::new(&python).arg(&script).args([url, &n.to_string()])).map_err(|e| format!("{e:#}"))?;
    let last = stdout.lines().last().unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(last).map_err(|e| format!("unexpected output `{last}`: {e}"))?;
    Ok(FieldRun {
        measured,
        distinct: value["distinct"].as_u64().unwrap_or(0),
        error: value["error"].as_str().map(str::to_owned),
    })
}

pub fn compare(work: &Path, url: &str, n: usize, runs: usize, hand_wall: f64, report: &mut Report) -> Result<()> {
    report.section("Official Python SDK on the same mock (its own Paginator)");
    let python = match install(work) {
        Ok(python) => python,
        Err(reason) => {
            report.note(&format!("Python comparison not run: {reason}"));
            return Ok(());
        }
    };
    std::fs::write(work.join("paginate.py"), SCRIPT)?;
    // Importing the SDK alone takes seconds; reported apart so the paging
    // figures can be read with and without it.
    let imports: Vec<Measured> = (0..runs)
        .map(|_| measure::run(Command::new(&python).args(["-c", "import sailpoint.v2024"])).map(|(measured, _)| measured))
        .collect::<Result<_>>()?;
    let import_wall = spread(&imports.iter().map(|m| m.wall.as_secs_f64()).collect::<Vec<_>>());
    report.row("Python SDK `import sailpoint.v2024` alone: wall s", &import_wall.to_string(), "");
    // Said after the table, so a mode that cannot run does not split it.
    let mut notes = Vec::new();
    for mode in ["stream", "list"] {
        let mut results: Vec<Measured> = Vec::new();
        for _ in 0..runs {
            let mut command = Command::new(&python);
            command.arg(work.join("paginate.py")).args([url, mode, &n.to_string()]);
            match measure::run(&mut command) {
                Ok((measured, stdout)) => match stdout.lines().last().unwrap_or("").trim() {
                    last if last == n.to_string() => results.push(measured),
                    "unsupported" => {
                        notes.push(format!("Python {mode}: this SDK version has no paginate_stream"));
                        break;
                    }
                    last => {
                        notes.push(format!("Python {mode}: returned `{last}` items, not {n}; not counted"));
                        break;
                    }
                },
                Err(error) => {
                    notes.push(format!("Python {mode} failed: {error:#}"));
                    break;
                }
            }
        }
        if results.is_empty() {
            continue;
        }
        let wall = spread(&results.iter().map(|m| m.wall.as_secs_f64()).collect::<Vec<_>>());
        let rss = spread(&results.iter().map(|m| m.peak_rss_mb).collect::<Vec<_>>());
        report.row(&format!("Python SDK {mode}: wall s / peak RSS MB"), &format!("{wall} / {rss}"), "");
        notes.push(format!(
            "Python {mode} / hand-written Rust wall: {:.1} ({:.1} without the import)",
            wall.median / hand_wall,
            (wall.median - import_wall.median) / hand_wall
        ));
    }
    for note in notes {
        report.note(&note);
    }
    Ok(())
}

/// A virtualenv with the SDK, under target/bench.
fn install(work: &Path) -> Result<std::path::PathBuf, String> {
    std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
    let venv = work.join("python");
    let python = venv.join("bin/python");
    if !python.exists() {
        let status = Command::new("python3").args(["-m", "venv"]).arg(&venv).status().map_err(|e| format!("python3 not available: {e}"))?;
        if !status.success() {
            return Err("`python3 -m venv` failed (is python3-venv installed?)".into());
        }
    }
    // The 1.x line is the one with per-version modules (`sailpoint.v2024`)
    // that the anchors' figures were taken with; 2.x regroups the APIs by
    // area under new paths (`/accounts/v1`).
    let status = Command::new(&python).args(["-m", "pip", "install", "--quiet", "sailpoint<2"]).status().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("`pip install 'sailpoint<2'` failed".into());
    }
    Ok(python)
}
