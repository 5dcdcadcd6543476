//! One HTTP exchange: send, check the status, read the body or the stream.

use super::cancel::Guard;
use super::client::Client;
use super::error::{LlmError, Phase, truncate};
use super::retry::parse_retry_after;
use super::sse::{SseEvent, SseParser};
use super::wire::{Part, Usage, parse_chunk, parse_reply};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Response, StatusCode};
use std::time::Duration;
use tokio::time::Instant;
use tracing::debug;

/// How much of an error body is read; only its start is kept.
const ERROR_BODY_READ: usize = 16 * 1024;
const ERROR_BODY_KEEP: usize = 300;

/// Where streamed text goes, and how much of it has gone: after the first
/// byte the call may not be retried.
pub(crate) struct TextSink<'a> {
    on_text: Option<&'a mut (dyn FnMut(&str) + Send)>,
    passed: usize,
}

impl<'a> TextSink<'a> {
    pub(crate) fn new(on_text: &'a mut (dyn FnMut(&str) + Send)) -> Self {
        TextSink {
            on_text: Some(on_text),
            passed: 0,
        }
    }

    pub(crate) fn silent() -> Self {
        TextSink {
            on_text: None,
            passed: 0,
        }
    }

    pub(crate) fn is_streaming(&self) -> bool {
        self.on_text.is_some()
    }

    pub(crate) fn passed(&self) -> usize {
        self.passed
    }

    fn push(&mut self, text: &str) {
        if let (Some(on_text), false) = (self.on_text.as_mut(), text.is_empty()) {
            on_text(text);
            self.passed += text.len();
        }
    }
}

/// A whole reply, however it arrived.
#[derive(Debug, Default)]
pub(crate) struct Reply {
    pub(crate) text: String,
    pub(crate) finish_reason: Option<String>,
    pub(crate) usage: Usage,
}

pub(crate) struct Outcome {
    pub(crate) result: Result<Reply, LlmError>,
    /// The server's `Retry-After`, on a failed status.
    pub(crate) retry_after: Option<Duration>,
    /// From sending the request to the last byte (or the failure).
    pub(crate) server_time: Duration,
}

impl Client {
    pub(super) async fn attempt(
        &self,
        body: &[u8],
        streaming: bool,
        guard: &Guard<'_>,
        sink: &mut TextSink<'_>,
    ) -> Outcome {
        let sent = Instant::now();
        let mut retry_after = None;
        let result = self
            .exchange(body, streaming, guard, sink, sent, &mut retry_after)
            .await;
        Outcome {
            result,
            retry_after,
            server_time: sent.elapsed(),
        }
    }

