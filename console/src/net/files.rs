//! Receiving a file from the phone: written to a `.part` file chunk by chunk with progress,
//! its SHA-256 checked against the header, then renamed into place in the downloads folder
//! and handed to the session's recorder, which keeps it with the record. Also the console's
//! own saves into that folder (diagnostics reports, screenshots).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lifeline_protocol::SessionCode;
use lifeline_protocol::quic::FileReceiver;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use super::recorder::Recorder;
use super::sink::EventSink;
use crate::state::{Problem, SessionEvent};

/// Progress is reported at most this often.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// The folder a session's files go to.
pub fn session_folder(downloads: &Path, code: SessionCode) -> PathBuf {
    downloads.join(format!("session-{}", code.digits()))
}

/// `name` in `dir`, or `stem (2).ext`, `stem (3).ext`… when taken.
pub fn unique_path(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if dot > 0 => (&name[..dot], &name[dot..]),
        _ => (name, ""),
    };
    (2..)
        .map(|n| dir.join(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// Receives one file into `dir`; once saved, `recorder` keeps it with the record.
pub async fn receive_file(
    mut file: FileReceiver,
    dir: PathBuf,
    sink: EventSink,
    code: SessionCode,
    recorder: Recorder,
) {
    let header = file.header().clone();
    let file_id = header.file_id;
    let failed = |reason: Problem| SessionEvent::FileFailed { file_id, reason };
    sink.session(
        code,
        SessionEvent::FileProgress {
            header: header.clone(),
            received: 0,
        },
    )
    .await;
    if let Err(err) = tokio::fs::create_dir_all(&dir).await {
        let reason = Problem::FolderNotCreated {
            path: dir.display().to_string(),
            detail: err.to_string(),
        };
        sink.session(code, failed(reason)).await;
        return;
    }
    let target = unique_path(&dir, &header.name);
    let part = target.with_file_name(format!(
        "{}.part",
        target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file")
    ));
    let mut out = match tokio::fs::File::create(&part).await {
        Ok(out) => out,
        Err(err) => {
            let reason = not_written(&part, &err);
            sink.session(code, failed(reason)).await;
            return;
        }
    };
    let mut hasher = Sha256::new();
    let mut received = 0u64;
    let mut reported = Instant::now();
    let outcome: Result<(), Problem> = loop {
        match file.read_chunk().await {
            Ok(Some(chunk)) => {
                hasher.update(&chunk);
                if let Err(err) = out.write_all(&chunk).await {
                    break Err(not_written(&part, &err));
                }
                received += chunk.len() as u64;
                if reported.elapsed() >= PROGRESS_EVERY {
                    reported = Instant::now();
                    sink.session(
                        code,
                        SessionEvent::FileProgress {
                            header: header.clone(),
                            received,
                        },
                    )
                    .await;
                }
            }
            Ok(None) => break Ok(()),
            Err(err) => break Err(Problem::TransferBroken(err.to_string())),
        }
    };
    let outcome = match outcome {
        Ok(()) => match out.flush().await {
            Ok(()) => {
                let digest: [u8; 32] = hasher.finalize().into();
                if digest == header.sha256 {
                    Ok(())
                } else {
                    Err(Problem::ChecksumMismatch)
                }
            }
            Err(err) => Err(not_written(&part, &err)),
        },
        Err(reason) => Err(reason),
    };
    drop(out);
    match outcome {
        Ok(()) => match tokio::fs::rename(&part, &target).await {
            Ok(()) => {
                recorder.keep_file(&header, &target).await;
                sink.session(
                    code,
                    SessionEvent::FileSaved {
                        file_id,
                        path: target,
                    },
                )
                .await;
            }
            Err(err) => {
                let reason = Problem::NotSaved {
                    path: target.display().to_string(),
                    detail: err.to_string(),
                };
                sink.session(code, failed(reason)).await;
            }
        },
        Err(reason) => {
            let _ = tokio::fs::remove_file(&part).await;
            sink.session(code, failed(reason)).await;
        }
    }
}

/// Writes `bytes` as `name` in `dir` (numbered if taken).
pub(super) async fn save(dir: PathBuf, name: &str, bytes: Vec<u8>) -> Result<PathBuf, Problem> {
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| Problem::FolderNotCreated {
            path: dir.display().to_string(),
            detail: e.to_string(),
        })?;
    let path = unique_path(&dir, name);
    tokio::fs::write(&path, bytes)
        .await
        .map_err(|e| not_written(&path, &e))?;
    Ok(path)
}

/// `path` could not be written.
pub(super) fn not_written(path: &Path, err: &std::io::Error) -> Problem {
    Problem::NotWritten {
        path: path.display().to_string(),
        detail: err.to_string(),
    }
}

/// RGBA8 pixels as PNG.
pub(super) fn encode_png(width: u32, height: u32, rgba: Vec<u8>) -> Result<Vec<u8>, String> {
    let image = image::RgbaImage::from_raw(width, height, rgba)
        .ok_or_else(|| "the pixel buffer does not match the size".to_owned())?;
    let mut png = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut png, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(png.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_names_get_a_number() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            unique_path(dir.path(), "log.txt"),
            dir.path().join("log.txt")
        );
        std::fs::write(dir.path().join("log.txt"), b"x").unwrap();
        std::fs::write(dir.path().join("log (2).txt"), b"x").unwrap();
        assert_eq!(
            unique_path(dir.path(), "log.txt"),
            dir.path().join("log (3).txt")
        );
        std::fs::write(dir.path().join(".hidden"), b"x").unwrap();
        assert_eq!(
            unique_path(dir.path(), ".hidden"),
            dir.path().join(".hidden (2)")
        );
    }
}
