//! `patient-zero generate`: records from the knowledge base, written to a directory.

use super::KnowledgeArg;
use crate::case::Department;
use crate::generate::{self, Request, Sampling, Stage, Summary};
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only diseases of this department (psychiatry, urology, orthopedics,
    /// ophthalmology, endocrinology, general_surgery)
    #[arg(long, short = 'd', value_name = "D")]
    pub department: Option<String>,
    /// Only this disease (outline id such as acute_pancreatitis, or its name)
    #[arg(long, value_name = "X")]
    pub disease: Option<String>,
    /// Number of records; record i is of the i-th selected disease in turn
    /// (so fewer records than diseases covers only the first ones)
    #[arg(short = 'n', long, default_value_t = 12, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub count: u64,
    /// Seed; the same seed and options give the same bytes
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Directory the records are written to (created if missing)
    #[arg(long, default_value = "cases", value_name = "DIR")]
    pub out: PathBuf,
    /// How records are spread over age band × sex × severity
    #[arg(long, value_enum, default_value_t = Sampling::Balanced)]
    pub sampling: Sampling,
    /// Build and check the records but write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// No progress bar
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}

/// Writes via a temporary file and a rename, so an interrupted run never leaves half a record.
pub fn write_atomic(dir: &Path, id: &str, text: &str) -> std::io::Result<()> {
    crate::files::write_atomic(&dir.join(format!("{id}.yaml")), text.as_bytes())
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = args
        .knowledge
        .load()
        .map_err(|e| anyhow::anyhow!("the knowledge base does not load:\n{e}"))?;
    let department = match &args.department {
        None => None,
        Some(d) => Some(Department::from_slug(d).with_context(|| {
            let all: Vec<&str> = Department::ALL.iter().map(|d| d.slug()).collect();
            format!(
                "unknown department `{d}`; choose one of: {}",
                all.join(", ")
            )
        })?),
    };
    let outlines = kb.select(department, args.disease.as_deref());
    if outlines.is_empty() {
        let known: Vec<&str> = kb
            .select(department, None)
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        bail!(
            "no disease `{}`{}; known: {}",
            args.disease.as_deref().unwrap_or(""),
            department
                .map(|d| format!(" in {}", d.slug()))
                .unwrap_or_default(),
            known.join(", ")
        );
    }
    if !args.dry_run {
        std::fs::create_dir_all(&args.out)
            .with_context(|| format!("cannot create {}", args.out.display()))?;
    }
    let req = Request {
        kb: &kb,
        outlines,
        seed: args.seed,
        sampling: args.sampling,
    };
    let bar = if args.quiet || args.count < 500 {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(args.count)
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} records, {per_sec}, {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let summary = generate::run(
        &req,
        args.count,
        |case, text| {
            if args.dry_run {
                Ok(())
            } else {
                write_atomic(&args.out, &case.id, text)
                    .with_context(|| format!("cannot write {} to {}", case.id, args.out.display()))
            }
        },
        |done| bar.set_position(done),
    )?;
    bar.finish_and_clear();
    report(&summary, &args, started.elapsed().as_secs_f64());
    Ok(if summary.given_up.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn report(s: &Summary, args: &Args, secs: f64) {
    let verb = if args.dry_run { "built" } else { "wrote" };
    let place = if args.dry_run {
        String::new()
    } else {
        format!(" to {}", args.out.display())
    };
    eprintln!(
        "{verb} {} record{}{place} in {secs:.2} s ({:.0} records/s)",
        s.written,
        if s.written == 1 { "" } else { "s" },
        s.written as f64 / secs.max(1e-9)
    );
    eprintln!("checkpoint failures (stage regenerated):");
    for stage in Stage::ALL {
        let total = s.failures_in(stage);
        let mut top: Vec<(&String, &u64)> = s
            .failures
            .get(&stage)
            .map(|m| m.iter().collect())
            .unwrap_or_default();
        top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let shown: Vec<String> = top
            .iter()
            .take(4)
            .map(|(f, n)| format!("{f} {n}"))
            .collect();
        let detail = if shown.is_empty() {
            String::new()
        } else {
            format!("  ({})", shown.join(", "))
        };
        eprintln!("  {:<32} {total}{detail}", stage.label());
    }
    if !s.given_up.is_empty() {
        eprintln!(
            "given up after {} attempts at a stage: {}",
            generate::MAX_STAGE_ATTEMPTS,
            s.given_up.len()
        );
        for (i, why) in s.given_up.iter().take(5) {
            eprintln!("  record {i}: {why}");
        }
    }
}
