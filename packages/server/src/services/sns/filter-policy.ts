import { compilePattern, PatternError, type CompiledPattern } from '@bosun/pattern';

/**
 * SNS subscription filter policies: validation with SNS's limits and wording. The operator grammar
 * (exact values, prefix, suffix, equals-ignore-case, anything-but, numeric, exists, cidr, $or) is
 * event-ruler's, as in EventBridge, so `@bosun/pattern` compiles it and its reason texts are the
 * ones SNS reports. SNS adds its own rules on top
 * (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html):
 * at most 5 top-level keys, at most 150 value combinations, no nesting for the MessageAttributes
 * scope, no `wildcard`, and policies up to 256 KB. Pure.
 */

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

export const FILTER_POLICY_SCOPES: readonly FilterPolicyScope[] = ['MessageAttributes', 'MessageBody'];
export const MAX_FILTER_POLICY_BYTES = 256 * 1024;
export const MAX_FILTER_POLICY_KEYS = 5;
export const MAX_FILTER_POLICY_COMBINATIONS = 150;

/** Why a policy is invalid, without SNS's `Invalid parameter: [Attributes Reason: ]` prefix. */
export class FilterPolicyError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'FilterPolicyError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: Json): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** SNS's combination count: the product of each array's length times its nesting depth; `$or` branches add up. */
export function filterPolicyCombinations(policy: { [key: string]: Json }, depth = 1, start = 1): number {
  let combos = start;
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && Array.isArray(value)) {
      let sum = 0;
      for (const branch of value) if (isObject(branch)) sum += filterPolicyCombinations(branch, depth, combos);
      combos = sum;
    } else if (isObject(value)) {
      combos = filterPolicyCombinations(value, depth + 1, combos);
    } else if (Array.isArray(value)) {
      combos *= value.length * depth;
    }
  }
  return combos;
}

/** The shape errors SNS reports before counting combinations: leaves must be non-empty arrays. */
function checkShape(policy: { [key: string]: Json }): void {
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or') continue; // its own grammar, checked by the compiler
    if (isObject(value)) checkShape(value);
    else if (!Array.isArray(value)) throw new FilterPolicyError(`FilterPolicy: "${key}" must be an object or an array`);
    else if (value.length === 0) throw new FilterPolicyError('FilterPolicy: Empty arrays are not allowed');
  }
}

function hasNesting(policy: { [key: string]: Json }): boolean {
  return Object.entries(policy).some(([key, value]) =>
    key === '$or' && Array.isArray(value) ? value.some((b) => isObject(b) && hasNesting(b)) : isObject(value),
  );
}

/** SNS has no `wildcard` operator; event-ruler would accept it, so it is refused here first. */
function findWildcard(v: Json, insideAnythingBut = false): string | undefined {
  if (Array.isArray(v)) {
    for (const x of v) {
      const found = findWildcard(x, insideAnythingBut);
      if (found) return found;
    }
  } else if (isObject(v)) {
    for (const [key, value] of Object.entries(v)) {
      if (key === 'wildcard') return insideAnythingBut ? 'Unsupported anything-but pattern: wildcard' : 'Unrecognized match type wildcard';
      const found = findWildcard(value, key === 'anything-but');
      if (found) return found;
    }
  }
  return undefined;
}

export interface ValidFilterPolicy {
  /** Compiled by @bosun/pattern; undefined for `{}`, which filters nothing. */
  compiled: CompiledPattern | undefined;
}

/**
 * Validates a policy for a scope; throws FilterPolicyError with SNS's detail text
 * (`FilterPolicy: <reason>`, or the scope message for nesting under MessageAttributes).
 */
export function validateFilterPolicy(text: string, scope: FilterPolicyScope): ValidFilterPolicy {
  if (Buffer.byteLength(text) > MAX_FILTER_POLICY_BYTES) throw new FilterPolicyError('FilterPolicy: Filter policy is too long');
  let policy: Json;
  try {
    policy = JSON.parse(text) as Json;
  } catch {
    throw new FilterPolicyError(`FilterPolicy: failed to parse JSON. ${jsonReason(text)}`.trimEnd());
  }
  if (!isObject(policy)) throw new FilterPolicyError('FilterPolicy: Filter is not an object');
  if (Object.keys(policy).length === 0) return { compiled: undefined };
  if (Object.keys(policy).length > MAX_FILTER_POLICY_KEYS) throw new FilterPolicyError('FilterPolicy: Filter policy can not have more than 5 keys');
  if (scope === 'MessageAttributes' && hasNesting(policy)) {
    throw new FilterPolicyError('Filter policy scope MessageAttributes does not support nested filter policy');
  }
  checkShape(policy);
  if (filterPolicyCombinations(policy) > MAX_FILTER_POLICY_COMBINATIONS) throw new FilterPolicyError('FilterPolicy: Filter policy is too complex');
  const wildcard = findWildcard(policy);
  if (wildcard) throw new FilterPolicyError(`FilterPolicy: ${wildcard}`);
  let compiled: CompiledPattern;
  try {
    compiled = compilePattern(text, MAX_FILTER_POLICY_BYTES * 2);
  } catch (e) {
    if (e instanceof PatternError) throw new FilterPolicyError(`FilterPolicy: ${e.reason}`);
    throw e;
  }
  return { compiled };
}

/** Jackson's description of a JSON syntax error, as @bosun/pattern words it. */
function jsonReason(text: string): string {
  try {
    compilePattern(text, MAX_FILTER_POLICY_BYTES * 2);
  } catch (e) {
    if (e instanceof PatternError) return e.reason;
  }
  return '';
}
