//! Masking secrets in a byte stream without keeping them: each secret is remembered only as
//! its length and a keyed rolling hash (Rabin–Karp modulo 2^64 with a random odd base), so a
//! process that relays a command's output holds no copy of the values it hides. Equal windows
//! always hash equal, so a secret is never missed; a collision could only mask too much.

use zeroize::Zeroizing;

struct Pattern {
    len: usize,
    target: u64,
    /// base^(len−1), to drop the byte leaving the window.
    top: u64,
    replacement: Vec<u8>,
}

/// Replaces every occurrence of the added secrets in what it is fed.
pub struct Masker {
    base: u64,
    patterns: Vec<Pattern>,
    /// Bytes not yet passed on: they may be the start of a secret. Zeroized, since they may
    /// hold part of one.
    pending: Zeroizing<Vec<u8>>,
}

fn symbol(byte: u8) -> u64 {
    u64::from(byte) + 1
}

impl Masker {
    pub fn new() -> Self {
        let mut random = [0u8; 8];
        // Without randomness the base is still fixed and valid; only the keying is lost.
        let _ = getrandom::fill(&mut random);
        let base = u64::from_le_bytes(random) | 0x100_0001;
        Self {
            base,
            patterns: Vec::new(),
            pending: Zeroizing::new(Vec::new()),
        }
    }

    /// Remembers a secret (its hash, not its bytes) and what replaces it. A secret of several
    /// lines is remembered line by line, so no pattern spans a newline and whole lines can be
    /// passed on as soon as they end.
    pub fn add(&mut self, secret: &[u8], replacement: &str) {
        for line in secret.split(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            let target = self.hash(line);
            let top = (1..line.len()).fold(1u64, |acc, _| acc.wrapping_mul(self.base));
            self.patterns.push(Pattern {
                len: line.len(),
                target,
                top,
                replacement: replacement.as_bytes().to_vec(),
            });
        }
        self.patterns.sort_by_key(|p| std::cmp::Reverse(p.len));
    }

    fn hash(&self, bytes: &[u8]) -> u64 {
        bytes.iter().fold(0u64, |acc, &b| {
            acc.wrapping_mul(self.base).wrapping_add(symbol(b))
        })
    }

    /// What of the stream so far is safe to pass on.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<u8> {
        self.pending.extend_from_slice(chunk);
        self.drain(false)
    }

    /// Everything held back: at the end of the stream, or when it has gone quiet mid-line (a
    /// prompt waiting for input).
    pub fn flush(&mut self) -> Vec<u8> {
        self.drain(true)
    }

    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    fn drain(&mut self, at_end: bool) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.pending.len());
        let mut from = 0;
        while let Some((start, index)) = self.first_match(from) {
            out.extend_from_slice(&self.pending[from..start]);
            out.extend_from_slice(&self.patterns[index].replacement);
            from = start + self.patterns[index].len;
        }
        let longest = self.patterns.first().map_or(0, |p| p.len);
        let line_end = self.pending[from..]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(from, |at| from + at + 1);
        let safe_end = if at_end {
            self.pending.len()
        } else {
            self.pending
                .len()
                .saturating_sub(longest.saturating_sub(1))
                .max(from)
                .max(line_end)
        };
        out.extend_from_slice(&self.pending[from..safe_end]);
        let rest = Zeroizing::new(self.pending[safe_end..].to_vec());
        self.pending = rest;
        out
    }

    /// The earliest occurrence of any secret at or after `from` (the longest where several
    /// start at once).
    fn first_match(&self, from: usize) -> Option<(usize, usize)> {
        let data = &self.pending[from..];
        let mut best: Option<(usize, usize)> = None;
        for (index, pattern) in self.patterns.iter().enumerate() {
            if pattern.len > data.len() {
                continue;
            }
            let mut hash = self.hash(&data[..pattern.len]);
            let mut start = 0;
            loop {
                if best.is_some_and(|(b, _)| start >= b) {
                    break;
                }
                if hash == pattern.target {
                    best = Some((start, index));
                    break;
                }
                if start + pattern.len >= data.len() {
                    break;
                }
                let leaving = symbol(data[start]).wrapping_mul(pattern.top);
                hash = hash
                    .wrapping_sub(leaving)
                    .wrapping_mul(self.base)
                    .wrapping_add(symbol(data[start + pattern.len]));
                start += 1;
            }
        }
        best.map(|(start, index)| (from + start, index))
    }
}

impl Default for Masker {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::Masker;
    use proptest::prelude::*;

    fn masked(secrets: &[&str], chunks: &[&[u8]]) -> String {
        let mut masker = Masker::new();
        for secret in secrets {
            masker.add(secret.as_bytes(), "[masked]");
        }
        let mut out = Vec::new();
        for chunk in chunks {
            out.extend(masker.feed(chunk));
        }
        out.extend(masker.flush());
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn secrets_are_replaced_across_chunk_boundaries() {
        assert_eq!(
            masked(&["hunter2"], &[b"pass=hun", b"ter2; again hunter2\n"]),
            "pass=[masked]; again [masked]\n"
        );
        assert_eq!(masked(&["abc"], &[b"a", b"b", b"c", b"d"]), "[masked]d");
        assert_eq!(masked(&["abc"], &[b"ab"]), "ab");
        assert_eq!(
            masked(
                &["-----BEGIN KEY-----\nsecretline\n-----END KEY-----"],
                &[b"k: secretline\n"]
            ),
            "k: [masked]\n"
        );
        assert_eq!(
            masked(&["token-1", "token-12345"], &[b"x token-12345 token-1 y"]),
            "x [masked] [masked] y"
        );
    }

    #[test]
    fn whole_lines_pass_at_once_and_only_a_partial_line_waits() {
        let mut masker = Masker::new();
        masker.add(b"a-long-secret-value", "[masked]");
        assert_eq!(masker.feed(b"started\nPass"), b"started\n");
        assert!(masker.has_pending());
        assert_eq!(masker.flush(), b"Pass");
    }

    proptest! {
        #[test]
        fn output_equals_plain_replacement(
            secret in "[a-d]{1,6}",
            text in proptest::collection::vec("[a-e]{0,8}", 0..6),
            split in 1usize..7,
        ) {
            let joined = text.concat();
            let bytes = joined.as_bytes();
            let chunks: Vec<&[u8]> = bytes.chunks(split).collect();
            let expected = joined.replace(&secret, "[masked]");
            prop_assert_eq!(masked(&[&secret], &chunks), expected);
        }
    }
}
