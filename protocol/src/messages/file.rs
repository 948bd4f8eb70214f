//! The header that starts each file stream; the file's bytes follow it unframed.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Largest file a phone may send in a session.
pub const MAX_FILE_SIZE: u64 = 1 << 30;

/// Longest file name, in bytes.
pub const MAX_FILE_NAME_BYTES: usize = 255;

/// A file about to be sent.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileHeader {
    /// Identifies the file within the session (matches the control stream's offer).
    pub file_id: u32,
    /// A bare file name, no directories.
    pub name: String,
    /// Exact size in bytes.
    pub size: u64,
    /// SHA-256 of the whole content, checked by the receiver.
    pub sha256: [u8; 32],
}

impl std::fmt::Debug for FileHeader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileHeader")
            .field("file_id", &self.file_id)
            .field("name", &self.name)
            .field("size", &self.size)
            .field("sha256", &hex::encode(self.sha256))
            .finish()
    }
}

/// Why a file header may not be accepted.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum FileHeaderError {
    /// The name is empty.
    #[error("the file has no name")]
    EmptyName,
    /// The name is over [`MAX_FILE_NAME_BYTES`].
    #[error("the file name is {0} bytes long; the limit is {MAX_FILE_NAME_BYTES}")]
    NameTooLong(usize),
    /// The name would reach outside the download folder or hide characters.
    #[error("the file name {0:?} contains a path or a control character")]
    UnsafeName(String),
    /// Over [`MAX_FILE_SIZE`].
    #[error("the file is {0} bytes; the limit is {MAX_FILE_SIZE}")]
    TooLarge(u64),
}

impl FileHeader {
    /// Checks that the header is safe to act on: the name is a plain file name (no
    /// separators, no `..`, no control characters) and the size is within limits.
    pub fn validate(&self) -> Result<(), FileHeaderError> {
        let name = &self.name;
        if name.is_empty() {
            return Err(FileHeaderError::EmptyName);
        }
        if name.len() > MAX_FILE_NAME_BYTES {
            return Err(FileHeaderError::NameTooLong(name.len()));
        }
        let unsafe_char = |c: char| c == '/' || c == '\\' || c == ':' || c.is_control();
        if name == "." || name == ".." || name.chars().any(unsafe_char) {
            return Err(FileHeaderError::UnsafeName(name.clone()));
        }
        if self.size > MAX_FILE_SIZE {
            return Err(FileHeaderError::TooLarge(self.size));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(name: &str, size: u64) -> FileHeader {
        FileHeader {
            file_id: 1,
            name: name.into(),
            size,
            sha256: [0; 32],
        }
    }

    #[test]
    fn plain_names_pass() {
        for name in [
            "logcat.txt",
            "bugreport-2026-11-21.zip",
            "journal système.log",
            ".hidden",
        ] {
            assert_eq!(header(name, 10).validate(), Ok(()), "{name}");
        }
    }

    #[test]
    fn unsafe_headers_are_refused() {
        assert_eq!(header("", 1).validate(), Err(FileHeaderError::EmptyName));
        for name in [
            "../etc/passwd",
            "a/b",
            "..",
            "C:evil",
            "a\\b",
            "tab\there",
            "nul\0",
        ] {
            assert_eq!(
                header(name, 1).validate(),
                Err(FileHeaderError::UnsafeName(name.into())),
                "{name:?}"
            );
        }
        assert_eq!(
            header(&"x".repeat(256), 1).validate(),
            Err(FileHeaderError::NameTooLong(256))
        );
        assert_eq!(
            header("big.bin", MAX_FILE_SIZE + 1).validate(),
            Err(FileHeaderError::TooLarge(MAX_FILE_SIZE + 1))
        );
    }

    #[test]
    fn round_trips() {
        let h = header("logcat.txt", 99);
        let bytes = postcard::to_stdvec(&h).unwrap();
        assert_eq!(postcard::from_bytes::<FileHeader>(&bytes).unwrap(), h);
    }
}
