/**
 * The credential scope of a SigV4-signed request: who (access key) and where (region, service).
 * From the `Authorization` header or, for presigned URLs, the `X-Amz-Credential` query parameter.
 * Only parsing lives here; signature verification (strict auth) will use the same entry point.
 */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const credentialRe = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

export function parseCredential(credential: string): CredentialScope | undefined {
  const m = credentialRe.exec(credential.trim());
  if (!m) return undefined;
  return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4] };
}

export function credentialScope(authorization: string | undefined, query: URLSearchParams): CredentialScope | undefined {
  if (authorization?.startsWith('AWS4-HMAC-SHA256')) {
    const m = /Credential=([^,\s]+)/.exec(authorization);
    return m ? parseCredential(m[1]) : undefined;
  }
  const presigned = query.get('X-Amz-Credential');
  return presigned ? parseCredential(presigned) : undefined;
}
