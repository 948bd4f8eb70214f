//! Counters the relay exports at `/metrics` in Prometheus text format.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};

use lifeline_protocol::messages::handshake::RejectReason;

/// Relay-wide counters, shared by the QUIC and HTTP sides.
#[derive(Debug, Default)]
pub struct Metrics {
    connections_open: AtomicU64,
    connections_total: AtomicU64,
    sessions_active: AtomicU64,
    sessions_paired_total: AtomicU64,
    bytes_relayed_total: AtomicU64,
    handshakes_failed_total: AtomicU64,
    logins_failed_total: AtomicU64,
    rejected: [AtomicU64; REASONS.len()],
}

/// Label values of rejected joins, in [`reason_index`] order.
const REASONS: [&str; 6] = [
    "unknown",
    "expired",
    "used",
    "rate_limited",
    "version",
    "unauthorized",
];

fn reason_index(reason: &RejectReason) -> usize {
    match reason {
        RejectReason::UnknownCode => 0,
        RejectReason::Expired => 1,
        RejectReason::AlreadyUsed => 2,
        RejectReason::RateLimited { .. } => 3,
        RejectReason::UnsupportedVersion { .. } => 4,
        RejectReason::Unauthorized => 5,
    }
}

impl Metrics {
    /// A QUIC connection was accepted.
    pub fn connection_opened(&self) {
        self.connections_open.fetch_add(1, Ordering::Relaxed);
        self.connections_total.fetch_add(1, Ordering::Relaxed);
    }

    /// A QUIC connection ended.
    pub fn connection_closed(&self) {
        self.connections_open.fetch_sub(1, Ordering::Relaxed);
    }

    /// Two peers were paired.
    pub fn session_paired(&self) {
        self.sessions_active.fetch_add(1, Ordering::Relaxed);
        self.sessions_paired_total.fetch_add(1, Ordering::Relaxed);
    }

    /// A paired session ended.
    pub fn session_ended(&self) {
        self.sessions_active.fetch_sub(1, Ordering::Relaxed);
    }

    /// Bytes copied between peers.
    pub fn add_relayed_bytes(&self, bytes: u64) {
        self.bytes_relayed_total.fetch_add(bytes, Ordering::Relaxed);
    }

    /// A handshake was garbage, oversized, too slow or used the wrong ALPN.
    pub fn handshake_failed(&self) {
        self.handshakes_failed_total.fetch_add(1, Ordering::Relaxed);
    }

    /// A sign-in failed (wrong name or password).
    pub fn login_failed(&self) {
        self.logins_failed_total.fetch_add(1, Ordering::Relaxed);
    }

    /// Failed sign-ins so far.
    pub fn failed_logins(&self) -> u64 {
        self.logins_failed_total.load(Ordering::Relaxed)
    }

    /// A join or technician connection was refused.
    pub fn join_rejected(&self, reason: &RejectReason) {
        self.rejected[reason_index(reason)].fetch_add(1, Ordering::Relaxed);
    }

    /// Paired sessions right now.
    pub fn active_sessions(&self) -> u64 {
        self.sessions_active.load(Ordering::Relaxed)
    }

    /// Rejections so far for `reason`'s kind.
    pub fn rejected_count(&self, reason: &RejectReason) -> u64 {
        self.rejected[reason_index(reason)].load(Ordering::Relaxed)
    }

    /// Bytes relayed so far.
    pub fn relayed_bytes(&self) -> u64 {
        self.bytes_relayed_total.load(Ordering::Relaxed)
    }

    /// The Prometheus text exposition of every counter.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut metric = |name: &str, kind: &str, help: &str, value: &AtomicU64| {
            // Writing to a String cannot fail.
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
            let _ = writeln!(out, "{name} {}", value.load(Ordering::Relaxed));
        };
        metric(
            "lifeline_connections_open",
            "gauge",
            "QUIC connections open.",
            &self.connections_open,
        );
        metric(
            "lifeline_connections_total",
            "counter",
            "QUIC connections accepted.",
            &self.connections_total,
        );
        metric(
            "lifeline_sessions_active",
            "gauge",
            "Paired sessions in progress.",
            &self.sessions_active,
        );
        metric(
            "lifeline_sessions_paired_total",
            "counter",
            "Sessions paired.",
            &self.sessions_paired_total,
        );
        metric(
            "lifeline_bytes_relayed_total",
            "counter",
            "Bytes copied between peers.",
            &self.bytes_relayed_total,
        );
        metric(
            "lifeline_handshakes_failed_total",
            "counter",
            "Handshakes dropped as garbage, oversized, slow or wrong ALPN.",
            &self.handshakes_failed_total,
        );
        metric(
            "lifeline_logins_failed_total",
            "counter",
            "Sign-ins refused for a wrong name or password.",
            &self.logins_failed_total,
        );
        let _ = writeln!(
            out,
            "# HELP lifeline_joins_rejected_total Joins refused, by reason.\n# TYPE lifeline_joins_rejected_total counter"
        );
        for (label, value) in REASONS.iter().zip(&self.rejected) {
            let _ = writeln!(
                out,
                "lifeline_joins_rejected_total{{reason=\"{label}\"}} {}",
                value.load(Ordering::Relaxed)
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text() {
        let m = Metrics::default();
        m.connection_opened();
        m.session_paired();
        m.add_relayed_bytes(1234);
        m.join_rejected(&RejectReason::Expired);
        m.join_rejected(&RejectReason::RateLimited {
            retry_after_secs: 5,
        });
        let text = m.render();
        assert!(text.contains("lifeline_connections_open 1\n"), "{text}");
        assert!(text.contains("lifeline_bytes_relayed_total 1234\n"));
        assert!(text.contains("lifeline_joins_rejected_total{reason=\"expired\"} 1\n"));
        assert!(text.contains("lifeline_joins_rejected_total{reason=\"rate_limited\"} 1\n"));
        assert!(text.contains("lifeline_joins_rejected_total{reason=\"unknown\"} 0\n"));
        m.session_ended();
        assert_eq!(m.active_sessions(), 0);
    }
}
