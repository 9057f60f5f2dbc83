import type { Item, MetadataStore } from '../../storage/index.js';

/**
 * Items under `prefix` with keys after `startAfter` (which lies under `prefix`), in key order, at
 * most `limit`. The embedded backend, given both a prefix and startAfter, starts its index scan at
 * the prefix and skips forward (linear in the position), so this lists by startAfter alone and
 * stops at the first key past the prefix; chunks start small and grow, so a reader at the tip of
 * a shard reads little beyond it.
 */
export async function listUnder<T>(metadata: MetadataStore, table: string, prefix: string, startAfter: string, limit: number): Promise<Item<T>[]> {
  const out: Item<T>[] = [];
  let cursor = startAfter;
  let chunk = 64;
  while (out.length < limit) {
    const n = Math.min(chunk, limit - out.length);
    const items = await metadata.list<T>(table, { startAfter: cursor, limit: n });
    for (const item of items) {
      if (!item.key.startsWith(prefix)) return out;
      out.push(item);
    }
    if (items.length < n) return out;
    cursor = items[items.length - 1]!.key;
    chunk = Math.min(chunk * 4, 4096);
  }
  return out;
}
