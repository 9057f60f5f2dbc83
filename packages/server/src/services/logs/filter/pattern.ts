import { invalidFilterPattern } from '../errors.js';
import { delimitedMatcher } from './delimited-pattern.js';
import { jsonMatcher } from './json-pattern.js';
import { termsMatcher } from './terms-pattern.js';
import { compileRegex } from './values.js';

export type FilterMatcher = (message: string) => boolean;

/**
 * Compile a CloudWatch Logs filter pattern once (FilterLogEvents, TestMetricFilter): an empty
 * pattern matches everything; `{…}` is a JSON pattern, `[…]` a space-delimited one, `%…%` a
 * regex, anything else terms. Invalid patterns throw InvalidParameterException.
 */
export function compileFilterPattern(pattern: string | undefined): FilterMatcher {
  const text = (pattern ?? '').trim();
  if (text === '' || text === '""') return () => true;
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) throw invalidFilterPattern("If a filter pattern starts with '{' it must end with '}'");
    return jsonMatcher(text.slice(1, -1));
  }
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw invalidFilterPattern("If a filter pattern starts with '[' it must end with ']'");
    return delimitedMatcher(text.slice(1, -1));
  }
  if (text.length >= 2 && text.startsWith('%') && text.endsWith('%')) {
    const re = compileRegex(text.slice(1, -1));
    return (message) => re.test(message);
  }
  if (text.startsWith('%')) throw invalidFilterPattern();
  return termsMatcher(text);
}
