//! Log files the phone sends: offered, arriving with progress, saved (SHA-256 checked) or
//! failed.

use std::path::PathBuf;

use lifeline_protocol::messages::file::FileHeader;

/// Where one file stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferStatus {
    /// Announced on the control stream; its bytes have not started.
    Offered,
    /// Bytes are arriving.
    Receiving,
    /// Complete, SHA-256 verified, written here.
    Saved(PathBuf),
    /// It could not be received or saved; the text says why.
    Failed(String),
}

/// One file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// The file's ID within the session.
    pub file_id: u32,
    /// Its name.
    pub name: String,
    /// Announced size in bytes.
    pub size: u64,
    /// Announced SHA-256, hex.
    pub sha256: String,
    /// Bytes received so far.
    pub received: u64,
    /// Where it stands.
    pub status: TransferStatus,
}

impl Transfer {
    /// Progress from 0 to 1.
    pub fn progress(&self) -> f32 {
        if self.size == 0 {
            return if matches!(self.status, TransferStatus::Saved(_)) {
                1.0
            } else {
                0.0
            };
        }
        (self.received as f64 / self.size as f64).clamp(0.0, 1.0) as f32
    }
}

/// The session's files, in the order they were offered.
#[derive(Debug, Clone, Default)]
pub struct Transfers {
    files: Vec<Transfer>,
}

impl Transfers {
    /// Every file.
    pub fn files(&self) -> &[Transfer] {
        &self.files
    }

    fn get_mut(&mut self, file_id: u32) -> Option<&mut Transfer> {
        self.files.iter_mut().find(|f| f.file_id == file_id)
    }

    /// A file was announced (an offer for a known ID updates it).
    pub fn offered(&mut self, header: &FileHeader) {
        let transfer = Transfer {
            file_id: header.file_id,
            name: header.name.clone(),
            size: header.size,
            sha256: hex::encode(header.sha256),
            received: 0,
            status: TransferStatus::Offered,
        };
        match self.get_mut(header.file_id) {
            Some(slot) if slot.status == TransferStatus::Offered => *slot = transfer,
            Some(_) => {}
            None => self.files.push(transfer),
        }
    }

    /// Bytes arrived (a file stream may precede its offer: it is listed then).
    pub fn progress(&mut self, header: &FileHeader, received: u64) {
        if self.get_mut(header.file_id).is_none() {
            self.offered(header);
        }
        if let Some(file) = self.get_mut(header.file_id)
            && matches!(
                file.status,
                TransferStatus::Offered | TransferStatus::Receiving
            )
        {
            file.received = received.min(file.size);
            file.status = TransferStatus::Receiving;
        }
    }

    /// The file is complete and saved.
    pub fn saved(&mut self, file_id: u32, path: PathBuf) {
        if let Some(file) = self.get_mut(file_id) {
            file.received = file.size;
            file.status = TransferStatus::Saved(path);
        }
    }

    /// The file failed.
    pub fn failed(&mut self, file_id: u32, reason: String) {
        if let Some(file) = self.get_mut(file_id) {
            file.status = TransferStatus::Failed(reason);
        }
    }

    /// Files still coming, e.g. to fail them when the connection drops.
    pub fn fail_unfinished(&mut self, reason: &str) {
        for file in &mut self.files {
            if matches!(
                file.status,
                TransferStatus::Offered | TransferStatus::Receiving
            ) {
                file.status = TransferStatus::Failed(reason.to_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(id: u32, size: u64) -> FileHeader {
        FileHeader {
            file_id: id,
            name: format!("log{id}.txt"),
            size,
            sha256: [1; 32],
        }
    }

    #[test]
    fn offer_progress_save() {
        let mut t = Transfers::default();
        t.offered(&header(1, 200));
        assert_eq!(t.files()[0].status, TransferStatus::Offered);
        t.progress(&header(1, 200), 50);
        assert_eq!(t.files()[0].progress(), 0.25);
        assert_eq!(t.files()[0].status, TransferStatus::Receiving);
        t.saved(1, PathBuf::from("/tmp/log1.txt"));
        assert_eq!(t.files()[0].progress(), 1.0);
        t.progress(&header(1, 200), 10);
        assert!(matches!(t.files()[0].status, TransferStatus::Saved(_)));
        assert_eq!(t.files()[0].sha256, "01".repeat(32));
    }

    #[test]
    fn stream_before_offer_and_failures() {
        let mut t = Transfers::default();
        t.progress(&header(2, 0), 0);
        assert_eq!(t.files().len(), 1);
        assert_eq!(t.files()[0].progress(), 0.0);
        t.offered(&header(3, 10));
        t.fail_unfinished("the customer left");
        assert!(
            t.files()
                .iter()
                .all(|f| matches!(f.status, TransferStatus::Failed(_)))
        );
        t.saved(2, PathBuf::from("x"));
        assert_eq!(t.files()[0].progress(), 1.0);
    }
}
