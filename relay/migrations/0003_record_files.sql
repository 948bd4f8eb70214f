-- Lifeline relay schema, version 3: the content of files received in a session, kept with
-- its record so a reviewer can download them.
--
-- A file is named within its record by the SHA-256 of its content. Its bytes arrive in
-- parts appended at the offset the relay has reached (`records/SESSION_ID/files/SHA.partial`);
-- once all `size` bytes are there and hash to `sha256`, the file becomes
-- `records/SESSION_ID/files/SHA.file` and `complete` is set.
CREATE TABLE record_files (
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    size BIGINT NOT NULL CHECK (size >= 0),
    complete BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    completed_at BIGINT,
    PRIMARY KEY (session_id, sha256)
);

-- Which file a `download` was, when it was a received file rather than the recording.
ALTER TABLE record_access ADD COLUMN file TEXT;
