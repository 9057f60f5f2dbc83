import type { MetadataWrite } from '../storage/interfaces.js';
import type { RegistryContext } from './context.js';
import { keyTail, Tables, type ImageRecord, type LayerLink } from './records.js';

/**
 * Garbage collection, safe while pushes go on. Mark: every manifest and every blob an image
 * references, in any repository. Sweep, holding the lock exclusively (pushes hold it shared from
 * "blob present" to "reference committed"): drop blob links older than the grace period whose blob
 * no image references, then delete blobs that are neither referenced nor linked. Uploads idle
 * longer than their time-to-live are aborted. The grace period lets a push upload its layers
 * before the manifest that references them arrives.
 */

export interface GcOptions {
  /** Unreferenced blob links younger than this survive (a push in progress). */
  graceMs: number;
  /** Uploads not written to for this long are abandoned. */
  uploadTtlMs: number;
  /** How long to wait for in-flight pushes before skipping a round. */
  lockTimeoutMs: number;
}

export interface GcReport {
  blobsDeleted: number;
  bytesFreed: number;
  linksDropped: number;
  uploadsAborted: number;
  skipped: boolean;
}

export async function collectGarbage(ctx: RegistryContext, options: GcOptions): Promise<GcReport> {
  const report: GcReport = { blobsDeleted: 0, bytesFreed: 0, linksDropped: 0, uploadsAborted: 0, skipped: false };
  report.uploadsAborted = await abortIdleUploads(ctx, options.uploadTtlMs);
  const swept = await ctx.lock.withExclusive(() => sweep(ctx, options.graceMs, report), options.lockTimeoutMs);
  if (!swept) report.skipped = true;
  return report;
}

async function referencedDigests(ctx: RegistryContext): Promise<Set<string>> {
  const referenced = new Set<string>();
  for (const item of await ctx.storage.metadata.list<ImageRecord>(Tables.images)) {
    referenced.add(item.value.digest);
    for (const b of item.value.blobs) referenced.add(b);
  }
  return referenced;
}

async function sweep(ctx: RegistryContext, graceMs: number, report: GcReport): Promise<void> {
  const referenced = await referencedDigests(ctx);
  const cutoff = ctx.clock.now() - graceMs;
  const linked = new Set<string>();
  const drops: MetadataWrite[] = [];
  for (const item of await ctx.storage.metadata.list<LayerLink>(Tables.layers)) {
    const digest = keyTail(item.key, '@');
    if (referenced.has(digest) || item.value.linkedAt >= cutoff) linked.add(digest);
    else drops.push({ op: 'delete', table: Tables.layers, key: item.key, ifVersion: item.version });
  }
  for (let i = 0; i < drops.length; i += 500) {
    const chunk = drops.slice(i, i + 500);
    try {
      await ctx.storage.commit({ writes: chunk });
      report.linksDropped += chunk.length;
    } catch {
      // a link was refreshed meanwhile; its blob stays this round
      for (const w of chunk) linked.add(keyTail(w.key, '@'));
    }
  }
  const doomed: { digest: string; size: number }[] = [];
  for await (const blob of ctx.storage.blobs.list()) {
    if (!referenced.has(blob.digest) && !linked.has(blob.digest)) doomed.push(blob);
  }
  for (const blob of doomed) {
    if (await ctx.storage.blobs.delete(blob.digest)) {
      report.blobsDeleted += 1;
      report.bytesFreed += blob.size;
    }
  }
}

async function abortIdleUploads(ctx: RegistryContext, ttlMs: number): Promise<number> {
  const cutoff = ctx.clock.now() - ttlMs;
  let aborted = 0;
  for (const u of await ctx.storage.blobs.listUploads()) {
    if (u.modifiedAt < cutoff && (await ctx.storage.blobs.abortUpload(u.id))) aborted += 1;
  }
  return aborted;
}
