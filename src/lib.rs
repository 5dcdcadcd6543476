//! Patient-Zero: synthetic patients built from disease knowledge alone, for
//! practising history-taking (arXiv 2509.11078, extended).

pub mod agent;
pub mod case;
pub mod cli;
pub mod config;
pub mod eval;
pub mod fhir;
pub mod files;
pub mod generate;
pub mod import;
pub mod knowledge;
pub mod language;
pub mod llm;
pub mod memory;
pub mod persona;
pub mod problem;
pub mod prompts;
pub mod prose;
pub mod session;
pub mod tui;
pub mod verify;
pub mod yaml;
