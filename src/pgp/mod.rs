//! OpenPGP for mail admins: keys (`key`), where a message's signature is (`message`), checking
//! it with reasons (`verify`), and finding the key for an address in DNS (`openpgpkey`, RFC 7929)
//! and on the web (`wkd`, over `transport::http`). rPGP (the `pgp` crate) does all OpenPGP parsing and
//! cryptography; nothing here reads packets by hand.

pub(crate) mod key;
pub(crate) mod message;
pub(crate) mod openpgpkey;
pub(crate) mod verify;
pub(crate) mod wkd;

/// Seconds since the epoch, now.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    /// A fuzz-style sweep in the normal test run: every seed of fuzz/corpus/pgp mutated
    /// (flipped, dropped, duplicated and inserted octets, xorshift-chosen) goes through the fuzz
    /// target's body, whose invariants are the promises (no panic, ranges inside the input,
    /// nothing unprintable in words shown to people). The long run is `cargo fuzz run pgp`.
    #[cfg(feature = "fuzz")]
    #[test]
    fn mutated_seeds_keep_the_fuzz_invariants() {
        let dir = format!("{}/fuzz/corpus/pgp", env!("CARGO_MANIFEST_DIR"));
        let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| std::fs::read(e.unwrap().path()).unwrap())
            .collect();
        seeds.sort();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for seed in &seeds {
            for _ in 0..300 {
                let mut d = seed.clone();
                for _ in 0..(1 + next() % 4) {
                    if d.is_empty() {
                        d.push(next() as u8);
                        continue;
                    }
                    let i = (next() as usize) % d.len();
                    match next() % 4 {
                        0 => d[i] ^= 1 << (next() % 8),
                        1 => {
                            d.remove(i);
                        }
                        2 => d.insert(i, d[i]),
                        _ => d.insert(i, next() as u8),
                    }
                }
                crate::fuzz_api::pgp(&d);
            }
        }
    }
}
