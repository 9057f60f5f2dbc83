/**
 * The distribution spec's endpoints (the "end-1" … "end-13" table), matched once per request.
 * Repository names contain slashes, so each route is anchored at its fixed tail.
 */

export type OciRoute =
  | { kind: 'base' }
  | { kind: 'catalog' }
  | { kind: 'blob'; name: string; digest: string }
  | { kind: 'uploads'; name: string }
  | { kind: 'upload'; name: string; uploadId: string }
  | { kind: 'manifest'; name: string; reference: string }
  | { kind: 'tags'; name: string }
  | { kind: 'referrers'; name: string; digest: string };

const PATTERNS: [RegExp, (m: RegExpExecArray) => OciRoute][] = [
  [/^\/v2\/?$/, () => ({ kind: 'base' })],
  [/^\/v2\/_catalog$/, () => ({ kind: 'catalog' })],
  [/^\/v2\/(.+)\/blobs\/uploads\/?$/, (m) => ({ kind: 'uploads', name: m[1] })],
  [/^\/v2\/(.+)\/blobs\/uploads\/([^/]+)$/, (m) => ({ kind: 'upload', name: m[1], uploadId: m[2] })],
  [/^\/v2\/(.+)\/blobs\/([^/]+)$/, (m) => ({ kind: 'blob', name: m[1], digest: m[2] })],
  [/^\/v2\/(.+)\/manifests\/([^/]+)$/, (m) => ({ kind: 'manifest', name: m[1], reference: m[2] })],
  [/^\/v2\/(.+)\/tags\/list$/, (m) => ({ kind: 'tags', name: m[1] })],
  [/^\/v2\/(.+)\/referrers\/([^/]+)$/, (m) => ({ kind: 'referrers', name: m[1], digest: m[2] })],
];

/** The route for a /v2/ path (percent-decoded segments), or undefined for any other path. */
export function matchOciRoute(pathname: string): OciRoute | undefined {
  if (!pathname.startsWith('/v2')) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  for (const [re, make] of PATTERNS) {
    const m = re.exec(path);
    if (m) return make(m);
  }
  return undefined;
}

/** `<account>.dkr.ecr.<region>.<domain>`: the AWS-shaped registry host, for identical URIs. */
export function awsRegistryHost(host: string | undefined): { account: string; region: string } | undefined {
  const m = host ? /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\./.exec(host.toLowerCase()) : null;
  return m ? { account: m[1], region: m[2] } : undefined;
}

/** `Range: bytes=<start>-<end>` (single range; end optional). undefined when absent, 'invalid' when unusable. */
export function parseRangeHeader(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

/** A chunk's `Content-Range: <start>-<end>` (the distribution spec's form, without a unit). */
export function parseContentRange(header: string | undefined): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const m = /^(?:bytes[ =])?(\d+)-(\d+)(?:\/(?:\d+|\*))?$/.exec(header.trim());
  if (!m) return 'invalid';
  const start = Number(m[1]);
  const end = Number(m[2]);
  return end < start ? 'invalid' : { start, end };
}
