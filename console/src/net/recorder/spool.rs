//! The local spool: sealed chunks wait on disk until the relay has them.
//!
//! `SPOOL_DIR/SESSION_ID/SEQ.chunk`, written to a `.partial` file and renamed, so a chunk
//! file is either whole or absent. The spool is bounded over all sessions.

use std::io;
use std::path::{Path, PathBuf};

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

    /// Removes the session's folder when nothing is left in it.
    pub fn tidy(&self) {
        let _ = std::fs::remove_dir(&self.dir);
    }

    fn path(&self, seq: u32) -> PathBuf {
        self.dir.join(format!("{seq:010}.chunk"))
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
}
