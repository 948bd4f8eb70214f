//! The self-signed certificate kept in the data dir.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use tracing::info;

use super::{CERT_FILE, KEY_FILE, TlsError, TlsMaterial, load_files};

/// Reuses `cert.pem`/`key.pem` in `data_dir`, or creates them.
pub(super) fn load_or_create(data_dir: &Path) -> Result<TlsMaterial, TlsError> {
    let cert = data_dir.join(CERT_FILE);
    let key = data_dir.join(KEY_FILE);
    match (cert.exists(), key.exists()) {
        (true, true) => load_files(&cert, &key),
        (true, false) => Err(TlsError::MissingKey { cert, key }),
        // A key without its certificate is what an interrupted first start leaves behind:
        // the certificate is written last, so no client can have pinned that key yet.
        (false, _) => create(&cert, &key),
    }
}

fn create(cert_path: &Path, key_path: &Path) -> Result<TlsMaterial, TlsError> {
    let mut names = vec![
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
        "::1".to_owned(),
    ];
    names.extend(host_name());
    let certified = rcgen::generate_simple_self_signed(names)?;
    // Key first, certificate last: the certificate's presence marks a complete pair.
    write_private(
        key_path,
        certified.signing_key.serialize_pem().as_bytes(),
        true,
    )?;
    write_private(cert_path, certified.cert.pem().as_bytes(), false)?;
    let material = load_files(cert_path, key_path)?;
    info!(
        cert = %cert_path.display(),
        fingerprint = %material.fingerprint,
        "created a self-signed certificate"
    );
    Ok(material)
}

/// This machine's host name, when it is a plain DNS name.
pub(crate) fn host_name() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())?;
    let name = name.trim().to_ascii_lowercase();
    let plain = !name.is_empty()
        && name != "localhost"
        && name.len() <= 253
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    plain.then_some(name)
}

/// Writes `contents` to `path` through a temporary file and a rename, so a crash never leaves
/// a half-written file. `secret` files are readable by their owner only (unix).
fn write_private(path: &Path, contents: &[u8], secret: bool) -> Result<(), TlsError> {
    let tmp = PathBuf::from(format!("{}.tmp", path.display()));
    let io_error = |action, path: &Path| {
        let path = path.to_owned();
        move |cause| TlsError::Io {
            action,
            path,
            cause,
        }
    };
    // A leftover from an interrupted start may carry other permissions: start afresh.
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options
        .open(&tmp)
        .map_err(io_error("could not create", &tmp))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(io_error("could not write", &tmp))?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(io_error("could not write", path))
}
