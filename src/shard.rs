//! `--shard I/N`: a deterministic partition of the scanned files, so a CI matrix can split one
//! scan over N machines and merge the SARIF logs afterwards (`phi-lint merge`).
//!
//! A file belongs to shard `1 + fnv1a64(path) mod N`, where `path` is its path relative to the
//! source root with `/` separators (what the output shows). FNV-1a is written out here so the
//! partition depends only on the path: not on the platform, the Rust version, the file list or
//! the machine.

use std::fmt;
use std::str::FromStr;

/// Shard `index` of `count` (1-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, 1 ≤ index ≤ count.
    pub index: u32,
    /// How many shards.
    pub count: u32,
}

/// 64-bit FNV-1a.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Shard {
    /// The 1-based shard of `count` that `rel` (a `/`-separated relative path) belongs to.
    pub fn of(rel: &str, count: u32) -> u32 {
        1 + (fnv1a64(rel.as_bytes()) % u64::from(count.max(1))) as u32
    }

    /// Whether the file at `rel` belongs to this shard.
    pub fn contains(&self, rel: &str) -> bool {
        Shard::of(rel, self.count) == self.index
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}` is not a shard: expected I/N with 1 <= I <= N, e.g. 2/4");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = i.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_reference_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2/3".parse(), Ok(Shard { index: 2, count: 3 }));
        assert_eq!("1/1".parse::<Shard>().unwrap().to_string(), "1/1");
        for bad in ["0/2", "3/2", "1/0", "x", "1/", "/2", "-1/2", "1/2/3", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_path_is_in_exactly_one_shard() {
        for n in 1..=5 {
            for p in ["a.py", "src/app/views.py", "x/y/z.ts", "lib.rs"] {
                let owners: Vec<u32> = (1..=n)
                    .filter(|&i| Shard { index: i, count: n }.contains(p))
                    .collect();
                assert_eq!(owners, vec![Shard::of(p, n)], "{p} {n}");
            }
        }
    }
}
