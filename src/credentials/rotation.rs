//! When a credential is due for rotation, and whether it is overdue.

use serde::Serialize;

use super::Meta;

const DAY_MS: i64 = 86_400_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RotationState {
    Current,
    DueSoon,
    Overdue,
}

impl RotationState {
    pub fn as_str(self) -> &'static str {
        match self {
            RotationState::Current => "current",
            RotationState::DueSoon => "due soon",
            RotationState::Overdue => "overdue",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RotationStatus {
    pub name: String,
    pub due_ms: i64,
    /// Whole days until due (negative once overdue).
    pub days_left: i64,
    pub state: RotationState,
}

impl RotationStatus {
    pub fn of(meta: &Meta, now_ms: i64, warn_days: u32) -> Self {
        let due_ms = meta.rotated_ms + i64::from(meta.rotation_days) * DAY_MS;
        let left_ms = due_ms - now_ms;
        let days_left = left_ms.div_euclid(DAY_MS);
        let state = if left_ms <= 0 {
            RotationState::Overdue
        } else if left_ms <= i64::from(warn_days) * DAY_MS {
            RotationState::DueSoon
        } else {
            RotationState::Current
        };
        Self {
            name: meta.name.clone(),
            due_ms,
            days_left,
            state,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Kind;

    fn meta(rotated_days_ago: i64, period: u32) -> Meta {
        Meta {
            name: "n".into(),
            kind: Kind::Token,
            service: String::new(),
            description: String::new(),
            store: "keyring".into(),
            created_ms: 0,
            rotated_ms: 1_000 * DAY_MS - rotated_days_ago * DAY_MS,
            rotation_days: period,
            last_used_ms: None,
        }
    }

    #[test]
    fn states_follow_the_period_and_the_warning_window() {
        let now = 1_000 * DAY_MS;
        let of = |ago, period| RotationStatus::of(&meta(ago, period), now, 14);
        assert_eq!(of(1, 30).state, RotationState::Current);
        assert_eq!(of(1, 30).days_left, 29);
        assert_eq!(of(20, 30).state, RotationState::DueSoon);
        assert_eq!(of(30, 30).state, RotationState::Overdue);
        assert_eq!(of(45, 30).days_left, -15);
    }
}
