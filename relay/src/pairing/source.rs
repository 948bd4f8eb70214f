//! Which budget a connection's source address draws from.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};

/// The unit the relay budgets connections and join attempts by: an IPv4 address, or the
/// /64 prefix of an IPv6 address.
///
/// An IPv6 host usually holds a whole /64 and can pick any address in it, so budgeting
/// single IPv6 addresses would hand one attacker 2⁶⁴ budgets. IPv4-mapped IPv6 addresses
/// (`::ffff:a.b.c.d`, seen on dual-stack sockets) count as the IPv4 address.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SourceKey(IpAddr);

impl SourceKey {
    /// The key of a source address.
    pub fn of(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(v4) => Self(IpAddr::V4(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Self(IpAddr::V4(v4)),
                None => {
                    let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                    Self(IpAddr::V6(Ipv6Addr::from(prefix)))
                }
            },
        }
    }
}

impl From<IpAddr> for SourceKey {
    fn from(ip: IpAddr) -> Self {
        Self::of(ip)
    }
}

impl fmt::Display for SourceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            IpAddr::V4(v4) => write!(f, "{v4}"),
            IpAddr::V6(v6) => write!(f, "{v6}/64"),
        }
    }
}

impl fmt::Debug for SourceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SourceKey({self})")
    }
}
