import { lifecycleCandidates, LifecyclePolicyError, parseLifecyclePolicy, repositoryKey, requireRepository, Tables, updateRepository, type LifecycleCandidate } from '../../registry/index.js';
import type { OperationHandler, RequestContext } from '../provider.js';
import * as E from './errors.js';
import type * as M from './model.js';
import { ecr, page, refOf, type EcrDeps } from './support.js';

/**
 * Lifecycle policies: stored on the repository and applied by the registry's background
 * evaluator (Registry.applyLifecyclePolicies). A preview is evaluated at once and kept until the
 * next one; StartLifecyclePolicyPreview answers IN_PROGRESS like ECR, GetLifecyclePolicyPreview
 * then reports it COMPLETE.
 */

interface StoredPreview {
  lifecyclePolicyText: string;
  results: LifecycleCandidate[];
}

function validate(text: string): void {
  try {
    parseLifecyclePolicy(text);
  } catch (e) {
    if (e instanceof LifecyclePolicyError) throw E.lifecyclePolicyInvalid(e.message);
    throw e;
  }
}

function previewResult(c: LifecycleCandidate): M.LifecyclePolicyPreviewResult {
  const r: M.LifecyclePolicyPreviewResult = { imageDigest: c.digest, imagePushedAt: new Date(c.pushedAt), action: { type: 'EXPIRE' }, appliedRulePriority: c.rulePriority };
  if (c.tags.length) r.imageTags = c.tags;
  return r;
}

export function lifecycleOperations(deps: EcrDeps): Record<string, OperationHandler> {
  const r = deps.registry;
  return {
    PutLifecyclePolicy: (input: M.PutLifecyclePolicyRequest, ctx: RequestContext): Promise<M.PutLifecyclePolicyResponse> =>
      ecr(async () => {
        validate(input.lifecyclePolicyText);
        const rec = await updateRepository(r, refOf(ctx, input), (x) => ({ ...x, lifecyclePolicyText: input.lifecyclePolicyText }));
        return { registryId: rec.account, repositoryName: rec.name, lifecyclePolicyText: input.lifecyclePolicyText };
      }),

    GetLifecyclePolicy: (input: M.GetLifecyclePolicyRequest, ctx: RequestContext): Promise<M.GetLifecyclePolicyResponse> =>
      ecr(async () => {
        const rec = await requireRepository(r, refOf(ctx, input));
        if (rec.lifecyclePolicyText === undefined) throw E.lifecyclePolicyNotFound(rec.name, rec.account);
        const out: M.GetLifecyclePolicyResponse = { registryId: rec.account, repositoryName: rec.name, lifecyclePolicyText: rec.lifecyclePolicyText };
        if (rec.lifecycleEvaluatedAt !== undefined) out.lastEvaluatedAt = new Date(rec.lifecycleEvaluatedAt);
        return out;
      }),

    DeleteLifecyclePolicy: (input: M.DeleteLifecyclePolicyRequest, ctx: RequestContext): Promise<M.DeleteLifecyclePolicyResponse> =>
      ecr(async () => {
        const ref = refOf(ctx, input);
        const rec = await requireRepository(r, ref);
        if (rec.lifecyclePolicyText === undefined) throw E.lifecyclePolicyNotFound(rec.name, rec.account);
        await updateRepository(r, ref, ({ lifecyclePolicyText: _dropped, ...rest }) => rest);
        const out: M.DeleteLifecyclePolicyResponse = { registryId: rec.account, repositoryName: rec.name, lifecyclePolicyText: rec.lifecyclePolicyText };
        if (rec.lifecycleEvaluatedAt !== undefined) out.lastEvaluatedAt = new Date(rec.lifecycleEvaluatedAt);
        return out;
      }),

    StartLifecyclePolicyPreview: (input: M.StartLifecyclePolicyPreviewRequest, ctx: RequestContext): Promise<M.StartLifecyclePolicyPreviewResponse> =>
      ecr(async () => {
        const ref = refOf(ctx, input);
        const rec = await requireRepository(r, ref);
        const text = input.lifecyclePolicyText ?? rec.lifecyclePolicyText;
        if (text === undefined) throw E.lifecyclePolicyNotFound(rec.name, rec.account);
        validate(text);
        const preview: StoredPreview = { lifecyclePolicyText: text, results: await lifecycleCandidates(r, ref, text) };
        await r.storage.commit({ writes: [{ op: 'put', table: Tables.lifecyclePreviews, key: repositoryKey(ref), value: preview }] });
        return { registryId: ref.account, repositoryName: ref.name, lifecyclePolicyText: text, status: 'IN_PROGRESS' };
      }),

    GetLifecyclePolicyPreview: (input: M.GetLifecyclePolicyPreviewRequest, ctx: RequestContext): Promise<M.GetLifecyclePolicyPreviewResponse> =>
      ecr(async () => {
        const ref = refOf(ctx, input);
        await requireRepository(r, ref);
        const item = await r.storage.metadata.get<StoredPreview>(Tables.lifecyclePreviews, repositoryKey(ref));
        if (!item) throw E.lifecyclePolicyPreviewNotFound(ref.name, ref.account);
        let results = item.value.results;
        const status = input.filter?.tagStatus;
        if (status === 'TAGGED') results = results.filter((c) => c.tags.length > 0);
        if (status === 'UNTAGGED') results = results.filter((c) => c.tags.length === 0);
        if (input.imageIds?.length) results = results.filter((c) => input.imageIds!.some((id) => id.imageDigest === c.digest || (id.imageTag !== undefined && c.tags.includes(id.imageTag))));
        const sorted = [...results].sort((a, b) => (a.digest < b.digest ? -1 : 1));
        const listed = page(sorted, (c) => c.digest, input.nextToken, input.maxResults, 100);
        return {
          registryId: ref.account,
          repositoryName: ref.name,
          lifecyclePolicyText: item.value.lifecyclePolicyText,
          status: 'COMPLETE',
          previewResults: listed.items.map(previewResult),
          nextToken: listed.nextToken,
          summary: { expiringImageTotalCount: item.value.results.length },
        };
      }),
  };
}
