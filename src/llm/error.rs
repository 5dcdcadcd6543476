//! What can go wrong in a call, worded so a user knows what to do next.

use std::fmt;
use std::time::Duration;

/// Which wait ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Connect,
    FirstToken,
    Total,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Connect => "could not connect within the connect timeout",
            Phase::FirstToken => {
                "the server sent nothing within the first-token timeout \
                 (overloaded, or the model is still loading?)"
            }
            Phase::Total => "the call did not finish within the total timeout",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LlmError {
    #[error(
        "the API key variable {var} is not set, empty or not a valid header value; \
         export it or drop api_key_env"
    )]
    MissingKey { var: String },
    #[error(
        "bad LLM base URL {url:?}; expected something like http://127.0.0.1:8080 or https://host/v1"
    )]
    BadUrl { url: String },
    #[error("cannot connect to {url}: {detail}; is the server running?")]
    Connect { url: String, detail: String },
    #[error("LLM request timed out: {phase}")]
    Timeout { phase: Phase },
    #[error("the LLM server answered HTTP {status}: {body}")]
    Status { status: u16, body: String },
    #[error("the LLM server is rate-limiting requests (HTTP 429){}; wait and try again", retry_hint(.retry_after))]
    RateLimited { retry_after: Option<Duration> },
    #[error("the LLM server's reply is not valid chat-completion JSON: {detail}")]
    BadJson { detail: String },
    #[error("the LLM server's reply has no choices (no text was generated)")]
    EmptyChoices,
    #[error(
        "the LLM reply is larger than {limit} bytes (max_reply_bytes); lower max_tokens or raise the limit"
    )]
    TooLarge { limit: usize },
    #[error("the LLM reply was cut off mid-way ({received} bytes of text received); try again")]
    StreamCut { received: usize },
    #[error("the LLM request was cancelled")]
    Cancelled,
}

fn retry_hint(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!(", asked to retry after {} s", wait.as_secs()),
        None => String::new(),
    }
}

impl LlmError {
    /// Whether another attempt could succeed. A cut stream counts only if no
    /// text had reached the caller (`received == 0`); once text has been
    /// passed on, the client never retries whatever the error, since the
    /// caller cannot take text back.
    pub fn is_retryable(&self) -> bool {
        match self {
            LlmError::Connect { .. } | LlmError::RateLimited { .. } => true,
            LlmError::Timeout { phase } => matches!(phase, Phase::Connect | Phase::FirstToken),
            LlmError::Status { status, .. } => *status >= 500,
            LlmError::StreamCut { received } => *received == 0,
            LlmError::MissingKey { .. }
            | LlmError::BadUrl { .. }
            | LlmError::BadJson { .. }
            | LlmError::EmptyChoices
            | LlmError::TooLarge { .. }
            | LlmError::Cancelled => false,
        }
    }
}

/// `url` as it may be shown: without a user name or password in it.
pub(crate) fn shown(url: &reqwest::Url) -> String {
    let mut url = url.clone();
    if !url.username().is_empty() || url.password().is_some() {
        let _ = url.set_username("");
        let _ = url.set_password(None);
    }
    url.to_string()
}

/// Removes the API key from text that came back from the server (some echo
/// the request headers in error bodies) before it reaches an error or a log.
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    key: Option<String>,
}

impl Redactor {
    pub(crate) fn new(key: Option<String>) -> Self {
        Redactor {
            key: key.filter(|key| !key.is_empty()),
        }
    }

    pub(crate) fn clean(&self, text: &str) -> String {
        match &self.key {
            Some(key) => text.replace(key.as_str(), "[redacted]"),
            None => text.to_string(),
        }
    }
}

/// The first `max` characters of `text`, with an ellipsis when cut.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_errors_another_attempt_can_fix_are_retryable() {
        let status = |status| LlmError::Status {
            status,
            body: String::new(),
        };
        assert!(status(503).is_retryable());
        assert!(!status(400).is_retryable());
        assert!(LlmError::StreamCut { received: 0 }.is_retryable());
        assert!(!LlmError::StreamCut { received: 3 }.is_retryable());
        assert!(
            !LlmError::Timeout {
                phase: Phase::Total
            }
            .is_retryable()
        );
        assert!(
            LlmError::Timeout {
                phase: Phase::FirstToken
            }
            .is_retryable()
        );
        assert!(!LlmError::Cancelled.is_retryable());
    }

    #[test]
    fn the_key_is_redacted_wherever_it_appears() {
        let redactor = Redactor::new(Some("sk-123".to_string()));
        assert_eq!(
            redactor.clean("authorization: Bearer sk-123, again sk-123"),
            "authorization: Bearer [redacted], again [redacted]"
        );
        assert_eq!(Redactor::new(Some(String::new())).clean("abc"), "abc");
    }

    #[test]
    fn truncation_counts_characters_not_bytes() {
        assert_eq!(truncate("héllo", 2), "hé…");
        assert_eq!(truncate("short", 300), "short");
    }

    #[test]
    fn messages_say_what_to_do() {
        let connect = LlmError::Connect {
            url: "http://127.0.0.1:1/v1/chat/completions".to_string(),
            detail: "connection refused".to_string(),
        };
        assert_eq!(
            connect.to_string(),
            "cannot connect to http://127.0.0.1:1/v1/chat/completions: connection refused; \
             is the server running?"
        );
        let limited = LlmError::RateLimited {
            retry_after: Some(Duration::from_secs(2)),
        };
        assert!(limited.to_string().contains("retry after 2 s"));
    }
}
