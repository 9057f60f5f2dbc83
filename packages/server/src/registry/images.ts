import type { RegistryContext } from './context.js';
import { failWith } from './failures.js';
import { requireRepository } from './repositories.js';
import {
  imageKey,
  imagePrefix,
  keyTail,
  referrerPrefix,
  Tables,
  tagKey,
  tagPrefix,
  type ImageRecord,
  type ReferrerRecord,
  type RepositoryRef,
  type TagRecord,
} from './records.js';

/** Reading images: resolving references, listing with tags, referrers and pull-time bookkeeping. */

export interface ImageView extends ImageRecord {
  tags: string[];
}

/** The image a tag or digest names, or undefined. */
export async function resolveImage(ctx: RegistryContext, ref: RepositoryRef, reference: { digest?: string; tag?: string }): Promise<ImageRecord | undefined> {
  let digest = reference.digest;
  if (reference.tag !== undefined) {
    const tag = await ctx.storage.metadata.get<TagRecord>(Tables.tags, tagKey(ref, reference.tag));
    if (!tag || (digest !== undefined && tag.value.digest !== digest)) return undefined;
    digest = tag.value.digest;
  }
  if (digest === undefined) return undefined;
  return (await ctx.storage.metadata.get<ImageRecord>(Tables.images, imageKey(ref, digest)))?.value;
}

/** The manifest bytes of an image (manifests are small; the blob store holds them by digest). */
export async function manifestBytes(ctx: RegistryContext, digest: string): Promise<Buffer> {
  const stream = await ctx.storage.blobs.read(digest);
  if (!stream) return failWith({ kind: 'ImageNotFound', reference: digest });
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts);
}

/** Every tag of the repository, tag → digest, in tag order. */
export async function repositoryTags(ctx: RegistryContext, ref: RepositoryRef): Promise<Map<string, string>> {
  const prefix = tagPrefix(ref);
  const items = await ctx.storage.metadata.list<TagRecord>(Tables.tags, { prefix });
  return new Map(items.map((i) => [i.key.slice(prefix.length), i.value.digest]));
}

/** Tags after `last`, at most `n` (the distribution spec's tag listing). */
export async function listTags(ctx: RegistryContext, ref: RepositoryRef, n: number | undefined, last: string | undefined): Promise<string[]> {
  await requireRepository(ctx, ref);
  const prefix = tagPrefix(ref);
  const items = await ctx.storage.metadata.list<TagRecord>(Tables.tags, { prefix, startAfter: last !== undefined ? prefix + last : undefined, limit: n });
  return items.map((i) => i.key.slice(prefix.length));
}

/** All images of the repository with their tags, in digest order. */
export async function listImages(ctx: RegistryContext, ref: RepositoryRef): Promise<ImageView[]> {
  await requireRepository(ctx, ref);
  const tags = await repositoryTags(ctx, ref);
  const byDigest = new Map<string, string[]>();
  for (const [tag, digest] of tags) byDigest.set(digest, [...(byDigest.get(digest) ?? []), tag]);
  const images = await ctx.storage.metadata.list<ImageRecord>(Tables.images, { prefix: imagePrefix(ref) });
  return images.map((i) => ({ ...i.value, tags: byDigest.get(i.value.digest) ?? [] }));
}

export interface Referrer extends ReferrerRecord {
  digest: string;
}

/** Manifests in the repository whose `subject` is `subject`, optionally of one artifact type. */
export async function listReferrers(ctx: RegistryContext, ref: RepositoryRef, subject: string, artifactType?: string): Promise<Referrer[]> {
  await requireRepository(ctx, ref);
  const items = await ctx.storage.metadata.list<ReferrerRecord>(Tables.referrers, { prefix: referrerPrefix(ref, subject) });
  return items.map((i) => ({ ...i.value, digest: keyTail(i.key, '>') })).filter((r) => artifactType === undefined || r.artifactType === artifactType);
}

const PULL_TIME_RESOLUTION_MS = 60_000;

/**
 * Note a pull for DescribeImages' `lastRecordedPullTime`. ECR refreshes it lazily too; Bosun
 * writes at most once a minute per image and never lets the bookkeeping fail or slow a pull.
 */
export async function recordPull(ctx: RegistryContext, ref: RepositoryRef, digest: string): Promise<void> {
  const key = imageKey(ref, digest);
  const item = await ctx.storage.metadata.get<ImageRecord>(Tables.images, key);
  const now = ctx.clock.now();
  if (!item || (item.value.lastPulledAt !== undefined && now - item.value.lastPulledAt < PULL_TIME_RESOLUTION_MS)) return;
  try {
    await ctx.storage.commit({ writes: [{ op: 'put', table: Tables.images, key, value: { ...item.value, lastPulledAt: now }, ifVersion: item.version }] });
  } catch {
    // A concurrent change (another pull, a delete) wins; the pull itself already succeeded.
  }
}
