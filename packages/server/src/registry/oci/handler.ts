import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RawContext, RawHandler } from '../../http/index.js';
import { nameInvalid, unsupported } from '../errors.js';
import { RegistryFailureError } from '../failures.js';
import { isOciRepositoryName } from '../names.js';
import type { Registry } from '../registry.js';
import { requireRepository } from '../repositories.js';
import type { RegistryScope } from '../records.js';
import { authenticate, challengeHeader, type AuthSettings } from './auth.js';
import { blobEndpoint } from './blob-endpoints.js';
import type { Exchange } from './exchange.js';
import { catalogEndpoint, referrersEndpoint, tagsEndpoint } from './listing-endpoints.js';
import { manifestEndpoint } from './manifest-endpoints.js';
import { ociError, send, sendError, sendJson, API_VERSION_HEADER } from './respond.js';
import { matchOciRoute, type OciRoute } from './routes.js';
import { startUploadEndpoint, uploadEndpoint } from './upload-endpoints.js';

/**
 * The OCI Distribution API (spec v1.1) at `/v2/`, as a RawHandler on Bosun's one port:
 * authenticate like ECR, route, and answer every failure with the spec's error document.
 */
export function ociHandler(registry: Registry, settings: AuthSettings): RawHandler {
  return async (req, res, ctx) => {
    const route = matchOciRoute(ctx.url.pathname);
    if (!route) {
      if (!ctx.url.pathname.startsWith('/v2/')) return false;
      sendError(req, res, unsupported('The requested endpoint does not exist.'));
      return true;
    }
    const queryToken = route.kind === 'blob' && (req.method === 'GET' || req.method === 'HEAD') ? ctx.url.searchParams.get('X-Amz-Security-Token') : undefined;
    const auth = authenticate(req, registry.credentials, settings, queryToken);
    if (!auth.ok) {
      if (auth.challenge) unauthorized(req, res, ctx.baseUrl);
      else sendError(req, res, auth.error);
      return true;
    }
    try {
      await serve(req, res, ctx, registry, auth.scope, route);
    } catch (e) {
      if (e instanceof RegistryFailureError) sendError(req, res, ociError(e.failure));
      else if (!req.complete) {
        // The client went away mid-body (the store already dropped the partial chunk): nobody to answer.
        ctx.log.warn({ err: e, path: ctx.url.pathname }, 'registry request body ended early');
        res.destroy();
      } else if (!res.headersSent) throw e;
      else res.destroy();
    }
    return true;
  };
}

/** ECR's answer without (valid) credentials: 401, its Basic challenge, `Not Authorized`. */
function unauthorized(req: IncomingMessage, res: ServerResponse, baseUrl: string): void {
  const headers: Record<string, string> = { 'www-authenticate': challengeHeader(baseUrl), 'content-type': 'text/plain; charset=utf-8' };
  if (!req.readableEnded) {
    headers.connection = 'close';
    req.resume();
  }
  send(res, 401, headers, 'Not Authorized\n');
}

/** Requests that may create a repository when create-on-push is on. */
function isPush(req: IncomingMessage, route: OciRoute): boolean {
  return route.kind === 'uploads' || route.kind === 'upload' || (route.kind === 'manifest' && req.method === 'PUT');
}

async function serve(req: IncomingMessage, res: ServerResponse, ctx: RawContext, registry: Registry, scope: RegistryScope, route: OciRoute): Promise<void> {
  if (route.kind === 'base') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(req, res, unsupported());
    return sendJson(res, 200, {}, API_VERSION_HEADER);
  }
  if (route.kind === 'catalog') return catalogEndpoint(req, res, ctx.url, registry.context, scope);
  if (!isOciRepositoryName(route.name)) return sendError(req, res, nameInvalid(route.name));
  const ref = { ...scope, name: route.name };
  if (!(isPush(req, route) && registry.context.options.createOnPush)) await requireRepository(registry.context, ref);
  const x: Exchange = { req, res, url: ctx.url, log: ctx.log, registry: registry.context, ref };
  switch (route.kind) {
    case 'blob':
      return blobEndpoint(x, route.digest);
    case 'uploads':
      return startUploadEndpoint(x);
    case 'upload':
      return uploadEndpoint(x, route.uploadId);
    case 'manifest':
      return manifestEndpoint(x, route.reference);
    case 'tags':
      return tagsEndpoint(x);
    case 'referrers':
      return referrersEndpoint(x, route.digest);
  }
}
