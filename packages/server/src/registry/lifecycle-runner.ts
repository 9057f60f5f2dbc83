import type { RegistryContext } from './context.js';
import { deleteImage } from './delete.js';
import { listImages } from './images.js';
import { evaluateLifecycle, parseLifecyclePolicy, type Expiry } from './lifecycle.js';
import { findRepository, updateRepository } from './repositories.js';
import { indexRefPrefix, keyTail, repositoryKey, Tables, type RepositoryRecord, type RepositoryRef } from './records.js';

/** Lifecycle policies at work: which images a policy expires now, and expiring them for real. */

export interface LifecycleCandidate extends Expiry {
  tags: string[];
  pushedAt: number;
}

export async function lifecycleCandidates(ctx: RegistryContext, ref: RepositoryRef, policyText: string): Promise<LifecycleCandidate[]> {
  const policy = parseLifecyclePolicy(policyText);
  const images = await listImages(ctx, ref);
  const refs = await ctx.storage.metadata.list(Tables.indexRefs, { prefix: indexRefPrefix(ref) });
  const children = new Set(refs.map((r) => keyTail(r.key.slice(0, r.key.lastIndexOf('>')), '@')));
  const expiries = evaluateLifecycle(
    policy,
    images.map((i) => ({ digest: i.digest, tags: i.tags, pushedAt: i.pushedAt, referencedByIndex: children.has(i.digest) })),
    ctx.clock.now(),
  );
  const byDigest = new Map(images.map((i) => [i.digest, i]));
  return expiries.map((e) => ({ ...e, tags: byDigest.get(e.digest)!.tags, pushedAt: byDigest.get(e.digest)!.pushedAt }));
}

/** Expire what the repository's policy selects; each expiry emits DELETE events like any delete. */
export async function applyLifecyclePolicy(ctx: RegistryContext, ref: RepositoryRef): Promise<number> {
  const repository = await findRepository(ctx, ref);
  if (!repository?.lifecyclePolicyText) return 0;
  let expired = 0;
  for (const c of await lifecycleCandidates(ctx, ref, repository.lifecyclePolicyText)) {
    if ((await deleteImage(ctx, ref, { imageDigest: c.digest })).ok) expired += 1;
  }
  await updateRepository(ctx, ref, (r) => ({ ...r, lifecycleEvaluatedAt: ctx.clock.now() }));
  return expired;
}

/** Every repository with a policy, in every account and region. */
export async function applyAllLifecyclePolicies(ctx: RegistryContext): Promise<number> {
  let expired = 0;
  for (const item of await ctx.storage.metadata.list<RepositoryRecord>(Tables.repositories)) {
    if (!item.value.lifecyclePolicyText) continue;
    const ref: RepositoryRef = { account: item.value.account, region: item.value.region, name: item.value.name };
    if (repositoryKey(ref) !== item.key) continue;
    expired += await applyLifecyclePolicy(ctx, ref);
  }
  return expired;
}
