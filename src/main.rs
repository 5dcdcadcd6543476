use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = patient_zero::cli::Cli::parse();
    match patient_zero::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("patient-zero: {e:#}");
            ExitCode::FAILURE
        }
    }
}
