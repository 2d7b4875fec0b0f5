-- Credentials: metadata only. Values live in the OS keyring or the encrypted file vault.
CREATE TABLE credentials (
    name          TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    service       TEXT NOT NULL DEFAULT '',
    description   TEXT NOT NULL DEFAULT '',
    store         TEXT NOT NULL,
    created_ms    INTEGER NOT NULL,
    rotated_ms    INTEGER NOT NULL,
    rotation_days INTEGER NOT NULL,
    last_used_ms  INTEGER
);

-- Every operation on a credential, written before the operation runs and completed after.
CREATE TABLE credential_audit (
    id        INTEGER PRIMARY KEY,
    at_ms     INTEGER NOT NULL,
    operation TEXT NOT NULL,
    name      TEXT NOT NULL,
    pid       INTEGER NOT NULL,
    parent    TEXT NOT NULL,
    pane      TEXT,
    outcome   TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX credential_audit_at ON credential_audit(at_ms);

-- Attempts to read a value, counted across processes for the rate limit.
CREATE TABLE credential_attempts (at_ms INTEGER NOT NULL);
CREATE INDEX credential_attempts_at ON credential_attempts(at_ms);

-- When a store last proved that what one process writes another can read.
CREATE TABLE credential_store_checks (
    store      TEXT PRIMARY KEY,
    checked_ms INTEGER NOT NULL
);
