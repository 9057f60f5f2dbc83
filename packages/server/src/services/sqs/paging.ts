import { invalidNextToken, invalidValueFor } from './errors.js';

/**
 * ListQueues / ListDeadLetterSourceQueues paging. Without MaxResults SQS returns up to 1,000
 * results and no token; with it, pages of MaxResults and a NextToken while more remain. The token
 * names the last queue returned, so a page stays correct when queues come and go. Pure.
 */

const LIMIT = 1000;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function paginate<T>(sorted: T[], nameOf: (t: T) => string, maxResults: number | undefined, nextToken: string | undefined): Page<T> {
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > LIMIT)) {
    throw invalidValueFor('MaxResults', maxResults, `MaxResults must be an integer between 1 and ${LIMIT}.`);
  }
  let start = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const after = decodeToken(nextToken);
    start = sorted.findIndex((t) => nameOf(t) > after);
    if (start < 0) start = sorted.length;
  }
  const size = maxResults ?? LIMIT;
  const items = sorted.slice(start, start + size);
  const more = maxResults !== undefined && start + size < sorted.length;
  return more ? { items, nextToken: encodeToken(nameOf(items[items.length - 1])) } : { items };
}

function encodeToken(lastName: string): string {
  return Buffer.from(JSON.stringify({ after: lastName }), 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof v.after === 'string') return v.after;
  } catch {
    // fall through
  }
  throw invalidNextToken();
}
