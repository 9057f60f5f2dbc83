import type { Hash } from 'node:crypto';
import { open, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Clock } from '../../core/clock.js';
import type { IdSource } from '../../core/ids.js';
import { UploadOffsetError, UploadUnknownError } from '../interfaces.js';
import { newHash, type DigestAlgorithm } from './digest.js';
import { fsyncDir, hashFile, isAlreadyExists, isNotFound, writeAt } from './durable-fs.js';
import { isUploadId, type Layout } from './layout.js';
import { KeyedLock } from '../../core/index.js';

/** A running sha256 of an upload's bytes, valid while `size` matches the file. */
interface LiveHash {
  hash: Hash;
  size: number;
}

/**
 * Chunked uploads: one plain file per upload, appended in place and fsynced per append, so an
 * upload survives a restart at the size the client was last told. sha256 (what registries use) is
 * hashed while bytes stream in; Node cannot persist a Hash, so after a restart, after a failed
 * append, or for sha512, completion re-reads the file instead. File mtimes are set from the
 * injected clock so abandoned-upload collection is testable.
 */
export class Uploads {
  private readonly live = new Map<string, LiveHash>();
  private readonly locks = new KeyedLock();

  constructor(
    private readonly layout: Layout,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async create(): Promise<string> {
    for (;;) {
      const id = this.ids.uuid();
      let fh;
      try {
        fh = await open(this.layout.uploadPath(id), 'wx');
      } catch (error) {
        // Deterministic id sources restart from the beginning after a reopen; skip taken ids.
        if (isAlreadyExists(error)) continue;
        throw error;
      }
      await fh.sync();
      await fh.close();
      await fsyncDir(this.layout.uploadsDir);
      await this.touch(id);
      this.live.set(id, { hash: newHash('sha256'), size: 0 });
      return id;
    }
  }

  append(id: string, data: Readable | Uint8Array, offset?: number): Promise<number> {
    return this.locks.run(id, async () => {
      const fh = await this.openExisting(id);
      try {
        const size = (await fh.stat()).size;
        if (offset !== undefined && offset !== size) throw new UploadOffsetError(id, offset, size);
        const live = this.live.get(id);
        const hash = live && live.size === size ? live.hash : undefined;
        let written: number;
        try {
          written = await writeAt(fh, data, size, hash);
        } catch (error) {
          // All or nothing: drop the partial chunk so the size the client sees stays meaningful.
          this.live.delete(id);
          await fh.truncate(size);
          throw error;
        }
        await fh.sync();
        if (hash) this.live.set(id, { hash, size: size + written });
        else this.live.delete(id);
        await this.touch(id);
        return size + written;
      } finally {
        await fh.close();
      }
    });
  }

  async size(id: string): Promise<number | undefined> {
    if (!isUploadId(id)) return undefined;
    try {
      return (await stat(this.layout.uploadPath(id))).size;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Hash the upload and move it out of the uploads folder to `target` (same filesystem) for the
   * caller to publish or discard. Returns the hex digest.
   */
  finish(id: string, algorithm: DigestAlgorithm, target: string): Promise<string> {
    return this.locks.run(id, async () => {
      const path = this.layout.uploadPath(id);
      const size = await this.size(id);
      if (size === undefined) throw new UploadUnknownError(id);
      const live = this.live.get(id);
      this.live.delete(id);
      const hash = algorithm === 'sha256' && live && live.size === size ? live.hash : await hashFile(path, newHash(algorithm));
      await rename(path, target);
      await fsyncDir(this.layout.uploadsDir);
      return hash.digest('hex');
    });
  }

  abort(id: string): Promise<boolean> {
    if (!isUploadId(id)) return Promise.resolve(false);
    return this.locks.run(id, async () => {
      this.live.delete(id);
      try {
        await unlink(this.layout.uploadPath(id));
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
      await fsyncDir(this.layout.uploadsDir);
      return true;
    });
  }

  async list(): Promise<{ id: string; size: number; modifiedAt: number }[]> {
    const result: { id: string; size: number; modifiedAt: number }[] = [];
    for (const id of await readdir(this.layout.uploadsDir)) {
      if (!isUploadId(id)) continue;
      try {
        const info = await stat(this.layout.uploadPath(id));
        result.push({ id, size: info.size, modifiedAt: Math.floor(info.mtimeMs) });
      } catch (error) {
        if (!isNotFound(error)) throw error; // completed or aborted meanwhile
      }
    }
    return result.sort((a, b) => a.id.localeCompare(b.id));
  }

  private async openExisting(id: string) {
    if (!isUploadId(id)) throw new UploadUnknownError(id);
    try {
      return await open(this.layout.uploadPath(id), 'r+');
    } catch (error) {
      if (isNotFound(error)) throw new UploadUnknownError(id);
      throw error;
    }
  }

  private async touch(id: string): Promise<void> {
    const at = new Date(this.clock.now());
    await utimes(this.layout.uploadPath(id), at, at);
  }
}
