//! Files read one after the other as one stream, each opened only when the one before is
//! done: a recording of thousands of chunks streams from disk with one file open at a time
//! and one buffer in memory.

use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::body::Body;
use tokio::fs::File;
use tokio::io::{AsyncRead, ReadBuf};

type Opening = Pin<Box<dyn Future<Output = io::Result<File>> + Send>>;

/// Reads `paths` in order as one byte stream.
pub(super) struct ConcatReader {
    paths: VecDeque<PathBuf>,
    opening: Option<Opening>,
    current: Option<File>,
}

impl std::fmt::Debug for ConcatReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConcatReader")
            .field("left", &self.paths.len())
            .finish_non_exhaustive()
    }
}

impl ConcatReader {
    pub(super) fn new(paths: impl IntoIterator<Item = PathBuf>) -> Self {
        Self {
            paths: paths.into_iter().collect(),
            opening: None,
            current: None,
        }
    }

    /// A response body streaming the files.
    pub(super) fn body(self) -> Body {
        Body::from_stream(tokio_util::io::ReaderStream::with_capacity(
            self,
            256 * 1024,
        ))
    }
}

impl AsyncRead for ConcatReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if buf.remaining() == 0 {
            return Poll::Ready(Ok(()));
        }
        loop {
            if let Some(file) = self.current.as_mut() {
                let before = buf.filled().len();
                ready!(Pin::new(file).poll_read(cx, buf))?;
                if buf.filled().len() > before {
                    return Poll::Ready(Ok(()));
                }
                // This file is done; on to the next.
                self.current = None;
                continue;
            }
            if let Some(opening) = self.opening.as_mut() {
                let file = ready!(opening.as_mut().poll(cx))?;
                self.opening = None;
                self.current = Some(file);
                continue;
            }
            match self.paths.pop_front() {
                Some(path) => self.opening = Some(Box::pin(File::open(path))),
                // Every file read: the end.
                None => return Poll::Ready(Ok(())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::AsyncReadExt;

    use super::*;

    #[tokio::test]
    async fn files_read_back_to_back_and_a_missing_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        let mut expected = Vec::new();
        for (n, len) in [300_000usize, 0, 7, 70_000].into_iter().enumerate() {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 + n) as u8).collect();
            let path = dir.path().join(format!("{n}.chunk"));
            std::fs::write(&path, &bytes).unwrap();
            expected.extend_from_slice(&bytes);
            paths.push(path);
        }
        let mut read = Vec::new();
        ConcatReader::new(paths.clone())
            .read_to_end(&mut read)
            .await
            .unwrap();
        assert_eq!(read, expected);

        let mut empty = Vec::new();
        ConcatReader::new(Vec::new())
            .read_to_end(&mut empty)
            .await
            .unwrap();
        assert!(empty.is_empty());

        paths.insert(1, dir.path().join("missing.chunk"));
        let mut partial = Vec::new();
        let err = ConcatReader::new(paths)
            .read_to_end(&mut partial)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }
}
