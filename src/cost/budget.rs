//! Spending limits from `config.toml` (`[budget]`: per day, block, month and session, in USD)
//! and how far each is used.

use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Budgets {
    pub daily: Option<f64>,
    pub block: Option<f64>,
    pub monthly: Option<f64>,
    pub session: Option<f64>,
}

/// One limit and what has been spent against it.
#[derive(Clone, Debug, PartialEq)]
pub struct Gauge {
    /// `day`, `block`, `month` or `session`.
    pub scope: &'static str,
    /// What the spending belongs to: the date, the block's start, the month or the session id.
    pub subject: String,
    pub spent_usd: f64,
    pub limit_usd: f64,
}

impl Gauge {
    pub fn ratio(&self) -> f64 {
        if self.limit_usd <= 0.0 {
            return f64::INFINITY;
        }
        self.spent_usd / self.limit_usd
    }

    pub fn over(&self) -> bool {
        self.spent_usd > self.limit_usd
    }
}

impl Budgets {
    pub fn is_empty(&self) -> bool {
        self == &Budgets::default()
    }

    /// The problems with the limits themselves (negative or not a number).
    pub fn problems(&self) -> Vec<String> {
        [
            ("daily", self.daily),
            ("block", self.block),
            ("monthly", self.monthly),
            ("session", self.session),
        ]
        .into_iter()
        .filter_map(|(name, limit)| match limit {
            Some(value) if !value.is_finite() || value < 0.0 => Some(format!(
                "budget.{name} = {value} is not a limit: use a positive number of USD"
            )),
            _ => None,
        })
        .collect()
    }
}
