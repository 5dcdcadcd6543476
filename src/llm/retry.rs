//! How long to wait before the next attempt.

use rand::Rng;
use std::time::Duration;

/// No backoff step waits longer than this.
const BACKOFF_CAP: Duration = Duration::from_secs(10);
/// A server's `Retry-After` is honoured up to this long.
const RETRY_AFTER_CAP: Duration = Duration::from_secs(30);

/// Full-jitter exponential backoff: a random wait in `[0, base * 2^retry]`,
/// the bound capped at 10 s (`retry` counts from 0), so that clients that
/// failed together do not retry together.
pub(crate) fn backoff(base: Duration, retry: u32) -> Duration {
    let bound = base
        .checked_mul(2u32.saturating_pow(retry.min(31)))
        .unwrap_or(BACKOFF_CAP)
        .min(BACKOFF_CAP);
    let bound_ms = u64::try_from(bound.as_millis()).unwrap_or(u64::MAX);
    Duration::from_millis(rand::rng().random_range(0..=bound_ms))
}

/// `Retry-After` in delta-seconds. An HTTP-date (rare from LLM servers) is
/// treated as absent, and the plain backoff applies.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// The wait before the next attempt: the server's word if it gave one
/// (capped), otherwise the jittered backoff.
pub(crate) fn wait_before(retry: u32, base: Duration, retry_after: Option<Duration>) -> Duration {
    match retry_after {
        Some(wait) => wait.min(RETRY_AFTER_CAP),
        None => backoff(base, retry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_stays_within_the_doubling_bound() {
        let base = Duration::from_millis(100);
        for retry in 0..6 {
            let bound = (base * 2u32.pow(retry)).min(BACKOFF_CAP);
            for _ in 0..200 {
                assert!(backoff(base, retry) <= bound);
            }
        }
        for _ in 0..50 {
            assert!(backoff(base, 40) <= BACKOFF_CAP);
            assert!(backoff(Duration::MAX, 3) <= BACKOFF_CAP);
        }
    }

    #[test]
    fn backoff_is_jittered() {
        let base = Duration::from_millis(500);
        let waits: std::collections::HashSet<_> = (0..50).map(|_| backoff(base, 2)).collect();
        assert!(waits.len() > 10, "{waits:?}");
    }

    #[test]
    fn retry_after_is_read_as_seconds_and_capped() {
        assert_eq!(parse_retry_after(" 2 "), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
        let asked = parse_retry_after("3600");
        assert_eq!(wait_before(0, Duration::ZERO, asked), RETRY_AFTER_CAP);
        assert_eq!(wait_before(0, Duration::ZERO, None), Duration::ZERO);
    }
}
