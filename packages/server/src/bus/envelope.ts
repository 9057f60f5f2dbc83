import type { PutEventsRequestEntry, PutEventsResultEntry } from '../wire/models/events.types.js';

/**
 * PutEvents entries → event envelopes, as EventBridge builds them. Pure: ids and time come in.
 * Envelope field order and the `time` format (seconds, `Z`) follow the events AWS delivers.
 */

export interface EnvelopeFields {
  id: string;
  detailType: string;
  source: string;
  account: string;
  /** Milliseconds since the epoch; rendered without fractions, as AWS does. */
  time: number;
  region: string;
  resources: readonly string[];
  /** The detail object as (minified) JSON text. */
  detail: string;
  /** Set on events a replay re-sends (`replay-name`, per the archive/replay docs). */
  replayName?: string;
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function buildEnvelope(f: EnvelopeFields): string {
  const q = JSON.stringify;
  const resources = `[${f.resources.map((r) => q(r)).join(',')}]`;
  const replay = f.replayName !== undefined ? `,"replay-name":${q(f.replayName)}` : '';
  return `{"version":"0","id":${q(f.id)},"detail-type":${q(f.detailType)},"source":${q(f.source)},"account":${q(f.account)},"time":${q(isoSeconds(f.time))},"region":${q(f.region)},"resources":${resources},"detail":${f.detail}${replay}}`;
}

/**
 * JSON text without insignificant whitespace. Number literals keep their exact text, so 64-bit
 * integers survive (JSON.parse would round them). The input must already be valid JSON.
 */
export function minifyJson(text: string): string {
  let out = '';
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}

/** The size AWS counts against the PutEvents limit (eb-putevent-size): Time 14 bytes + UTF-8 lengths. */
export function entrySize(e: PutEventsRequestEntry): number {
  let n = e.Time !== undefined ? 14 : 0;
  if (e.Source) n += Buffer.byteLength(e.Source, 'utf8');
  if (e.DetailType) n += Buffer.byteLength(e.DetailType, 'utf8');
  if (e.Detail) n += Buffer.byteLength(e.Detail, 'utf8');
  for (const r of e.Resources ?? []) n += Buffer.byteLength(r, 'utf8');
  return n;
}

export type EntryCheck = { ok: true; detail: string } | { ok: false; error: Required<Pick<PutEventsResultEntry, 'ErrorCode' | 'ErrorMessage'>> };

function invalidArgument(param: string): EntryCheck {
  return { ok: false, error: { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${param} is not valid. Reason: ${param} is a required argument.` } };
}

/**
 * The per-entry checks PutEvents makes; a failed entry gets ErrorCode/ErrorMessage while the
 * others go through. Order and wording follow what AWS answers (checked against moto/LocalStack
 * snapshots of real responses).
 */
export function checkEntry(e: PutEventsRequestEntry): EntryCheck {
  if (!e.Source) return invalidArgument('Source');
  if (!e.DetailType) return invalidArgument('DetailType');
  if (!e.Detail) return invalidArgument('Detail');
  let parsed: unknown;
  try {
    parsed = JSON.parse(e.Detail);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
  }
  // Sources starting with `aws.` are reserved for AWS services (eb-events-structure).
  if (e.Source.startsWith('aws.')) {
    return { ok: false, error: { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' } };
  }
  return { ok: true, detail: minifyJson(e.Detail) };
}
