import { createHash } from 'node:crypto';
import { ManualClock, SequentialIds } from '../../core/index.js';
import type { RegistryContext } from '../context.js';
import { SharedExclusiveLock } from '../lock.js';
import { MediaTypes } from '../manifest.js';
import type { RepositoryRef } from '../records.js';
import { MemoryStorage } from './memory-storage.js';

/** A registry context over in-memory storage, a hand-moved clock and counting ids. */
export function testContext(options: { createOnPush?: boolean } = {}): RegistryContext & { storage: MemoryStorage; clock: ManualClock } {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  return { storage: new MemoryStorage(() => clock.now()), clock, ids: new SequentialIds(), lock: new SharedExclusiveLock(), options: { createOnPush: options.createOnPush ?? false } };
}

export const repo = (name = 'team/app'): RepositoryRef => ({ account: '123456789012', region: 'us-east-1', name });

export const sha256 = (b: Uint8Array | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** An OCI image manifest over the given blobs (first is the config). */
export function imageManifest(config: Buffer, layers: Buffer[], extra: Record<string, unknown> = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaTypes.ociManifest,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: config.length, digest: sha256(config) },
      layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', size: l.length, digest: sha256(l) })),
      ...extra,
    }),
  );
}

export function indexManifest(children: Buffer[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaTypes.ociIndex,
      manifests: children.map((c, i) => ({ mediaType: MediaTypes.ociManifest, size: c.length, digest: sha256(c), platform: { architecture: i ? 'arm64' : 'amd64', os: 'linux' } })),
    }),
  );
}

export const eventsOf = (storage: MemoryStorage) =>
  storage.events.map((e) => JSON.parse(e.body) as { 'detail-type': string; detail: Record<string, string> }).map((e) => e.detail);
