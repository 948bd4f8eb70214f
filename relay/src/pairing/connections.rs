//! Open connections per source, against `Limits::connections_per_address`.

use std::collections::HashMap;

use thiserror::Error;

use super::source::SourceKey;

/// A connection refused because its source already has the most it may hold open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{from} already has {limit} connections open")]
pub struct TooManyConnections {
    /// The source.
    pub from: SourceKey,
    /// Connections a source may hold open.
    pub limit: u32,
}

/// How many connections each source holds open.
#[derive(Debug)]
pub struct ConnectionCounts {
    limit: u32,
    open: HashMap<SourceKey, u32>,
}

impl ConnectionCounts {
    /// No connections yet; each source may hold `limit` open.
    pub fn new(limit: u32) -> Self {
        Self {
            limit,
            open: HashMap::new(),
        }
    }

    /// Counts a new connection from `source`, or refuses it.
    pub fn try_open(&mut self, source: SourceKey) -> Result<(), TooManyConnections> {
        let count = self.open.entry(source).or_insert(0);
        if *count >= self.limit {
            let limit = self.limit;
            if *count == 0 {
                self.open.remove(&source);
            }
            return Err(TooManyConnections {
                from: source,
                limit,
            });
        }
        *count += 1;
        Ok(())
    }

    /// A connection counted by [`Self::try_open`] has ended.
    pub fn close(&mut self, source: SourceKey) {
        if let Some(count) = self.open.get_mut(&source) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.open.remove(&source);
            }
        }
    }

    /// Connections `source` holds open.
    pub fn open_from(&self, source: SourceKey) -> u32 {
        self.open.get(&source).copied().unwrap_or(0)
    }

    /// Connections open from all sources.
    pub fn total(&self) -> u64 {
        self.open.values().map(|&n| u64::from(n)).sum()
    }
}
