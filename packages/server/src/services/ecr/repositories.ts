import {
  createRepository,
  deleteRepository,
  isEcrRepositoryName,
  listRepositories,
  requireRepository,
  updateRepository,
  type RepositoryRecord,
  type RepositoryRef,
} from '../../registry/index.js';
import type { OperationHandler, RequestContext } from '../provider.js';
import * as E from './errors.js';
import type * as M from './model.js';
import { ecr, page, refOf, repositoryShape, type EcrDeps } from './support.js';

/** Repositories, their settings, policies and resource tags; DescribeRegistry. */

const MAX_TAGS = 50;

function checkTags(tags: M.Tag[]): void {
  for (const t of tags) {
    if (t.Key.toLowerCase().startsWith('aws:')) throw E.invalidTagParameter("Invalid parameter at 'tags' failed to satisfy constraint: 'Tag keys cannot start with aws:'");
    if (t.Key.length < 1 || t.Key.length > 128 || t.Value.length > 256) throw E.invalidTagParameter("Invalid parameter at 'tags' failed to satisfy constraint: 'Tag keys must be 1 to 128 characters and values at most 256'");
  }
}

function mergeTags(current: M.Tag[], added: M.Tag[]): M.Tag[] {
  const byKey = new Map(current.map((t) => [t.Key, t.Value]));
  for (const t of added) byKey.set(t.Key, t.Value);
  if (byKey.size > MAX_TAGS) throw E.tooManyTags();
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}

/** `arn:aws:ecr:<region>:<account>:repository/<name>` → the repository it names. */
function refFromArn(arn: string): RepositoryRef {
  const m = /^arn:aws[a-z-]*:ecr:([a-z0-9-]+):(\d{12}):repository\/(.+)$/.exec(arn);
  if (!m) throw E.invalidParameterAt('resourceArn', 'Invalid ARN');
  return { region: m[1], account: m[2], name: m[3] };
}

function policyJson(text: string): void {
  try {
    const doc: unknown = JSON.parse(text);
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('not an object');
  } catch {
    throw E.invalidParameterAt('PolicyText', 'Invalid repository policy provided');
  }
}

