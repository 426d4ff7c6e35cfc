//! `casus serve`: the HTTP API and dashboard over a store (the
//! casus-serve crate does the work; this is flags and exit codes).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Flags of `casus serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The store (default: $CASUS_DB or ./casus.db); opened read-only.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Address to listen on. Loopback by default; another address makes
    /// the (read-only) API reachable from other machines.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
}

/// Runs `casus serve` until Ctrl-C.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let path = super::events::db_path(&args.db);
    let mut config = casus_serve::Config::new(path.clone());
    config.addr = args.addr;
    casus_serve::run(config)
        .with_context(|| format!("serving {}", path.display()))?;
    Ok(ExitCode::SUCCESS)
}
