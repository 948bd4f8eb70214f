//! Connections per address.

use super::ip;
use crate::pairing::{Pairing, PairingRules, SourceKey, TooManyConnections};

fn rules(per_address: u32) -> PairingRules {
    PairingRules {
        connections_per_address: per_address,
        ..PairingRules::from_limits(&crate::config::Limits::default())
    }
}

#[test]
fn a_source_holds_at_most_its_limit_open() {
    let mut pairing = Pairing::new(rules(2));
    let phone = ip("198.51.100.7");
    assert_eq!(pairing.connection_opened(phone), Ok(()));
    assert_eq!(pairing.connection_opened(phone), Ok(()));
    let refused = pairing.connection_opened(phone).unwrap_err();
    assert_eq!(
        refused,
        TooManyConnections {
            from: SourceKey::of(phone),
            limit: 2
        }
    );
    assert_eq!(
        refused.to_string(),
        "198.51.100.7 already has 2 connections open"
    );
    // Others are not affected.
    assert_eq!(pairing.connection_opened(ip("198.51.100.8")), Ok(()));
    // A connection ends: room for one more.
    pairing.connection_closed(phone);
    assert_eq!(pairing.connection_opened(phone), Ok(()));
    assert_eq!(pairing.connections().open_from(SourceKey::of(phone)), 2);
    assert_eq!(pairing.connections().total(), 3);
}

#[test]
fn closing_everything_forgets_the_source() {
    let mut pairing = Pairing::new(rules(1));
    let phone = ip("2001:db8::1");
    pairing.connection_opened(phone).unwrap();
    assert!(
        pairing.connection_opened(ip("2001:db8::2")).is_err(),
        "same /64"
    );
    pairing.connection_closed(phone);
    pairing.connection_closed(phone);
    assert_eq!(pairing.connections().total(), 0);
    assert_eq!(pairing.connection_opened(ip("2001:db8::2")), Ok(()));
}

#[test]
fn a_zero_limit_refuses_everyone() {
    let mut pairing = Pairing::new(rules(0));
    assert!(pairing.connection_opened(ip("192.0.2.1")).is_err());
    assert_eq!(pairing.connections().total(), 0);
}
