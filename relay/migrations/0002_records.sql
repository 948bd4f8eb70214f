-- Lifeline relay schema, version 2: session records (recordings, wrap-up, access log,
-- retention) and the portal's recording notice.
--
-- A record is a session (records hang off sessions.id). The recording's bytes are files in
-- the data dir (`records/SESSION_ID/SEQ.chunk`); the rows here say which chunks exist, with
-- their SHA-256, so a re-sent chunk is recognised and a conflicting one refused.

-- One row per session that has any recording data: totals and the text searched.
CREATE TABLE records (
    session_id BIGINT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    started_at BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL DEFAULT 0,
    bytes BIGINT NOT NULL DEFAULT 0,
    chunks BIGINT NOT NULL DEFAULT 0,
    keyframes BIGINT NOT NULL DEFAULT 0,
    chat_text TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);

CREATE TABLE record_chunks (
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL CHECK (seq >= 0),
    sha256 TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    first_us BIGINT NOT NULL,
    last_us BIGINT NOT NULL,
    keyframes BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (session_id, seq)
);

-- The technician's wrap-up at the end of a session.
CREATE TABLE record_wrapups (
    session_id BIGINT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    outcome TEXT NOT NULL CHECK (outcome IN ('resolved', 'unresolved', 'follow_up')),
    notes TEXT NOT NULL,
    written_by BIGINT NOT NULL REFERENCES users (id),
    written_at BIGINT NOT NULL
);
CREATE INDEX record_wrapups_outcome ON record_wrapups (outcome);

-- Every time someone opens or downloads a record.
CREATE TABLE record_access (
    id INTEGER PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    action TEXT NOT NULL CHECK (action IN ('open', 'download')),
    at BIGINT NOT NULL
);
CREATE INDEX record_access_session ON record_access (session_id, at);

-- Relay-wide settings set by admins. `record_retention_days`: records whose session
-- started longer ago are deleted (absent: kept forever).
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Whether the customer is told that sessions on this portal are recorded.
ALTER TABLE portals ADD COLUMN recording_notice BOOLEAN NOT NULL DEFAULT FALSE;
