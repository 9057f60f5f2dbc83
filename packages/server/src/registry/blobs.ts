import type { Readable } from 'node:stream';
import { DigestMismatchError, type BlobInfo } from '../storage/interfaces.js';
import type { RegistryContext } from './context.js';
import { parseDigest } from './digest.js';
import { failWith } from './failures.js';
import { repositoryForPush, requireRepository } from './repositories.js';
import { layerKey, Tables, type LayerLink, type RepositoryRef } from './records.js';

/**
 * Blobs as a repository sees them. The bytes are content-addressed and shared by every repository;
 * a repository may serve or reference a blob once it is linked to it (uploaded or mounted there),
 * as ECR scopes layers to repositories. Linking happens under the shared lock, right after the
 * blob became visible, so the collector never sees a fresh blob without its link.
 */

export async function statLinkedBlob(ctx: RegistryContext, ref: RepositoryRef, digest: string): Promise<BlobInfo | undefined> {
  const link = await ctx.storage.metadata.get<LayerLink>(Tables.layers, layerKey(ref, digest));
  if (!link) return undefined;
  return ctx.storage.blobs.stat(digest);
}

async function link(ctx: RegistryContext, ref: RepositoryRef, info: BlobInfo): Promise<void> {
  const value: LayerLink = { size: info.size, linkedAt: ctx.clock.now() };
  await ctx.storage.commit({ writes: [{ op: 'put', table: Tables.layers, key: layerKey(ref, info.digest), value }] });
}

function requireDigest(digest: string): void {
  if (typeof parseDigest(digest) === 'string') failWith({ kind: 'DigestInvalid', digest });
}

async function verified<T>(expected: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof DigestMismatchError) failWith({ kind: 'DigestMismatch', expected: e.expected, actual: e.actual });
    throw e;
  }
}

/** Start a (chunked or resumable) upload into a repository; returns the blob store's upload id. */
export async function startUpload(ctx: RegistryContext, ref: RepositoryRef): Promise<string> {
  await repositoryForPush(ctx, ref);
  return ctx.storage.blobs.createUpload();
}

/** Verify and publish an upload, then link the blob to the repository. */
export async function completeUpload(ctx: RegistryContext, ref: RepositoryRef, uploadId: string, digest: string): Promise<BlobInfo> {
  requireDigest(digest);
  await requireRepository(ctx, ref);
  return ctx.lock.withShared(async () => {
    const info = await verified(digest, () => ctx.storage.blobs.completeUpload(uploadId, digest));
    await link(ctx, ref, info);
    return info;
  });
}

/** A monolithic upload: the whole blob in one request, verified against its digest. */
export async function putBlob(ctx: RegistryContext, ref: RepositoryRef, data: Readable | Uint8Array, digest: string): Promise<BlobInfo> {
  requireDigest(digest);
  await repositoryForPush(ctx, ref);
  return ctx.lock.withShared(async () => {
    const info = await verified(digest, () => ctx.storage.blobs.put(data, digest));
    await link(ctx, ref, info);
    return info;
  });
}

/**
 * Cross-repository mount: link a blob the registry already holds into `ref`. With `from`, the blob
 * must be linked to that repository of the same registry; without it (distribution spec v1.1
 * "automatic content discovery"), any stored copy will do. Returns undefined when it cannot mount.
 */
export async function mountBlob(ctx: RegistryContext, ref: RepositoryRef, digest: string, from: string | undefined): Promise<BlobInfo | undefined> {
  if (typeof parseDigest(digest) === 'string') return undefined;
  await repositoryForPush(ctx, ref);
  return ctx.lock.withShared(async () => {
    if (from !== undefined && !(await ctx.storage.metadata.get(Tables.layers, layerKey({ ...ref, name: from }, digest)))) return undefined;
    const info = await ctx.storage.blobs.stat(digest);
    if (!info) return undefined;
    await link(ctx, ref, info);
    return info;
  });
}

/** Which of `digests` are linked to the repository and present; the rest are missing. */
export async function missingBlobs(ctx: RegistryContext, ref: RepositoryRef, digests: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const digest of new Set(digests)) {
    if (!(await statLinkedBlob(ctx, ref, digest))) missing.push(digest);
  }
  return missing;
}
