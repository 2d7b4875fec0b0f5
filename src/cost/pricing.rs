//! Claude prices: the embedded table (`assets/pricing.toml`), user additions, and the cost of
//! one API call — cache writes and reads, long context, web search — or "unpriced".

use serde::Deserialize;

use super::transcript::Usage;

const EMBEDDED: &str = include_str!("../../assets/pricing.toml");

#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
pub struct LongContext {
    pub threshold: u64,
    pub input: f64,
    pub output: f64,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ModelPrice {
    pub name: String,
    pub prefixes: Vec<String>,
    /// USD per million input tokens.
    pub input: f64,
    pub output: f64,
    #[serde(default)]
    pub cache_write_5m: Option<f64>,
    #[serde(default)]
    pub cache_write_1h: Option<f64>,
    #[serde(default)]
    pub cache_read: Option<f64>,
    #[serde(default)]
    pub long_context: Option<LongContext>,
}

#[derive(Clone, Debug, Deserialize)]
struct PriceFile {
    #[serde(default)]
    web_search_per_thousand: Option<f64>,
    #[serde(default)]
    model: Vec<ModelPrice>,
}

#[derive(Clone, Debug)]
pub struct PriceTable {
    models: Vec<ModelPrice>,
    web_search_per_thousand: f64,
}

/// What one call costs, or that its model has no price.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cost {
    Usd(f64),
    Unpriced,
}

/// Per-million prices for one request, after the long-context rule.
struct Rates {
    input: f64,
    output: f64,
    cache_write_5m: f64,
    cache_write_1h: f64,
    cache_read: f64,
}

impl PriceTable {
    /// The embedded table, with a user's table (same format) taking precedence.
    pub fn load(user: Option<&str>) -> Result<PriceTable, String> {
        let embedded: PriceFile =
            toml::from_str(EMBEDDED).map_err(|e| format!("embedded price table: {e}"))?;
        let mut table = PriceTable {
            models: embedded.model,
            web_search_per_thousand: embedded.web_search_per_thousand.unwrap_or(10.0),
        };
        if let Some(text) = user {
            let file: PriceFile =
                toml::from_str(text).map_err(|e| format!("pricing.toml: {}", e.message()))?;
            // User models are matched first, so they override embedded ones with the same prefix.
            let mut models = file.model;
            models.append(&mut table.models);
            table.models = models;
            if let Some(rate) = file.web_search_per_thousand {
                table.web_search_per_thousand = rate;
            }
        }
        Ok(table)
    }

    pub fn model(&self, model_id: &str) -> Option<&ModelPrice> {
        self.models.iter().find(|price| {
            price
                .prefixes
                .iter()
                .any(|prefix| model_id.starts_with(prefix.as_str()))
        })
    }

    /// The cost of one call.
    pub fn cost(&self, model_id: &str, usage: &Usage) -> Cost {
        match self.cost_picos(model_id, usage) {
            Some(picos) => Cost::Usd(picos as f64 / PICOS_PER_USD),
            None => Cost::Unpriced,
        }
    }

    /// The cost of one call in pico-dollars (10⁻¹² USD), or `None` when the model has no
    /// price. Integers keep sums exact and independent of the order calls are added in.
    pub fn cost_picos(&self, model_id: &str, usage: &Usage) -> Option<i64> {
        if model_id == "<synthetic>" {
            return Some(0);
        }
        let price = self.model(model_id)?;
        let rates = rates(price, usage);
        // A price per million tokens is, per token, that many micro-dollars: 10⁶ picos.
        let per_token = |rate: f64| (rate * 1_000_000.0).round() as i128;
        let tokens = usage.input as i128 * per_token(rates.input)
            + usage.output as i128 * per_token(rates.output)
            + usage.cache_write_5m as i128 * per_token(rates.cache_write_5m)
            + usage.cache_write_1h as i128 * per_token(rates.cache_write_1h)
            + usage.cache_read as i128 * per_token(rates.cache_read);
        let per_search = (self.web_search_per_thousand * PICOS_PER_USD / 1000.0).round() as i128;
        let total = tokens + usage.web_search as i128 * per_search;
        Some(i64::try_from(total).unwrap_or(i64::MAX))
    }

    /// A fingerprint of the effective prices, so stored costs can be recomputed when it changes.
    pub fn fingerprint(&self) -> String {
        format!("{:?}|{}", self.models, self.web_search_per_thousand)
    }
}

/// Pico-dollars in one dollar.
pub const PICOS_PER_USD: f64 = 1e12;

