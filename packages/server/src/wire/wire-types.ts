/** A request and response as the wire layer sees them: plain data, no sockets. */
export interface WireRequest {
  method: string;
  /** Path without the query string, percent-decoding not applied. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export type Protocol = 'json' | 'query' | 'rest-json';
