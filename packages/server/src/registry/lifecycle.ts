/**
 * ECR lifecycle policies: parsing with ECR's validation wording, and evaluation as the ECR User
 * Guide ("Lifecycle policy evaluation rules") describes it:
 * - rules are applied in rulePriority order; an image is expired by exactly one or zero rules;
 * - an image that matches the tag selection of a rule cannot be expired by a lower-priority rule;
 * - `tagPrefixList`/`tagPatternList` entries must all be matched (by any of the image's tags);
 * - a `tagStatus: any` rule must have the highest rulePriority value;
 * - images referenced by an image index in the repository are never expired.
 * Pure: a policy, images and the time in; the expiring images out.
 */

export type TagStatus = 'tagged' | 'untagged' | 'any';

export interface LifecycleRule {
  rulePriority: number;
  description?: string;
  selection: {
    tagStatus: TagStatus;
    tagPrefixList?: string[];
    tagPatternList?: string[];
    countType: 'imageCountMoreThan' | 'sinceImagePushed';
    countUnit?: 'days';
    countNumber: number;
  };
  action: { type: 'expire' };
}

export interface LifecyclePolicy {
  rules: LifecycleRule[];
}

export interface LifecycleImage {
  digest: string;
  tags: string[];
  pushedAt: number;
  /** Referenced by an image index (manifest list) in the same repository. */
  referencedByIndex: boolean;
}

export interface Expiry {
  digest: string;
  rulePriority: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export class LifecyclePolicyError extends Error {}

function fail(reason: string): never {
  throw new LifecyclePolicyError(reason);
}

function checkKeys(o: Json, required: string[], allowed: string[]): void {
  const missing = required.filter((k) => !(k in o)).sort();
  if (missing.length) fail(`object has missing required properties (${JSON.stringify(missing)})`);
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  if (extra.length) fail(`object instance has properties which are not allowed by the schema: (${JSON.stringify(extra)})`);
}

function stringList(v: unknown, name: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.length > 0)) return fail(`${name} must be a list of non-empty strings`);
  return v as string[];
}

function parseRule(raw: unknown): LifecycleRule {
  if (!isObject(raw)) return fail('instance type does not match any allowed primitive type (allowed: ["object"])');
  checkKeys(raw, ['action', 'rulePriority', 'selection'], ['rulePriority', 'description', 'selection', 'action']);
  const { rulePriority, description, selection, action } = raw;
  if (typeof rulePriority !== 'number' || !Number.isInteger(rulePriority) || rulePriority < 1) fail('rulePriority must be an integer of at least 1');
  if (description !== undefined && typeof description !== 'string') fail('description must be a string');
  if (!isObject(action)) return fail('action must be an object');
  checkKeys(action, ['type'], ['type']);
  if (action.type !== 'expire') fail(`instance value (${String(action.type)}) not found in enum :(possible values: ["expire"])`);
  if (!isObject(selection)) return fail('selection must be an object');
  checkKeys(selection, ['countNumber', 'countType', 'tagStatus'], ['tagStatus', 'tagPrefixList', 'tagPatternList', 'countType', 'countUnit', 'countNumber']);
  const { tagStatus, countType, countUnit, countNumber } = selection;
  if (tagStatus !== 'tagged' && tagStatus !== 'untagged' && tagStatus !== 'any') {
    fail(`instance value (${String(tagStatus)}) not found in enum :(possible values: ["any","tagged","untagged"])`);
  }
  const tagPrefixList = stringList(selection.tagPrefixList, 'tagPrefixList');
  const tagPatternList = stringList(selection.tagPatternList, 'tagPatternList');
  if (tagStatus === 'tagged' && !tagPrefixList?.length && !tagPatternList?.length) fail('tagPrefixList or tagPatternList must be specified when tagStatus is tagged');
  if (tagStatus !== 'tagged' && (tagPrefixList || tagPatternList)) fail('tagPrefixList and tagPatternList can only be used when tagStatus is tagged');
  if (tagPrefixList && tagPatternList) fail('tagPrefixList and tagPatternList cannot both be specified');
  if (tagPatternList?.some((p) => (p.match(/\*/g) ?? []).length > 4)) fail('tagPatternList entries can contain at most 4 wildcards');
  if (countType !== 'imageCountMoreThan' && countType !== 'sinceImagePushed') fail('instance failed to match exactly one schema (matched 0 out of 2)');
  if (countType === 'sinceImagePushed' && countUnit !== 'days') fail('countUnit must be days when countType is sinceImagePushed');
  if (countType === 'imageCountMoreThan' && countUnit !== undefined) fail('countUnit can only be used when countType is sinceImagePushed');
  if (typeof countNumber !== 'number' || !Number.isInteger(countNumber)) return fail('countNumber must be an integer');
  if (countNumber < 1) fail(`numeric instance is lower than the required minimum (minimum: 1, found: ${countNumber})`);
  const rule: LifecycleRule = {
    rulePriority: rulePriority as number,
    selection: { tagStatus, countType, countNumber, ...(countUnit ? { countUnit: 'days' as const } : {}) },
    action: { type: 'expire' },
  };
  if (description !== undefined) rule.description = description as string;
  if (tagPrefixList) rule.selection.tagPrefixList = tagPrefixList;
  if (tagPatternList) rule.selection.tagPatternList = tagPatternList;
  return rule;
}

