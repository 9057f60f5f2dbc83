import { createHash, type Hash } from 'node:crypto';

/** Digest parsing for the content-addressed store. Pure logic; the hashing itself is node:crypto. */

export type DigestAlgorithm = 'sha256' | 'sha512';

const HEX_LENGTH: Record<DigestAlgorithm, number> = { sha256: 64, sha512: 128 };

export interface ParsedDigest {
  algorithm: DigestAlgorithm;
  hex: string;
}

/** `sha256:<64 hex>` or `sha512:<128 hex>`, lowercase as OCI requires; anything else is undefined. */
export function parseDigest(digest: string): ParsedDigest | undefined {
  const colon = digest.indexOf(':');
  if (colon < 0) return undefined;
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  if (!isAlgorithm(algorithm)) return undefined;
  if (hex.length !== HEX_LENGTH[algorithm] || !/^[0-9a-f]+$/.test(hex)) return undefined;
  return { algorithm, hex };
}

/** Like parseDigest, but a malformed digest is the caller's bug or bad input: throw. */
export function requireDigest(digest: string): ParsedDigest {
  const parsed = parseDigest(digest);
  if (!parsed) throw new TypeError(`invalid digest ${JSON.stringify(digest)} (want sha256:<hex> or sha512:<hex>)`);
  return parsed;
}

export function isAlgorithm(name: string): name is DigestAlgorithm {
  return name === 'sha256' || name === 'sha512';
}

export function isHexFor(algorithm: DigestAlgorithm, name: string): boolean {
  return name.length === HEX_LENGTH[algorithm] && /^[0-9a-f]+$/.test(name);
}

export function newHash(algorithm: DigestAlgorithm): Hash {
  return createHash(algorithm);
}

export function formatDigest(algorithm: DigestAlgorithm, hash: Hash): string {
  return `${algorithm}:${hash.digest('hex')}`;
}
