import type { Condition, DeadLetterConfig, ReplayDestination, ReplayState, RuleState, Tag, Target } from '../wire/models/events.types.js';

/**
 * What the bus keeps in the metadata store. One table per resource kind, keyed so that listing by
 * prefix gives the natural AWS order (rules of a bus by name, buses and archives by ARN).
 */
export const tables = {
  buses: 'events.buses',
  rules: 'events.rules',
  archives: 'events.archives',
  replays: 'events.replays',
  schedules: 'events.schedules',
} as const;

/** The journal consumer that fans events out to target queues. */
export const matcherConsumer = 'events.matcher';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal: { AWS: string } | '*';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface BusRecord {
  name: string;
  arn: string;
  accountId: string;
  region: string;
  description?: string;
  kmsKeyIdentifier?: string;
  deadLetterConfig?: DeadLetterConfig;
  /** Resource policy statements (PutPermission / Policy); AWS renders them as one JSON document. */
  policy?: PolicyStatement[];
  tags: Tag[];
  createdAt: number;
  modifiedAt: number;
}

export interface RuleRecord {
  name: string;
  arn: string;
  busName: string;
  busArn: string;
  accountId: string;
  region: string;
  eventPattern?: string;
  scheduleExpression?: string;
  state: RuleState;
  description?: string;
  roleArn?: string;
  managedBy?: string;
  createdBy: string;
  tags: Tag[];
  /** PutTargets entries as given (AWS allows 5 per rule, so they live with the rule). */
  targets: Target[];
  createdAt: number;
  modifiedAt: number;
}

export interface ArchiveRecord {
  name: string;
  arn: string;
  accountId: string;
  region: string;
  eventSourceArn: string;
  description?: string;
  eventPattern?: string;
  /** 0 = keep forever. */
  retentionDays: number;
  createdAt: number;
}

export interface ReplayRecord {
  name: string;
  arn: string;
  accountId: string;
  region: string;
  description?: string;
  eventSourceArn: string;
  destination: ReplayDestination;
  eventStartTime: number;
  eventEndTime: number;
  state: ReplayState;
  stateReason?: string;
  replayStartTime: number;
  replayEndTime?: number;
  eventLastReplayedTime?: number;
  /** The archive journal position reached so far (resume point after a restart). */
  cursorSeq: number;
  replayedCount: number;
}

export interface ScheduleState {
  ruleArn: string;
  /** The expression this state was computed for; a changed expression restarts the schedule. */
  expression: string;
  /** When the schedule started; rate ticks are counted from it. */
  anchorAt: number;
  /** undefined when the expression has no future tick (a cron whose years have passed). */
  nextFireAt?: number;
}

export type { Condition, Tag, Target };

export function isEnabled(state: RuleState): boolean {
  return state !== 'DISABLED';
}

export function ruleKey(busArn: string, ruleName: string): string {
  return `${busArn}|${ruleName}`;
}

/** The delivery queue of one target of one rule. */
export function targetQueue(ruleArn: string, targetId: string): string {
  return `events:${ruleArn}#${targetId}`;
}

/** What a delivery carries besides the event body. */
export interface DeliveryMeta {
  ruleArn: string;
  targetId: string;
  eventId: string;
  /** When the bus first accepted the event (journal time), for MaximumEventAgeInSeconds. */
  ingestedAt: number;
  /** Attempts made before the delivery was queued (the matcher's direct attempt). */
  priorAttempts?: number;
}

export function deliveryMeta(m: Record<string, unknown>): DeliveryMeta | undefined {
  const { ruleArn, targetId, eventId, ingestedAt, priorAttempts } = m;
  if (typeof ruleArn !== 'string' || typeof targetId !== 'string' || typeof eventId !== 'string' || typeof ingestedAt !== 'number') return undefined;
  return { ruleArn, targetId, eventId, ingestedAt, ...(typeof priorAttempts === 'number' ? { priorAttempts } : {}) };
}
