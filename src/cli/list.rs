//! `patient-zero list [DIR]`: the cases a trainee can pick from.

use super::KnowledgeArg;
use crate::case;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Directory of case files
    #[arg(default_value = "cases")]
    pub dir: PathBuf,
    /// Show the diagnosis and severity (instructor view)
    #[arg(long)]
    pub instructor: bool,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = if args.dir.as_os_str().is_empty() {
        PathBuf::from("cases")
    } else {
        args.dir
    };
    let kb = args.knowledge.load().ok();
    let paths =
        case::files_in(&dir).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", dir.display()))?;
    let mut broken = 0;
    for path in &paths {
        match case::load(path, kb.as_ref()) {
            Ok(c) => {
                let diagnosis = if args.instructor {
                    format!(
                        "  [{} · {} · {}]",
                        c.disease.department.slug(),
                        c.disease.name,
                        c.disease.severity
                    )
                } else {
                    String::new()
                };
                println!(
                    "{:<44} {:<24} {:>3} {:<6} \"{}\"{}",
                    c.id,
                    c.patient.name,
                    c.patient.age,
                    c.patient.sex,
                    c.chief_complaint,
                    diagnosis
                );
            }
            Err(e) => {
                broken += 1;
                eprintln!("{e}");
            }
        }
    }
    eprintln!(
        "{} cases in {} ({} with problems)",
        paths.len(),
        dir.display(),
        broken
    );
    Ok(if broken == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
