use super::*;

#[test]
fn self_signed_is_created_once_and_reused() {
    let dir = tempfile::tempdir().unwrap();
    let first = load_or_create(dir.path(), &TlsSource::SelfSigned).unwrap();
    assert_eq!(
        first.fingerprint,
        CertFingerprint::of_der(&first.cert_chain[0])
    );
    let again = load_or_create(dir.path(), &TlsSource::SelfSigned).unwrap();
    assert_eq!(
        again.fingerprint, first.fingerprint,
        "the certificate is kept"
    );
    assert!(!dir.path().join("key.pem.tmp").exists());

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.path().join(KEY_FILE))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the key is private: {mode:o}");
    }
}

#[test]
fn operator_files_load_and_bad_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let made = load_or_create(dir.path(), &TlsSource::SelfSigned).unwrap();
    let files = TlsSource::Files {
        cert: dir.path().join(CERT_FILE),
        key: dir.path().join(KEY_FILE),
    };
    let loaded = load_or_create(Path::new("/nonexistent"), &files).unwrap();
    assert_eq!(loaded.fingerprint, made.fingerprint);

    let garbage = dir.path().join("garbage.pem");
    std::fs::write(&garbage, "not a certificate").unwrap();
    let err = load_files(&garbage, &dir.path().join(KEY_FILE)).unwrap_err();
    assert!(
        err.to_string().contains("garbage.pem is not a usable PEM"),
        "{err}"
    );
    let err = load_files(&dir.path().join("missing.pem"), &garbage).unwrap_err();
    assert!(err.to_string().contains("could not read"), "{err}");
}

#[test]
fn a_certificate_without_its_key_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    load_or_create(dir.path(), &TlsSource::SelfSigned).unwrap();
    std::fs::remove_file(dir.path().join(KEY_FILE)).unwrap();
    let err = load_or_create(dir.path(), &TlsSource::SelfSigned).unwrap_err();
    assert!(matches!(err, TlsError::MissingKey { .. }), "{err}");
    assert!(dir.path().join(CERT_FILE).exists(), "nothing was deleted");
}

#[test]
fn a_key_from_another_certificate_is_refused() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    load_or_create(a.path(), &TlsSource::SelfSigned).unwrap();
    load_or_create(b.path(), &TlsSource::SelfSigned).unwrap();
    let mixed = TlsSource::Files {
        cert: a.path().join(CERT_FILE),
        key: b.path().join(KEY_FILE),
    };
    let err = load_or_create(a.path(), &mixed).unwrap_err();
    assert!(matches!(err, TlsError::Rustls(_)), "{err}");
}
