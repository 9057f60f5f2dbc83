import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RegistryFailure } from '../failures.js';
import * as E from '../errors.js';

/** Response helpers for the /v2/ API: every answer carries the distribution API version header. */

export const API_VERSION_HEADER = { 'docker-distribution-api-version': 'registry/2.0' } as const;

export function send(res: ServerResponse, status: number, headers: Record<string, string | number> = {}, body?: Buffer | string): void {
  const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...API_VERSION_HEADER, 'content-length': String(bytes?.length ?? 0), ...headers });
  res.end(bytes);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string | number> = {}): void {
  send(res, status, { 'content-type': 'application/json', ...headers }, JSON.stringify(value));
}

/**
 * An error answer. A request body nobody read is drained and the connection closed after, so a
 * refused multi-gigabyte PATCH neither stays in memory nor poisons the keep-alive connection.
 */
export function sendError(req: IncomingMessage, res: ServerResponse, error: E.RegistryError): void {
  const headers: Record<string, string> = { ...error.headers };
  if (!req.readableEnded && !req.destroyed) {
    headers.connection = 'close';
    req.resume();
  }
  sendJson(res, error.status, error.toJSON(), headers);
}

/** The distribution-spec error for a registry failure (ECR's wording where ECR has its own). */
export function ociError(f: RegistryFailure): E.RegistryError {
  switch (f.kind) {
    case 'RepositoryNotFound':
      return E.nameUnknown(f.name, f.registryId);
    case 'ManifestInvalid':
      return E.manifestInvalid(f.reason);
    case 'DigestMismatch':
      return E.digestInvalid('content does not match the digest', { expected: f.expected, actual: f.actual });
    case 'DigestInvalid':
      return E.digestInvalid('invalid or unsupported digest', { digest: f.digest });
    case 'LayersMissing':
      return E.manifestBlobUnknown(f.digests, 'Layers', f.name, f.registryId);
    case 'ImagesMissing':
      return E.manifestBlobUnknown(f.digests, 'Images', f.name, f.registryId);
    case 'TagImmutable':
      return E.tagImmutable(f.tag, f.name);
    case 'TagInvalid':
      return E.tagInvalid(f.tag);
    case 'ImageNotFound':
      return E.manifestUnknown(f.reference);
    case 'ReferencedByIndex':
      return E.imageReferencedByIndex(f.digest, f.parents);
    case 'RepositoryAlreadyExists':
    case 'RepositoryNotEmpty':
    case 'ImageAlreadyExists':
      return E.unsupported();
  }
}