export function repositoryOperations(deps: EcrDeps): Record<string, OperationHandler> {
  const r = deps.registry;
  const shape = (ctx: RequestContext, rec: RepositoryRecord) => repositoryShape(deps, ctx, rec);
  return {
    CreateRepository: (input: M.CreateRepositoryRequest, ctx: RequestContext): Promise<M.CreateRepositoryResponse> =>
      ecr(async () => {
        if (!isEcrRepositoryName(input.repositoryName)) throw E.invalidRepositoryName();
        const tags = input.tags ?? [];
        checkTags(tags);
        if (tags.length > MAX_TAGS) throw E.tooManyTags();
        const encryptionType = input.encryptionConfiguration?.encryptionType ?? 'AES256';
        const ref = refOf(ctx, input);
        const encryption: RepositoryRecord['encryption'] = { encryptionType };
        if (encryptionType !== 'AES256') encryption.kmsKey = input.encryptionConfiguration?.kmsKey ?? `arn:aws:kms:${ref.region}:${ref.account}:alias/aws/ecr`;
        const record = await createRepository(r, {
          ...ref,
          imageTagMutability: input.imageTagMutability ?? 'MUTABLE',
          scanOnPush: input.imageScanningConfiguration?.scanOnPush ?? false,
          encryption,
          tags,
        });
        return { repository: shape(ctx, record) };
      }),

    DescribeRepositories: (input: M.DescribeRepositoriesRequest, ctx: RequestContext): Promise<M.DescribeRepositoriesResponse> =>
      ecr(async () => {
        const scope = { account: input.registryId ?? ctx.accountId, region: ctx.region };
        let records: RepositoryRecord[];
        if (input.repositoryNames?.length) {
          if (input.nextToken !== undefined || input.maxResults !== undefined) throw E.invalidParameter('Cannot specify both repositoryNames and nextToken or maxResults');
          records = [];
          for (const name of input.repositoryNames) records.push(await requireRepository(r, { ...scope, name }));
          return { repositories: records.map((rec) => shape(ctx, rec)) };
        }
        const listed = page(await listRepositories(r, scope), (rec) => rec.name, input.nextToken, input.maxResults, 1000);
        return { repositories: listed.items.map((rec) => shape(ctx, rec)), nextToken: listed.nextToken };
      }),

    DeleteRepository: (input: M.DeleteRepositoryRequest, ctx: RequestContext): Promise<M.DeleteRepositoryResponse> =>
      ecr(async () => {
        const { repository } = await deleteRepository(r, refOf(ctx, input), input.force ?? false);
        return { repository: shape(ctx, repository) };
      }),

    PutImageTagMutability: (input: M.PutImageTagMutabilityRequest, ctx: RequestContext): Promise<M.PutImageTagMutabilityResponse> =>
      ecr(async () => {
        const rec = await updateRepository(r, refOf(ctx, input), (x) => ({ ...x, imageTagMutability: input.imageTagMutability }));
        return { registryId: rec.account, repositoryName: rec.name, imageTagMutability: rec.imageTagMutability };
      }),

    PutImageScanningConfiguration: (input: M.PutImageScanningConfigurationRequest, ctx: RequestContext): Promise<M.PutImageScanningConfigurationResponse> =>
      ecr(async () => {
        const rec = await updateRepository(r, refOf(ctx, input), (x) => ({ ...x, scanOnPush: input.imageScanningConfiguration.scanOnPush ?? false }));
        return { registryId: rec.account, repositoryName: rec.name, imageScanningConfiguration: { scanOnPush: rec.scanOnPush } };
      }),

    SetRepositoryPolicy: (input: M.SetRepositoryPolicyRequest, ctx: RequestContext): Promise<M.SetRepositoryPolicyResponse> =>
      ecr(async () => {
        policyJson(input.policyText);
        const rec = await updateRepository(r, refOf(ctx, input), (x) => ({ ...x, policyText: input.policyText }));
        return { registryId: rec.account, repositoryName: rec.name, policyText: rec.policyText };
      }),

    GetRepositoryPolicy: (input: M.GetRepositoryPolicyRequest, ctx: RequestContext): Promise<M.GetRepositoryPolicyResponse> =>
      ecr(async () => {
        const rec = await requireRepository(r, refOf(ctx, input));
        if (rec.policyText === undefined) throw E.repositoryPolicyNotFound(rec.name, rec.account);
        return { registryId: rec.account, repositoryName: rec.name, policyText: rec.policyText };
      }),

    DeleteRepositoryPolicy: (input: M.DeleteRepositoryPolicyRequest, ctx: RequestContext): Promise<M.DeleteRepositoryPolicyResponse> =>
      ecr(async () => {
        const ref = refOf(ctx, input);
        const before = await requireRepository(r, ref);
        if (before.policyText === undefined) throw E.repositoryPolicyNotFound(before.name, before.account);
        await updateRepository(r, ref, ({ policyText: _dropped, ...rest }) => rest);
        return { registryId: before.account, repositoryName: before.name, policyText: before.policyText };
      }),

    TagResource: (input: M.TagResourceRequest): Promise<M.TagResourceResponse> =>
      ecr(async () => {
        checkTags(input.tags);
        await updateRepository(r, refFromArn(input.resourceArn), (x) => ({ ...x, tags: mergeTags(x.tags, input.tags) }));
        return {};
      }),

    UntagResource: (input: M.UntagResourceRequest): Promise<M.UntagResourceResponse> =>
      ecr(async () => {
        const drop = new Set(input.tagKeys);
        await updateRepository(r, refFromArn(input.resourceArn), (x) => ({ ...x, tags: x.tags.filter((t) => !drop.has(t.Key)) }));
        return {};
      }),

    ListTagsForResource: (input: M.ListTagsForResourceRequest): Promise<M.ListTagsForResourceResponse> =>
      ecr(async () => ({ tags: (await requireRepository(r, refFromArn(input.resourceArn))).tags })),

    DescribeRegistry: (_input: M.DescribeRegistryRequest, ctx: RequestContext): M.DescribeRegistryResponse => ({
      registryId: ctx.accountId,
      replicationConfiguration: { rules: [] },
    }),
  };
}
