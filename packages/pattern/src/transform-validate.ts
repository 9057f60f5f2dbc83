// PutTargets-time validation of InputPath / InputTransformer. Size and pattern constraints use
// AWS's generic validation wording ("1 validation error detected: … failed to satisfy
// constraint: …"); the undefined-placeholder text is AWS's as recorded (see below); the texts for
// reserved names and bad JSONPath are not published by AWS and are Bosun's approximations.
import { parsePath } from './jsonpath.js';

export class InputTransformerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationException';
  }
}

export const PREDEFINED = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
] as const;

export const TRANSFORMER_LIMITS = { maxPaths: 100, maxPathLength: 256, maxTemplateLength: 8192 } as const;

export const transformerMessages = {
  tooManyPaths: (n: number) =>
    `1 validation error detected: Value at 'inputTransformer.inputPathsMap' failed to satisfy constraint: Member must have length less than or equal to ${TRANSFORMER_LIMITS.maxPaths} (had ${n})`,
  badKey: (k: string) =>
    `1 validation error detected: Value '${k}' at 'inputTransformer.inputPathsMap' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [A-Za-z0-9\\_\\-]+]`,
  reservedKey: (k: string) => `InputPathsMap key '${k}' is reserved and cannot be used.`,
  pathTooLong: (k: string) =>
    `1 validation error detected: Value at 'inputTransformer.inputPathsMap.${k}' failed to satisfy constraint: Member must have length less than or equal to ${TRANSFORMER_LIMITS.maxPathLength}`,
  badPath: (k: string, p: string) => `Invalid InputPathsMap value for key '${k}': '${p}' is not a valid JSON path.`,
  badInputPath: (p: string) => `Invalid InputPath: '${p}' is not a valid JSON path.`,
  emptyTemplate:
    "1 validation error detected: Value at 'inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length greater than or equal to 1",
  templateTooLong: `1 validation error detected: Value at 'inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length less than or equal to ${TRANSFORMER_LIMITS.maxTemplateLength}`,
  // AWS's wording, recorded by LocalStack's AWS-validated test_put_events_with_input_transformer_missing_keys.
  undefinedPlaceholder: (v: string, targetId?: string) =>
    `InputTemplate for target ${targetId ?? '(unnamed)'} contains invalid placeholder ${v}.`,
  placeholderAsKey: (v: string) => `InputTemplate is not valid JSON: placeholder <${v}> cannot be used as an object key.`,
} as const;

const KEY = /^[A-Za-z0-9_-]+$/;

export function validateInputPath(path: string): void {
  if (path.length > TRANSFORMER_LIMITS.maxPathLength || !parsePath(path)) {
    throw new InputTransformerError(transformerMessages.badInputPath(path));
  }
}

/**
 * Throws InputTransformerError when PutTargets would refuse the map or template. Pass the
 * target's Id: AWS names it in the undefined-placeholder message.
 */
export function validateInputTransformer(
  inputPathsMap: Readonly<Record<string, string>> | undefined,
  inputTemplate: string,
  targetId?: string,
): void {
  const entries = Object.entries(inputPathsMap ?? {});
  if (entries.length > TRANSFORMER_LIMITS.maxPaths) throw new InputTransformerError(transformerMessages.tooManyPaths(entries.length));
  for (const [k, p] of entries) {
    if (/^aws/i.test(k) || (PREDEFINED as readonly string[]).includes(k)) throw new InputTransformerError(transformerMessages.reservedKey(k));
    if (!KEY.test(k)) throw new InputTransformerError(transformerMessages.badKey(k));
    if (p.length > TRANSFORMER_LIMITS.maxPathLength) throw new InputTransformerError(transformerMessages.pathTooLong(k));
    if (!parsePath(p)) throw new InputTransformerError(transformerMessages.badPath(k, p));
  }
  if (inputTemplate.length === 0) throw new InputTransformerError(transformerMessages.emptyTemplate);
  if (inputTemplate.length > TRANSFORMER_LIMITS.maxTemplateLength) throw new InputTransformerError(transformerMessages.templateTooLong);
  const known = new Set<string>([...entries.map(([k]) => k), ...PREDEFINED]);
  // Any `<name>` is a placeholder, HTML-like text included: AWS refuses `<notdefinedkey>` at
  // PutTargets (recorded response), and the guide offers no escape ("The characters "<" and ">"
  // cannot be escaped", transform-input.html), so `<p>` without a `p` key is refused too.
  for (const m of inputTemplate.matchAll(/<([^<>\s"]+)>/g)) {
    const name = m[1] ?? '';
    if (!known.has(name)) throw new InputTransformerError(transformerMessages.undefinedPlaceholder(name, targetId));
  }
  if (inputTemplate.trimStart().startsWith('{')) {
    // "If InputTemplate is a JSON object … the placeholder cannot be used as an object key."
    const asKey = /[{,]\s*<([^<>\s"]+)>\s*:/.exec(inputTemplate);
    if (asKey) throw new InputTransformerError(transformerMessages.placeholderAsKey(asKey[1] ?? ''));
  }
}
