//! `config.yaml` in the platform config directory: defaults that flags
//! override. Written by hand, so an unknown key is an error with its line.

use crate::persona::Style;
use crate::problem::Problem;
use crate::tui::theme::ThemeName;
use crate::yaml::Document;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The reply style a chat starts in.
    #[serde(default)]
    pub style: Option<Style>,
    /// Start in instructor mode (diagnosis and examiner-only facts shown).
    #[serde(default)]
    pub instructor: bool,
    /// Where the case picker looks (default: ./cases).
    #[serde(default)]
    pub cases: Option<PathBuf>,
    /// Colours: auto (from the terminal), dark or light.
    #[serde(default)]
    pub theme: Option<ThemeName>,
    /// Who gives the patient its voice.
    #[serde(default)]
    pub backend: Option<Backend>,
    /// Where chat sessions and their exports are saved (default: the data directory).
    #[serde(default)]
    pub sessions: Option<PathBuf>,
    /// The model server, for `backend: llm`.
    #[serde(default)]
    pub llm: LlmConfig,
}

/// The model server: any OpenAI-compatible `/v1/chat/completions`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LlmConfig {
    /// Base URL ("http://127.0.0.1:11434" for Ollama; a trailing /v1 is fine).
    #[serde(default)]
    pub endpoint: Option<String>,
    /// More servers for bulk generation, shared round-robin with `endpoint`.
    #[serde(default)]
    pub endpoints: Vec<String>,
    #[serde(default)]
    pub model: Option<String>,
    /// The name of the environment variable holding the API key (never the key).
    #[serde(default)]
    pub api_key_env: Option<String>,
    #[serde(default)]
    pub connect_timeout_s: Option<f64>,
    /// Seconds to wait for the first token.
    #[serde(default)]
    pub first_token_timeout_s: Option<f64>,
    /// Seconds for a whole call, retries included.
    #[serde(default)]
    pub total_timeout_s: Option<f64>,
    #[serde(default)]
    pub retries: Option<u32>,
    /// Show a sentence the judge could not settle, flagged, instead of
    /// regenerating the reply (a developer's setting; off for trainees).
    #[serde(default)]
    pub show_unsettled: bool,
}

/// Who gives the patient its voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Backend {
    /// The embedded rule-based responder (no model, no network)
    #[default]
    Offline,
    /// An OpenAI-compatible model server (Ollama, llama.cpp, vLLM, hosted APIs)
    Llm,
}

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "patient-zero")
}

/// The config file's path, whether or not it exists.
pub fn path() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().join("config.yaml"))
}

/// The config, or the defaults when there is no file; a broken file is an error.
pub fn load() -> Result<Config, Problem> {
    match path() {
        Some(p) if p.exists() => load_from(&p),
        _ => Ok(Config::default()),
    }
}

pub fn load_from(path: &std::path::Path) -> Result<Config, Problem> {
    Document::read(path, 64 * 1024, "config file")?.parse()
}

/// Sends the app's logs to a daily file in the data directory (never to the
/// terminal the app draws on). Keep the guard alive for the whole run.
pub fn start_logging() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = dirs()?.data_dir().join("logs");
    std::fs::create_dir_all(&dir).ok()?;
    let (writer, guard) =
        tracing_appender::non_blocking(tracing_appender::rolling::daily(dir, "patient-zero.log"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(guard)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_file_sets_defaults_and_rejects_typos() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("config.yaml");
        std::fs::write(
            &good,
            "style: upset\ninstructor: true\ntheme: light\nbackend: offline\nsessions: /tmp/s\n",
        )
        .unwrap();
        let c = load_from(&good).unwrap();
        assert_eq!(c.style, Some(Style::Upset));
        assert!(c.instructor);
        assert_eq!(c.theme, Some(ThemeName::Light));
        assert_eq!(c.backend, Some(Backend::Offline));
        assert_eq!(c.sessions, Some(PathBuf::from("/tmp/s")));
        assert!(!c.llm.show_unsettled, "off unless asked for");
        std::fs::write(&good, "llm:\n  show_unsettled: true\n").unwrap();
        assert!(load_from(&good).unwrap().llm.show_unsettled);
        let bad = dir.path().join("bad.yaml");
        std::fs::write(&bad, "style: plain\nstlye: upset\n").unwrap();
        let p = load_from(&bad).unwrap_err();
        assert_eq!(p.line, 2);
        assert!(p.message.contains("unknown field `stlye`"), "{}", p.message);
        std::fs::write(&bad, "theme: sepia\n").unwrap();
        assert!(
            load_from(&bad)
                .unwrap_err()
                .message
                .contains("unknown variant `sepia`")
        );
        std::fs::write(&bad, "style: grumpy\n").unwrap();
        assert!(
            load_from(&bad)
                .unwrap_err()
                .message
                .contains("unknown variant `grumpy`")
        );
    }
}
