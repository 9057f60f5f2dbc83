import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RegistryContext } from '../context.js';
import { parseDigest } from '../digest.js';
import { digestInvalid, paginationNumberInvalid, unsupported } from '../errors.js';
import { listReferrers, listTags } from '../images.js';
import { MediaTypes } from '../manifest.js';
import { listRepositories } from '../repositories.js';
import type { RegistryScope } from '../records.js';
import type { Exchange } from './exchange.js';
import { sendError, sendJson } from './respond.js';

/** Content discovery: tags list (end-8a/8b), referrers (end-12a/12b) and the catalog. */

function pageSize(url: URL): number | undefined | 'invalid' {
  const n = url.searchParams.get('n');
  if (n === null || n === '') return undefined;
  const value = Number(n);
  return Number.isInteger(value) && value >= 0 ? value : 'invalid';
}

function nextLink(path: string, n: number, last: string): string {
  return `<${path}?n=${n}&last=${encodeURIComponent(last)}>; rel="next"`;
}

export async function tagsEndpoint(x: Exchange): Promise<void> {
  const { req, res, url } = x;
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(req, res, unsupported());
  const n = pageSize(url);
  if (n === 'invalid') return sendError(req, res, paginationNumberInvalid());
  const last = url.searchParams.get('last') ?? undefined;
  const tags = n === 0 ? [] : await listTags(x.registry, x.ref, n, last);
  const headers: Record<string, string> = {};
  if (n !== undefined && n > 0 && tags.length === n) headers.link = nextLink(`/v2/${x.ref.name}/tags/list`, n, tags[tags.length - 1]);
  sendJson(res, 200, { name: x.ref.name, tags }, headers);
}

export async function referrersEndpoint(x: Exchange, digest: string): Promise<void> {
  const { req, res, url } = x;
  if (req.method !== 'GET') return sendError(req, res, unsupported());
  if (typeof parseDigest(digest) === 'string') return sendError(req, res, digestInvalid('invalid or unsupported digest', { digest }));
  const artifactType = url.searchParams.get('artifactType') ?? undefined;
  const referrers = await listReferrers(x.registry, x.ref, digest, artifactType);
  const manifests = referrers.map((r) => {
    const d: Record<string, unknown> = { mediaType: r.mediaType, digest: r.digest, size: r.size };
    if (r.artifactType) d.artifactType = r.artifactType;
    if (r.annotations) d.annotations = r.annotations;
    return d;
  });
  const headers: Record<string, string> = { 'content-type': MediaTypes.ociIndex };
  if (artifactType !== undefined) headers['oci-filters-applied'] = 'artifactType';
  sendJson(res, 200, { schemaVersion: 2, mediaType: MediaTypes.ociIndex, manifests }, headers);
}

/** `GET /v2/_catalog`: the repositories of the registry the credentials name. */
export async function catalogEndpoint(req: IncomingMessage, res: ServerResponse, url: URL, registry: RegistryContext, scope: RegistryScope): Promise<void> {
  if (req.method !== 'GET') return sendError(req, res, unsupported());
  const n = pageSize(url);
  if (n === 'invalid') return sendError(req, res, paginationNumberInvalid());
  const last = url.searchParams.get('last') ?? '';
  const names = (await listRepositories(registry, scope)).map((r) => r.name).filter((name) => name > last);
  const page = n === undefined ? names : names.slice(0, n);
  const headers: Record<string, string> = {};
  if (n !== undefined && n > 0 && names.length > n) headers.link = nextLink('/v2/_catalog', n, page[page.length - 1]);
  sendJson(res, 200, { repositories: page }, headers);
}
