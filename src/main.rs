//! The `qdfh` binary: parse arguments, run a command, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;

// typst allocates and frees many small objects; glibc's malloc and free took
// 13 % of a build's profile.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
