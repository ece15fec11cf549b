//! The `qdfh` binary: parse arguments, run a command, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = qdfh::cli::Cli::parse();
    match qdfh::cmd::run(&cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("Fehler: {err}");
            ExitCode::FAILURE
        }
    }
}
