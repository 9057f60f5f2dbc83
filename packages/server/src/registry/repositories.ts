import type { MetadataWrite } from '../storage/interfaces.js';
import { commitWithRetry, type RegistryContext } from './context.js';
import { failWith } from './failures.js';
import {
  imagePrefix,
  indexRefPrefix,
  layerPrefix,
  referrerPrefix,
  repositoryKey,
  scopePrefix,
  Tables,
  tagPrefix,
  type RegistryScope,
  type RepositoryRecord,
  type RepositoryRef,
} from './records.js';

/** Repositories: ECR's unit of naming, settings and access; every image and tag lives in one. */

export type NewRepository = Omit<RepositoryRecord, 'createdAt' | 'imageTagMutability' | 'scanOnPush' | 'encryption' | 'tags'> &
  Partial<Pick<RepositoryRecord, 'imageTagMutability' | 'scanOnPush' | 'encryption' | 'tags'>>;

export async function findRepository(ctx: RegistryContext, ref: RepositoryRef): Promise<RepositoryRecord | undefined> {
  return (await ctx.storage.metadata.get<RepositoryRecord>(Tables.repositories, repositoryKey(ref)))?.value;
}

export async function requireRepository(ctx: RegistryContext, ref: RepositoryRef): Promise<RepositoryRecord> {
  return (await findRepository(ctx, ref)) ?? failWith({ kind: 'RepositoryNotFound', name: ref.name, registryId: ref.account });
}

/** The repository a push goes to: existing, or created when create-on-push is on. */
export async function repositoryForPush(ctx: RegistryContext, ref: RepositoryRef): Promise<RepositoryRecord> {
  const found = await findRepository(ctx, ref);
  if (found) return found;
  if (!ctx.options.createOnPush) failWith({ kind: 'RepositoryNotFound', name: ref.name, registryId: ref.account });
  try {
    return await createRepository(ctx, { ...ref });
  } catch (e) {
    const raced = await findRepository(ctx, ref);
    if (raced) return raced;
    throw e;
  }
}

export async function createRepository(ctx: RegistryContext, input: NewRepository): Promise<RepositoryRecord> {
  const record: RepositoryRecord = {
    imageTagMutability: 'MUTABLE',
    scanOnPush: false,
    encryption: { encryptionType: 'AES256' },
    tags: [],
    ...input,
    createdAt: ctx.clock.now(),
  };
  const key = repositoryKey(record);
  if (await ctx.storage.metadata.get(Tables.repositories, key)) failWith({ kind: 'RepositoryAlreadyExists', name: record.name, registryId: record.account });
  try {
    await ctx.storage.commit({ writes: [{ op: 'put', table: Tables.repositories, key, value: record, ifVersion: 0 }] });
  } catch {
    failWith({ kind: 'RepositoryAlreadyExists', name: record.name, registryId: record.account });
  }
  return record;
}

/** Change a repository's settings atomically; `change` returns the new record. */
export async function updateRepository(ctx: RegistryContext, ref: RepositoryRef, change: (r: RepositoryRecord) => RepositoryRecord): Promise<RepositoryRecord> {
  const key = repositoryKey(ref);
  return commitWithRetry(ctx.storage, async () => {
    const item = await ctx.storage.metadata.get<RepositoryRecord>(Tables.repositories, key);
    if (!item) return failWith({ kind: 'RepositoryNotFound', name: ref.name, registryId: ref.account });
    const next = change(item.value);
    return { batch: { writes: [{ op: 'put', table: Tables.repositories, key, value: next, ifVersion: item.version }] }, result: next };
  });
}

export async function listRepositories(ctx: RegistryContext, scope: RegistryScope): Promise<RepositoryRecord[]> {
  const items = await ctx.storage.metadata.list<RepositoryRecord>(Tables.repositories, { prefix: scopePrefix(scope) });
  return items.map((i) => i.value);
}

/**
 * Delete a repository; with `force`, its images, tags and blob links go too (blobs themselves are
 * shared and left to the collector). Without it, a repository holding images is refused.
 */
export async function deleteRepository(ctx: RegistryContext, ref: RepositoryRef, force: boolean): Promise<{ repository: RepositoryRecord; imageCount: number }> {
  const key = repositoryKey(ref);
  const item = await ctx.storage.metadata.get<RepositoryRecord>(Tables.repositories, key);
  if (!item) return failWith({ kind: 'RepositoryNotFound', name: ref.name, registryId: ref.account });
  const imageCount = await ctx.storage.metadata.count(Tables.images, { prefix: imagePrefix(ref) });
  if (imageCount > 0 && !force) failWith({ kind: 'RepositoryNotEmpty', name: ref.name, registryId: ref.account });
  const writes: MetadataWrite[] = [{ op: 'delete', table: Tables.repositories, key, ifVersion: item.version }];
  const owned: [string, string][] = [
    [Tables.images, imagePrefix(ref)],
    [Tables.tags, tagPrefix(ref)],
    [Tables.layers, layerPrefix(ref)],
    [Tables.indexRefs, indexRefPrefix(ref)],
    [Tables.referrers, referrerPrefix(ref)],
  ];
  for (const [table, prefix] of owned) {
    for (const i of await ctx.storage.metadata.list(table, { prefix })) writes.push({ op: 'delete', table, key: i.key });
  }
  writes.push({ op: 'delete', table: Tables.lifecyclePreviews, key });
  await ctx.storage.commit({ writes });
  return { repository: item.value, imageCount };
}
