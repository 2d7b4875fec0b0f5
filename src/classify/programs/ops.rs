//! Program rules: placeholder.

use super::Call;
use crate::classify::verdict::Verdict;

pub fn judge(_call: &Call) -> Option<Verdict> {
    None
}
