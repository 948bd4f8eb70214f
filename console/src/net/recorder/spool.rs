//! The local spool: sealed chunks wait on disk until the relay has them.
//!
//! `SPOOL_DIR/SESSION_ID/SEQ.chunk`, written to a `.partial` file and renamed, so a chunk
//! file is either whole or absent. Files received in the session wait beside them as
//! `SHA256.file` (a copy, made the same way) with their name in `SHA256.name`. The spool is
//! bounded over all sessions.

use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// A received file waiting in the spool until the relay holds its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpooledFile {
    /// SHA-256 of its content.
    pub sha256: [u8; 32],
    /// Its name on the phone.
    pub name: String,
    /// Its size.
    pub size: u64,
}

/// One session's spool.
#[derive(Debug, Clone)]
pub struct Spool {
    root: PathBuf,
    dir: PathBuf,
    session_id: u64,
    max_bytes: u64,
}

impl Spool {
    /// The spool of `session_id` under `root`, holding at most `max_bytes` over all sessions.
    pub fn new(root: &Path, session_id: u64, max_bytes: u64) -> Self {
        Self {
            root: root.to_owned(),
            dir: root.join(session_id.to_string()),
            session_id,
            max_bytes,
        }
    }

    /// The session.
    pub fn session_id(&self) -> u64 {
        self.session_id
    }

    /// The sessions with a folder under `root` (what a console that stopped left behind).
    pub fn sessions(root: &Path) -> Vec<u64> {
        let Ok(entries) = std::fs::read_dir(root) else {
            return Vec::new();
        };
        let mut found: Vec<u64> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| e.file_name().to_str()?.parse().ok())
            .collect();
        found.sort_unstable();
        found
    }

    /// The number after the highest chunk waiting (0 when none): a console that restarts
    /// on a session's spool goes on numbering from there.
    pub fn next_seq(&self) -> u32 {
        self.pending().last().map_or(0, |(seq, _)| seq + 1)
    }

    /// Writes chunk `seq`. Refused when the spool is full.
    pub fn write(&self, seq: u32, bytes: &[u8]) -> io::Result<()> {
        let used = dir_bytes(&self.root);
        if used + bytes.len() as u64 > self.max_bytes {
            return Err(io::Error::other(format!(
                "the recording spool is full ({used} of {} bytes used)",
                self.max_bytes
            )));
        }
        std::fs::create_dir_all(&self.dir)?;
        let path = self.path(seq);
        let partial = path.with_extension("partial");
        std::fs::write(&partial, bytes)?;
        std::fs::rename(&partial, &path)
    }

    /// Chunk `seq`'s bytes.
    pub fn read(&self, seq: u32) -> io::Result<Vec<u8>> {
        std::fs::read(self.path(seq))
    }

    /// Forgets chunk `seq` (the relay has it).
    pub fn remove(&self, seq: u32) -> io::Result<()> {
        match std::fs::remove_file(self.path(seq)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Puts chunk `seq` aside under another name (the relay refused it for good), so it is
    /// not sent again but not lost either.
    pub fn set_aside(&self, seq: u32, why: &str) -> io::Result<()> {
        let path = self.path(seq);
        std::fs::rename(&path, path.with_extension(why))
    }

    /// Chunks waiting, in sequence order, with their paths.
    pub fn pending(&self) -> Vec<(u32, PathBuf)> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<(u32, PathBuf)> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "chunk"))
            .filter_map(|p| {
                let seq = p.file_stem()?.to_str()?.parse().ok()?;
                Some((seq, p))
            })
            .collect();
        found.sort();
        found
    }

    /// Copies the received file at `source` (whose content hashes to `sha256`) into the
    /// spool. Refused when the spool is full.
    pub fn write_file(&self, sha256: &[u8; 32], name: &str, source: &Path) -> io::Result<()> {
        let size = std::fs::metadata(source)?.len();
        let used = dir_bytes(&self.root);
        if used + size > self.max_bytes {
            return Err(io::Error::other(format!(
                "the recording spool is full ({used} of {} bytes used)",
                self.max_bytes
            )));
        }
        std::fs::create_dir_all(&self.dir)?;
        let path = self.file_path(sha256);
        std::fs::write(path.with_extension("name"), name)?;
        let partial = path.with_extension("file-partial");
        std::fs::copy(source, &partial)?;
        std::fs::rename(&partial, &path)
    }

    /// Received files waiting, oldest name first.
    pub fn pending_files(&self) -> Vec<SpooledFile> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<SpooledFile> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "file"))
            .filter_map(|p| {
                let mut sha256 = [0u8; 32];
                hex::decode_to_slice(p.file_stem()?.to_str()?, &mut sha256).ok()?;
                let size = std::fs::metadata(&p).ok()?.len();
                let name = std::fs::read_to_string(p.with_extension("name"))
                    .unwrap_or_else(|_| format!("{}.bin", hex::encode(sha256)));
                Some(SpooledFile { sha256, name, size })
            })
            .collect();
        found.sort_by(|a, b| a.name.cmp(&b.name).then(a.sha256.cmp(&b.sha256)));
        found
    }

    /// Up to `max` bytes of a spooled file from `offset`.
    pub fn read_file_part(
        &self,
        sha256: &[u8; 32],
        offset: u64,
        max: usize,
    ) -> io::Result<Vec<u8>> {
        let mut file = std::fs::File::open(self.file_path(sha256))?;
        file.seek(SeekFrom::Start(offset))?;
        let mut part = Vec::with_capacity(max.min(1 << 20));
        file.take(max as u64).read_to_end(&mut part)?;
        Ok(part)
    }

    /// Forgets a received file (the relay has it).
    pub fn remove_file(&self, sha256: &[u8; 32]) -> io::Result<()> {
        let path = self.file_path(sha256);
        for path in [path.clone(), path.with_extension("name")] {
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }

    /// Removes the session's folder when nothing is left in it.
    pub fn tidy(&self) {
        let _ = std::fs::remove_dir(&self.dir);
    }

    fn path(&self, seq: u32) -> PathBuf {
        self.dir.join(format!("{seq:010}.chunk"))
    }

    fn file_path(&self, sha256: &[u8; 32]) -> PathBuf {
        self.dir.join(format!("{}.file", hex::encode(sha256)))
    }
}

