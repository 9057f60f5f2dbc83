import { DedupWindow } from './dedup.js';
import { FifoIndex } from './fifo-index.js';
import type { MessageIndex } from './message-index.js';
import type { QueueRecord } from './model.js';
import { queueArn } from './names.js';
import { settingsOf, type QueueSettings } from './queue-attributes.js';
import { parseStoredRedrivePolicy, type RedrivePolicy } from './redrive-policy.js';
import { StandardIndex } from './standard-index.js';
import { Waiters } from './waiters.js';

/**
 * One queue while Bosun runs: its stored record (cached; written through to storage), the typed
 * settings derived from it, and the in-memory state that is rebuilt from storage at start:
 * the message index, the long-poll waiters and the FIFO deduplication window.
 */
export class QueueState {
  readonly arn: string;
  readonly index: MessageIndex;
  readonly waiters = new Waiters();
  readonly dedup = new DedupWindow();
  record: QueueRecord;
  settings: QueueSettings;
  redrive: RedrivePolicy | undefined;
  /** Epoch ms of the last PurgeQueue (SQS allows one per 60 s). */
  lastPurgeAt: number | undefined;
  /** Set once DeleteQueue ran: late callers holding this object must not resurrect the queue. */
  deleted = false;
  private order = 0;

  constructor(record: QueueRecord) {
    this.arn = queueArn(record);
    this.record = record;
    this.settings = settingsOf(record.attributes);
    this.redrive = parseStoredRedrivePolicy(record.attributes.RedrivePolicy);
    this.index = record.fifo ? new FifoIndex() : new StandardIndex();
  }

  get name(): string {
    return this.record.name;
  }

  get fifo(): boolean {
    return this.record.fifo;
  }

  /** Replace the record (after SetQueueAttributes, TagQueue, …) and re-derive the settings. */
  update(record: QueueRecord): void {
    this.record = record;
    this.settings = settingsOf(record.attributes);
    this.redrive = parseStoredRedrivePolicy(record.attributes.RedrivePolicy);
  }

  /** The next arrival number: the order messages are received in when equally visible. */
  nextOrder(): number {
    this.order += 1;
    return this.order;
  }
}
