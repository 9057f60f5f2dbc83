import type { IncomingMessage } from 'node:http';
import { basicPassword } from '../auth-token.js';
import type { RegistryCredentials } from '../credentials.js';
import { tokenExpired, type RegistryError } from '../errors.js';
import type { RegistryScope } from '../records.js';
import { awsRegistryHost } from './routes.js';

/**
 * Who a /v2/ request acts as, decided the way ECR decides it: HTTP Basic with user `AWS` and a
 * GetAuthorizationToken password. No or bad credentials get ECR's 401 Basic challenge; an expired
 * token gets 403 DENIED. The token names the region (ECR tokens are regional); an AWS-shaped Host
 * (`<account>.dkr.ecr.<region>.<domain>`) must agree with it.
 */

export type AuthOutcome = { ok: true; scope: RegistryScope } | { ok: false; challenge: true } | { ok: false; challenge: false; error: RegistryError };

export interface AuthSettings {
  /** `token`: ECR's Basic auth; `none`: anonymous access in the configured account and default region. */
  mode: 'token' | 'none';
  accountId: string;
  defaultRegion: string;
}

/**
 * `queryToken`: a GetDownloadUrlForLayer URL carries its (short-lived) password in the query, the
 * way a presigned S3 URL carries its signature; only blob downloads accept it.
 */
export function authenticate(req: IncomingMessage, credentials: RegistryCredentials, settings: AuthSettings, queryToken?: string | null): AuthOutcome {
  const host = awsRegistryHost(req.headers.host);
  if (host && host.account !== settings.accountId) return { ok: false, challenge: true };
  if (settings.mode === 'none') return { ok: true, scope: { account: settings.accountId, region: host?.region ?? settings.defaultRegion } };
  const basic = basicPassword(req.headers.authorization) ?? (queryToken ? { user: 'AWS', password: queryToken } : undefined);
  if (!basic || basic.user !== 'AWS') return { ok: false, challenge: true };
  const check = credentials.verify(basic.password);
  if (!check.ok) return check.reason === 'expired' ? { ok: false, challenge: false, error: tokenExpired() } : { ok: false, challenge: true };
  if (check.claims.account !== settings.accountId) return { ok: false, challenge: true };
  if (host && host.region !== check.claims.region) return { ok: false, challenge: true };
  return { ok: true, scope: { account: check.claims.account, region: check.claims.region } };
}

/** ECR's challenge, e.g. `Basic realm="https://1234.dkr.ecr.eu-west-2.amazonaws.com/",service="ecr.amazonaws.com"`. */
export function challengeHeader(baseUrl: string): string {
  return `Basic realm="${baseUrl}/",service="ecr.amazonaws.com"`;
}
