//! How the network side runs: which relay, where files go, demo mode and recording.

use std::path::PathBuf;

use lifeline_protocol::CertFingerprint;
use url::Url;

use super::recorder::RecordingConfig;

/// Which relay to use.
#[derive(Debug, Clone)]
pub enum ServerConfig {
    /// Start one in-process, with its data in `data_dir`.
    Local {
        /// The relay's data directory.
        data_dir: PathBuf,
    },
    /// A remote relay; the technician signs in.
    Remote {
        /// `https://HOST:PORT/`.
        url: Url,
        /// Its certificate's fingerprint, when self-signed.
        fingerprint: Option<CertFingerprint>,
    },
}

/// How the network side runs.
#[derive(Debug, Clone)]
pub struct NetConfig {
    /// Which relay.
    pub server: ServerConfig,
    /// Where files from phones are saved.
    pub downloads: PathBuf,
    /// Demo mode: create a code and start the agent on it (local mode only).
    pub demo: bool,
    /// The agent binary for demo mode; found next to the console when `None`.
    pub agent: Option<PathBuf>,
    /// Demo mode: what the simulated phone does by itself (`scroll`), for benchmarks.
    pub demo_activity: Option<String>,
    /// Initial max frame rate asked of phones.
    pub max_fps: u8,
    /// Connect to every pending code automatically (to be there when the customer joins).
    pub auto_connect: bool,
    /// Record sessions to the relay (spooled here first); `None` records nothing.
    pub recording: Option<RecordingConfig>,
}

impl NetConfig {
    /// A local-mode configuration.
    pub fn local(data_dir: impl Into<PathBuf>, downloads: impl Into<PathBuf>) -> Self {
        let data_dir = data_dir.into();
        Self {
            recording: Some(RecordingConfig::new(data_dir.join(SPOOL_DIR))),
            server: ServerConfig::Local { data_dir },
            downloads: downloads.into(),
            demo: false,
            agent: None,
            demo_activity: None,
            max_fps: 30,
            auto_connect: true,
        }
    }
}

/// The recording spool's folder inside the local relay's data dir.
pub const SPOOL_DIR: &str = "console-spool";