/// Bytes in the files under `dir`, one level of folders deep.
fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => std::fs::read_dir(e.path())
                .map(|inner| {
                    inner
                        .filter_map(Result::ok)
                        .filter_map(|f| f.metadata().ok())
                        .map(|m| m.len())
                        .sum()
                })
                .unwrap_or(0),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_listed_in_order_and_the_bound_holds() {
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::new(dir.path(), 9, 100);
        assert_eq!(spool.next_seq(), 0);
        spool.write(10, &[1; 30]).unwrap();
        spool.write(2, &[2; 30]).unwrap();
        assert_eq!(
            spool.pending().iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            vec![2, 10]
        );
        assert_eq!(spool.next_seq(), 11);
        assert_eq!(spool.read(2).unwrap(), vec![2; 30]);
        let full = spool.write(11, &[3; 50]).unwrap_err();
        assert!(full.to_string().contains("spool is full"), "{full}");
        spool.remove(2).unwrap();
        spool.remove(2).unwrap();
        spool.set_aside(10, "refused").unwrap();
        assert!(spool.pending().is_empty());
        spool.write(11, &[3; 50]).unwrap();
        assert_eq!(spool.pending().len(), 1);
    }

    #[test]
    fn received_files_wait_beside_the_chunks_within_the_bound() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("spool");
        let spool = Spool::new(&root, 4, 1000);
        let source = dir.path().join("log.txt");
        std::fs::write(&source, b"0123456789").unwrap();
        let sha = [7u8; 32];
        spool.write_file(&sha, "log.txt", &source).unwrap();
        spool.write(0, &[1; 10]).unwrap();
        assert_eq!(
            spool.pending_files(),
            [SpooledFile {
                sha256: sha,
                name: "log.txt".into(),
                size: 10
            }]
        );
        assert_eq!(spool.pending().len(), 1, "files are not chunks");
        assert_eq!(spool.read_file_part(&sha, 3, 4).unwrap(), b"3456");
        assert_eq!(spool.read_file_part(&sha, 8, 4).unwrap(), b"89");
        assert_eq!(Spool::sessions(&root), [4]);
        // The copy does not change with the original.
        std::fs::write(&source, vec![b'x'; 990]).unwrap();
        assert_eq!(spool.read_file_part(&sha, 0, 3).unwrap(), b"012");
        let full = spool.write_file(&[8; 32], "big.txt", &source).unwrap_err();
        assert!(full.to_string().contains("spool is full"), "{full}");
        spool.remove_file(&sha).unwrap();
        assert!(spool.pending_files().is_empty());
        std::fs::write(&source, b"again").unwrap();
        spool.write_file(&sha, "log.txt", &source).unwrap();
        assert_eq!(spool.pending_files().len(), 1);
        spool.remove_file(&sha).unwrap();
        spool.remove_file(&sha).unwrap();
        assert!(spool.pending_files().is_empty());
    }
}
