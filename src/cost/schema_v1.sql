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

-- Calls summed per quarter hour, model and session, kept in step by the triggers below so
-- reports never scan every call. A quarter hour divides every time zone's offset.
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

CREATE TRIGGER calls_added AFTER INSERT ON calls BEGIN
    INSERT INTO buckets VALUES (
        NEW.ts / 900000, NEW.model, NEW.project, NEW.session_id, NEW.ts, NEW.ts, 1,
        NEW.input, NEW.output, NEW.cache_write_5m, NEW.cache_write_1h, NEW.cache_read,
        NEW.web_search, coalesce(NEW.cost, 0), NEW.cost IS NULL)
    ON CONFLICT DO UPDATE SET
        first_ts = min(first_ts, excluded.first_ts),
        last_ts = max(last_ts, excluded.last_ts),
        calls = calls + 1,
        input = input + excluded.input,
        output = output + excluded.output,
        cache_write_5m = cache_write_5m + excluded.cache_write_5m,
        cache_write_1h = cache_write_1h + excluded.cache_write_1h,
        cache_read = cache_read + excluded.cache_read,
        web_search = web_search + excluded.web_search,
        cost = cost + excluded.cost,
        unpriced = unpriced + excluded.unpriced;
END;

-- Updates change counts and cost only, never the time, model, project or session.
CREATE TRIGGER calls_changed AFTER UPDATE ON calls BEGIN
    UPDATE buckets SET
        input = input + NEW.input - OLD.input,
        output = output + NEW.output - OLD.output,
        cache_write_5m = cache_write_5m + NEW.cache_write_5m - OLD.cache_write_5m,
        cache_write_1h = cache_write_1h + NEW.cache_write_1h - OLD.cache_write_1h,
        cache_read = cache_read + NEW.cache_read - OLD.cache_read,
        web_search = web_search + NEW.web_search - OLD.web_search,
        cost = cost + coalesce(NEW.cost, 0) - coalesce(OLD.cost, 0),
        unpriced = unpriced + (NEW.cost IS NULL) - (OLD.cost IS NULL)
    WHERE quarter = OLD.ts / 900000 AND model = OLD.model AND project = OLD.project
        AND session_id = OLD.session_id;
END;

CREATE TRIGGER calls_removed AFTER DELETE ON calls BEGIN
    UPDATE buckets SET
        calls = calls - 1,
        input = input - OLD.input,
        output = output - OLD.output,
        cache_write_5m = cache_write_5m - OLD.cache_write_5m,
        cache_write_1h = cache_write_1h - OLD.cache_write_1h,
        cache_read = cache_read - OLD.cache_read,
        web_search = web_search - OLD.web_search,
        cost = cost - coalesce(OLD.cost, 0),
        unpriced = unpriced - (OLD.cost IS NULL)
    WHERE quarter = OLD.ts / 900000 AND model = OLD.model AND project = OLD.project
        AND session_id = OLD.session_id;
    DELETE FROM buckets
    WHERE quarter = OLD.ts / 900000 AND model = OLD.model AND project = OLD.project
        AND session_id = OLD.session_id AND calls = 0;
END;
