import { isFailure, repositoryArn, type RegistryContext, type RepositoryRecord, type RepositoryRef } from '../../registry/index.js';
import type { RequestContext } from '../provider.js';
import { ecrError, invalidParameterAt } from './errors.js';
import type { Repository } from './model.js';

/** What every ECR operation needs besides its input. */
export interface EcrDeps {
  registry: RegistryContext;
  /** When set, repository URIs use `<account>.dkr.ecr.<region>.<domain>`; else the host the client called. */
  registryDomain: string;
  /** Issue a GetAuthorizationToken token for an account and region. */
  issueToken(account: string, region: string, ttlSeconds?: number): { authorizationToken: string; expiresAt: number };
}

export function refOf(ctx: RequestContext, input: { registryId?: string; repositoryName: string }): RepositoryRef {
  return { account: input.registryId ?? ctx.accountId, region: ctx.region, name: input.repositoryName };
}

/** The registry's host as clients should address it. */
export function registryHost(deps: EcrDeps, ctx: RequestContext, account: string): string {
  if (deps.registryDomain) return `${account}.dkr.ecr.${ctx.region}.${deps.registryDomain}`;
  return new URL(ctx.baseUrl).host;
}

export function repositoryShape(deps: EcrDeps, ctx: RequestContext, r: RepositoryRecord): Repository {
  const encryption: Repository['encryptionConfiguration'] = { encryptionType: r.encryption.encryptionType };
  if (r.encryption.kmsKey) encryption.kmsKey = r.encryption.kmsKey;
  return {
    repositoryArn: repositoryArn(r),
    registryId: r.account,
    repositoryName: r.name,
    repositoryUri: `${registryHost(deps, ctx, r.account)}/${r.name}`,
    createdAt: new Date(r.createdAt),
    imageTagMutability: r.imageTagMutability,
    imageScanningConfiguration: { scanOnPush: r.scanOnPush },
    encryptionConfiguration: encryption,
  };
}

/** Run a registry call, answering its failures as ECR exceptions. */
export async function ecr<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isFailure(e)) throw ecrError(e.failure);
    throw e;
  }
}

/** Opaque pagination tokens: the position after which the next page starts. */
export function pageToken(position: string): string {
  return Buffer.from(JSON.stringify({ after: position })).toString('base64');
}

export function readPageToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { after?: unknown };
    if (typeof v.after === 'string') return v.after;
  } catch {
    // fall through
  }
  throw invalidParameterAt('nextToken', 'Invalid pagination token');
}

/** One page of `items` (already in order) after the token's position. */
export function page<T>(items: T[], position: (t: T) => string, token: string | undefined, maxResults: number | undefined, defaultMax: number): { items: T[]; nextToken?: string } {
  const after = readPageToken(token);
  const start = after === undefined ? 0 : items.findIndex((i) => position(i) > after);
  const rest = start < 0 ? [] : items.slice(start);
  const size = maxResults ?? defaultMax;
  const out = rest.slice(0, size);
  return rest.length > size ? { items: out, nextToken: pageToken(position(out[out.length - 1])) } : { items: out };
}
