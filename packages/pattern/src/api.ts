// The single-pattern entry points.
import { compilePattern, LIMITS } from './compile.js';
import { RuleMachine } from './machine.js';
import { parseEvent } from './event-json.js';

export interface ValidateOptions {
  /** Maximum pattern length in characters; defaults to the PutRule API maximum (4096). */
  readonly maxLength?: number;
}

/** Throws PatternError (with AWS's reason text) when EventBridge would reject the pattern. */
export function validatePattern(pattern: string, options: ValidateOptions = {}): void {
  compilePattern(pattern, options.maxLength ?? LIMITS.maxLength);
}

/** Whether one event (JSON text) matches one pattern; throws PatternError for a bad pattern. */
export function matches(pattern: string, event: string): boolean {
  // The same engine as RuleMachine, so TestEventPattern and routing cannot disagree.
  parseEvent(event); // TestEventPattern refuses an event that is not JSON, even in parts no rule reads
  const m = new RuleMachine();
  m.add('p', pattern);
  return m.match(event).length > 0;
}
