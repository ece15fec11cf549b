//! `qdfh serve`: starts the drop page (see [`crate::serve`]).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use super::CmdError;
use crate::cli::{Cli, ServeArgs};
use crate::project::Project;
use crate::serve::access::AccessCodes;
use crate::serve::{Options, Server};

/// The port used when none is given.
const DEFAULT_PORT: u16 = 8080;

/// Runs `qdfh serve`.
pub fn run(cli: &Cli, args: &ServeArgs) -> Result<ExitCode, CmdError> {
    let project = Project::open(&cli.project)?;
    let address = args.adresse.unwrap_or(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), DEFAULT_PORT));
    if !args.freigabe && !address.ip().is_loopback() {
        return Err(format!(
            "{address}: ohne --freigabe ist die Seite nur auf diesem Rechner erreichbar (127.0.0.1); \
             zum Freigeben im Netz: qdfh serve --freigabe --adresse {address}"
        )
        .into());
    }
    if args.freigabe && AccessCodes::load(&AccessCodes::path(&project.root))?.is_empty() {
        return Err("--freigabe braucht Zugangscodes; bitte zuerst „qdfh zugang“ ausführen".into());
    }
    let options = Options {
        shared: args.freigabe,
        upload_limit: args.max_mb as usize * 1_000_000,
        build_at_start: true,
        behind_proxy: args.hinter_proxy,
    };
    let server = Server::new(project, options)?;
    crate::serve::run(server, address, !args.kein_browser)?;
    Ok(ExitCode::SUCCESS)
}
