import { invalidNextToken } from './errors.js';

/**
 * ListX paging over name-sorted items: NextToken carries the last name returned (opaque to
 * clients, as AWS's tokens are).
 */
export function page<T>(items: readonly T[], nameOf: (t: T) => string, limit: number | undefined, nextToken: string | undefined): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    let after: string;
    try {
      after = Buffer.from(nextToken, 'base64url').toString('utf8');
    } catch {
      throw invalidNextToken();
    }
    if (!after.startsWith('n:')) throw invalidNextToken();
    const last = after.slice(2);
    start = items.findIndex((t) => nameOf(t) > last);
    if (start < 0) start = items.length;
  }
  const size = limit ?? 100;
  const slice = items.slice(start, start + size);
  const more = start + size < items.length && slice.length > 0;
  return more ? { items: slice, nextToken: Buffer.from(`n:${nameOf(slice[slice.length - 1] as T)}`, 'utf8').toString('base64url') } : { items: slice };
}
