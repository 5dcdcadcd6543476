//! `patient-zero generate`: records from the knowledge base, written to a directory.

use super::KnowledgeArg;
use super::llm_args::LlmArgs;
use crate::case::{self, Department};
use crate::config::Backend;
use crate::generate::llm_batch::{self, Batch};
use crate::generate::llm_writer::Writer;
use crate::generate::{self, Request, Sampling, Stage, Summary};
use crate::prompts::Prompts;
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
    /// Have a model reword each record (its chief complaint) over the offline
    /// skeleton, checked against it; records already in --out are skipped
    #[arg(long = "llm")]
    pub use_llm: bool,
    /// With --llm, model requests in flight at once (several --endpoint are shared round-robin)
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub concurrency: u32,
    #[command(flatten)]
    pub llm: LlmArgs,
}

/// Writes via a temporary file and a rename, so an interrupted run never leaves half a record.
pub fn write_atomic(dir: &Path, id: &str, text: &str) -> std::io::Result<()> {
    crate::files::write_atomic(&dir.join(format!("{id}.yaml")), text.as_bytes())
}

/// Writes one finished record to `--out`, or nothing with `--dry-run`.
fn save(args: &Args, case: &case::Case, text: &str) -> anyhow::Result<()> {
    if args.dry_run {
        return Ok(());
    }
    write_atomic(&args.out, &case.id, text)
        .with_context(|| format!("cannot write {} to {}", case.id, args.out.display()))
}

/// The records' progress bar, hidden when `hidden`.
fn progress(hidden: bool, count: u64) -> ProgressBar {
    let bar = if hidden {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(count)
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} records, {per_sec}, {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let writers = if args.use_llm || args.llm.backend == Some(Backend::Llm) {
        Some(writers(&args)?)
    } else {
        if !args.llm.endpoint.is_empty() || args.llm.model.is_some() {
            bail!("--endpoint and --model are for the model's wording; add --llm");
        }
        None
    };
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
    if let Some(writers) = writers {
        return run_llm(&args, &req, &writers);
    }
    let bar = progress(args.quiet || args.count < 500, args.count);
    let started = Instant::now();
    let summary = generate::run(
        &req,
        args.count,
        |case, text| save(&args, case, text),
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
    report_given_up(&s.given_up);
}

/// One writer per request in flight, worker `i` on endpoint `i % endpoints`;
/// every setting is checked here, before any record is built.
fn writers(args: &Args) -> anyhow::Result<Vec<Writer>> {
    if args.llm.backend == Some(Backend::Offline) {
        bail!("--llm needs a model; it does not go with --backend offline");
    }
    let config = crate::config::load().map_err(|e| anyhow::anyhow!("{e}"))?;
    let endpoints = args.llm.endpoints(&config);
    if endpoints.is_empty() {
        bail!("--llm needs a server: pass --endpoint URL or set llm.endpoint in config.yaml");
    }
    let settings = endpoints
        .iter()
        .map(|e| args.llm.settings(&config, e))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let prompts = Prompts::default_location().map_err(anyhow::Error::msg)?;
    let n = args.concurrency as usize;
    if n < endpoints.len() {
        eprintln!(
            "note: --concurrency {n} uses only the first {n} of the {} endpoints",
            endpoints.len()
        );
    }
    (0..n)
        .map(|i| {
            Writer::new(settings[i % settings.len()].clone(), prompts.clone()).with_context(|| {
                format!(
                    "cannot use the model server {}",
                    endpoints[i % endpoints.len()]
                )
            })
        })
        .collect()
}

fn run_llm(args: &Args, req: &Request<'_>, writers: &[Writer]) -> anyhow::Result<ExitCode> {
    // Model calls are slow: the bar shows from the first record.
    let bar = progress(args.quiet, args.count);
    let started = Instant::now();
    // A record already written and still valid is not asked for again.
    let skip = |id: &str| {
        let path = args.out.join(format!("{id}.yaml"));
        path.is_file() && case::load(&path, Some(req.kb)).is_ok()
    };
    let batch = llm_batch::run(
        req,
        args.count,
        writers,
        skip,
        |case, text| save(args, case, text),
        || bar.inc(1),
    )?;
    bar.finish_and_clear();
    report_llm(&batch, args, writers, started.elapsed().as_secs_f64());
    Ok(if batch.given_up.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn report_llm(b: &Batch, args: &Args, writers: &[Writer], secs: f64) {
    let (verb, place) = if args.dry_run {
        ("built", " (dry run)".to_string())
    } else {
        ("wrote", format!(" to {}", args.out.display()))
    };
    eprintln!(
        "{verb} {} record{}{place} in {secs:.2} s ({:.2} records/s); skipped {} already written",
        b.written,
        if b.written == 1 { "" } else { "s" },
        b.written as f64 / secs.max(1e-9),
        b.skipped
    );
    let t = &b.tally;
    let mut endpoints: Vec<&str> = writers
        .iter()
        .map(|w| w.settings().base_url.as_str())
        .collect();
    endpoints.sort_unstable();
    endpoints.dedup();
    let model = writers.first().map_or("", |w| w.settings().model.as_str());
    eprintln!(
        "wording by {model} ({} endpoint{}, {} in flight):",
        endpoints.len(),
        if endpoints.len() == 1 { "" } else { "s" },
        writers
            .len()
            .min(usize::try_from(args.count).unwrap_or(usize::MAX))
    );
    let refused: Vec<String> = t
        .refused
        .iter()
        .map(|(why, n)| format!("{why} {n}"))
        .collect();
    let refused = if refused.is_empty() {
        String::new()
    } else {
        format!("  (refused: {})", refused.join(", "))
    };
    eprintln!("  rewritten fields     {}", t.rewritten);
    eprintln!("  regenerations        {}{refused}", t.regenerations);
    eprintln!("  kept template        {}", t.kept_template);
    let why = t
        .first_failure
        .as_deref()
        .map(|w| format!("  (first: {w})"))
        .unwrap_or_default();
    eprintln!("  model failed         {}{why}", t.model_failed);
    eprintln!("  model calls          {}", t.calls);
    if b.checkpoint_failures > 0 {
        eprintln!(
            "  skeleton checkpoint failures (stage regenerated) {}",
            b.checkpoint_failures
        );
    }
    report_given_up(&b.given_up);
}

/// The records given up at a stage's checkpoint, the first five with why.
fn report_given_up(given_up: &[(u64, String)]) {
    if given_up.is_empty() {
        return;
    }
    eprintln!(
        "given up after {} attempts at a stage: {}",
        generate::MAX_STAGE_ATTEMPTS,
        given_up.len()
    );
    for (i, why) in given_up.iter().take(5) {
        eprintln!("  record {i}: {why}");
    }
}
