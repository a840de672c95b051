//! `cargo run -p sailpoint-mock-tenant -- --port 8080`: the mock tenant as
//! a process, for other clients (the Python and Go SDKs, curl). It serves
//! on 127.0.0.1 only; its first line on stdout is
//! `listening on http://127.0.0.1:PORT`. `--help` lists the flags.

use clap::{Args, Parser, ValueEnum};
use sailpoint_mock_tenant::{check_versions, Config, DropKind, Faults, MockTenant, RateLimit, TokenFailure};
use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

/// A mock SailPoint ISC tenant on 127.0.0.1: every operation of beta,
/// v2024, v2025 and the current API, a store of the main resources, and
/// seeded faults. Its first line on stdout is
/// `listening on http://127.0.0.1:PORT`.
#[derive(Parser, Debug)]
#[command(name = "sailpoint-mock-tenant", version)]
struct Cli {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Seed of the store's data and of the fault schedules: the same seed
    /// gives the same records and the same faults.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Serve only these versions, comma-separated (beta, v2024, v2025,
    /// apis = the current per-resource API); default all.
    #[arg(long, value_delimiter = ',', value_name = "VERSION,...", value_parser = known_version)]
    versions: Vec<String>,
    #[command(flatten)]
    sizes: Sizes,
    #[command(flatten)]
    auth: Auth,
    #[command(flatten)]
    lists: Lists,
    #[command(flatten)]
    faults: FaultFlags,
}

/// How many records of each resource the store starts with.
#[derive(Args, Debug)]
#[command(next_help_heading = "Store sizes")]
struct Sizes {
    #[arg(long, value_name = "N", default_value_t = Config::default().accounts)]
    accounts: usize,
    #[arg(long, value_name = "N", default_value_t = Config::default().identities)]
    identities: usize,
    #[arg(long, value_name = "N", default_value_t = Config::default().machine_identities)]
    machine_identities: usize,
    #[arg(long, value_name = "N", default_value_t = Config::default().sources)]
    sources: usize,
    #[arg(long, value_name = "N", default_value_t = Config::default().entitlements)]
    entitlements: usize,
    #[arg(long, value_name = "N", default_value_t = Config::default().access_profiles)]
    access_profiles: usize,
    #[arg(long, value_name = "N", default_value_t = Config::default().roles)]
    roles: usize,
    /// Governance groups.
    #[arg(long, value_name = "N", default_value_t = Config::default().workgroups)]
    workgroups: usize,
    #[arg(long, value_name = "N", default_value_t = Config::default().transforms)]
    transforms: usize,
}

#[derive(Args, Debug)]
#[command(next_help_heading = "Authentication")]
struct Auth {
    /// Accept only this client id (with --client-secret). Without both,
    /// any non-empty client id and secret get a token.
    #[arg(long, value_name = "ID", requires = "client_secret", value_parser = non_empty)]
    client_id: Option<String>,
    /// The secret of --client-id.
    #[arg(long, value_name = "SECRET", requires = "client_id", value_parser = non_empty)]
    client_secret: Option<String>,
    /// Seconds an access token lives.
    #[arg(long, value_name = "SECS", default_value_t = Config::default().token_lifetime.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    token_lifetime: u64,
}

#[derive(Args, Debug)]
#[command(next_help_heading = "Lists")]
struct Lists {
    /// Answer an offset at or past the end of a non-empty list with 400,
    /// as some ISC endpoints do.
    #[arg(long)]
    offset_past_end_is_error: bool,
    /// Never send X-Total-Count, even with count=true.
    #[arg(long)]
    no_total_count: bool,
}

