//! Five-hour billing windows: a block starts at the hour of its first call and ends five hours
//! later, or earlier when five hours pass without a call. Burn rate and projection for the
//! active one.

use std::collections::BTreeMap;

use super::report::{Bucket, Totals};

pub const BLOCK_MS: i64 = 5 * 3_600_000;
const HOUR_MS: i64 = 3_600_000;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    pub start_ms: i64,
    pub end_ms: i64,
    pub first_ms: i64,
    pub last_ms: i64,
    pub totals: Totals,
    pub models: BTreeMap<String, Totals>,
    /// Still open: its window has not ended and the last call is less than five hours old.
    pub active: bool,
}

/// How fast the active block spends, from its first call to now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Burn {
    pub tokens_per_minute: f64,
    pub usd_per_hour: f64,
    /// Where the block ends at this rate.
    pub projected_tokens: u64,
    pub projected_usd: f64,
}

impl Block {
    pub fn burn(&self, now_ms: i64) -> Option<Burn> {
        if !self.active {
            return None;
        }
        let elapsed_min = ((now_ms.min(self.end_ms) - self.first_ms) as f64 / 60_000.0).max(1.0);
        let remaining_min = (self.end_ms - now_ms).max(0) as f64 / 60_000.0;
        let tokens = self.totals.usage.total() as f64;
        let usd = self.totals.cost_usd();
        let tokens_per_minute = tokens / elapsed_min;
        let usd_per_minute = usd / elapsed_min;
        Some(Burn {
            tokens_per_minute,
            usd_per_hour: usd_per_minute * 60.0,
            projected_tokens: (tokens + tokens_per_minute * remaining_min).round() as u64,
            projected_usd: usd + usd_per_minute * remaining_min,
        })
    }
}

/// The blocks the buckets (oldest first) fall into.
pub fn blocks(buckets: &[Bucket], now_ms: i64) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for bucket in buckets {
        let opens_new = blocks.last().is_none_or(|block| {
            bucket.first_ms >= block.end_ms || bucket.first_ms - block.last_ms > BLOCK_MS
        });
        if opens_new {
            let start_ms = bucket.first_ms.div_euclid(HOUR_MS) * HOUR_MS;
            blocks.push(Block {
                start_ms,
                end_ms: start_ms + BLOCK_MS,
                first_ms: bucket.first_ms,
                last_ms: bucket.last_ms,
                ..Block::default()
            });
        }
        if let Some(block) = blocks.last_mut() {
            block.first_ms = block.first_ms.min(bucket.first_ms);
            block.last_ms = block.last_ms.max(bucket.last_ms);
            block.totals.add(&bucket.totals);
            block
                .models
                .entry(bucket.model.clone())
                .or_default()
                .add(&bucket.totals);
        }
    }
    for block in &mut blocks {
        block.active = now_ms < block.end_ms && now_ms - block.last_ms < BLOCK_MS;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::transcript::Usage;

    fn bucket(minute: i64, output: u64) -> Bucket {
        let ms = minute * 60_000;
        Bucket {
            quarter: ms / 900_000,
            model: "m".into(),
            project: "p".into(),
            session_id: "s".into(),
            first_ms: ms,
            last_ms: ms,
            totals: Totals {
                calls: 1,
                usage: Usage {
                    output,
                    ..Usage::default()
                },
                cost_picos: output as i64 * 1_000_000,
                unpriced: 0,
            },
        }
    }

    #[test]
    fn windows_start_on_the_hour_and_last_five_hours() {
        // 10:20, 14:59 (same block, started 10:00), 15:00 (new block), 21:30 (after a gap).
        let buckets = [
            bucket(620, 10),
            bucket(899, 20),
            bucket(900, 30),
            bucket(1290, 40),
        ];
        let found = blocks(&buckets, 1300 * 60_000);
        let starts: Vec<i64> = found.iter().map(|b| b.start_ms / 60_000).collect();
        assert_eq!(starts, [600, 900, 1260]);
        let outputs: Vec<u64> = found.iter().map(|b| b.totals.usage.output).collect();
        assert_eq!(outputs, [30, 30, 40]);
        let active: Vec<bool> = found.iter().map(|b| b.active).collect();
        assert_eq!(active, [false, false, true]);
    }

    #[test]
    fn burn_rate_and_projection_of_the_active_block() {
        // 600 tokens between 10:00 and 11:00 (first call at 10:00), now 11:00: 10 per minute,
        // 4 hours left → 600 + 2,400.
        let buckets = [bucket(600, 300), bucket(630, 300)];
        let found = blocks(&buckets, 660 * 60_000);
        let burn = found[0].burn(660 * 60_000).expect("active");
        assert!((burn.tokens_per_minute - 10.0).abs() < 1e-9);
        assert_eq!(burn.projected_tokens, 3000);
        // 600 tokens at $1 per million each: $0.0006 an hour, $0.003 by the end.
        assert!((burn.usd_per_hour - 0.0006).abs() < 1e-12);
        assert!((burn.projected_usd - 0.003).abs() < 1e-12);
        let later = blocks(&buckets, 2000 * 60_000);
        assert!(later[0].burn(2000 * 60_000).is_none());
    }
}
