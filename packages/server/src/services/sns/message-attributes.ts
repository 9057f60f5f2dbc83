import type { AwsError } from '../../errors/index.js';
import { parameterValueInvalid } from './errors.js';
import type { MessageAttributeValue, NotificationAttribute } from './model.js';

/**
 * Message attributes: SNS's validation (names, data types, values) and the two forms SNS hands
 * them on in — `{"Type","Value"}` inside a notification, and SQS message attributes for raw
 * delivery. See https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html. Pure.
 */

/** Publish's limit: the message plus every attribute's name, type and value, in bytes. */
export const MAX_MESSAGE_BYTES = 262_144;

const NAME_CHARS = /^[A-Za-z0-9_.-]$/;
const TYPE = /^(String|Number|Binary)(\..+)?$/;

function checkName(name: string): AwsError | undefined {
  if (Buffer.byteLength(name) > 256) return parameterValueInvalid('Length of message attribute name must be less than 256 bytes.');
  if (name.startsWith('.')) return parameterValueInvalid("Invalid message attribute name starting with character '.' was found.");
  if (name.endsWith('.')) return parameterValueInvalid("Invalid message attribute name ending with character '.' was found.");
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (!NAME_CHARS.test(ch)) {
      const hex = (name.codePointAt(i) ?? 0).toString(16).toUpperCase();
      return parameterValueInvalid(
        `Invalid non-alphanumeric character '#x${hex}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`,
      );
    }
    if (ch === '.' && name[i - 1] === '.') return parameterValueInvalid("Message attribute name can not have successive '.' character.");
  }
  return undefined;
}

function checkValue(name: string, attr: MessageAttributeValue): AwsError | undefined {
  const type = attr.DataType;
  if (!TYPE.test(type)) {
    return parameterValueInvalid(
      `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
    );
  }
  const binary = type.startsWith('Binary');
  const field = binary ? 'Binary' : 'String';
  const hasString = attr.StringValue !== undefined;
  const hasBinary = attr.BinaryValue !== undefined;
  if (!hasString && !hasBinary) {
    return parameterValueInvalid(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
  }
  if (binary ? !hasBinary : !hasString) {
    return parameterValueInvalid(`The message attribute '${name}' with type '${type}' must use field '${field}'.`);
  }
  const empty = binary ? attr.BinaryValue!.length === 0 : attr.StringValue === '';
  if (empty) {
    return parameterValueInvalid(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
  }
  if (type.startsWith('Number') && !isSnsNumber(attr.StringValue!)) {
    return parameterValueInvalid(`Could not cast message attribute '${name}' value to number.`);
  }
  if (type === 'String.Array' && !isJsonArray(attr.StringValue!)) {
    // Approximated wording: SNS rejects a String.Array that is not a JSON array of simple values.
    return parameterValueInvalid(`The message attribute '${name}' with type 'String.Array' has an invalid value: ${attr.StringValue}.`);
  }
  return undefined;
}

/** Numbers as SNS takes them: decimal, optionally signed, with an optional exponent. */
function isSnsNumber(text: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) && Number.isFinite(Number(text));
}

function isJsonArray(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x));
  } catch {
    return false;
  }
}

/** The first problem with a set of message attributes, or undefined when they are valid. */
export function checkMessageAttributes(attributes: Record<string, MessageAttributeValue> | undefined): AwsError | undefined {
  for (const [name, attr] of Object.entries(attributes ?? {})) {
    const problem = checkName(name) ?? checkValue(name, attr);
    if (problem) return problem;
  }
  return undefined;
}

/** Bytes a publish counts against the 256 KB limit: message + each attribute's name, type and value. */
export function publishSize(message: string, attributes: Record<string, MessageAttributeValue> | undefined): number {
  let size = Buffer.byteLength(message);
  for (const [name, attr] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(attr.DataType);
    if (attr.StringValue !== undefined) size += Buffer.byteLength(attr.StringValue);
    if (attr.BinaryValue !== undefined) size += attr.BinaryValue.length;
  }
  return size;
}

/** The notification form: binary values base64-encoded, as SNS puts them in the JSON envelope. */
export function toNotificationAttributes(attributes: Record<string, MessageAttributeValue> | undefined): Record<string, NotificationAttribute> | undefined {
  const entries = Object.entries(attributes ?? {});
  if (entries.length === 0) return undefined;
  const out: Record<string, NotificationAttribute> = {};
  for (const [name, attr] of entries) {
    const value = attr.BinaryValue !== undefined && attr.DataType.startsWith('Binary') ? Buffer.from(attr.BinaryValue).toString('base64') : attr.StringValue ?? '';
    out[name] = { Type: attr.DataType, Value: value };
  }
  return out;
}

/** An SQS message attribute as raw delivery passes it on. */
export interface SqsAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Buffer;
}

export function toSqsAttributes(attributes: Record<string, NotificationAttribute> | undefined): Record<string, SqsAttribute> | undefined {
  const entries = Object.entries(attributes ?? {});
  if (entries.length === 0) return undefined;
  const out: Record<string, SqsAttribute> = {};
  for (const [name, a] of entries) {
    out[name] = a.Type.startsWith('Binary') ? { DataType: a.Type, BinaryValue: Buffer.from(a.Value, 'base64') } : { DataType: a.Type, StringValue: a.Value };
  }
  return out;
}
