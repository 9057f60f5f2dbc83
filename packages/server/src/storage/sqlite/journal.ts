import type Database from 'better-sqlite3';
import type { Journal, JournalAppend, JournalRecord } from '../interfaces.js';
import type { GroupCommitter } from './group-commit.js';
import { sqlLimit, toRecord, type JournalRow } from './rows.js';

const COLUMNS = 'seq, stream, body, appended_at';
const FIRST_SEQ_AT_OR_AFTER = 'SELECT seq FROM journal WHERE stream = :stream AND appended_at >= ';
const FIRST_SEQ_TAIL = 'ORDER BY appended_at, seq LIMIT 1';

interface ByTimeParams {
  stream: string;
  from: number;
  to: number;
  after: number;
  limit: number;
}

/** The event journal and its consumer cursors. Seqs come from AUTOINCREMENT, so they are never reused. */
export class SqliteJournal implements Journal {
  private readonly appendStmt: Database.Statement<[string, string, number]>;
  private readonly readAllStmt: Database.Statement<[number, number], JournalRow>;
  private readonly readStreamStmt: Database.Statement<[string, number, number], JournalRow>;
  private readonly readByTimeStmt: Database.Statement<[ByTimeParams], JournalRow>;
  /** Highest appended_at so far: appends never go below it, keeping time order = seq order. */
  private lastAppendedAt: number;
  private readonly lastSeqStmt: Database.Statement<[], number>;
  private readonly cursorStmt: Database.Statement<[string], number>;
  private readonly setCursorStmt: Database.Statement<[string, number]>;
  private readonly trimStmt: Database.Statement<[string, number]>;

  constructor(
    db: Database.Database,
    private readonly writer: GroupCommitter,
  ) {
    this.appendStmt = db.prepare('INSERT INTO journal (stream, body, appended_at) VALUES (?, ?, ?)');
    this.readAllStmt = db.prepare(`SELECT ${COLUMNS} FROM journal WHERE seq > ? ORDER BY seq LIMIT ?`);
    this.readStreamStmt = db.prepare(`SELECT ${COLUMNS} FROM journal WHERE stream = ? AND seq > ? ORDER BY seq LIMIT ?`);
    // appended_at never decreases along seq, so a time window is a seq range: two index seeks find
    // its ends and the scan walks (stream, seq) with no sort, however large the window or the page.
    // One lower bound only (max of both), else SQLite may seek by the weaker one and filter the rest;
    // no record at or after :from makes max() NULL and the result empty, as it should be.
    this.readByTimeStmt = db.prepare(
      `SELECT ${COLUMNS} FROM journal
       WHERE stream = :stream
         AND seq > max(:after, (${FIRST_SEQ_AT_OR_AFTER}:from ${FIRST_SEQ_TAIL}) - 1)
         AND seq < coalesce((${FIRST_SEQ_AT_OR_AFTER}:to ${FIRST_SEQ_TAIL}), ${Number.MAX_SAFE_INTEGER})
       ORDER BY seq LIMIT :limit`,
    );
    // sqlite_sequence keeps the highest seq ever handed out, even when those rows were trimmed.
    this.lastSeqStmt = db.prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'journal'").pluck();
    this.cursorStmt = db.prepare<[string], number>('SELECT seq FROM cursors WHERE consumer = ?').pluck();
    this.setCursorStmt = db.prepare(
      'INSERT INTO cursors (consumer, seq) VALUES (?, ?) ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq',
    );
    this.trimStmt = db.prepare('DELETE FROM journal WHERE stream = ? AND appended_at < ?');
    const newest = db.prepare<[], number>('SELECT appended_at FROM journal ORDER BY seq DESC LIMIT 1').pluck().get();
    this.lastAppendedAt = newest ?? 0;
  }

  async read(afterSeq: number, limit: number, stream?: string): Promise<JournalRecord[]> {
    const rows =
      stream === undefined
        ? this.readAllStmt.all(afterSeq, sqlLimit(limit))
        : this.readStreamStmt.all(stream, afterSeq, sqlLimit(limit));
    return rows.map(toRecord);
  }

  async readByTime(stream: string, fromTime: number, toTime: number, afterSeq: number, limit: number): Promise<JournalRecord[]> {
    const params = { stream, from: fromTime, to: toTime, after: afterSeq, limit: sqlLimit(limit) };
    return this.readByTimeStmt.all(params).map(toRecord);
  }

  async lastSeq(): Promise<number> {
    return this.lastSeqStmt.get() ?? 0;
  }

  async cursor(consumer: string): Promise<number> {
    return this.cursorStmt.get(consumer) ?? 0;
  }

  trim(stream: string, beforeTime: number): Promise<number> {
    return this.writer.submit(() => this.trimStmt.run(stream, beforeTime).changes);
  }

  /**
   * Inside a commit: append and return the new seq. A clock that steps back (NTP, a VM resuming)
   * stamps the previous time instead, so replays by time never see the journal out of order.
   * (If the commit then fails, the raised floor is harmless: it only ever errs upwards.)
   */
  append(event: JournalAppend, now: number): number {
    this.lastAppendedAt = Math.max(now, this.lastAppendedAt);
    return Number(this.appendStmt.run(event.stream, event.body, this.lastAppendedAt).lastInsertRowid);
  }

  /** Inside a commit: move a consumer's cursor (backwards too, for replays). */
  setCursor(consumer: string, seq: number): void {
    this.setCursorStmt.run(consumer, seq);
  }
}
