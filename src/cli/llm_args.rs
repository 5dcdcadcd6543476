//! The LLM flags shared by `chat`, `interview`, `check` and `generate --llm`:
//! which backend, which server and model, the name of the variable holding
//! the key. Flags override `config.yaml`'s `backend` and `llm:` settings.

use crate::agent::Voice;
use crate::config::{Backend, Config};
use crate::llm::Settings;
use crate::prompts::Prompts;
use anyhow::bail;
use std::time::Duration;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct LlmArgs {
    /// Who gives the patient its voice (default: `backend` in config.yaml; llm when --endpoint is given; else offline)
    #[arg(long, value_enum)]
    pub backend: Option<Backend>,
    /// Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:11434 (Ollama); default: `llm.endpoint` in config.yaml
    #[arg(long, value_name = "URL")]
    pub endpoint: Vec<String>,
    /// Model name as the server knows it (default: `llm.model` in config.yaml)
    #[arg(long, value_name = "NAME")]
    pub model: Option<String>,
    /// Name of the environment variable holding the API key (never the key itself)
    #[arg(long, value_name = "VAR")]
    pub api_key_env: Option<String>,
}

impl LlmArgs {
    pub fn backend(&self, config: &Config) -> Backend {
        self.backend
            .or(config.backend)
            .unwrap_or(if self.endpoint.is_empty() {
                Backend::Offline
            } else {
                Backend::Llm
            })
    }

    /// Every endpoint to use, flags first, else the config's.
    pub fn endpoints(&self, config: &Config) -> Vec<String> {
        if !self.endpoint.is_empty() {
            return self.endpoint.clone();
        }
        config
            .llm
            .endpoint
            .iter()
            .chain(&config.llm.endpoints)
            .cloned()
            .collect()
    }

    /// The settings for `endpoint`, from the flags and the config.
    pub fn settings(&self, config: &Config, endpoint: &str) -> anyhow::Result<Settings> {
        let Some(model) = self.model.clone().or_else(|| config.llm.model.clone()) else {
            bail!(
                "the LLM backend needs a model: pass --model NAME or set llm.model in config.yaml"
            );
        };
        let secs = |s: Option<f64>, default: Duration| {
            s.filter(|s| s.is_finite() && *s > 0.0)
                .map_or(default, Duration::from_secs_f64)
        };
        let d = Settings::default();
        Ok(Settings {
            base_url: endpoint.to_string(),
            model,
            api_key_env: self
                .api_key_env
                .clone()
                .or_else(|| config.llm.api_key_env.clone()),
            connect_timeout: secs(config.llm.connect_timeout_s, d.connect_timeout),
            first_token_timeout: secs(config.llm.first_token_timeout_s, d.first_token_timeout),
            total_timeout: secs(config.llm.total_timeout_s, d.total_timeout),
            retries: config.llm.retries.unwrap_or(d.retries),
            ..d
        })
    }

    /// The patient's voice these flags and the config ask for.
    pub fn voice(&self, config: &Config, seed: u64, chaos: f64) -> anyhow::Result<Voice> {
        match self.backend(config) {
            Backend::Offline if self.model.is_some() || self.api_key_env.is_some() => {
                bail!(
                    "--model and --api-key-env are for the LLM backend; add --backend llm or --endpoint URL"
                )
            }
            Backend::Offline => Ok(Voice::Offline { seed, chaos }),
            Backend::Llm => {
                if chaos > 0.0 {
                    bail!(
                        "--chaos corrupts the offline engine's candidates; it does not go with --backend llm"
                    );
                }
                let Some(endpoint) = self.endpoints(config).into_iter().next() else {
                    bail!(
                        "the LLM backend needs a server: pass --endpoint URL or set llm.endpoint in config.yaml"
                    );
                };
                let settings = self.settings(config, &endpoint)?;
                // Checked now, so a bad URL or a missing key is a plain message, not a failed turn.
                crate::llm::Blocking::new(settings.clone())?;
                let prompts = Prompts::default_location().map_err(anyhow::Error::msg)?;
                Ok(Voice::Llm {
                    settings,
                    prompts,
                    seed,
                })
            }
        }
    }
}
