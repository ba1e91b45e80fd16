//! The duplicate-update cache: Telegram redelivers an update when it did not see our answer
//! to getUpdates or to a webhook POST; the bot answers each update id once.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

/// The update ids seen last, at most `capacity` of them (oldest forgotten first).
pub struct Dedup {
    seen: Mutex<(VecDeque<u32>, HashSet<u32>)>,
    capacity: usize,
}

impl Dedup {
    /// A cache remembering the last `capacity` update ids.
    pub fn new(capacity: usize) -> Dedup {
        Dedup {
            seen: Mutex::new((VecDeque::new(), HashSet::new())),
            capacity: capacity.max(1),
        }
    }

    /// True the first time an update id is seen.
    pub fn first_time(&self, id: u32) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let (order, set) = &mut *seen;
        if !set.insert(id) {
            return false;
        }
        order.push_back(id);
        if order.len() > self.capacity {
            if let Some(old) = order.pop_front() {
                set.remove(&old);
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_is_seen_once_and_old_ones_are_forgotten() {
        let d = Dedup::new(2);
        assert!(d.first_time(7));
        assert!(!d.first_time(7));
        assert!(d.first_time(8));
        assert!(d.first_time(9)); // forgets 7
        assert!(!d.first_time(9));
        assert!(d.first_time(7));
    }
}