fn rates(price: &ModelPrice, usage: &Usage) -> Rates {
    let prompt = usage.input + usage.cache_write_5m + usage.cache_write_1h + usage.cache_read;
    match price.long_context {
        Some(long) if prompt > long.threshold => Rates {
            input: long.input,
            output: long.output,
            cache_write_5m: long.input * 1.25,
            cache_write_1h: long.input * 2.0,
            cache_read: long.input * 0.1,
        },
        _ => Rates {
            input: price.input,
            output: price.output,
            cache_write_5m: price.cache_write_5m.unwrap_or(price.input * 1.25),
            cache_write_1h: price.cache_write_1h.unwrap_or(price.input * 2.0),
            cache_read: price.cache_read.unwrap_or(price.input * 0.1),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(cost: Cost) -> f64 {
        match cost {
            Cost::Usd(value) => value,
            Cost::Unpriced => panic!("unpriced"),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn models_map_to_their_families() {
        let table = PriceTable::load(None).expect("embedded table");
        let cases = [
            ("claude-opus-4-1-20250805", "Opus 4.1"),
            ("claude-opus-4-20250514", "Opus 4"),
            ("claude-opus-4-5-20251101", "Opus 4.5 and later 4.x"),
            ("claude-opus-4-8", "Opus 4.5 and later 4.x"),
            ("claude-sonnet-4-5-20250929", "Sonnet 4.5"),
            ("claude-sonnet-4-20250514", "Sonnet 4"),
            ("claude-sonnet-4-6", "Sonnet 4.6 and later 4.x"),
            ("claude-3-7-sonnet-20250219", "Sonnet 3.7"),
            ("claude-haiku-4-5-20251001", "Haiku 4.5"),
            ("claude-3-5-haiku-20241022", "Haiku 3.5"),
            ("claude-3-haiku-20240307", "Haiku 3"),
        ];
        for (id, family) in cases {
            assert_eq!(
                table.model(id).map(|m| m.name.as_str()),
                Some(family),
                "{id}"
            );
        }
        assert_eq!(table.cost("gpt-4o", &Usage::default()), Cost::Unpriced);
        assert_eq!(
            table.cost(
                "<synthetic>",
                &Usage {
                    input: 5,
                    ..Usage::default()
                }
            ),
            Cost::Usd(0.0)
        );
    }

    #[test]
    fn costs_computed_by_hand() {
        let table = PriceTable::load(None).expect("embedded table");
        // Opus 4.1: 1,000 in × 15 + 500 out × 75 + 2,000 5m writes × 18.75 + 1,000 1h writes × 30
        // + 10,000 reads × 1.5, per million.
        let usage = Usage {
            input: 1000,
            output: 500,
            cache_write_5m: 2000,
            cache_write_1h: 1000,
            cache_read: 10_000,
            web_search: 0,
        };
        let expected =
            (1000.0 * 15.0 + 500.0 * 75.0 + 2000.0 * 18.75 + 1000.0 * 30.0 + 10_000.0 * 1.5) / 1e6;
        assert!(close(
            usd(table.cost("claude-opus-4-1-20250805", &usage)),
            expected
        ));
        // Haiku 3: cache read is 0.1 × 0.25 = 0.025 per million.
        let reads = Usage {
            cache_read: 1_000_000,
            ..Usage::default()
        };
        assert!(close(
            usd(table.cost("claude-3-haiku-20240307", &reads)),
            0.025
        ));
        // Web search: $10 per 1,000 requests.
        let search = Usage {
            web_search: 3,
            ..Usage::default()
        };
        assert!(close(usd(table.cost("claude-sonnet-4-6", &search)), 0.03));
    }

    #[test]
    fn long_context_bills_the_whole_request_at_the_higher_rates() {
        let table = PriceTable::load(None).expect("embedded table");
        let at_limit = Usage {
            input: 150_000,
            cache_read: 50_000,
            output: 1000,
            ..Usage::default()
        };
        let over = Usage {
            input: 150_001,
            cache_read: 50_000,
            output: 1000,
            ..Usage::default()
        };
        let normal = (150_000.0 * 3.0 + 50_000.0 * 0.3 + 1000.0 * 15.0) / 1e6;
        let long = (150_001.0 * 6.0 + 50_000.0 * 0.6 + 1000.0 * 22.5) / 1e6;
        assert!(close(
            usd(table.cost("claude-sonnet-4-5-20250929", &at_limit)),
            normal
        ));
        assert!(close(
            usd(table.cost("claude-sonnet-4-5-20250929", &over)),
            long
        ));
        let writes = Usage {
            cache_write_5m: 100_000,
            cache_write_1h: 100_001,
            ..Usage::default()
        };
        let expected = (100_000.0 * 7.5 + 100_001.0 * 12.0) / 1e6;
        assert!(close(
            usd(table.cost("claude-sonnet-4-20250514", &writes)),
            expected
        ));
        // Sonnet 4.6 has no long-context surcharge in the table.
        assert!(close(
            usd(table.cost("claude-sonnet-4-6", &over)),
            (150_001.0 * 3.0 + 50_000.0 * 0.3 + 1000.0 * 15.0) / 1e6
        ));
    }

    #[test]
    fn a_user_table_overrides_and_adds() {
        let user = "[[model]]\nname = \"Mine\"\nprefixes = [\"claude-opus-4-1\", \"my-model\"]\ninput = 1.0\noutput = 2.0\n";
        let table = PriceTable::load(Some(user)).expect("tables");
        assert_eq!(
            table
                .model("claude-opus-4-1-20250805")
                .map(|m| m.name.as_str()),
            Some("Mine")
        );
        assert_eq!(table.model("my-model-x").map(|m| m.input), Some(1.0));
        assert_eq!(
            table.model("claude-3-haiku-20240307").map(|m| m.input),
            Some(0.25)
        );
        assert!(PriceTable::load(Some("[[model]]\nname = 1\n")).is_err());
    }
}
