//! Where the server is and how long to wait for it.

use super::error::LlmError;
use reqwest::Url;
use std::time::Duration;

/// Connection and limit settings for one endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// "http://127.0.0.1:8089" or "http://127.0.0.1:8089/v1": both post to
    /// `{base}/v1/chat/completions`.
    pub base_url: String,
    pub model: String,
    /// The name of the environment variable holding the key (never the key
    /// itself); read once by `Client::new`.
    pub api_key_env: Option<String>,
    pub connect_timeout: Duration,
    /// From sending the request to the response headers (plain call) or to
    /// the first SSE `data:` event (stream).
    pub first_token_timeout: Duration,
    /// The whole call, retries and backoff included.
    pub total_timeout: Duration,
    /// Extra attempts after the first.
    pub retries: u32,
    /// Base of the full-jitter exponential backoff.
    pub backoff: Duration,
    /// Limit on the response body or stream, in bytes.
    pub max_reply_bytes: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            base_url: "http://127.0.0.1:8080".to_string(),
            model: "default".to_string(),
            api_key_env: None,
            connect_timeout: Duration::from_secs(5),
            first_token_timeout: Duration::from_secs(60),
            total_timeout: Duration::from_secs(180),
            retries: 3,
            backoff: Duration::from_millis(500),
            max_reply_bytes: 256 * 1024,
        }
    }
}

impl Settings {
    /// The chat-completions URL for `base_url`, accepting a base with or
    /// without a trailing `/v1` (or even the full endpoint) so that users can
    /// paste whatever their server's docs show.
    pub(crate) fn endpoint(&self) -> Result<Url, LlmError> {
        let bad = || LlmError::BadUrl {
            url: self.base_url.clone(),
        };
        let mut base = self.base_url.trim().trim_end_matches('/');
        for suffix in ["/chat/completions", "/v1"] {
            if let Some(stripped) = base.strip_suffix(suffix) {
                base = stripped.trim_end_matches('/');
            }
        }
        // The base is checked on its own: "http://" + "/v1/..." would parse
        // with "v1" as the host.
        let parsed = Url::parse(base).map_err(|_| bad())?;
        let has_host = parsed.host_str().is_some_and(|host| !host.is_empty());
        if !matches!(parsed.scheme(), "http" | "https") || !has_host {
            return Err(bad());
        }
        let url = Url::parse(&format!("{base}/v1/chat/completions")).map_err(|_| bad())?;
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(base: &str) -> Result<String, LlmError> {
        let settings = Settings {
            base_url: base.to_string(),
            ..Settings::default()
        };
        settings.endpoint().map(|url| url.to_string())
    }

    #[test]
    fn every_spelling_of_the_base_posts_to_one_endpoint() {
        for base in [
            "http://127.0.0.1:8089",
            "http://127.0.0.1:8089/",
            "http://127.0.0.1:8089/v1",
            "http://127.0.0.1:8089/v1/",
            " http://127.0.0.1:8089/v1/chat/completions ",
        ] {
            assert_eq!(
                endpoint(base).as_deref(),
                Ok("http://127.0.0.1:8089/v1/chat/completions"),
                "{base}"
            );
        }
    }

    #[test]
    fn a_path_prefix_is_kept() {
        assert_eq!(
            endpoint("https://api.example.com/openai/v1").as_deref(),
            Ok("https://api.example.com/openai/v1/chat/completions")
        );
    }

    #[test]
    fn urls_that_cannot_reach_a_server_are_refused() {
        for base in [
            "",
            "127.0.0.1:8080",
            "ftp://host/v1",
            "http://",
            "not a url",
        ] {
            assert!(
                matches!(endpoint(base), Err(LlmError::BadUrl { .. })),
                "{base:?} was accepted"
            );
        }
    }

    #[test]
    fn defaults_match_the_documented_values() {
        let settings = Settings::default();
        assert_eq!(settings.total_timeout, Duration::from_secs(180));
        assert_eq!(settings.retries, 3);
        assert_eq!(settings.max_reply_bytes, 262_144);
    }
}
