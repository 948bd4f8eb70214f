//! `ip addr` (and the older `ifconfig` and `netcfg`): the phone's addresses, and which kind
//! of network carries them.

use lifeline_protocol::diagnostics::NetworkType;

/// One address and its interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// Interface, e.g. `wlan0`.
    pub interface: String,
    /// Address with prefix length when given, e.g. `192.168.1.23/24`.
    pub address: String,
}

/// Every address except loopback and unset ones (`0.0.0.0`).
pub fn parse(text: &str) -> Vec<Address> {
    let mut addresses = Vec::new();
    let mut interface = String::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(first) = words.first() else {
            continue;
        };
        if !line.starts_with(char::is_whitespace) {
            // `2: wlan0: <…>` (ip), `wlan0     Link encap` (ifconfig), `wlan0: ip …`
            // (toolbox ifconfig), `wlan0  UP  10.1.2.3/20 …` (netcfg).
            let name = if first.ends_with(':') && first[..first.len() - 1].parse::<u32>().is_ok() {
                words.get(1).copied().unwrap_or_default()
            } else {
                first
            };
            interface = name
                .trim_end_matches(':')
                .split('@')
                .next()
                .unwrap_or_default()
                .to_owned();
            if let Some(i) = words.iter().position(|w| *w == "ip") {
                push(&mut addresses, &interface, words.get(i + 1).copied());
            } else if matches!(words.get(1), Some(&("UP" | "DOWN"))) {
                push(&mut addresses, &interface, words.get(2).copied());
            }
            continue;
        }
        match *first {
            "inet" | "inet6" => {
                let value = match words.get(1) {
                    Some(&"addr:") => words.get(2).copied(),
                    Some(w) => Some(w.strip_prefix("addr:").unwrap_or(w)),
                    None => None,
                };
                push(&mut addresses, &interface, value);
            }
            _ => {}
        }
    }
    addresses
}

fn push(addresses: &mut Vec<Address>, interface: &str, value: Option<&str>) {
    let Some(value) = value else {
        return;
    };
    let host = value.split('/').next().unwrap_or(value);
    let Ok(ip) = host.parse::<std::net::IpAddr>() else {
        return;
    };
    if ip.is_loopback() || ip.is_unspecified() || interface.is_empty() {
        return;
    }
    addresses.push(Address {
        interface: interface.to_owned(),
        address: value.to_owned(),
    });
}

/// The kind of network the addresses suggest: Wi-Fi first, then Ethernet, then mobile data.
pub fn network_type(addresses: &[Address]) -> Option<NetworkType> {
    let has = |prefixes: &[&str]| {
        addresses.iter().any(|a| {
            !a.address.contains(':') && prefixes.iter().any(|p| a.interface.starts_with(p))
        })
    };
    if has(&["wlan", "wifi"]) {
        Some(NetworkType::Wifi)
    } else if has(&["eth"]) {
        Some(NetworkType::Ethernet)
    } else if has(&[
        "rmnet",
        "ccmni",
        "pdp",
        "seth",
        "v4-rmnet",
        "rev_rmnet",
        "qmi",
        "wwan",
    ]) {
        Some(NetworkType::Cellular)
    } else if addresses.iter().any(|a| !a.address.contains(':')) {
        Some(NetworkType::Other)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(name: &str) -> String {
        let path = format!("{}/tests/data/adb/net/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    fn addrs(list: &[Address]) -> Vec<&str> {
        list.iter().map(|a| a.address.as_str()).collect()
    }

    /// The layout of iproute2's `ip addr`, as toybox and Android's `ip` print it (written
    /// here by hand: no capture of it is in the test data).
    const IP_ADDR: &str = "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host
3: wlan0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 3000
    link/ether 02:00:5e:10:00:01 brd ff:ff:ff:ff:ff:ff
    inet 192.168.1.23/24 brd 192.168.1.255 scope global wlan0
    inet6 fe80::1234:5678:9abc:def0/64 scope link
12: rmnet_data0@rmnet_ipa0: <UP,LOWER_UP> mtu 1500 qdisc htb state UNKNOWN qlen 1000
    inet 10.20.30.40/30 scope global rmnet_data0
";

    #[test]
    fn reads_ip_addr() {
        let list = parse(IP_ADDR);
        assert_eq!(
            addrs(&list),
            [
                "192.168.1.23/24",
                "fe80::1234:5678:9abc:def0/64",
                "10.20.30.40/30"
            ]
        );
        assert_eq!(list[2].interface, "rmnet_data0");
        assert_eq!(network_type(&list), Some(NetworkType::Wifi));
        assert_eq!(network_type(&list[2..]), Some(NetworkType::Cellular));
        assert_eq!(
            network_type(&list[1..2]),
            None,
            "link-local IPv6 alone is no connection"
        );
    }

    #[test]
    fn reads_the_older_tools_captured() {
        let ifconfig = parse(&data("ifconfig_wlan0_linkencap_awesome-adb.txt"));
        assert_eq!(
            addrs(&ifconfig),
            ["10.129.168.57", "fe80::66cc:2eff:fe68:b6b6/64"]
        );
        let toolbox = parse(&data(
            "ifconfig_wlan0_toolbox_oneline_awesome-adb_android4era.txt",
        ));
        assert_eq!(addrs(&toolbox), ["10.129.160.99"]);
        let netcfg = parse(&data("netcfg_awesome-adb_android4era.txt"));
        assert_eq!(addrs(&netcfg), ["10.129.160.99/20"]);
        assert_eq!(network_type(&netcfg), Some(NetworkType::Wifi));
    }

    #[test]
    fn garbage_yields_nothing() {
        assert!(parse("").is_empty());
        assert!(parse("    inet 1.2.3.4/8\n").is_empty(), "no interface");
        assert!(parse("x: <>\n    inet not-an-ip\n    inet6\n:\n").is_empty());
        assert_eq!(network_type(&[]), None);
    }
}