/** Parse a lifecycle policy; throws LifecyclePolicyError with ECR's reason text. */
export function parseLifecyclePolicy(text: string): LifecyclePolicy {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail('Could not map policyString into LifecyclePolicy.');
  }
  if (!isObject(doc)) return fail('Could not map policyString into LifecyclePolicy.');
  if (!Array.isArray(doc.rules)) return fail('object has missing required properties (["rules"])');
  if (doc.rules.length === 0) fail('array is too short: must have at least 1 elements but instance has 0 elements');
  const rules = doc.rules.map(parseRule);
  const priorities = new Set<number>();
  for (const r of rules) {
    if (priorities.has(r.rulePriority)) fail(`The rule priority ${r.rulePriority} is used by more than one rule.`);
    priorities.add(r.rulePriority);
  }
  const sorted = [...rules].sort((a, b) => a.rulePriority - b.rulePriority);
  const anyIndex = sorted.findIndex((r) => r.selection.tagStatus === 'any');
  if (anyIndex >= 0 && anyIndex !== sorted.length - 1) fail("The rule with tagStatus 'any' must have the highest value for rulePriority and be evaluated last.");
  return { rules: sorted };
}

function wildcard(pattern: string): RegExp {
  const body = pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}

/** Whether the image matches the rule's tag selection (tag status and every prefix/pattern). */
export function matchesTagSelection(rule: LifecycleRule, tags: string[]): boolean {
  const s = rule.selection;
  if (s.tagStatus === 'any') return true;
  if (s.tagStatus === 'untagged') return tags.length === 0;
  if (tags.length === 0) return false;
  if (s.tagPrefixList) return s.tagPrefixList.every((p) => tags.some((t) => t.startsWith(p)));
  if (s.tagPatternList) return s.tagPatternList.map(wildcard).every((re) => tags.some((t) => re.test(t)));
  return false;
}

const DAY_MS = 86_400_000;

export function evaluateLifecycle(policy: LifecyclePolicy, images: LifecycleImage[], now: number): Expiry[] {
  const expired = new Map<string, number>();
  const claimed = new Set<string>();
  for (const rule of policy.rules) {
    const matching = images.filter((i) => matchesTagSelection(rule, i.tags)).sort((a, b) => b.pushedAt - a.pushedAt || (a.digest < b.digest ? -1 : 1));
    const s = rule.selection;
    const selected = s.countType === 'imageCountMoreThan' ? matching.slice(s.countNumber) : matching.filter((i) => now - i.pushedAt > s.countNumber * DAY_MS);
    for (const image of selected) {
      if (claimed.has(image.digest) || image.referencedByIndex) continue;
      expired.set(image.digest, rule.rulePriority);
    }
    for (const image of matching) claimed.add(image.digest);
  }
  return [...expired].map(([digest, rulePriority]) => ({ digest, rulePriority }));
}
