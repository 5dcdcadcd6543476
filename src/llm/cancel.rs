//! Stopping a call: the caller's cancel flag and the call's deadlines.

use super::error::{LlmError, Phase};
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::time::Instant;

/// How often a call in flight looks at its cancel flag.
const CANCEL_POLL: Duration = Duration::from_millis(20);

/// Cancels a call in flight (checked at least every 50 ms and between
/// retries). Clones share one flag.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Self {
        Cancel::default()
    }

    pub fn cancel(&self) {
        self.0.store(true, Ordering::Release);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }

    /// Shares a flag the caller already owns (e.g. a turn's stop flag).
    pub fn from_flag(flag: Arc<AtomicBool>) -> Self {
        Cancel(flag)
    }

    async fn cancelled(&self) {
        while !self.is_cancelled() {
            tokio::time::sleep(CANCEL_POLL).await;
        }
    }
}

/// Everything that can stop one call early: its total deadline and the
/// caller's cancel flag. Each wait of the call goes through [`Guard::race`].
pub(crate) struct Guard<'a> {
    total: Instant,
    cancel: &'a Cancel,
}

impl<'a> Guard<'a> {
    pub(crate) fn new(total: Instant, cancel: &'a Cancel) -> Self {
        Guard { total, cancel }
    }

    pub(crate) fn total_deadline(&self) -> Instant {
        self.total
    }

    pub(crate) fn check(&self) -> Result<(), LlmError> {
        if self.cancel.is_cancelled() {
            Err(LlmError::Cancelled)
        } else if Instant::now() >= self.total {
            Err(LlmError::Timeout {
                phase: Phase::Total,
            })
        } else {
            Ok(())
        }
    }

    /// Runs `work` until it finishes, the earlier of `phase` and the total
    /// deadline passes, or the call is cancelled.
    pub(crate) async fn race<F: Future>(
        &self,
        work: F,
        phase: Option<(Instant, Phase)>,
    ) -> Result<F::Output, LlmError> {
        let (deadline, phase) = match phase {
            Some((at, phase)) if at < self.total => (at, phase),
            _ => (self.total, Phase::Total),
        };
        tokio::select! {
            biased;
            () = self.cancel.cancelled() => Err(LlmError::Cancelled),
            out = work => Ok(out),
            () = tokio::time::sleep_until(deadline) => Err(LlmError::Timeout { phase }),
        }
    }

    /// Sleeps between attempts; cancellation cuts the sleep short.
    pub(crate) async fn sleep(&self, wait: Duration) -> Result<(), LlmError> {
        self.race(tokio::time::sleep(wait), None).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_and_shared_flags_see_one_cancel() {
        let flag = Arc::new(AtomicBool::new(false));
        let cancel = Cancel::from_flag(flag.clone());
        let clone = cancel.clone();
        assert!(!clone.is_cancelled());
        cancel.cancel();
        assert!(clone.is_cancelled());
        assert!(flag.load(Ordering::Acquire));
    }

    #[tokio::test]
    async fn the_earlier_deadline_names_the_phase() {
        let cancel = Cancel::new();
        let now = Instant::now();
        let guard = Guard::new(now + Duration::from_secs(5), &cancel);
        let hang = std::future::pending::<()>();
        let first = Some((now + Duration::from_millis(30), Phase::FirstToken));
        assert_eq!(
            guard.race(hang, first).await,
            Err(LlmError::Timeout {
                phase: Phase::FirstToken
            })
        );
        let guard = Guard::new(now + Duration::from_millis(60), &cancel);
        let late = Some((now + Duration::from_secs(5), Phase::FirstToken));
        assert_eq!(
            guard.race(std::future::pending::<()>(), late).await,
            Err(LlmError::Timeout {
                phase: Phase::Total
            })
        );
    }
}
