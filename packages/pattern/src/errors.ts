// Every reason text Bosun reports for a bad event pattern, in one place.
// The wording is event-ruler's (JsonRuleCompiler / CIDR / ComparableNumber / WildcardParser /
// Range), because EventBridge surfaces those messages verbatim as
// `InvalidEventPatternException: Event pattern is not valid. Reason: <reason>`.
// Texts marked "Bosun" are limits or guards where AWS's exact wording is not published.

export const reasons = {
  filterNotObject: 'Filter is not an object',
  emptyObject: 'Empty objects are not allowed',
  emptyArray: 'Empty arrays are not allowed',
  mustBeObjectOrArray: (field: string) => `"${field}" must be an object or an array`,
  matchValueType: 'Match value must be String, number, true, false, or null',
  matchExpressionNameNotFound: 'Match expression name not found',
  onlyOneKey: 'Only one key allowed in match expression',
  unrecognizedMatchType: (name: string) => `Unrecognized match type ${name}`,
  exactMustBeString: 'exact match pattern must be a string',
  prefixMustBeString: 'prefix match pattern must be a string',
  suffixMustBeString: 'suffix match pattern must be a string',
  eicMustBeString: 'equals-ignore-case match pattern must be a string',
  wildcardMustBeString: 'wildcard match pattern must be a string',
  prefixNameNotFound: 'Prefix expression name not found',
  suffixNameNotFound: 'Suffix expression name not found',
  unsupportedPrefix: (name: string) => `Unsupported prefix pattern: ${name}`,
  unsupportedSuffix: (name: string) => `Unsupported suffix pattern: ${name}`,
  numericMustBeArray: 'Value of numeric must be an array.',
  invalidNumericMember: (text: string) => `Invalid member in numeric match: ${text}`,
  numericValueMustBeNumeric: (op: string) => `Value of ${op === '=' ? 'equals' : op} must be numeric`,
  unrecognizedNumericOperator: (op: string) => `Unrecognized numeric range operator: ${op}`,
  badNumericRangeValue: (text: string) => `Bad value in numeric range: ${text}`,
  badNumericRangeOperator: (op: string) => `Bad numeric range operator: ${op}`,
  tooManyNumericTerms: 'Too many terms in numeric range expression',
  tooManyNumericElements: 'Too many elements in numeric expression',
  bottomNotBelowTop: 'Bottom must be less than top',
  cannotCompareNumber: (text: string) => `Cannot compare number : ${text}`,
  anythingButNameNotFound: 'Anything-But expression name not found',
  unsupportedAnythingBut: (name: string) => `Unsupported anything-but pattern: ${name}`,
  anythingButValueType: 'Value of anything-but must be an array or single string/number value.',
  anythingButListType: 'Inside anything but list, start|null|boolean is not supported.',
  anythingButSingleType: 'Inside anything-but list, start|null|boolean is not supported.',
  anythingButMixed:
    'Inside anything but list, either all values are number or string, mixed type is not supported',
  anythingButEicType:
    'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
  anythingButAffixType: 'prefix/suffix match pattern must be a string',
  nullAffix: 'Null prefix/suffix not allowed',
  existsMustBeBoolean: 'exists match pattern must be either true or false.',
  consecutiveWildcards: (pos: number) => `Consecutive wildcard characters at pos ${pos}`,
  invalidEscape: (pos: number) => `Invalid escape character at pos ${pos}`,
  wildcardTooComplex:
    'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
  cidrOneSlash: "Malformed CIDR, one '/' required",
  cidrMaskInteger: 'Malformed CIDR, mask bits must be an integer',
  cidrMaskNegative: 'Malformed CIDR, mask bits must not be negative',
  invalidIp: (ip: string) => `Invalid IP address: ${ip}`,
  nonstandardIp: (ip: string) => `Nonstandard IP address: ${ip}`,
  ipv4MaskTooBig: 'IPv4 mask bits must be < 32',
  ipv6MaskTooBig: 'IPv6 mask bits must be < 128',
  orMustBeArray: 'It must be an Array followed with $or.',
  orOnlyObjects: 'Only JSON object is allowed in array of $or relationship.',
  orAtLeastTwo: 'There must have at least 2 Objects in $or relationship.',
  orReservedField: (name: string) => `${name} is Ruler reserved fieldName which cannot be used inside $or.`,
  // Bosun: AWS documents the quota (1,000 combinations) but not its message; wording approximated.
  tooManyCombinations: (max: number) => `Event pattern contains more than ${max} rule combinations`,
  // Bosun: AWS documents no depth limit; this guards recursion. Wording is ours.
  tooDeep: (max: number) => `Event pattern is nested more than ${max} levels deep`,
  // Bosun: the PutRule API caps EventPattern at 4096 characters; wording is ours.
  tooLong: (max: number) => `Event pattern is longer than ${max} characters`,
} as const;

/** Where in the pattern text the compiler stopped, as Jackson reports it (1-based). */
export interface PatternLocation {
  readonly line: number;
  readonly column: number;
}

export const MESSAGE_PREFIX = 'Event pattern is not valid. Reason: ';

/**
 * An invalid event pattern. `reason` is event-ruler's text; `message` is what EventBridge puts in
 * InvalidEventPatternException. `rawMessage` adds Jackson's location suffix
 * (`\n at [Source: (String)"…"; line: 1, column: N]`) as AWS returns it for JSON-parse-time errors;
 * errors raised outside the parser (CIDR, single anything-but numbers) carry no suffix, as on AWS.
 */
export class PatternError extends Error {
  readonly reason: string;
  readonly location: PatternLocation | undefined;
  readonly rawMessage: string;

  constructor(reason: string, source?: string, location?: PatternLocation, repeatSuffix = false) {
    super(MESSAGE_PREFIX + reason);
    this.name = 'PatternError';
    this.reason = reason;
    this.location = location;
    const suffix = source !== undefined && location ? locationSuffix(source, location) : '';
    this.rawMessage = MESSAGE_PREFIX + reason + suffix + (repeatSuffix ? suffix : '');
  }
}

// Jackson includes at most 500 characters of the source in a location (ErrorReportConfiguration).
const MAX_SOURCE = 500;

export function locationSuffix(source: string, loc: PatternLocation): string {
  const shown =
    source.length > MAX_SOURCE
      ? `"${source.slice(0, MAX_SOURCE)}"[truncated ${source.length - MAX_SOURCE} chars]`
      : `"${source}"`;
  return `\n at [Source: (String)${shown}; line: ${loc.line}, column: ${loc.column}]`;
}
