//! The paper's measurements as commands: how accurate and diverse generated
//! records are (`eval generate`) and how consistent the patient stays over
//! scripted dialogues (`eval dialogue`).

pub mod dialogue;
pub mod generate;
pub mod metrics;
pub mod orders;
pub mod questions;
pub mod sets;
pub mod verifier;

/// `a / b`, or 0 when there is nothing to divide by.
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}
