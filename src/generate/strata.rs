//! Strata of age band × sex × severity, and how a batch is spread over them.

use super::sample::{self, Rng};
use crate::case::{Severity, Sex};
use crate::knowledge::Outline;
use rand::seq::SliceRandom;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Stratum {
    /// Index into the outline's `demographics.age_bands`.
    pub band: usize,
    pub sex: Sex,
    pub severity: Severity,
}

/// How records are spread over the strata of an outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Sampling {
    /// Cycle through every possible stratum in a shuffled order, so a batch
    /// covers age band × sex × severity evenly.
    #[default]
    Balanced,
    /// Draw each record's stratum from the outline's priors, so frequencies
    /// match the epidemiology.
    Prior,
}

/// Every stratum with a positive prior, with its prior weight.
pub fn strata(o: &Outline) -> Vec<(Stratum, f64)> {
    let mut out = Vec::new();
    for (band, b) in o.demographics.age_bands.iter().enumerate() {
        for sex in [Sex::Female, Sex::Male] {
            if o.constraints.sex.is_some_and(|only| only != sex) {
                continue;
            }
            for severity in Severity::ALL {
                let w = b.weight * o.demographics.sex.weight(sex) * o.severity.weight(severity);
                if w > 0.0 {
                    out.push((
                        Stratum {
                            band,
                            sex,
                            severity,
                        },
                        w,
                    ));
                }
            }
        }
    }
    out
}

/// The stratum of the `k`-th record of this outline in a batch.
pub fn stratum_for(
    o: &Outline,
    sampling: Sampling,
    seed: u64,
    outline_index: u64,
    k: u64,
    rng: &mut Rng,
) -> Option<Stratum> {
    let all = strata(o);
    if all.is_empty() {
        return None;
    }
    match sampling {
        Sampling::Prior => {
            let i = sample::weighted_index(rng, all.iter().map(|(_, w)| *w))?;
            Some(all[i].0)
        }
        Sampling::Balanced => {
            // Each full cycle visits every stratum once, in an order shuffled per cycle.
            let n = all.len() as u64;
            let cycle = k / n;
            let mut order: Vec<usize> = (0..all.len()).collect();
            let mut shuffle = sample::stream(
                sample::keyed(seed, &o.id),
                outline_index.wrapping_mul(1 << 32) + cycle,
                7,
            );
            order.shuffle(&mut shuffle);
            Some(all[order[(k % n) as usize]].0)
        }
    }
}
