import { join } from 'node:path';
import type { DigestAlgorithm } from './digest.js';

/**
 * Where things live under the blob store's root. Pure path arithmetic.
 *   blobs/<alg>/<first 2 hex>/<hex>   published, verified content (fan-out keeps directories small)
 *   uploads/<id>                      chunked uploads in progress
 *   tmp/<random>                      whole-blob puts being written; same filesystem, so rename is atomic
 */
export class Layout {
  readonly blobsDir: string;
  readonly uploadsDir: string;
  readonly tmpDir: string;

  constructor(readonly root: string) {
    this.blobsDir = join(root, 'blobs');
    this.uploadsDir = join(root, 'uploads');
    this.tmpDir = join(root, 'tmp');
  }

  algorithmDir(algorithm: DigestAlgorithm): string {
    return join(this.blobsDir, algorithm);
  }

  /** The fan-out folder for a digest (only its first two hex digits matter). */
  fanOutDir(algorithm: DigestAlgorithm, hex: string): string {
    return join(this.blobsDir, algorithm, hex.slice(0, 2));
  }

  blobPath(algorithm: DigestAlgorithm, hex: string): string {
    return join(this.fanOutDir(algorithm, hex), hex);
  }

  uploadPath(id: string): string {
    return join(this.uploadsDir, id);
  }

  tmpPath(name: string): string {
    return join(this.tmpDir, name);
  }
}

/** Upload ids become file names: allow only what our ids look like, so no id can escape the folder. */
export function isUploadId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(id);
}
