//! Why a store operation failed.

use std::path::PathBuf;

use thiserror::Error;

use super::types::CodeState;

/// Why a store operation failed. Input errors name what was wrong; none of them changes
/// anything already stored.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The data directory could not be created.
    #[error("could not create the data directory {path}: {cause}")]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// The cause.
        cause: std::io::Error,
    },
    /// The database failed.
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("could not update the database schema: {0}")]
    Migrate(sqlx::migrate::MigrateError),
    /// A row holds something this build cannot read.
    #[error("unreadable {what} in the database: {detail}")]
    Corrupt {
        /// Which value.
        what: &'static str,
        /// What was wrong with it.
        detail: String,
    },
    /// A value given to the store is not acceptable; the message says which and why.
    #[error("{0}")]
    Invalid(String),
    /// The thing asked for does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A user with that name exists.
    #[error("a user named {0:?} already exists")]
    NameTaken(String),
    /// A live portal uses that slug.
    #[error("a portal with slug {0:?} already exists")]
    SlugTaken(String),
    /// The technician holds as many pending codes as the portal allows.
    #[error(
        "you already have {limit} pending codes, the most portal {portal:?} allows; cancel one or \
         wait for one to be used or to expire"
    )]
    TooManyPendingCodes {
        /// The portal's limit.
        limit: u32,
        /// The portal's name.
        portal: String,
    },
    /// The code is not in a state that allows the change.
    #[error("the code is {state}, so it cannot be {action}")]
    CodeState {
        /// Its state.
        state: CodeState,
        /// What was attempted, e.g. "cancelled".
        action: &'static str,
    },
    /// The code already has a session (codes are single use).
    #[error("this code already has a session")]
    SessionExists,
    /// The session was already closed.
    #[error("the session has already ended")]
    SessionClosed,
    /// The default portal is needed and cannot be deleted.
    #[error("the default portal cannot be deleted")]
    DefaultPortal,
    /// The portal does not take chat-only requests.
    #[error("this portal does not take requests")]
    RequestsClosed,
    /// Too many requests wait on the portal already.
    #[error("too many requests are waiting on this portal; try again later")]
    RequestQueueFull,
    /// The request was already taken.
    #[error("this request was already accepted")]
    AlreadyAccepted,
    /// Hashing or the random source failed.
    #[error("{0}")]
    Crypto(String),
    /// Another chunk is already stored under this sequence number.
    #[error("chunk {seq} of this record is already stored with different content")]
    ChunkConflict {
        /// The sequence number.
        seq: u32,
    },
    /// A record's file is over the size a record keeps.
    #[error("the file is {size} bytes; a record keeps files of at most {max} bytes")]
    FileTooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// A record's file is already declared otherwise.
    #[error("{0}")]
    FileConflict(String),
    /// A part of a record's file does not start where its upload is.
    #[error(
        "the upload of this file is at byte {expected}, not {found}; send the part that starts there"
    )]
    FileOffset {
        /// Where the upload is.
        expected: u64,
        /// Where the part starts.
        found: u64,
    },
}

// Conversions without `#[from]`: the messages carry the cause, so there is no `source()` to
// print it twice.
impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        Self::Database(err)
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        Self::Migrate(err)
    }
}

impl StoreError {
    pub(crate) fn corrupt(what: &'static str, detail: impl ToString) -> Self {
        Self::Corrupt {
            what,
            detail: detail.to_string(),
        }
    }
}

/// Whether a database error is a UNIQUE constraint violation.
pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}
