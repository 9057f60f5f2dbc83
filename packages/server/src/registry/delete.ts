import type { JournalAppend, MetadataWrite } from '../storage/interfaces.js';
import { commitWithRetry, type RegistryContext } from './context.js';
import { isEcrImageDigest } from './digest.js';
import { imageActionAppend } from './events.js';
import { requireRepository } from './repositories.js';
import { imageKey, indexRefKey, indexRefPrefix, keyTail, referrerKey, Tables, tagKey, tagPrefix, type ImageRecord, type RepositoryRef, type TagRecord } from './records.js';

/**
 * Deleting images the way ECR's BatchDeleteImage does: by digest, the image and all its tags go;
 * by tag, only that tag goes unless it was the image's last, which takes the image with it. An
 * image an index in the repository still references is refused. Each deletion commits with its
 * `ECR Image Action` DELETE events (one per removed tag, or one untagged).
 */

export interface ImageId {
  imageDigest?: string;
  imageTag?: string;
}

export type ImageFailureCode = 'InvalidImageDigest' | 'InvalidImageTag' | 'ImageTagDoesNotMatchDigest' | 'ImageNotFound' | 'MissingDigestAndTag' | 'ImageReferencedByManifestList';

export type DeleteOutcome =
  | { ok: true; deleted: { imageDigest: string; imageTag?: string }[] }
  | { ok: false; failure: { imageId: ImageId; failureCode: ImageFailureCode; failureReason: string } };

const failure = (imageId: ImageId, failureCode: ImageFailureCode, failureReason: string): DeleteOutcome => ({ ok: false, failure: { imageId, failureCode, failureReason } });

export async function deleteImages(ctx: RegistryContext, ref: RepositoryRef, ids: ImageId[]): Promise<DeleteOutcome[]> {
  await requireRepository(ctx, ref);
  const out: DeleteOutcome[] = [];
  for (const id of ids) out.push(await deleteImage(ctx, ref, id));
  return out;
}

export async function deleteImage(ctx: RegistryContext, ref: RepositoryRef, id: ImageId): Promise<DeleteOutcome> {
  if (id.imageDigest === undefined && id.imageTag === undefined) return failure(id, 'MissingDigestAndTag', 'Invalid request parameters: both tag and digest cannot be null');
  if (id.imageDigest !== undefined && !isEcrImageDigest(id.imageDigest)) {
    return failure(id, 'InvalidImageDigest', "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'");
  }
  return commitWithRetry(ctx.storage, async () => {
    const none = { batch: {}, result: undefined };
    let digest = id.imageDigest;
    let tagVersion: number | undefined;
    if (id.imageTag !== undefined) {
      const tag = await ctx.storage.metadata.get<TagRecord>(Tables.tags, tagKey(ref, id.imageTag));
      if (!tag) return { ...none, result: failure(id, 'ImageNotFound', 'Requested image not found') };
      if (digest !== undefined && tag.value.digest !== digest) return { ...none, result: failure(id, 'ImageTagDoesNotMatchDigest', 'Invalid request parameters: given tag does not map to the given digest') };
      digest = tag.value.digest;
      tagVersion = tag.version;
    }
    const image = await ctx.storage.metadata.get<ImageRecord>(Tables.images, imageKey(ref, digest!));
    if (!image) return { ...none, result: failure(id, 'ImageNotFound', 'Requested image not found') };
    const tags = await tagsOf(ctx, ref, image.value.digest);
    const now = ctx.clock.now();
    const event = (imageTag?: string): JournalAppend =>
      imageActionAppend({ id: ctx.ids.uuid(), time: now, account: ref.account, region: ref.region, repositoryName: ref.name, imageDigest: image.value.digest, actionType: 'DELETE', imageTag });

    // By tag, when other tags remain: untag only.
    if (id.imageDigest === undefined && id.imageTag !== undefined && tags.length > 1) {
      const writes: MetadataWrite[] = [{ op: 'delete', table: Tables.tags, key: tagKey(ref, id.imageTag), ifVersion: tagVersion }];
      return { batch: { writes, events: [event(id.imageTag)] }, result: { ok: true, deleted: [{ imageDigest: image.value.digest, imageTag: id.imageTag }] } };
    }
    const parents = (await ctx.storage.metadata.list(Tables.indexRefs, { prefix: indexRefPrefix(ref, image.value.digest) })).map((i) => keyTail(i.key, '>'));
    if (parents.length) return { ...none, result: failure(id, 'ImageReferencedByManifestList', `Requested image referenced by manifest list: [${parents.join(', ')}]`) };
    const writes = imageRemoval(ref, image.value, image.version, tags);
    const deleted: { imageDigest: string; imageTag?: string }[] = tags.length ? tags.map((t) => ({ imageDigest: image.value.digest, imageTag: t.tag })) : [{ imageDigest: image.value.digest }];
    const events = deleted.map((d) => event(d.imageTag));
    return { batch: { writes, events }, result: { ok: true, deleted } };
  });
}

async function tagsOf(ctx: RegistryContext, ref: RepositoryRef, digest: string): Promise<{ tag: string; version: number }[]> {
  const prefix = tagPrefix(ref);
  const items = await ctx.storage.metadata.list<TagRecord>(Tables.tags, { prefix });
  return items.filter((i) => i.value.digest === digest).map((i) => ({ tag: i.key.slice(prefix.length), version: i.version }));
}

/** The writes that remove an image, its tags and what it contributed to indexes and referrers. */
function imageRemoval(ref: RepositoryRef, image: ImageRecord, version: number, tags: { tag: string; version: number }[]): MetadataWrite[] {
  const writes: MetadataWrite[] = [{ op: 'delete', table: Tables.images, key: imageKey(ref, image.digest), ifVersion: version }];
  for (const t of tags) writes.push({ op: 'delete', table: Tables.tags, key: tagKey(ref, t.tag), ifVersion: t.version });
  for (const child of image.children) writes.push({ op: 'delete', table: Tables.indexRefs, key: indexRefKey(ref, child, image.digest) });
  if (image.subject) writes.push({ op: 'delete', table: Tables.referrers, key: referrerKey(ref, image.subject, image.digest) });
  return writes;
}
