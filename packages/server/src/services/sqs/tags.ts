import { invalidParameterValue, tooManyTags } from './errors.js';

/** Queue tags (Developer Guide, "Tagging queues"): at most 50, keys 1–128 and values ≤ 256 characters. Pure. */

const MAX_TAGS = 50;

export function validateTags(tags: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128) throw invalidParameterValue('Tag keys must be between 1 and 128 characters in length.');
    if (value.length > 256) throw invalidParameterValue('Tag values must be less than 256 characters in length.');
  }
}

/** The queue's tags after adding `tags`; too many in total fails like TagQueue does. */
export function mergeTags(queueName: string, current: Readonly<Record<string, string>>, tags: Readonly<Record<string, string>>): Record<string, string> {
  validateTags(tags);
  const next = { ...current, ...tags };
  if (Object.keys(next).length > MAX_TAGS) throw tooManyTags(queueName);
  return next;
}

export function removeTags(current: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  const next = { ...current };
  for (const key of keys) delete next[key];
  return next;
}
