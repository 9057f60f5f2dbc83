import type Database from 'better-sqlite3';
import { ConditionFailedError, type Item, type ListOptions, type MetadataStore, type MetadataWrite } from '../interfaces.js';
import { keyBounds, type KeyBounds } from './key-range.js';
import { encodeValue, sqlLimit, toItem, type MetadataRow } from './rows.js';

/** Metadata records in one WITHOUT ROWID table keyed by (tbl, key), so listings are index range scans. */
export class SqliteMetadata implements MetadataStore {
  private readonly getStmt: Database.Statement<[string, string], MetadataRow>;
  private readonly versionStmt: Database.Statement<[string, string], number>;
  private readonly upsertStmt: Database.Statement<[string, string, string, number]>;
  private readonly deleteStmt: Database.Statement<[string, string]>;
  /** Listing/counting statements differ only in which bounds apply; each variant is prepared once. */
  private readonly variants = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.getStmt = db.prepare('SELECT key, value, version FROM metadata WHERE tbl = ? AND key = ?');
    this.versionStmt = db.prepare<[string, string], number>('SELECT version FROM metadata WHERE tbl = ? AND key = ?').pluck();
    this.upsertStmt = db.prepare(
      `INSERT INTO metadata (tbl, key, value, version) VALUES (?, ?, ?, ?)
       ON CONFLICT (tbl, key) DO UPDATE SET value = excluded.value, version = excluded.version`,
    );
    this.deleteStmt = db.prepare('DELETE FROM metadata WHERE tbl = ? AND key = ?');
  }

  async get<T>(table: string, key: string): Promise<Item<T> | undefined> {
    const row = this.getStmt.get(table, key);
    return row ? toItem<T>(row) : undefined;
  }

  async list<T>(table: string, options: ListOptions = {}): Promise<Item<T>[]> {
    const bounds = keyBounds(options);
    const stmt = this.variant('SELECT key, value, version', bounds, ' ORDER BY key LIMIT :limit');
    const rows = stmt.all({ tbl: table, ...bounds, limit: sqlLimit(options.limit) }) as MetadataRow[];
    return rows.map((row) => toItem<T>(row));
  }

  async count(table: string, options: { prefix?: string } = {}): Promise<number> {
    const bounds = keyBounds({ prefix: options.prefix });
    const stmt = this.variant('SELECT count(*)', bounds, '');
    return Number(stmt.pluck().get({ tbl: table, ...bounds }));
  }

  /** Apply one write inside the caller's transaction; throws ConditionFailedError when `ifVersion` fails. */
  applyWrite(write: MetadataWrite): void {
    const current = this.versionStmt.get(write.table, write.key) ?? 0;
    if (write.ifVersion !== undefined && write.ifVersion !== current) {
      throw new ConditionFailedError(write.table, write.key);
    }
    if (write.op === 'put') this.upsertStmt.run(write.table, write.key, encodeValue(write.value), current + 1);
    else if (current !== 0) this.deleteStmt.run(write.table, write.key);
  }

  private variant(select: string, bounds: KeyBounds, tail: string): Database.Statement {
    const conditions = ['tbl = :tbl'];
    if (bounds.from !== undefined) conditions.push('key >= :from');
    if (bounds.after !== undefined) conditions.push('key > :after');
    if (bounds.below !== undefined) conditions.push('key < :below');
    const sql = `${select} FROM metadata WHERE ${conditions.join(' AND ')}${tail}`;
    let stmt = this.variants.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.variants.set(sql, stmt);
    }
    return stmt;
  }
}
