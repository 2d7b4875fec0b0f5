//! The `cco` binary: parse the command line and run.

use std::process::ExitCode;

fn main() -> ExitCode {
    match cco::cli::run() {
        Ok(code) => code,
        Err(error) => {
            cco::terminal::restore();
            eprintln!("cco: {error:#}");
            ExitCode::FAILURE
        }
    }
}
