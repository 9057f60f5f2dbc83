import { referenceMatchAll, type CompiledPattern } from '@bosun/pattern';
import { validateFilterPolicy, type FilterPolicyScope } from './filter-policy.js';
import type { NotificationAttribute } from './model.js';

/**
 * Evaluating filter policies. The policy is matched by @bosun/pattern against a JSON document that
 * stands for the message: for the MessageBody scope the body itself (it must be a JSON object, or
 * nothing matches), for MessageAttributes one member per attribute — String types as strings,
 * Number types as JSON numbers (so `[301]` and `{"numeric": …}` compare numerically and never match
 * a String), String.Array as its JSON array (any element may match); Binary attributes are not
 * compared, as in SNS. Pure, with a bounded cache of compiled policies.
 */

/** The document a policy with the MessageAttributes scope is matched against. */
export function attributesDocument(attributes: Record<string, NotificationAttribute> | undefined): string {
  const doc: Record<string, unknown> = {};
  for (const [name, { Type, Value }] of Object.entries(attributes ?? {})) {
    if (Type.startsWith('Binary')) continue;
    if (Type === 'String.Array') {
      try {
        doc[name] = JSON.parse(Value) as unknown;
      } catch {
        doc[name] = Value;
      }
    } else if (Type.startsWith('Number')) {
      const n = Number(Value);
      doc[name] = Number.isFinite(n) ? n : Value;
    } else {
      doc[name] = Value;
    }
  }
  return JSON.stringify(doc);
}

/** The body as a policy with the MessageBody scope sees it; undefined when it is not a JSON object. */
export function bodyDocument(message: string): string | undefined {
  try {
    const v: unknown = JSON.parse(message);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? message : undefined;
  } catch {
    return undefined;
  }
}

export interface PolicyCandidate {
  /** FilterPolicy text as stored (already validated); undefined or '' for no policy. */
  policy?: string;
  scope: FilterPolicyScope;
  /** The body this subscriber would get (differs per protocol only with MessageStructure=json). */
  message: string;
}

const CACHE_LIMIT = 1000;

export class FilterPolicyMatcher {
  private readonly cache = new Map<string, CompiledPattern | undefined>();

  private compiled(policy: string, scope: FilterPolicyScope): CompiledPattern | undefined {
    const key = `${scope}\n${policy}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const { compiled } = validateFilterPolicy(policy, scope);
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, compiled);
    return compiled;
  }

  /**
   * Which candidates (by index, ascending) accept a message with these attributes. Candidates that
   * see the same document are matched together, so the document is read once.
   */
  accepted(candidates: readonly PolicyCandidate[], attributes: Record<string, NotificationAttribute> | undefined): number[] {
    const out: number[] = [];
    const groups = new Map<string, { doc: string | undefined; members: { index: number; compiled: CompiledPattern }[] }>();
    let attributesDoc: string | undefined;
    candidates.forEach((c, index) => {
      const compiled = c.policy ? this.compiled(c.policy, c.scope) : undefined;
      if (!compiled) {
        out.push(index);
        return;
      }
      const key = c.scope === 'MessageAttributes' ? '' : `body:${c.message}`;
      let group = groups.get(key);
      if (!group) {
        const doc = c.scope === 'MessageAttributes' ? (attributesDoc ??= attributesDocument(attributes)) : bodyDocument(c.message);
        group = { doc, members: [] };
        groups.set(key, group);
      }
      group.members.push({ index, compiled });
    });
    for (const { doc, members } of groups.values()) {
      if (doc === undefined) continue;
      let hits: number[];
      try {
        hits = referenceMatchAll(members.map((m) => m.compiled), doc);
      } catch {
        continue; // a document the matcher cannot read matches no policy
      }
      for (const h of hits) out.push(members[h].index);
    }
    return out.sort((a, b) => a - b);
  }

  matches(candidate: PolicyCandidate, attributes?: Record<string, NotificationAttribute>): boolean {
    return this.accepted([candidate], attributes).length === 1;
  }
}
