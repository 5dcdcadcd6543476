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
