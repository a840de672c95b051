//! The official Python SDK 2.x (`pip install 'sailpoint>=2'`), which calls
//! the current per-resource paths (`/accounts/v1`), in its own virtualenv
//! beside the 1.x one (`python.rs`). Its layout, read from the installed
//! package (2.1.x): one partition per resource (`sailpoint.accounts`, with
//! `api/`, `models/` and its own `ApiClient`), flat lazy re-exports at the
//! top (`from sailpoint import ApiClient, AccountsApi`), operations named
//! with their version (`AccountsApi.list_accounts_v1`), and
//! `sailpoint.paginator.Paginator` with `paginate` (collects a list) and
//! `paginate_stream` (a generator, page by page).

use super::measure::{self, Measured};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Pages every account with the SDK's own paginator, 250 per page, and
/// prints one JSON line: delivered and distinct ids.
const SCRIPT: &str = r#"
import json
import sys
from sailpoint import AccountsApi, ApiClient, Configuration, ConfigurationParams, Paginator

url, mode, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
params = ConfigurationParams()
params.base_url = url
params.client_id = "bench-id"
params.client_secret = "bench-secret"
config = Configuration(params)
delivered = 0
ids = set()
with ApiClient(config) as client:
    api = AccountsApi(client)
    if mode == "paginate_stream":
        for account in Paginator.paginate_stream(api.list_accounts_v1, n, limit=250):
            delivered += 1
            ids.add(account.id)
    else:
        for account in Paginator.paginate(api.list_accounts_v1, n, limit=250):
            delivered += 1
            ids.add(account.id)
# Anything the SDK prints goes before: the figures are the last line.
print(json.dumps({"delivered": delivered, "distinct": len(ids)}))
"#;

/// What `import` alone costs, timed apart from the paging.
pub const IMPORT: &str = "from sailpoint import AccountsApi, ApiClient, Paginator";

/// The paginators compared, as the SDK names them.
pub const MODES: [&str; 2] = ["paginate_stream", "paginate"];

/// The venv's interpreter and the installed SDK version.
pub struct Sdk {
    pub python: PathBuf,
    pub version: String,
    script: PathBuf,
}

/// One run: measured from outside, and what it delivered.
pub struct Run {
    pub measured: Measured,
    pub delivered: u64,
    pub distinct: u64,
}

/// A virtualenv with the 2.x SDK under `work/python2`. `Err` says why it
/// could not be set up (no python3, no venv module, pip failed).
pub fn install(work: &Path) -> Result<Sdk, String> {
    std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
    let venv = work.join("python2");
    let python = venv.join("bin/python");
    if !python.exists() {
        let status = Command::new("python3").args(["-m", "venv"]).arg(&venv).status().map_err(|e| format!("python3 not available: {e}"))?;
        if !status.success() {
            return Err("`python3 -m venv` failed (is python3-venv installed?)".into());
        }
    }
    let status = Command::new(&python).args(["-m", "pip", "install", "--quiet", "sailpoint>=2,<3"]).status().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("`pip install 'sailpoint>=2,<3'` failed".into());
    }
    let version = Command::new(&python)
        .args(["-c", "import importlib.metadata as m; print(m.version('sailpoint'))"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown".into());
    let script = work.join("paginate_current.py");
    std::fs::write(&script, SCRIPT).map_err(|e| e.to_string())?;
    Ok(Sdk { python, version, script })
}

impl Sdk {
    /// `import` of the SDK and the accounts partition, nothing else.
    pub fn import(&self) -> Result<Measured> {
        Ok(measure::run(Command::new(&self.python).args(["-c", IMPORT]))?.0)
    }

    /// Every account of `/accounts/v1` at `url` with paginator `mode`.
    pub fn paginate(&self, url: &str, mode: &str, n: usize) -> Result<Run> {
        let mut command = Command::new(&self.python);
        command.arg(&self.script).args([url, mode, &n.to_string()]);
        let (measured, stdout) = measure::run(&mut command)?;
        let last = stdout.lines().last().unwrap_or_default();
        let value: serde_json::Value = serde_json::from_str(last).with_context(|| format!("Python {mode}: unexpected output {last:?}"))?;
        let (Some(delivered), Some(distinct)) = (value["delivered"].as_u64(), value["distinct"].as_u64()) else {
            bail!("Python {mode}: no counts in {last:?}");
        };
        Ok(Run { measured, delivered, distinct })
    }
}
