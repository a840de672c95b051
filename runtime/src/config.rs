//! Configuration compatible with the official SDKs: environment variables
//! `SAIL_BASE_URL`, `SAIL_CLIENT_ID`, `SAIL_CLIENT_SECRET`, then
//! `./config.json` (`BaseURL`, `ClientId`, `ClientSecret`).

use crate::error::Error;
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// Connection settings found in the environment or a config file.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// `https://{tenant}.api.identitynow.com`.
    pub base_url: Option<String>,
    /// OAuth client id or personal access token id.
    pub client_id: Option<String>,
    /// OAuth client secret or personal access token secret.
    pub client_secret: Option<String>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

#[derive(Deserialize)]
struct ConfigFile {
    #[serde(rename = "BaseURL")]
    base_url: Option<String>,
    #[serde(rename = "ClientId")]
    client_id: Option<String>,
    #[serde(rename = "ClientSecret")]
    client_secret: Option<String>,
}

impl Config {
    /// Reads the environment, then `./config.json` for what it lacks.
    pub fn discover() -> Result<Config, Error> {
        let env = Config::from_lookup(|name| std::env::var(name).ok());
        let file = Config::from_file(Path::new("config.json"))?;
        Ok(env.or(file))
    }

    /// Reads the `SAIL_*` variables through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Config {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        Config {
            base_url: get("SAIL_BASE_URL"),
            client_id: get("SAIL_CLIENT_ID"),
            client_secret: get("SAIL_CLIENT_SECRET"),
        }
    }

    /// Reads a `config.json`; a missing file is an empty config.
    pub fn from_file(path: &Path) -> Result<Config, Error> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::config(format!("cannot read {}: {e}", path.display()))),
        };
        let file: ConfigFile = serde_json::from_str(&text)
            .map_err(|e| Error::config(format!("{} is not a valid config file: {e}", path.display())))?;
        Ok(Config {
            base_url: file.base_url,
            client_id: file.client_id,
            client_secret: file.client_secret,
        })
    }

    /// Each value from `self`, or from `fallback` where `self` has none.
    pub fn or(self, fallback: Config) -> Config {
        Config {
            base_url: self.base_url.or(fallback.base_url),
            client_id: self.client_id.or(fallback.client_id),
            client_secret: self.client_secret.or(fallback.client_secret),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_wins_over_file_and_blank_is_missing() {
        let env = Config::from_lookup(|name| match name {
            "SAIL_BASE_URL" => Some("https://env.example".into()),
            "SAIL_CLIENT_ID" => Some("  ".into()),
            _ => None,
        });
        let dir = std::env::temp_dir().join(format!("sail-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("config.json");
        std::fs::write(&path, r#"{"BaseURL": "https://file.example", "ClientId": "id", "ClientSecret": "s3cret"}"#).unwrap();
        let merged = env.or(Config::from_file(&path).unwrap());
        assert_eq!(merged.base_url.as_deref(), Some("https://env.example"));
        assert_eq!(merged.client_id.as_deref(), Some("id"));
        assert!(!format!("{merged:?}").contains("s3cret"));
        std::fs::write(&path, "{not json").unwrap();
        assert!(Config::from_file(&path).unwrap_err().to_string().contains("not a valid config file"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
