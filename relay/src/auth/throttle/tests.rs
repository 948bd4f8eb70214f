use super::*;

const T0: UnixMillis = UnixMillis(1_700_000_000_000);

fn at(secs: u64) -> UnixMillis {
    UnixMillis(T0.0 + secs * 1000)
}

fn ip(text: &str) -> IpAddr {
    text.parse().unwrap()
}

fn wait(secs: u64, locked: bool) -> Result<(), Throttled> {
    Err(Throttled {
        retry_after: Duration::from_secs(secs),
        locked,
    })
}

#[test]
fn failures_slow_down_exponentially_then_lock() {
    let mut t = LoginThrottle::new(ThrottleConfig::with_limit(5));
    let addr = ip("192.0.2.1");
    assert_eq!(t.check("alice", addr, at(0)), Ok(()));

    t.record_failure("alice", addr, at(0));
    assert_eq!(
        t.check("alice", addr, at(0)),
        Ok(()),
        "the first failure is free"
    );

    t.record_failure("alice", addr, at(0));
    assert_eq!(t.check("alice", addr, at(0)), wait(1, false));
    assert_eq!(t.check("alice", addr, at(1)), Ok(()));

    t.record_failure("alice", addr, at(1));
    assert_eq!(t.check("alice", addr, at(1)), wait(2, false));
    t.record_failure("alice", addr, at(3));
    assert_eq!(t.check("alice", addr, at(3)), wait(4, false));

    t.record_failure("alice", addr, at(7));
    assert_eq!(
        t.check("alice", addr, at(7)),
        wait(300, true),
        "fifth failure locks"
    );
    assert_eq!(
        t.check("ALICE ", addr, at(100)),
        wait(207, true),
        "names ignore case"
    );
    assert_eq!(t.check("alice", addr, at(307)), Ok(()), "the lock ends");

    // After a lock the account's count starts over: one more failure is free again for the
    // account, while this address keeps paying for its sixth failure.
    t.record_failure("alice", addr, at(307));
    assert_eq!(t.check("alice", ip("192.0.2.99"), at(307)), Ok(()));
    assert_eq!(t.check("alice", addr, at(307)), wait(16, false));
}

#[test]
fn success_clears_the_account_but_not_the_address() {
    let mut t = LoginThrottle::new(ThrottleConfig::with_limit(3));
    let addr = ip("192.0.2.2");
    t.record_failure("bob", addr, at(0));
    t.record_failure("bob", addr, at(0));
    assert_eq!(t.check("bob", addr, at(0)), wait(1, false));
    t.record_success("bob");
    // The address still carries its two failures (delay 1 s) until it runs out.
    assert_eq!(t.check("bob", addr, at(0)), wait(1, false));
    assert_eq!(t.check("bob", addr, at(1)), Ok(()));
    assert_eq!(
        t.check("bob", ip("192.0.2.3"), at(0)),
        Ok(()),
        "account cleared"
    );
}

#[test]
fn one_address_guessing_many_accounts_is_locked() {
    let mut t = LoginThrottle::new(ThrottleConfig::with_limit(5));
    let attacker = ip("198.51.100.7");
    for (i, name) in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        .iter()
        .enumerate()
    {
        t.record_failure(name, attacker, at(i as u64 * 100));
    }
    let now = at(900);
    assert_eq!(t.check("someone-else", attacker, now), wait(300, true));
    assert_eq!(t.check("someone-else", ip("198.51.100.8"), now), Ok(()));
}

#[test]
fn quiet_accounts_are_forgiven() {
    let mut t = LoginThrottle::new(ThrottleConfig::with_limit(5));
    let addr = ip("192.0.2.9");
    for _ in 0..4 {
        t.record_failure("carol", addr, at(0));
    }
    // 15 minutes later the count is forgotten: the next failure is the first again.
    t.record_failure("carol", addr, at(15 * 60));
    assert_eq!(t.check("carol", addr, at(15 * 60)), Ok(()));
}

#[test]
fn ipv6_counts_per_slash_64_and_mapped_ipv4_as_ipv4() {
    let mut t = LoginThrottle::new(ThrottleConfig::with_limit(1));
    // Limit 1 per account, 2 per address.
    t.record_failure("x", ip("2001:db8:1:2::1"), at(0));
    t.record_failure("x2", ip("2001:db8:1:2::2"), at(0));
    assert!(t.check("y", ip("2001:db8:1:2:ffff::9"), at(0)).is_err());
    assert_eq!(t.check("y", ip("2001:db8:1:3::1"), at(0)), Ok(()));

    t.record_failure("z", ip("::ffff:192.0.2.44"), at(0));
    t.record_failure("z2", ip("192.0.2.44"), at(0));
    assert!(t.check("w", ip("192.0.2.44"), at(0)).is_err());
}

#[test]
fn memory_stays_bounded() {
    let config = ThrottleConfig {
        max_entries: 10,
        ..ThrottleConfig::with_limit(5)
    };
    let mut t = LoginThrottle::new(config);
    for i in 0..100u64 {
        t.record_failure(&format!("user{i}"), ip("192.0.2.50"), at(i));
    }
    assert!(t.tracked() <= 10, "{}", t.tracked());
    // The busy address survives pruning: it was failing most recently.
    assert!(t.check("new", ip("192.0.2.50"), at(100)).is_err());
}

#[test]
fn parallel_attempts_on_one_account_wait_for_the_first() {
    let mut t = LoginThrottle::new(ThrottleConfig::with_limit(5));
    let addr = ip("192.0.2.60");
    t.begin("dave", addr, at(0)).unwrap();
    assert_eq!(t.begin("dave", ip("192.0.2.61"), at(0)), wait(1, false));
    t.finish_failure("dave", addr, at(0));
    // The first failure is free, and nothing is under way any more.
    t.begin("dave", addr, at(0)).unwrap();
    t.finish_success("dave", addr);
    t.begin("dave", addr, at(0)).unwrap();
    t.abandon("dave", addr);

    // An address runs a few attempts at once, then waits.
    let office = ip("192.0.2.70");
    for name in ["a", "b", "c", "d"] {
        t.begin(name, office, at(0)).unwrap();
    }
    assert_eq!(t.begin("e", office, at(0)), wait(1, false));
    t.finish_success("a", office);
    t.begin("e", office, at(0)).unwrap();
}
