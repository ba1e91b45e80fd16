//! The per-user rate limit: a token bucket per Telegram user (`FACTBOT_RATE_LIMIT`, 20
//! questions per 60 s by default). A user past the limit hears about it once, then nothing
//! until the bucket has refilled enough for a question; one user's flood never costs the
//! others anything.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::config::RateLimit;

/// What the limiter says about one more question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within the limit: go ahead.
    Allowed,
    /// Over the limit, and the user has not been told yet: tell them once. The next
    /// question will be allowed in about this long.
    Notify(Duration),
    /// Over the limit, and the user was already told.
    Quiet,
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
    /// a message).
    pub fn take(&self, user: u64, cost: f64) -> Verdict {
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
        if b.told {
            return Verdict::Quiet;
        }
        b.told = true;
        Verdict::Notify(Duration::from_secs_f64(((cost - b.tokens) / rate).max(1.0)))
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
            assert_eq!(l.take(1, 1.0), Verdict::Allowed);
        }
        let Verdict::Notify(wait) = l.take(1, 1.0) else {
            panic!("expected a notice")
        };
        assert!(
            wait >= Duration::from_secs(19) && wait <= Duration::from_secs(21),
            "{wait:?}"
        );
        assert_eq!(l.take(1, 1.0), Verdict::Quiet);
        assert_eq!(l.take(1, 0.25), Verdict::Quiet);
        // another user is not affected
        assert_eq!(l.take(2, 1.0), Verdict::Allowed);
        assert_eq!(Limiter::new(None).take(1, 1e9), Verdict::Allowed);
    }

    #[test]
    fn the_bucket_refills() {
        let l = Limiter::new(Some(RateLimit {
            questions: 1,
            per: Duration::from_millis(50),
        }));
        assert_eq!(l.take(1, 1.0), Verdict::Allowed);
        assert!(matches!(l.take(1, 1.0), Verdict::Notify(_)));
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(l.take(1, 1.0), Verdict::Allowed);
    }
}