    async fn exchange(
        &self,
        body: &[u8],
        streaming: bool,
        guard: &Guard<'_>,
        sink: &mut TextSink<'_>,
        sent: Instant,
        retry_after: &mut Option<Duration>,
    ) -> Result<Reply, LlmError> {
        let first_token = Some((sent + self.settings.first_token_timeout, Phase::FirstToken));
        let accept = if streaming {
            "text/event-stream"
        } else {
            "application/json"
        };
        let mut request = self
            .http
            .post(self.endpoint.clone())
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, accept)
            .body(body.to_vec());
        if let Some(auth) = &self.auth {
            request = request.header(AUTHORIZATION, auth.clone());
        }
        let response = guard
            .race(request.send(), first_token)
            .await?
            .map_err(|err| self.send_error(&err))?;
        let status = response.status();
        debug!(
            url = self.endpoint.as_str(),
            status = status.as_u16(),
            "llm response"
        );
        if !status.is_success() {
            *retry_after = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|value| value.to_str().ok())
                .and_then(parse_retry_after);
            if status == StatusCode::TOO_MANY_REQUESTS {
                return Err(LlmError::RateLimited {
                    retry_after: *retry_after,
                });
            }
            let body = self.error_body(response, guard).await?;
            return Err(LlmError::Status {
                status: status.as_u16(),
                body,
            });
        }
        let is_json = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|kind| kind.trim_start().starts_with("application/json"));
        if streaming && !is_json {
            return self.read_stream(response, guard, first_token, sink).await;
        }
        // Not streamed, or a server that ignored `"stream": true`.
        let body = self.read_body(response, guard).await?;
        let part = parse_reply(&body, &self.redactor)?;
        let text = part.text.unwrap_or_default();
        sink.push(&text);
        Ok(Reply {
            text,
            finish_reason: part.finish_reason,
            usage: part.usage.unwrap_or_default(),
        })
    }

    fn send_error(&self, err: &reqwest::Error) -> LlmError {
        if err.is_connect() && err.is_timeout() {
            return LlmError::Timeout {
                phase: Phase::Connect,
            };
        }
        LlmError::Connect {
            url: crate::llm::error::shown(&self.endpoint),
            detail: describe(err),
        }
    }

    async fn read_body(
        &self,
        mut response: Response,
        guard: &Guard<'_>,
    ) -> Result<Vec<u8>, LlmError> {
        let limit = self.settings.max_reply_bytes;
        if response
            .content_length()
            .is_some_and(|len| len > limit as u64)
        {
            return Err(LlmError::TooLarge { limit });
        }
        let mut body = Vec::new();
        loop {
            match guard.race(response.chunk(), None).await? {
                Ok(Some(bytes)) => {
                    if body.len() + bytes.len() > limit {
                        return Err(LlmError::TooLarge { limit });
                    }
                    body.extend_from_slice(&bytes);
                }
                Ok(None) => return Ok(body),
                Err(err) => {
                    debug!(error = %describe(&err), "llm reply body cut");
                    return Err(LlmError::StreamCut { received: 0 });
                }
            }
        }
    }

    /// The start of an error body, key removed; a body that cannot be read
    /// whole still gives what arrived.
    async fn error_body(
        &self,
        mut response: Response,
        guard: &Guard<'_>,
    ) -> Result<String, LlmError> {
        let mut body = Vec::new();
        while body.len() < ERROR_BODY_READ {
            match guard.race(response.chunk(), None).await? {
                Ok(Some(bytes)) => body.extend_from_slice(&bytes),
                Ok(None) | Err(_) => break,
            }
        }
        let text = self.redactor.clean(&String::from_utf8_lossy(&body));
        Ok(truncate(text.trim(), ERROR_BODY_KEEP))
    }

    async fn read_stream(
        &self,
        mut response: Response,
        guard: &Guard<'_>,
        mut first_token: Option<(Instant, Phase)>,
        sink: &mut TextSink<'_>,
    ) -> Result<Reply, LlmError> {
        let limit = self.settings.max_reply_bytes;
        let mut parser = SseParser::new();
        let mut reply = StreamedReply::default();
        let mut received = 0usize;
        loop {
            let (events, ended) = match guard.race(response.chunk(), first_token).await? {
                Ok(Some(bytes)) => {
                    received += bytes.len();
                    if received > limit {
                        return Err(LlmError::TooLarge { limit });
                    }
                    (parser.feed(&bytes)?, false)
                }
                Ok(None) => (parser.finish()?, true),
                Err(err) => {
                    debug!(error = %describe(&err), received, "llm stream cut");
                    return Err(LlmError::StreamCut {
                        received: sink.passed(),
                    });
                }
            };
            for event in events {
                first_token = None;
                match event {
                    SseEvent::Done => return reply.finish(true, sink),
                    SseEvent::Data(data) => reply.add(parse_chunk(&data, &self.redactor)?, sink),
                }
            }
            if ended {
                return reply.finish(false, sink);
            }
        }
    }
}

/// The pieces of a streamed reply so far.
#[derive(Default)]
struct StreamedReply {
    reply: Reply,
    had_choices: bool,
}

impl StreamedReply {
    fn add(&mut self, part: Part, sink: &mut TextSink<'_>) {
        if let Some(text) = part.text {
            self.had_choices = true;
            sink.push(&text);
            self.reply.text.push_str(&text);
        }
        if part.finish_reason.is_some() {
            self.reply.finish_reason = part.finish_reason;
        }
        if let Some(usage) = part.usage {
            self.reply.usage = usage;
        }
    }

    /// A stream is whole if it said `[DONE]` or gave a finish reason; one
    /// that just stops is cut, however much text it gave.
    fn finish(self, done: bool, sink: &TextSink<'_>) -> Result<Reply, LlmError> {
        if done && !self.had_choices {
            return Err(LlmError::EmptyChoices);
        }
        if done || self.reply.finish_reason.is_some() {
            return Ok(self.reply);
        }
        Err(LlmError::StreamCut {
            received: sink.passed(),
        })
    }
}

/// The innermost cause of a transport error, in words.
fn describe(err: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    if let Some(io) = cause.downcast_ref::<std::io::Error>() {
        match io.kind() {
            std::io::ErrorKind::ConnectionRefused => return "connection refused".to_string(),
            std::io::ErrorKind::ConnectionReset => {
                return "connection reset by the server".to_string();
            }
            _ => {}
        }
    }
    truncate(&cause.to_string(), 200)
}
