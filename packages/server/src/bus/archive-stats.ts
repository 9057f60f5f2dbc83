import type { MetadataStore, MetadataWrite } from '../storage/index.js';
import { tables } from './records.js';

export interface ArchiveCounts {
  eventCount: number;
  sizeBytes: number;
}

const statsTable = `${tables.archives}.stats`;

/**
 * EventCount and SizeBytes of each archive (DescribeArchive). The matcher is the only writer: it
 * adds what it archives and saves the changed counts in the same commit as the archived events,
 * so the numbers survive restarts and never drift from the archive streams.
 */
export class ArchiveStats {
  private readonly counts = new Map<string, ArchiveCounts>();
  private readonly changed = new Set<string>();

  async load(metadata: MetadataStore): Promise<void> {
    for (const item of await metadata.list<ArchiveCounts>(statsTable)) this.counts.set(item.key, item.value);
  }

  get(archiveArn: string): ArchiveCounts {
    return this.counts.get(archiveArn) ?? { eventCount: 0, sizeBytes: 0 };
  }

  add(archiveArn: string, bytes: number): void {
    const c = this.get(archiveArn);
    this.counts.set(archiveArn, { eventCount: c.eventCount + 1, sizeBytes: c.sizeBytes + bytes });
    this.changed.add(archiveArn);
  }

  /** Events dropped by retention; sizes are taken off proportionally (the journal does not say). */
  removed(archiveArn: string, events: number): void {
    const c = this.get(archiveArn);
    if (events <= 0 || c.eventCount === 0) return;
    const left = Math.max(0, c.eventCount - events);
    this.counts.set(archiveArn, { eventCount: left, sizeBytes: Math.round((c.sizeBytes * left) / c.eventCount) });
    this.changed.add(archiveArn);
  }

  forget(archiveArn: string): void {
    this.counts.delete(archiveArn);
    this.changed.add(archiveArn);
  }

  /** The writes that persist what changed since the last call. */
  takeWrites(): MetadataWrite[] {
    const writes: MetadataWrite[] = [...this.changed].map((arn) => {
      const c = this.counts.get(arn);
      return c ? { op: 'put', table: statsTable, key: arn, value: c } : { op: 'delete', table: statsTable, key: arn };
    });
    this.changed.clear();
    return writes;
  }
}
