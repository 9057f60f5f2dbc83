import { randomBytes, randomUUID } from 'node:crypto';

/** Id source. Injected so event ids, message ids and request ids are reproducible in tests. */
export interface IdSource {
  /** An RFC 4122 v4 UUID, as AWS uses for event ids, message ids and request ids. */
  uuid(): string;
  /** `bytes` random bytes as lowercase hex. */
  hex(bytes: number): string;
}

export const randomIds: IdSource = {
  uuid: () => randomUUID(),
  hex: (bytes) => randomBytes(bytes).toString('hex'),
};

/** Deterministic ids for tests: uuids count up from 1. */
export class SequentialIds implements IdSource {
  private n = 0;
  uuid(): string {
    this.n += 1;
    const h = this.n.toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${h}`;
  }
  hex(bytes: number): string {
    this.n += 1;
    return this.n.toString(16).padStart(bytes * 2, '0').slice(-bytes * 2);
  }
}
