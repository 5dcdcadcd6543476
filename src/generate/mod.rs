//! The staged generator (DESIGN.md, "Record construction"): outline →
//! attributes → symptoms and history → examinations, each stage checked and
//! regenerated on failure. Deterministic for a seed; parallel over records.

mod attributes;
mod exam;
pub mod llm_batch;
pub mod llm_writer;
mod pipeline;
pub mod sample;
mod story;
mod strata;
pub mod wording;

pub use attributes::Profile;
pub use pipeline::{Built, MAX_STAGE_ATTEMPTS, Request, Stage, Summary, run};
pub use strata::{Sampling, Stratum, strata};
