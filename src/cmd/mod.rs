//! One module per subcommand; only these know about the folders of a run.

use std::process::ExitCode;

use crate::cli::{Cli, Command};

pub mod build;
pub mod check;
pub mod examples;
pub mod forms;
pub mod import;
pub mod init;
pub mod serve;
pub mod watch;
pub mod zugang;

/// A failure that ends a command; its Display is the German message.
pub type CmdError = Box<dyn std::error::Error + Send + Sync>;

/// Runs the chosen subcommand and returns its exit code: 0 success, 1 errors
/// in the inputs or a failed document (clap itself exits with 2 on usage errors).
pub fn run(cli: &Cli) -> Result<ExitCode, CmdError> {
    match &cli.command {
        Command::Check(args) => check::run(cli, args),
        Command::Forms(args) => forms::run(cli, args),
        Command::Init(args) => init::run(cli, args),
        Command::Import(args) => import::run(cli, args),
        Command::Build(args) => build::run(cli, args),
        Command::Watch(args) => watch::run(cli, args),
        Command::Serve(args) => serve::run(cli, args),
        Command::Zugang(args) => zugang::run(cli, args),
        Command::Examples(args) => examples::run(cli, args),
    }
}
