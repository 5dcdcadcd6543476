//! Generating the paper's full dataset size, 60,000 records, with the offline
//! engine: records per second and peak memory, in memory and written to disk.
//!
//! Run with `cargo bench --bench generate` (set PZ_BENCH_RECORDS to change N).
//! Files are written the way `patient-zero generate` writes them (temp file, rename).

use patient_zero::generate::{Request, Sampling, run};
use patient_zero::knowledge::KnowledgeBase;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Peak resident memory of this process so far, in MiB (Linux `VmHWM`).
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument that is not ours means skip.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"generate".contains(a.as_str()))
    {
        return;
    }
    let n: u64 = std::env::var("PZ_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60_000);
    let kb = KnowledgeBase::embedded().expect("knowledge base");
    let outlines = kb.outlines.iter().collect::<Vec<_>>();
    println!(
        "generate: {n} records over {} diseases, {} threads",
        outlines.len(),
        rayon::current_num_threads()
    );
    let req = Request {
        kb: &kb,
        outlines,
        seed: 1,
        sampling: Sampling::Balanced,
    };

    let mut best = f64::INFINITY;
    let mut bytes = 0usize;
    for round in 1..=3 {
        let t = Instant::now();
        let total = AtomicUsize::new(0);
        let summary = run(
            &req,
            n,
            |_, text| -> Result<(), ()> {
                total.fetch_add(text.len(), Ordering::Relaxed);
                Ok(())
            },
            |_| {},
        )
        .unwrap();
        let total = total.into_inner();
        let secs = t.elapsed().as_secs_f64();
        best = best.min(secs);
        bytes = total;
        println!(
            "  in memory, round {round}: {:.2} s, {:.0} records/s ({} written, {} given up)",
            secs,
            summary.written as f64 / secs,
            summary.written,
            summary.given_up.len()
        );
    }
    println!(
        "  in memory, best: {best:.2} s, {:.0} records/s, {:.1} MiB of YAML",
        n as f64 / best,
        bytes as f64 / 1048576.0
    );

    let dir = std::env::temp_dir().join(format!("pz-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let t = Instant::now();
    let summary = run(
        &req,
        n,
        |case, text| patient_zero::cli::generate::write_atomic(&dir, &case.id, text),
        |_| {},
    )
    .unwrap();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "  to files: {:.2} s, {:.0} records/s ({} files)",
        secs,
        summary.written as f64 / secs,
        summary.written
    );
    std::fs::remove_dir_all(&dir).ok();
    if let Some(mib) = peak_mib() {
        println!("  peak resident memory: {mib:.0} MiB");
    }
}
