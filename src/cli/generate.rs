//! `patient-zero generate`: placeholder until the generator lands in this change.
use std::process::ExitCode;
#[derive(Debug, clap::Args)]
pub struct Args {}
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    Ok(ExitCode::FAILURE)
}
