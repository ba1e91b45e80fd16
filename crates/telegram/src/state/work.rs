//! The engine pool: every call into the engine (ask, check, facts, cards, rendering) runs
//! here, on tokio's blocking threads and at most `size` at a time, never on the async
//! workers that receive updates and talk to Telegram. A panic inside is caught and becomes
//! an error for that one request.

use std::sync::Arc;

use tokio::sync::Semaphore;

/// Engine work failed: it panicked (or the runtime is shutting down).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failed;

/// A bounded pool for engine work. Waiting is first come, first served.
pub struct Pool {
    permits: Arc<Semaphore>,
}

impl Pool {
    /// At most `size` engine calls at once.
    pub fn new(size: usize) -> Pool {
        Pool {
            permits: Arc::new(Semaphore::new(size.max(1))),
        }
    }

    /// One slot per core (at least two).
    pub fn per_core() -> Pool {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Pool::new(cores.max(2))
    }

    /// Run `work` on a blocking thread when a slot is free.
    pub async fn run<T, F>(&self, work: F) -> Result<T, Failed>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Failed)?;
        let done = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        })
        .await;
        match done {
            Ok(Ok(value)) => Ok(value),
            _ => {
                tracing::error!("engine work panicked; answering with an apology");
                Err(Failed)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_is_an_error_and_the_pool_goes_on() {
        let pool = Pool::new(1);
        assert_eq!(pool.run(|| 1 + 1).await, Ok(2));
        let failed: Result<(), Failed> = pool.run(|| panic!("engine bug")).await;
        assert_eq!(failed, Err(Failed));
        assert_eq!(pool.run(|| 3).await, Ok(3));
    }
}
