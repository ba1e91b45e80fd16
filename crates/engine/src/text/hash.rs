//! A stable hash: FNV-1a, 64 bits. std's hasher may change between Rust releases; what is
//! stored (index fingerprints) or sent out (article keys in button data) must not.

/// FNV-1a, 64 bits.
#[derive(Debug, Clone)]
pub(crate) struct StableHash(u64);

impl StableHash {
    /// An empty hash.
    pub(crate) fn new() -> StableHash {
        StableHash(0xcbf2_9ce4_8422_2325)
    }

    /// Hash `bytes` in, with a separator after them.
    pub(crate) fn add(&mut self, bytes: &[u8]) {
        for b in bytes.iter().chain([0xffu8].iter()) {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The hash so far.
    pub(crate) fn value(&self) -> u64 {
        self.0
    }

    /// The hash as 16 hex digits.
    pub(crate) fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_across_runs_and_separated() {
        let mut a = StableHash::new();
        a.add(b"qingdao.txt");
        // the same value on every machine and release: buttons and indexes depend on it
        assert_eq!(a.hex(), "550b2627d34f561f");
        let mut b = StableHash::new();
        b.add(b"qingdao.txt");
        assert_eq!(a.value(), b.value());
        b.add(b"");
        assert_ne!(a.value(), b.value(), "every add changes the hash");
    }
}
