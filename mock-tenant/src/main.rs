//! `cargo run -p sailpoint-mock-tenant -- --port 8080`: the mock tenant as
//! a process, for other clients (the Python and Go SDKs, curl). It serves
//! on 127.0.0.1 only; its first line on stdout is
//! `listening on http://127.0.0.1:PORT`.

use sailpoint_mock_tenant::{Config, MockTenant};
use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

const USAGE: &str = "usage: sailpoint-mock-tenant [--port PORT] [--accounts N] [--identities N] [--seed N] [--client-id ID] [--client-secret SECRET]

  --port PORT            port on 127.0.0.1 (0, the default, picks a free one)
  --accounts N           accounts in the store (default 1000)
  --identities N         identities in the store (default 500)
  --seed N               seed of the injected faults' schedules (default 0)
  --client-id ID         the accepted client id (default mock-client-id)
  --client-secret SECRET the accepted client secret (default mock-client-secret)";

/// What the command line asks for.
#[derive(Debug)]
struct Options {
    port: u16,
    config: Config,
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        port: 0,
        config: Config::default(),
    };
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = |what: &str| {
            value
                .parse::<usize>()
                .map_err(|_| format!("{flag} takes a {what}, not `{value}`"))
        };
        match flag.as_str() {
            "--port" => {
                options.port = value
                    .parse()
                    .map_err(|_| format!("--port takes a port number (0-65535), not `{value}`"))?
            }
            "--accounts" => options.config.accounts = number("count")?,
            "--identities" => options.config.identities = number("count")?,
            "--seed" => options.config.faults.seed = number("number")? as u64,
            "--client-id" => options.config.client_id = value,
            "--client-secret" => options.config.client_secret = value,
            other => return Err(format!("unknown flag `{other}`")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let address = SocketAddr::from(([127, 0, 0, 1], options.port));
        let tenant = match MockTenant::start_at(options.config, address).await {
            Ok(tenant) => tenant,
            Err(e) => {
                eprintln!("error: cannot listen on {address}: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!("listening on {}", tenant.base_url());
        // Flushed now: a parent process waits for this line.
        let _ = std::io::stdout().flush();
        std::future::pending::<()>().await;
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn flags_set_the_config_and_bad_ones_are_named() {
        let options = parse(args("--port 8080 --accounts 10 --identities 3 --seed 7")).unwrap();
        assert_eq!(
            (
                options.port,
                options.config.accounts,
                options.config.identities,
                options.config.faults.seed
            ),
            (8080, 10, 3, 7)
        );
        assert_eq!(parse(args("--port")).unwrap_err(), "--port needs a value");
        assert_eq!(
            parse(args("--accounts many")).unwrap_err(),
            "--accounts takes a count, not `many`"
        );
        assert_eq!(
            parse(args("--colour red")).unwrap_err(),
            "unknown flag `--colour`"
        );
    }
}
