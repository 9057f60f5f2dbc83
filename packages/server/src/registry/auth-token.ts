import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * ECR registry credentials. `GetAuthorizationToken` returns base64(`AWS:<password>`), valid 12 h;
 * clients send it back as HTTP Basic auth (user `AWS`). Like ECR's, the password is an opaque
 * base64 JSON document (`payload`, `datakey`, `version`, `type`, `expiration`); Bosun's payload
 * names the account and region and its datakey is an HMAC over the payload, so any Bosun sharing
 * the key verifies it without storing tokens.
 */

export interface TokenClaims {
  account: string;
  region: string;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

interface PasswordDocument {
  payload: string;
  datakey: string;
  version: string;
  type: string;
  expiration: number;
}

function sign(key: Uint8Array, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64');
}

export function issuePassword(key: Uint8Array, claims: TokenClaims): string {
  const payload = Buffer.from(JSON.stringify({ a: claims.account, r: claims.region, e: claims.expiresAt })).toString('base64');
  const doc: PasswordDocument = { payload, datakey: sign(key, payload), version: '2', type: 'DATA_KEY', expiration: Math.floor(claims.expiresAt / 1000) };
  return Buffer.from(JSON.stringify(doc)).toString('base64');
}

/** The `authorizationToken` member: base64 of `AWS:<password>`. */
export function authorizationToken(password: string): string {
  return Buffer.from(`AWS:${password}`).toString('base64');
}

export function verifyPassword(key: Uint8Array, password: string, now: number): TokenCheck {
  let doc: Partial<PasswordDocument>;
  let claims: { a?: unknown; r?: unknown; e?: unknown };
  try {
    doc = JSON.parse(Buffer.from(password, 'base64').toString('utf8')) as Partial<PasswordDocument>;
    if (typeof doc.payload !== 'string' || typeof doc.datakey !== 'string') return { ok: false, reason: 'malformed' };
    claims = JSON.parse(Buffer.from(doc.payload, 'base64').toString('utf8')) as typeof claims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const expected = Buffer.from(sign(key, doc.payload));
  const given = Buffer.from(doc.datakey);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
  if (typeof claims.a !== 'string' || typeof claims.r !== 'string' || typeof claims.e !== 'number') return { ok: false, reason: 'malformed' };
  if (now >= claims.e) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { account: claims.a, region: claims.r, expiresAt: claims.e } };
}

/** Password from an `Authorization: Basic base64(AWS:<password>)` header; undefined when absent or not Basic. */
export function basicPassword(header: string | undefined): { user: string; password: string } | undefined {
  if (!header) return undefined;
  const m = /^\s*basic\s+(\S+)\s*$/i.exec(header);
  if (!m) return undefined;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}
