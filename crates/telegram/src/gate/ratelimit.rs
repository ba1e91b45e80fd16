//! The per-user rate limit: a token bucket per Telegram user (`FACTBOT_RATE_LIMIT`, 20
//! questions per 60 s by default). A user past the limit hears about it once, then nothing
//! until the bucket has refilled enough for a question; one user's flood never costs the
//! others anything.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::RateLimit;

/// What the limiter says about one more question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within the limit: go ahead.
    Allowed,
    /// Over the limit; the next question will be allowed in about `wait`. `tell`: the user
    /// has not been told yet (tell them now, once).
    Over {
        /// Until the bucket holds a question again.
        wait: Duration,
        /// Say so in a message (the first time only).
        tell: bool,
    },
}

struct Bucket {
    tokens: f64,
    at: Instant,
    told: bool,
}

/// Token buckets by user id. Cheap to consult; forgets users whose bucket is full again.
pub struct Limiter {
    rule: Option<RateLimit>,
    buckets: Mutex<HashMap<u64, Bucket>>,
}

/// Buckets kept before idle full ones are swept.
const SWEEP_AT: usize = 50_000;

impl Limiter {
    /// A limiter with `rule`; `None` allows everything.
    pub fn new(rule: Option<RateLimit>) -> Limiter {
        Limiter {
            rule,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Take `cost` questions' worth from `user`'s bucket (an inline query costs less than
    /// a message). `tell`: the update can carry the notice (a message can; an inline query
    /// cannot, and must not use it up).
    pub fn take(&self, user: u64, cost: f64, tell: bool) -> Verdict {
        let Some(rule) = self.rule else {
            return Verdict::Allowed;
        };
        let capacity = rule.questions as f64;
        let rate = capacity / rule.per.as_secs_f64(); // tokens per second
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= SWEEP_AT {
            buckets
                .retain(|_, b| b.tokens + rate * now.duration_since(b.at).as_secs_f64() < capacity);
        }
        let b = buckets.entry(user).or_insert(Bucket {
            tokens: capacity,
            at: now,
            told: false,
        });
        b.tokens = (b.tokens + rate * now.duration_since(b.at).as_secs_f64()).min(capacity);
        b.at = now;
        if b.tokens >= cost {
            b.tokens -= cost;
            b.told = false;
            return Verdict::Allowed;
        }
        let wait = Duration::from_secs_f64(((cost - b.tokens) / rate).max(1.0));
        let tell = tell && !b.told;
        b.told |= tell;
        Verdict::Over { wait, tell }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_limit_one_notice_then_quiet() {
        let l = Limiter::new(Some(RateLimit {
            questions: 3,
            per: Duration::from_secs(60),
        }));
        for _ in 0..3 {
            assert_eq!(l.take(1, 1.0, true), Verdict::Allowed);
        }
        // an inline query over the limit does not use up the notice
        assert!(matches!(
            l.take(1, 0.25, false),
            Verdict::Over { tell: false, .. }
        ));
        let Verdict::Over { wait, tell: true } = l.take(1, 1.0, true) else {
            panic!("expected a notice")
        };
        assert!(
            wait >= Duration::from_secs(19) && wait <= Duration::from_secs(21),
            "{wait:?}"
        );
        assert!(matches!(
            l.take(1, 1.0, true),
            Verdict::Over { tell: false, .. }
        ));
        // another user is not affected
        assert_eq!(l.take(2, 1.0, true), Verdict::Allowed);
        assert_eq!(Limiter::new(None).take(1, 1e9, true), Verdict::Allowed);
    }

    #[test]
    fn the_bucket_refills() {
        let l = Limiter::new(Some(RateLimit {
            questions: 1,
            per: Duration::from_millis(50),
        }));
        assert_eq!(l.take(1, 1.0, true), Verdict::Allowed);
        assert!(matches!(
            l.take(1, 1.0, true),
            Verdict::Over { tell: true, .. }
        ));
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(l.take(1, 1.0, true), Verdict::Allowed);
    }
}
