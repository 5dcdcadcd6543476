//! The batch side of `generate --llm`: skeletons built and reworded by a
//! pool of writers, one thread each (so as many calls in flight as there are
//! writers, each on its endpoint), records taken in turn from a shared counter.

use super::llm_writer::{Tally, Writer, mix};
use super::pipeline::Request;
use crate::case::{self, Case, rules};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// What a batch did.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub written: u64,
    /// Records already in the output, valid, and left alone.
    pub skipped: u64,
    /// Records whose skeleton could not be built, with why.
    pub given_up: Vec<(u64, String)>,
    /// Skeleton stages regenerated at their checkpoints.
    pub checkpoint_failures: u64,
    pub tally: Tally,
}

impl Batch {
    fn add(&mut self, other: Batch) {
        self.written += other.written;
        self.skipped += other.skipped;
        self.given_up.extend(other.given_up);
        self.checkpoint_failures += other.checkpoint_failures;
        self.tally.add(&other.tally);
    }
}

/// Builds records `0..n` and has them reworded, one worker thread per
/// writer (so as many calls in flight as there are writers), taking records
/// in turn from a shared counter. A record whose id `skip` accepts is not
/// built; the others go to `sink` as they are finished. On a sink error the
/// workers stop after the record they are on.
pub fn run<E: Send>(
    req: &Request<'_>,
    n: u64,
    writers: &[Writer],
    skip: impl Fn(&str) -> bool + Sync,
    sink: impl Fn(&Case, &str) -> Result<(), E> + Sync,
    progress: impl Fn() + Sync,
) -> Result<Batch, E> {
    if req.outlines.is_empty() {
        return Ok(Batch::default());
    }
    let next = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let error: Mutex<Option<E>> = Mutex::new(None);
    let workers = writers.len().min(usize::try_from(n).unwrap_or(usize::MAX));
    let parts: Vec<Batch> = std::thread::scope(|scope| {
        let (next, stop, error) = (&next, &stop, &error);
        let (skip, sink, progress) = (&skip, &sink, &progress);
        let handles: Vec<_> = writers[..workers]
            .iter()
            .map(|writer| {
                scope.spawn(move || {
                    let mut part = Batch::default();
                    while !stop.load(Ordering::Acquire) {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= n {
                            break;
                        }
                        match one(req, index, writer, skip, sink) {
                            Ok(done) => part.add(done),
                            Err(e) => {
                                stop.store(true, Ordering::Release);
                                if let Ok(mut slot) = error.lock() {
                                    slot.get_or_insert(e);
                                }
                                break;
                            }
                        }
                        progress();
                    }
                    part
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    if let Some(e) = error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    let mut batch = Batch::default();
    for part in parts {
        batch.add(part);
    }
    batch.given_up.sort_by_key(|(i, _)| *i);
    Ok(batch)
}

fn one<E>(
    req: &Request<'_>,
    index: u64,
    writer: &Writer,
    skip: &impl Fn(&str) -> bool,
    sink: &impl Fn(&Case, &str) -> Result<(), E>,
) -> Result<Batch, E> {
    let mut done = Batch::default();
    let k = req.outlines.len() as u64;
    let outline = req.outlines[(index % k) as usize];
    if skip(&req.id(outline, index)) {
        done.skipped = 1;
        return Ok(done);
    }
    let built = req.build(index);
    done.checkpoint_failures = built.cost.failures.len() as u64;
    let skeleton = match built.result {
        Ok((skeleton, _)) => skeleton,
        Err(why) => {
            done.given_up.push((index, why));
            return Ok(done);
        }
    };
    let (mut case, mut tally) = writer.rewrite(&skeleton, mix(req.seed, index));
    // The new words cannot break a rule today; should a rule come to read
    // them, the record falls back to the skeleton rather than being written broken.
    if tally.rewritten > 0 && !rules::check_case(&case, Some(req.kb)).is_empty() {
        case = skeleton;
        tally.rewritten -= 1;
        tally.kept_template += 1;
    }
    sink(&case, &case::to_yaml(&case))?;
    done.written = 1;
    done.tally = tally;
    Ok(done)
}