/// The fault knobs (`sailpoint_mock_tenant::Faults`); all off by default.
/// An `--*-every K` flag hits every K-th event of its kind, shifted by --seed.
#[derive(Args, Debug)]
#[command(next_help_heading = "Faults")]
struct FaultFlags {
    /// Answer every K-th API request 429 with Retry-After.
    #[arg(long, value_name = "K", value_parser = every())]
    rate_limit_every: Option<u64>,
    /// The Retry-After seconds of injected 429s (API and token endpoint).
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    retry_after: u64,
    /// Answer every K-th API request 503.
    #[arg(long, value_name = "K", value_parser = every())]
    server_error_every: Option<u64>,
    /// Revoke every token on every K-th API request (it gets 401).
    #[arg(long, value_name = "K", value_parser = every())]
    revoke_tokens_every: Option<u64>,
    /// Fail every K-th POST /oauth/token.
    #[arg(long, value_name = "K", value_parser = every())]
    token_failure_every: Option<u64>,
    /// How those token requests fail.
    #[arg(long, value_enum, value_name = "KIND", default_value_t = TokenFailureKind::ServiceUnavailable)]
    token_failure_kind: TokenFailureKind,
    /// Drop the connection of every K-th API request.
    #[arg(long, value_name = "K", value_parser = every())]
    drop_connection_every: Option<u64>,
    /// How those connections are dropped.
    #[arg(long, value_enum, value_name = "KIND", default_value_t = DropFlag::Alternating)]
    drop_kind: DropFlag,
    /// ISC's per-client-id rate limit: at most N API requests per window
    /// per client id, then 429 with Retry-After (ISC: 100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    rate_limit: Option<u64>,
    /// The window of --rate-limit, in milliseconds (ISC: 10000).
    #[arg(long, value_name = "MS", default_value_t = 10_000, requires = "rate_limit", value_parser = clap::value_parser!(u64).range(1..))]
    rate_limit_window_ms: u64,
    /// Data drift: one field of every K-th account has the wrong JSON type.
    #[arg(long, value_name = "K", value_parser = every())]
    wrong_type_every: Option<u64>,
    /// Latency added to every API request, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    latency_ms: u64,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum TokenFailureKind {
    /// 503.
    ServiceUnavailable,
    /// 429 with --retry-after.
    TooManyRequests,
    /// 503, then 429, in turn.
    Alternating,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum DropFlag {
    /// Close before any response byte.
    BeforeHeaders,
    /// Send the headers and half the body, then close.
    MidBody,
    /// Before headers, then mid-body, in turn.
    Alternating,
}

/// `K` of an `--*-every` flag: 0 would never hit, so it is refused.
fn every() -> clap::builder::RangedU64ValueParser<u64> {
    clap::value_parser!(u64).range(1..)
}

fn non_empty(value: &str) -> Result<String, String> {
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    Ok(value.to_owned())
}

fn known_version(value: &str) -> Result<String, String> {
    check_versions(&[value])?;
    Ok(value.to_owned())
}

impl Cli {
    fn config(&self) -> Config {
        let sizes = &self.sizes;
        let f = &self.faults;
        let retry_after_seconds = f.retry_after;
        let mut config = Config {
            seed: self.seed,
            accounts: sizes.accounts,
            identities: sizes.identities,
            machine_identities: sizes.machine_identities,
            sources: sizes.sources,
            entitlements: sizes.entitlements,
            access_profiles: sizes.access_profiles,
            roles: sizes.roles,
            workgroups: sizes.workgroups,
            transforms: sizes.transforms,
            token_lifetime: Duration::from_secs(self.auth.token_lifetime),
            versions: self.versions.clone(),
            offset_past_end_is_error: self.lists.offset_past_end_is_error,
            send_total_count: !self.lists.no_total_count,
            faults: Faults {
                seed: self.seed,
                rate_limit_every: f.rate_limit_every,
                retry_after_seconds,
                server_error_every: f.server_error_every,
                revoke_tokens_every: f.revoke_tokens_every,
                token_failure_every: f.token_failure_every,
                token_failure: match f.token_failure_kind {
                    TokenFailureKind::ServiceUnavailable => TokenFailure::ServiceUnavailable,
                    TokenFailureKind::TooManyRequests => TokenFailure::TooManyRequests { retry_after_seconds },
                    TokenFailureKind::Alternating => TokenFailure::Alternating { retry_after_seconds },
                },
                drop_connection_every: f.drop_connection_every,
                drop: match f.drop_kind {
                    DropFlag::BeforeHeaders => DropKind::BeforeHeaders,
                    DropFlag::MidBody => DropKind::MidBody,
                    DropFlag::Alternating => DropKind::Alternating,
                },
                rate_limit: f.rate_limit.map(|requests| RateLimit {
                    requests: usize::try_from(requests).unwrap_or(usize::MAX),
                    window: Duration::from_millis(f.rate_limit_window_ms),
                }),
                wrong_type_every: f.wrong_type_every,
                latency: Duration::from_millis(f.latency_ms),
            },
            ..Config::default()
        };
        if let (Some(id), Some(secret)) = (&self.auth.client_id, &self.auth.client_secret) {
            config.client_id = id.clone();
            config.client_secret = secret.clone();
            config.strict_credentials = true;
        }
        config
    }
}

fn main() -> ExitCode {
    // Help and --version exit 0; a bad flag prints what is wrong and the
    // usage, and exits 2.
    let cli = Cli::parse();
    let config = cli.config();
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let address = SocketAddr::from(([127, 0, 0, 1], cli.port));
        let strict = config.strict_credentials;
        let tenant = match MockTenant::start_at(config, address).await {
            Ok(tenant) => tenant,
            Err(e) => {
                eprintln!("error: cannot listen on {address}: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!("listening on {}", tenant.base_url());
        // Flushed now: a parent process waits for this line.
        let _ = std::io::stdout().flush();
        if !strict {
            eprintln!("credentials: any non-empty client id and secret (--client-id/--client-secret to require one pair)");
        }
        std::future::pending::<()>().await;
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind;
    use clap::CommandFactory;

    fn parse(line: &str) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("sailpoint-mock-tenant").chain(line.split_whitespace()))
    }

    fn config(line: &str) -> Config {
        parse(line).unwrap_or_else(|e| panic!("{line}: {e}")).config()
    }

    fn message(line: &str) -> (ErrorKind, String) {
        let error = parse(line).expect_err(line);
        (error.kind(), error.to_string())
    }

    #[test]
    fn the_flags_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_flags_is_the_library_default() {
        let (cli, default) = (parse("").unwrap(), Config::default());
        let config = cli.config();
        assert_eq!(cli.port, 0);
        assert_eq!(
            (config.accounts, config.identities, config.roles, config.transforms, config.token_lifetime),
            (default.accounts, default.identities, default.roles, default.transforms, default.token_lifetime)
        );
        assert!(!config.strict_credentials && config.versions.is_empty() && config.send_total_count);
        assert_eq!((config.faults.rate_limit_every, config.faults.rate_limit, config.faults.latency), (None, None, Duration::ZERO));
    }

    #[test]
    fn sizes_seed_versions_and_credentials_set_the_config() {
        let cli = parse("--port 8080 --seed 7 --accounts 10 --identities 3 --machine-identities 2 --sources 5 --entitlements 6 --access-profiles 4 --roles 1 --workgroups 9 --transforms 8 --versions v2025,beta --client-id me --client-secret s3 --token-lifetime 20").unwrap();
        assert_eq!(cli.port, 8080);
        let c = cli.config();
        assert_eq!(
            [c.accounts, c.identities, c.machine_identities, c.sources, c.entitlements, c.access_profiles, c.roles, c.workgroups, c.transforms],
            [10, 3, 2, 5, 6, 4, 1, 9, 8]
        );
        assert_eq!((c.seed, c.faults.seed), (7, 7));
        assert_eq!(c.versions, ["v2025", "beta"]);
        assert_eq!((c.client_id.as_str(), c.client_secret.as_str(), c.strict_credentials), ("me", "s3", true));
        assert_eq!(c.token_lifetime, Duration::from_secs(20));
    }

    #[test]
    fn every_fault_knob_has_a_flag() {
        let f = config(
            "--rate-limit-every 7 --retry-after 2 --server-error-every 11 --revoke-tokens-every 13 --token-failure-every 3 --token-failure-kind alternating \
             --drop-connection-every 500 --drop-kind mid-body --rate-limit 100 --rate-limit-window-ms 1500 --wrong-type-every 17 --latency-ms 20",
        )
        .faults;
        assert_eq!(
            (f.rate_limit_every, f.retry_after_seconds, f.server_error_every, f.revoke_tokens_every, f.token_failure_every, f.drop_connection_every, f.wrong_type_every),
            (Some(7), 2, Some(11), Some(13), Some(3), Some(500), Some(17))
        );
        assert_eq!(f.token_failure, TokenFailure::Alternating { retry_after_seconds: 2 });
        assert_eq!(f.drop, DropKind::MidBody);
        assert_eq!(f.rate_limit, Some(RateLimit { requests: 100, window: Duration::from_millis(1500) }));
        assert_eq!(f.latency, Duration::from_millis(20));
        let lists = config("--offset-past-end-is-error --no-total-count");
        assert!(lists.offset_past_end_is_error && !lists.send_total_count);
        assert_eq!(config("--token-failure-kind too-many-requests --retry-after 4").faults.token_failure, TokenFailure::TooManyRequests { retry_after_seconds: 4 });
    }

    #[test]
    fn bad_flags_say_what_is_wrong() {
        let cases: [(&str, ErrorKind, &str); 9] = [
            ("--port", ErrorKind::InvalidValue, "--port <PORT>"),
            ("--port 70000", ErrorKind::ValueValidation, "70000"),
            ("--accounts many", ErrorKind::ValueValidation, "many"),
            ("--colour red", ErrorKind::UnknownArgument, "--colour"),
            ("--versions v2025,v2023", ErrorKind::ValueValidation, "unknown version `v2023`; the mock serves beta, v2024, v2025, apis"),
            ("--client-id me", ErrorKind::MissingRequiredArgument, "--client-secret"),
            ("--client-id= --client-secret=x", ErrorKind::ValueValidation, "must not be empty"),
            ("--rate-limit-every 0", ErrorKind::ValueValidation, "0 is not in 1.."),
            ("--drop-kind sometimes", ErrorKind::InvalidValue, "before-headers"),
        ];
        for (line, kind, wanted) in cases {
            let (got, text) = message(line);
            assert_eq!(got, kind, "{line}: {text}");
            assert!(text.contains(wanted), "{line}: {text}");
        }
        assert_eq!(message("--rate-limit-window-ms 5").0, ErrorKind::MissingRequiredArgument);
        assert_eq!(message("--help").0, ErrorKind::DisplayHelp);
    }
}
