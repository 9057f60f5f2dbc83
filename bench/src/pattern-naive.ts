// The comparison column: the reference interpreter, one rule at a time.
import { referenceMatchAll, type CompiledPattern } from '@bosun/pattern';

export function naiveMatch(rules: readonly CompiledPattern[], event: string): number {
  return referenceMatchAll(rules, event).length;
}
