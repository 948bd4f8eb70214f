//! Persistence: users, API tokens, portals, codes, portal requests and session records in
//! SQLite (`DATA_DIR/lifeline.db`), with the migrations in `relay/migrations/`.
//!
//! Queries are plain SQL checked at run time (no build-time database). SQL stays portable to
//! PostgreSQL; the one SQLite-ism, `BEGIN IMMEDIATE` for write transactions, would be
//! `SELECT … FOR UPDATE` there. Every write that changes several rows is one transaction.

mod codes;
mod error;
mod portals;
mod record_files;
mod record_search;
mod record_types;
mod records;
mod requests;
mod retention;
mod rows;
mod sessions;
mod types;
mod users;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use lifeline_protocol::messages::UnixMillis;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

pub use codes::MAX_IDENTIFIER_CHARS;
pub use error::StoreError;
pub use portals::{
    MAX_CODE_LIFETIME_SECS, MAX_PENDING_LIMIT, MAX_PORTAL_NAME_CHARS, MAX_SLUG_CHARS,
    MIN_CODE_LIFETIME_SECS,
};
pub use record_types::{
    AccessAction, AccessEntry, ChunkInfo, ChunkStored, Outcome, RecordFile, RecordFilter,
    RecordSummary, WrapUp,
};
pub use records::{MAX_NOTES_CHARS, RECORDS_DIR};
pub use requests::{MAX_OPEN_REQUESTS, MAX_PROBLEM_CHARS, MAX_REQUEST_NAME_CHARS};
pub use retention::MAX_RETENTION_DAYS;
pub use sessions::MAX_CUSTOMER_NAME_CHARS;
pub use types::{
    CodeRecord, CodeState, NewCode, NewSession, Portal, PortalRequest, PortalSettings, SessionEnd,
    SessionEvent, SessionRecord, User, UserRole, party_name,
};
pub use users::{IssuedToken, MAX_NAME_CHARS, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};

/// File name of the database in the data dir.
pub const DB_FILE: &str = "lifeline.db";

/// The relay's database. Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    /// Recordings live under `data_dir/records/`.
    data_dir: PathBuf,
    /// Held while appending to a record's file.
    file_writes: Arc<tokio::sync::Mutex<()>>,
}

impl Store {
    /// Opens `DATA_DIR/lifeline.db`, creating the directory and the database if needed, brings
    /// the schema up to date and makes sure the default portal exists.
    pub async fn open(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|cause| StoreError::DataDir {
            path: data_dir.to_owned(),
            cause,
        })?;
        let options = SqliteConnectOptions::new()
            .filename(data_dir.join(DB_FILE))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!().run(&pool).await?;
        let store = Store {
            pool,
            data_dir: data_dir.to_owned(),
            file_writes: Arc::default(),
        };
        let now = UnixMillis::now();
        store.ensure_system_user(now).await?;
        store.ensure_default_portal(now).await?;
        Ok(store)
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection, waiting for queries in flight.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A write transaction that holds the write lock from its start, so a read inside it
    /// (e.g. counting pending codes) cannot be overtaken by another writer.
    async fn write(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}

/// Milliseconds as stored (BIGINT).
fn ms(at: UnixMillis) -> i64 {
    i64::try_from(at.0).unwrap_or(i64::MAX)
}

/// The inverse of [`ms`]; negative values (never written) read as the epoch.
fn from_ms(value: i64) -> UnixMillis {
    UnixMillis(u64::try_from(value).unwrap_or(0))
}

/// Parses an enumeration column.
fn parse_column<T: FromStr<Err = String>>(what: &'static str, text: &str) -> Result<T, StoreError> {
    text.parse().map_err(|e| StoreError::corrupt(what, e))
}

/// A stored count or limit as `u32`.
fn to_u32(what: &'static str, value: i64) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| StoreError::corrupt(what, value))
}

/// Checks a piece of text a person typed: trimmed, within `max` characters, no control
/// characters (newlines allowed only where `multiline`). Returns the trimmed text.
pub(crate) fn clean_text(
    what: &str,
    text: &str,
    max: usize,
    multiline: bool,
) -> Result<String, StoreError> {
    let text = text.trim();
    let count = text.chars().count();
    if count > max {
        return Err(StoreError::Invalid(format!(
            "{what} is too long: {count} characters, at most {max}"
        )));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t')))
    {
        return Err(StoreError::Invalid(format!(
            "{what} contains control characters"
        )));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests;
