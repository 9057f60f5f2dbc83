import type Database from 'better-sqlite3';
import type { Journal, JournalAppend, JournalRecord } from '../interfaces.js';
import type { GroupCommitter } from './group-commit.js';
import { sqlLimit, toRecord, type JournalRow } from './rows.js';

const COLUMNS = 'seq, stream, body, appended_at';

/** The event journal and its consumer cursors. Seqs come from AUTOINCREMENT, so they are never reused. */
export class SqliteJournal implements Journal {
  private readonly appendStmt: Database.Statement<[string, string, number]>;
  private readonly readAllStmt: Database.Statement<[number, number], JournalRow>;
  private readonly readStreamStmt: Database.Statement<[string, number, number], JournalRow>;
  private readonly readByTimeStmt: Database.Statement<[string, number, number, number, number], JournalRow>;
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
    this.readByTimeStmt = db.prepare(
      `SELECT ${COLUMNS} FROM journal
       WHERE stream = ? AND appended_at >= ? AND appended_at < ? AND seq > ? ORDER BY seq LIMIT ?`,
    );
    // sqlite_sequence keeps the highest seq ever handed out, even when those rows were trimmed.
    this.lastSeqStmt = db.prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'journal'").pluck();
    this.cursorStmt = db.prepare<[string], number>('SELECT seq FROM cursors WHERE consumer = ?').pluck();
    this.setCursorStmt = db.prepare(
      'INSERT INTO cursors (consumer, seq) VALUES (?, ?) ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq',
    );
    this.trimStmt = db.prepare('DELETE FROM journal WHERE stream = ? AND appended_at < ?');
  }

  async read(afterSeq: number, limit: number, stream?: string): Promise<JournalRecord[]> {
    const rows =
      stream === undefined
        ? this.readAllStmt.all(afterSeq, sqlLimit(limit))
        : this.readStreamStmt.all(stream, afterSeq, sqlLimit(limit));
    return rows.map(toRecord);
  }

  async readByTime(stream: string, fromTime: number, toTime: number, afterSeq: number, limit: number): Promise<JournalRecord[]> {
    return this.readByTimeStmt.all(stream, fromTime, toTime, afterSeq, sqlLimit(limit)).map(toRecord);
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

  /** Inside a commit: append and return the new seq. */
  append(event: JournalAppend, now: number): number {
    return Number(this.appendStmt.run(event.stream, event.body, now).lastInsertRowid);
  }

  /** Inside a commit: move a consumer's cursor (backwards too, for replays). */
  setCursor(consumer: string, seq: number): void {
    this.setCursorStmt.run(consumer, seq);
  }
}
