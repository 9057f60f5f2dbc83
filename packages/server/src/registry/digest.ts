/**
 * Content digests as the OCI image spec defines them (`algorithm:encoded`). Bosun verifies the two
 * registered algorithms, sha256 and sha512; any other well-formed digest is "unsupported", which
 * the distribution spec answers with DIGEST_INVALID just like a malformed one.
 */

export type DigestAlgorithm = 'sha256' | 'sha512';

export interface Digest {
  algorithm: DigestAlgorithm;
  /** Lowercase hex. */
  encoded: string;
  /** `algorithm:encoded`, the canonical text. */
  text: string;
}

const GRAMMAR = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const HEX_LENGTH: Record<DigestAlgorithm, number> = { sha256: 64, sha512: 128 };

export type DigestProblem = 'malformed' | 'unsupported';

/** A verified-format digest, or why it is not one. */
export function parseDigest(text: string): Digest | DigestProblem {
  if (!GRAMMAR.test(text)) return 'malformed';
  const colon = text.indexOf(':');
  const algorithm = text.slice(0, colon);
  const encoded = text.slice(colon + 1);
  if (algorithm !== 'sha256' && algorithm !== 'sha512') return 'unsupported';
  if (encoded.length !== HEX_LENGTH[algorithm] || !/^[a-f0-9]+$/.test(encoded)) return 'malformed';
  return { algorithm, encoded, text };
}

export function isDigest(text: string): boolean {
  return typeof parseDigest(text) !== 'string';
}

/** ECR's own check on `imageDigest` members (BatchDeleteImage, BatchGetImage): `[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+`. */
export function isEcrImageDigest(text: string): boolean {
  return /^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$/.test(text);
}
