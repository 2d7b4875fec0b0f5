-- Version 1 of the cost store. Costs are integer pico-dollars (10^-12 USD) so sums are exact;
-- a NULL cost means the model has no price.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- How far each transcript file has been read, and how to tell it is still the same file.
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    project TEXT NOT NULL,
    kind TEXT NOT NULL,
    device INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    head_len INTEGER NOT NULL,
    head_hash INTEGER NOT NULL,
    lines INTEGER NOT NULL,
    malformed INTEGER NOT NULL,
    last_problem TEXT
) WITHOUT ROWID;

-- One row per API call: (message id, request id), the largest counts seen.
CREATE TABLE calls (
    message_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    ts INTEGER NOT NULL,
    model TEXT NOT NULL,
    session_id TEXT NOT NULL,
    project TEXT NOT NULL,
    sidechain INTEGER NOT NULL,
    input INTEGER NOT NULL,
    output INTEGER NOT NULL,
    cache_write_5m INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    cache_read INTEGER NOT NULL,
    web_search INTEGER NOT NULL,
    cost INTEGER,
    legacy_cost INTEGER,
    PRIMARY KEY (message_id, request_id)
) WITHOUT ROWID;

CREATE INDEX calls_by_time ON calls (ts);

-- Calls summed per quarter hour, model and session, so reports never scan every call. Derived
-- from `calls` (each import rebuilds the sums it touched). A quarter hour divides every time
-- zone's offset.
CREATE TABLE buckets (
    quarter INTEGER NOT NULL,
    model TEXT NOT NULL,
    project TEXT NOT NULL,
    session_id TEXT NOT NULL,
    first_ts INTEGER NOT NULL,
    last_ts INTEGER NOT NULL,
    calls INTEGER NOT NULL,
    input INTEGER NOT NULL,
    output INTEGER NOT NULL,
    cache_write_5m INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    cache_read INTEGER NOT NULL,
    web_search INTEGER NOT NULL,
    cost INTEGER NOT NULL,
    unpriced INTEGER NOT NULL,
    PRIMARY KEY (quarter, model, project, session_id)
) WITHOUT ROWID;
