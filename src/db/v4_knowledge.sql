-- The knowledge base. SQLite is the source of truth; the vector index file is derived from
-- knowledge_vectors and can always be rebuilt.
CREATE TABLE knowledge_items (
    id            INTEGER PRIMARY KEY,
    project       TEXT NOT NULL,
    kind          TEXT NOT NULL,
    text          TEXT NOT NULL,
    source        TEXT NOT NULL,
    session_id    TEXT,
    created_ms    INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,
    superseded_by INTEGER REFERENCES knowledge_items(id),
    UNIQUE (project, content_hash)
);
CREATE INDEX knowledge_items_project ON knowledge_items(project, created_ms);
CREATE INDEX knowledge_items_session ON knowledge_items(session_id, kind);

-- BM25 over the text, kept in step with the items by triggers. Porter stemming makes
-- "painted" find "paint".
CREATE VIRTUAL TABLE knowledge_fts USING fts5(
    text, content = 'knowledge_items', content_rowid = 'id', tokenize = 'porter unicode61'
);
CREATE TRIGGER knowledge_items_ai AFTER INSERT ON knowledge_items BEGIN
    INSERT INTO knowledge_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER knowledge_items_ad AFTER DELETE ON knowledge_items BEGIN
    INSERT INTO knowledge_fts(knowledge_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER knowledge_items_au AFTER UPDATE OF text ON knowledge_items BEGIN
    INSERT INTO knowledge_fts(knowledge_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO knowledge_fts(rowid, text) VALUES (new.id, new.text);
END;

-- One embedding per item (little-endian f32s), with the model that made it.
CREATE TABLE knowledge_vectors (
    item_id INTEGER PRIMARY KEY REFERENCES knowledge_items(id) ON DELETE CASCADE,
    model   TEXT NOT NULL,
    vector  BLOB NOT NULL
);

-- What SessionStart injected, for the panel and `stats`.
CREATE TABLE knowledge_injections (
    id         INTEGER PRIMARY KEY,
    at_ms      INTEGER NOT NULL,
    session_id TEXT,
    project    TEXT NOT NULL,
    source     TEXT NOT NULL,
    items      INTEGER NOT NULL,
    chars      INTEGER NOT NULL,
    text       TEXT NOT NULL
);
