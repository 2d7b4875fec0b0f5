-- Every approval decision: who decided, what, when and how. Appended, never updated.
CREATE TABLE approvals (
    id          INTEGER PRIMARY KEY,
    at_ms       INTEGER NOT NULL,
    session_id  TEXT,
    pane        TEXT,
    agent       TEXT,
    tool        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    label       TEXT,
    reason      TEXT,
    -- allow, allow_always, deny, answered_in_pane
    decision    TEXT NOT NULL,
    -- classifier, person, policy, pane
    decided_by  TEXT NOT NULL,
    message     TEXT,
    waited_ms   INTEGER
);
CREATE INDEX approvals_by_time ON approvals (at_ms);
