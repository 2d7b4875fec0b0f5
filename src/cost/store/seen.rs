//! The calls one import has written, by 64-bit hashes of their ids, so repeats and replays are
//! settled without asking the database. On a fresh database whatever is not here is not stored.

use std::collections::HashMap;
use std::hash::{Hash as _, Hasher as _};

use crate::cost::transcript::Usage;

/// Beyond this many calls the memory is given back and the database is asked instead.
const LIMIT: usize = 500_000;

#[derive(Default)]
pub struct Seen {
    fresh: bool,
    calls: HashMap<u64, Usage>,
    /// Per message id: its request ids, call keys and whether each came from a sidechain.
    requests: HashMap<u64, Vec<(u64, u64, bool)>>,
}

fn hash(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

fn call_key(message: &str, request: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (message, request).hash(&mut hasher);
    hasher.finish()
}

impl Seen {
    /// Starts with nothing seen; `fresh` when the database holds no calls yet.
    pub fn new(fresh: bool) -> Seen {
        Seen {
            fresh,
            ..Seen::default()
        }
    }

    /// Whether a call this import has not seen is certainly not stored.
    pub fn fresh(&self) -> bool {
        self.fresh
    }

    pub fn usage(&self, message: &str, request: &str) -> Option<Usage> {
        self.calls.get(&call_key(message, request)).copied()
    }

    /// Whether `message` is known under another request id (among sidechain ones only when
    /// `sidechain_only`); `None` when only the database can tell.
    pub fn other_request(
        &self,
        message: &str,
        request: &str,
        sidechain_only: bool,
    ) -> Option<bool> {
        let request = hash(request);
        let known = self.requests.get(&hash(message)).is_some_and(|requests| {
            requests
                .iter()
                .any(|(other, _, sidechain)| *other != request && (*sidechain || !sidechain_only))
        });
        (known || self.fresh).then_some(known)
    }

    pub fn remember(&mut self, message: &str, request: &str, usage: Usage, sidechain: bool) {
        if self.calls.len() >= LIMIT {
            *self = Seen::default();
        }
        let key = call_key(message, request);
        let requests = self.requests.entry(hash(message)).or_default();
        let request_hash = hash(request);
        if !requests.iter().any(|(known, _, _)| *known == request_hash) {
            requests.push((request_hash, key, sidechain));
        }
        self.calls.insert(key, usage);
    }

    /// Forgets the sidechain copies of `message` under other request ids (they were removed).
    pub fn forget_other_sidechains(&mut self, message: &str, request: &str) {
        let request_hash = hash(request);
        let Some(requests) = self.requests.get_mut(&hash(message)) else {
            return;
        };
        let calls = &mut self.calls;
        requests.retain(|(other, key, sidechain)| {
            let removed = *sidechain && *other != request_hash;
            if removed {
                calls.remove(key);
            }
            !removed
        });
    }
}
