import type Database from 'better-sqlite3';

/**
 * Schema of the embedded database. Versioned with `PRAGMA user_version` so later releases can
 * migrate in place; version 1 is the initial layout.
 */
export const SCHEMA_VERSION = 1;

const V1 = `
CREATE TABLE IF NOT EXISTS metadata (
  tbl     TEXT    NOT NULL,
  key     TEXT    NOT NULL,
  value   TEXT    NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (tbl, key)
) WITHOUT ROWID;

-- AUTOINCREMENT (not plain rowid) so a seq is never reused, even after trimming the newest rows.
CREATE TABLE IF NOT EXISTS journal (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  stream      TEXT    NOT NULL,
  body        TEXT    NOT NULL,
  appended_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS journal_stream_seq ON journal (stream, seq);
CREATE INDEX IF NOT EXISTS journal_stream_time ON journal (stream, appended_at);

CREATE TABLE IF NOT EXISTS cursors (
  consumer TEXT    PRIMARY KEY,
  seq      INTEGER NOT NULL
) WITHOUT ROWID;

-- The delivery id is its seq (as text): one key instead of a uuid plus a unique index.
CREATE TABLE IF NOT EXISTS deliveries (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  queue       TEXT    NOT NULL,
  body        TEXT    NOT NULL,
  meta        TEXT    NOT NULL,
  attempts    INTEGER NOT NULL,
  enqueued_at INTEGER NOT NULL,
  not_before  INTEGER NOT NULL,
  last_error  TEXT
);
CREATE INDEX IF NOT EXISTS deliveries_queue_due ON deliveries (queue, not_before, seq);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (not_before, seq);
`;

/** Open-time settings: WAL so readers never block the writer, FULL so a COMMIT is on disk when it returns. */
export function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
}

export function migrate(db: Database.Database): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) {
    throw new Error(`database schema version ${version} is newer than this server (${SCHEMA_VERSION})`);
  }
  if (version < 1) {
    db.transaction(() => {
      db.exec(V1);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  }
}
