//! The async client: one call is a loop of attempts with backoff between.

use super::attempt::TextSink;
use super::cancel::{Cancel, Guard};
use super::error::{LlmError, Redactor};
use super::message::{Completion, Request, SchemaForm};
use super::retry::wait_before;
use super::settings::Settings;
use super::wire::request_body;
use reqwest::Url;
use reqwest::header::HeaderValue;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::time::Instant;
use tracing::{debug, info};

/// A chat-completions client for one endpoint and model. Cheap to clone
/// (the connection pool is shared).
#[derive(Clone)]
pub struct Client {
    pub(super) settings: Settings,
    pub(super) endpoint: Url,
    pub(super) http: reqwest::Client,
    /// `Bearer KEY`, marked sensitive so the HTTP stack never logs it.
    pub(super) auth: Option<HeaderValue>,
    pub(super) redactor: Redactor,
    /// How this server takes a JSON Schema (an index into `SchemaForm::ALL`),
    /// learnt from its refusals and shared by the clones.
    schema_form: Arc<AtomicUsize>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.endpoint.as_str())
            .field("model", &self.settings.model)
            .field("api_key_env", &self.settings.api_key_env)
            .field("api_key", &self.auth.as_ref().map(|_| "[redacted]"))
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Checks the URL and reads the key from its environment variable (once,
    /// here), so a misconfiguration shows before the first turn.
    pub fn new(settings: Settings) -> Result<Client, LlmError> {
        let endpoint = settings.endpoint()?;
        let key = match &settings.api_key_env {
            Some(var) => Some(read_key(var)?),
            None => None,
        };
        let auth = match (&key, &settings.api_key_env) {
            (Some(key), Some(var)) => {
                let mut value = HeaderValue::from_str(&format!("Bearer {key}"))
                    .map_err(|_| LlmError::MissingKey { var: var.clone() })?;
                value.set_sensitive(true);
                Some(value)
            }
            _ => None,
        };
        let http = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .build()
            .map_err(|err| LlmError::Connect {
                url: crate::llm::error::shown(&endpoint),
                detail: format!("cannot set up the HTTP client ({err})"),
            })?;
        Ok(Client {
            settings,
            endpoint,
            http,
            auth,
            redactor: Redactor::new(key),
            schema_form: Arc::new(AtomicUsize::new(0)),
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// How a JSON Schema is asked of this server: the first form, until the
    /// server refuses one.
    pub fn schema_form(&self) -> SchemaForm {
        SchemaForm::ALL[self
            .schema_form
            .load(Ordering::Relaxed)
            .min(SchemaForm::ALL.len() - 1)]
    }

    /// One reply in one piece (`"stream": false`).
    pub async fn complete(&self, req: &Request, cancel: &Cancel) -> Result<Completion, LlmError> {
        self.call(req, cancel, TextSink::silent()).await
    }

    /// A streamed reply (`"stream": true`): `on_text` gets each piece as it
    /// arrives and the returned completion holds the whole text. Once a
    /// piece has been passed on, a failure is returned, never retried.
    pub async fn stream(
        &self,
        req: &Request,
        cancel: &Cancel,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<Completion, LlmError> {
        self.call(req, cancel, TextSink::new(on_text)).await
    }

    async fn call(
        &self,
        req: &Request,
        cancel: &Cancel,
        mut sink: TextSink<'_>,
    ) -> Result<Completion, LlmError> {
        let streaming = sink.is_streaming();
        let started = Instant::now();
        let guard = Guard::new(started + self.settings.total_timeout, cancel);
        let mut form = self.schema_form();
        let mut body = request_body(&self.settings.model, req, streaming, form)?;
        let (url, model) = (self.endpoint.as_str(), self.settings.model.as_str());
        let mut server_time = std::time::Duration::ZERO;
        let (mut attempt, mut refused) = (0, 0);
        loop {
            attempt += 1;
            guard.check()?;
            debug!(url, model, attempt, streaming, "llm request");
            let outcome = self.attempt(&body, streaming, &guard, &mut sink).await;
            server_time += outcome.server_time;
            let error = match outcome.result {
                Ok(reply) => {
                    let elapsed = started.elapsed();
                    info!(
                        url,
                        model,
                        attempts = attempt,
                        elapsed_ms = elapsed.as_millis() as u64,
                        finish_reason = reply.finish_reason.as_deref().unwrap_or("-"),
                        "llm reply"
                    );
                    return Ok(Completion {
                        text: reply.text,
                        finish_reason: reply.finish_reason,
                        prompt_tokens: reply.usage.prompt_tokens,
                        completion_tokens: reply.usage.completion_tokens,
                        attempts: attempt,
                        elapsed,
                        server_time,
                    });
                }
                Err(error) => error,
            };
            // A server that refuses the way the schema was asked for is asked
            // the next way at once, and that way is kept for later calls.
            if let Some(next) = form
                .next()
                .filter(|_| req.schema.is_some() && refuses_schema(&error) && sink.passed() == 0)
            {
                info!(url, model, ?form, ?next, %error, "llm server refused the JSON Schema form; trying the next");
                form = next;
                let index = SchemaForm::ALL.iter().position(|f| *f == next).unwrap_or(0);
                self.schema_form.fetch_max(index, Ordering::Relaxed);
                body = request_body(&self.settings.model, req, streaming, form)?;
                refused += 1;
                continue;
            }
            let tries = attempt - refused;
            let elapsed_ms = started.elapsed().as_millis() as u64;
            if tries > self.settings.retries || !error.is_retryable() || sink.passed() > 0 {
                info!(url, model, attempts = attempt, elapsed_ms, %error, "llm call failed");
                return Err(error);
            }
            let wait = wait_before(tries - 1, self.settings.backoff, outcome.retry_after);
            // Sleeping into the total deadline would only turn a telling
            // error (a 429, a 503) into a bare timeout.
            if Instant::now() + wait >= guard.total_deadline() {
                info!(url, model, attempts = attempt, elapsed_ms, %error, "llm call failed; no time left to retry");
                return Err(error);
            }
            let wait_ms = wait.as_millis() as u64;
            info!(url, model, attempt, elapsed_ms, wait_ms, %error, "llm attempt failed; retrying");
            guard.sleep(wait).await?;
        }
    }
}

/// Whether an error is the server refusing how a JSON Schema was asked for
/// (llama-cpp-python answers an unknown `response_format` type with a 500).
fn refuses_schema(error: &LlmError) -> bool {
    let LlmError::Status { status, body } = error else {
        return false;
    };
    let body = body.to_lowercase();
    matches!(status, 400 | 422 | 500 | 501)
        && ["response_format", "json_schema", "schema", "grammar"]
            .iter()
            .any(|w| body.contains(w))
}

fn read_key(var: &str) -> Result<String, LlmError> {
    std::env::var(var)
        .ok()
        .map(|key| key.trim().to_string())
        .filter(|key| !key.is_empty())
        .ok_or_else(|| LlmError::MissingKey {
            var: var.to_string(),
        })
}
