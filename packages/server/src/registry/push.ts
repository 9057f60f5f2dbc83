import { createHash } from 'node:crypto';
import type { JournalAppend, MetadataWrite } from '../storage/interfaces.js';
import { missingBlobs } from './blobs.js';
import { commitWithRetry, type RegistryContext } from './context.js';
import { parseDigest } from './digest.js';
import { imageActionAppend } from './events.js';
import { failWith } from './failures.js';
import { imageSize, parseManifest, referrerArtifactType, requiredBlobs, type Manifest } from './manifest.js';
import { isOciTag } from './names.js';
import { repositoryForPush } from './repositories.js';
import { imageKey, indexRefKey, referrerKey, Tables, tagKey, type ImageRecord, type ReferrerRecord, type RepositoryRef, type TagRecord } from './records.js';

/**
 * Putting a manifest: the one path by which images and tags come to exist, for OCI `PUT
 * /manifests/<ref>` and ECR `PutImage` alike. The image, its tag and the `ECR Image Action` PUSH
 * event are committed together; a push that fails changes nothing and emits nothing.
 */

export interface PutManifestInput {
  bytes: Buffer;
  contentType: string | undefined;
  tag?: string;
  /** When the client named a digest (OCI by-digest push, ECR imageDigest), it must match the content. */
  digest?: string;
  /** ECR PutImage refuses a put that changes nothing (ImageAlreadyExistsException); OCI accepts it. */
  refuseUnchanged?: boolean;
}

export interface PutManifestResult {
  digest: string;
  mediaType: string;
  manifest: Manifest;
  /** Whether anything changed (a new image or a moved tag). */
  changed: boolean;
}

function digestOf(bytes: Buffer, algorithm: string): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

export async function putManifest(ctx: RegistryContext, ref: RepositoryRef, input: PutManifestInput): Promise<PutManifestResult> {
  const repository = await repositoryForPush(ctx, ref);
  if (input.tag !== undefined && !isOciTag(input.tag)) failWith({ kind: 'TagInvalid', tag: input.tag });
  let algorithm = 'sha256';
  if (input.digest !== undefined) {
    const parsed = parseDigest(input.digest);
    if (typeof parsed === 'string') failWith({ kind: 'DigestInvalid', digest: input.digest });
    algorithm = parsed.algorithm;
  }
  const digest = digestOf(input.bytes, algorithm);
  if (input.digest !== undefined && input.digest !== digest) failWith({ kind: 'DigestMismatch', expected: input.digest, actual: digest });
  const parsed = parseManifest(input.bytes, input.contentType);
  if (!parsed.ok) return failWith({ kind: 'ManifestInvalid', reason: parsed.reason });
  const manifest = parsed.manifest;
  const immutable = repository.imageTagMutability.startsWith('IMMUTABLE');

  return ctx.lock.withShared(async () => {
    const missingLayers = await missingBlobs(ctx, ref, requiredBlobs(manifest).map((b) => b.digest));
    if (missingLayers.length) failWith({ kind: 'LayersMissing', digests: missingLayers, name: ref.name, registryId: ref.account });
    const children = await childImages(ctx, ref, manifest);
    if (!(await ctx.storage.blobs.stat(digest))) await ctx.storage.blobs.put(input.bytes, digest);

    return commitWithRetry(ctx.storage, async () => {
      const now = ctx.clock.now();
      const writes: MetadataWrite[] = [];
      const existing = await ctx.storage.metadata.get<ImageRecord>(Tables.images, imageKey(ref, digest));
      if (!existing) {
        const record = imageRecord(manifest, digest, input.bytes.length, now, children);
        writes.push({ op: 'put', table: Tables.images, key: imageKey(ref, digest), value: record, ifVersion: 0 });
        for (const child of record.children) writes.push({ op: 'put', table: Tables.indexRefs, key: indexRefKey(ref, child, digest), value: {} });
        if (manifest.subject) writes.push({ op: 'put', table: Tables.referrers, key: referrerKey(ref, manifest.subject.digest, digest), value: referrer(manifest, digest, input.bytes.length) });
      }
      let tagMoved = false;
      if (input.tag !== undefined) {
        const current = await ctx.storage.metadata.get<TagRecord>(Tables.tags, tagKey(ref, input.tag));
        if (current && immutable) failWith({ kind: 'TagImmutable', tag: input.tag, name: ref.name });
        if (current?.value.digest !== digest) {
          tagMoved = true;
          const value: TagRecord = { digest, taggedAt: now };
          writes.push({ op: 'put', table: Tables.tags, key: tagKey(ref, input.tag), value, ifVersion: current?.version ?? 0 });
        }
      }
      const changed = !existing || tagMoved;
      if (!changed && input.refuseUnchanged) failWith({ kind: 'ImageAlreadyExists', digest, tag: input.tag, name: ref.name, registryId: ref.account });
      const events: JournalAppend[] = [];
      if (changed) {
        events.push(imageActionAppend({ id: ctx.ids.uuid(), time: now, account: ref.account, region: ref.region, repositoryName: ref.name, imageDigest: digest, actionType: 'PUSH', imageTag: input.tag }));
      }
      return { batch: { writes, events }, result: { digest, mediaType: manifest.mediaType, manifest, changed } };
    });
  });
}

/** An index's children must be images of the repository; returns them with their sizes. */
async function childImages(ctx: RegistryContext, ref: RepositoryRef, manifest: Manifest): Promise<ImageRecord[]> {
  const found: ImageRecord[] = [];
  const missing: string[] = [];
  for (const d of manifest.manifests) {
    const item = await ctx.storage.metadata.get<ImageRecord>(Tables.images, imageKey(ref, d.digest));
    if (item) found.push(item.value);
    else missing.push(d.digest);
  }
  if (missing.length) failWith({ kind: 'ImagesMissing', digests: [...new Set(missing)], name: ref.name, registryId: ref.account });
  return found;
}

function imageRecord(manifest: Manifest, digest: string, manifestSize: number, now: number, children: ImageRecord[]): ImageRecord {
  // ECR: "If the image is a manifest list, this will be the max size of all manifests in the list."
  const size = manifest.kind === 'index' ? Math.max(0, ...children.map((c) => c.imageSize)) : imageSize(manifest);
  const record: ImageRecord = {
    digest,
    mediaType: manifest.mediaType,
    manifestSize,
    imageSize: size,
    pushedAt: now,
    blobs: requiredBlobs(manifest).map((b) => b.digest),
    children: [...new Set(manifest.manifests.map((m) => m.digest))],
  };
  if (manifest.config) record.artifactMediaType = manifest.config.mediaType;
  const artifactType = referrerArtifactType(manifest);
  if (artifactType) record.artifactType = artifactType;
  if (manifest.subject) record.subject = manifest.subject.digest;
  if (manifest.annotations) record.annotations = manifest.annotations;
  return record;
}

function referrer(manifest: Manifest, digest: string, size: number): ReferrerRecord {
  const r: ReferrerRecord = { mediaType: manifest.mediaType, size };
  const artifactType = referrerArtifactType(manifest);
  if (artifactType) r.artifactType = artifactType;
  if (manifest.annotations) r.annotations = manifest.annotations;
  return r;
}
