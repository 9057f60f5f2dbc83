// @bosun/pattern — EventBridge event patterns and input transformers, pure TypeScript.
export { PatternError, reasons, MESSAGE_PREFIX, type PatternLocation } from './errors.js';
export { validatePattern, matches, type ValidateOptions } from './api.js';
export { RuleMachine } from './machine.js';
export { LIMITS, compilePattern } from './compile.js';
export { referenceMatches, referenceMatchAll } from './reference.js';
export { explainMatch, type Explanation } from './explain.js';
export { EventSyntaxError } from './event-json.js';
export { transformInput, type TargetInput, type TransformContext } from './transform.js';
export {
  validateInputTransformer,
  validateInputPath,
  InputTransformerError,
  transformerMessages,
  TRANSFORMER_LIMITS,
  PREDEFINED as PREDEFINED_VARIABLES,
} from './transform-validate.js';
export type { CompiledPattern, Condition, Matcher } from './types.js';
