//! Tests of `link`.

use super::*;

fn code() -> SessionCode {
    "012 345 678".parse().unwrap()
}

fn fp() -> CertFingerprint {
    CertFingerprint::of_der(b"relay certificate")
}

#[test]
fn join_url_round_trips() {
    let cases = [
        JoinUrl::new("relay.example.com", None, code()),
        JoinUrl::new("relay.example.com", Some(8443), code()),
        JoinUrl::new("127.0.0.1", Some(4443), code()),
        JoinUrl::new("::1", Some(4443), code()),
        JoinUrl {
            https: false,
            ..JoinUrl::new("localhost", Some(8080), code())
        },
    ];
    for url in cases {
        let text = url.to_string();
        assert_eq!(text.parse::<JoinUrl>().unwrap(), url, "{text}");
    }
    assert_eq!(
        JoinUrl::new("relay.example.com", Some(8443), code()).to_string(),
        "https://relay.example.com:8443/join/012345678"
    );
}

#[test]
fn join_url_accepts_grouped_code_and_trailing_slash() {
    let url: JoinUrl = "https://r.example/join/012-345-678/".parse().unwrap();
    assert_eq!(url.code, code());
    let url: JoinUrl = "HTTPS://R.EXAMPLE:443/join/012345678".parse().unwrap();
    assert_eq!(url.host, "r.example");
    assert_eq!(url.port, None, "the default port is dropped");
}

#[test]
fn join_url_errors_are_precise() {
    let cases: [(&str, LinkError); 9] = [
        (
            "not a link",
            LinkError::NotAUrl("relative URL without a base".into()),
        ),
        (
            "ftp://r.example/join/012345678",
            LinkError::WrongScheme {
                found: "ftp".into(),
            },
        ),
        (
            "https://r.example/join/",
            LinkError::WrongPath {
                found: "/join/".into(),
            },
        ),
        (
            "https://r.example/code/012345678",
            LinkError::WrongPath {
                found: "/code/012345678".into(),
            },
        ),
        (
            "https://r.example/join/012345678/extra",
            LinkError::WrongPath {
                found: "/join/012345678/extra".into(),
            },
        ),
        (
            "https://r.example/join/01234567",
            LinkError::BadCode(CodeError::WrongLength { found: 8 }),
        ),
        (
            "https://r.example/join/012345678?x=1",
            LinkError::UnexpectedSuffix {
                found: "x=1".into(),
            },
        ),
        (
            "https://bob:pw@r.example/join/012345678",
            LinkError::HasCredentials,
        ),
        (
            "https://r.example/join/0123456789",
            LinkError::BadCode(CodeError::WrongLength { found: 10 }),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(text.parse::<JoinUrl>(), Err(want), "{text}");
    }
}

#[test]
fn deep_link_round_trips() {
    let cases = [
        DeepLink {
            code: code(),
            relay: RelayAddr::new("relay.example.com", 4433),
            fingerprint: Some(fp()),
        },
        DeepLink {
            code: code(),
            relay: RelayAddr::new("::1", 4433),
            fingerprint: Some(fp()),
        },
        DeepLink {
            code: code(),
            relay: RelayAddr::new("10.0.0.7", 443),
            fingerprint: None,
        },
    ];
    for link in cases {
        let text = link.to_string();
        assert_eq!(text.parse::<DeepLink>().unwrap(), link, "{text}");
        assert_eq!(
            text.parse::<SessionLink>().unwrap(),
            SessionLink::Deep(link.clone())
        );
    }
    let text = format!("lifeline://join/012345678?relay=127.0.0.1:4433&fp={}", fp());
    assert_eq!(text.parse::<DeepLink>().unwrap().to_string(), text);
}

#[test]
fn deep_link_defaults_port() {
    let link: DeepLink = "lifeline://join/012345678?relay=relay.example.com"
        .parse()
        .unwrap();
    assert_eq!(
        link.relay,
        RelayAddr::new("relay.example.com", DEFAULT_RELAY_PORT)
    );
    assert_eq!(link.fingerprint, None);
}

#[test]
fn deep_link_errors_are_precise() {
    let fp = fp();
    let cases = [
        (
            "lifeline://join/012345678".to_owned(),
            LinkError::MissingRelay,
        ),
        (
            "lifeline://join/012345678?relay=h:0".to_owned(),
            LinkError::BadRelay {
                found: "h:0".into(),
            },
        ),
        (
            "lifeline://join/012345678?relay=h:99999".to_owned(),
            LinkError::BadRelay {
                found: "h:99999".into(),
            },
        ),
        (
            "lifeline://join/012345678?relay=:4433".to_owned(),
            LinkError::BadRelay {
                found: ":4433".into(),
            },
        ),
        (
            "lifeline://join/012345678?relay=::1:4433".to_owned(),
            LinkError::BadRelay {
                found: "::1:4433".into(),
            },
        ),
        (
            "lifeline://join/012345678?relay=h:1&fp=abc".to_owned(),
            LinkError::BadFingerprint(FingerprintError::WrongLength { found: 3 }),
        ),
        (
            format!("lifeline://join/012345678?relay=h:1&fp={fp}&fp={fp}"),
            LinkError::DuplicateParameter { name: "fp".into() },
        ),
        (
            "lifeline://join/012345678?relay=h:1&x=2".to_owned(),
            LinkError::UnknownParameter { name: "x".into() },
        ),
        (
            "lifeline://open/012345678?relay=h:1".to_owned(),
            LinkError::WrongPath {
                found: "/open/012345678".into(),
            },
        ),
        (
            "lifeline://join/12?relay=h:1".to_owned(),
            LinkError::BadCode(CodeError::WrongLength { found: 2 }),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(text.parse::<DeepLink>(), Err(want), "{text}");
    }
}

#[test]
fn session_link_picks_the_kind() {
    let link: SessionLink = "https://r.example/join/012345678".parse().unwrap();
    assert!(matches!(link, SessionLink::Join(_)));
    assert_eq!(link.code(), code());
    assert_eq!(link.to_string(), "https://r.example/join/012345678");
}

#[test]
fn error_messages_read_well() {
    let err = "https://r.example/join/12".parse::<JoinUrl>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "the link's session code is invalid: a session code has 9 digits, found 2"
    );
}
