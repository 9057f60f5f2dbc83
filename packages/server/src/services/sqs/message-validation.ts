import { invalidMessageContents, invalidParameterValue, messageTooLong, missingParameter } from './errors.js';
import type { AttributeValue } from './md5.js';

/**
 * What SendMessage accepts, with SQS's wording: the body's characters (XML 1.0's Char production),
 * message attributes (SQS Developer Guide, "Message attribute components"), AWSTraceHeader as the
 * only system attribute, and the size limit (body + attribute names, types and values). Pure.
 */

/** #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF; unpaired surrogates are outside it. */
const VALID_TEXT = /^[\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

export function isValidMessageText(s: string): boolean {
  return VALID_TEXT.test(s);
}

export function validateBody(body: string): void {
  if (body === '') throw missingParameter('MessageBody');
  if (!isValidMessageText(body)) throw invalidMessageContents();
}

const MAX_ATTRIBUTES = 10;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function attributeNameError(name: string): string | undefined {
  if (name === '') return 'The request must contain non-empty message (user) attribute names.';
  if (Buffer.byteLength(name) > 256) return 'Message (user) attribute name must be shorter than 256 bytes.';
  if (/^(aws\.|amazon\.)/i.test(name)) return "You can't use message attribute names beginning with 'AWS.' or 'Amazon'. These strings are reserved for internal use.";
  if (!ATTRIBUTE_NAME.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    return `Message (user) attribute name '${name}' is invalid. Names can only contain alphanumeric characters, hyphens, underscores and periods; they cannot start or end with a period or contain consecutive periods.`;
  }
  return undefined;
}

function attributeValueError(name: string, value: AttributeValue): string | undefined {
  const type = value.DataType;
  if (value.StringListValues !== undefined || value.BinaryListValues !== undefined) {
    return 'Message attribute list values in SendMessage operation are not supported.';
  }
  if (type === '' || (value.StringValue === undefined && value.BinaryValue === undefined)) {
    return `The message (user) attribute '${name}' must contain a non-empty message attribute value.`;
  }
  if (Buffer.byteLength(type) > 256) return 'Message (user) attribute type must be shorter than 256 bytes.';
  const base = /^(String|Number|Binary)(\..*)?$/.exec(type)?.[1];
  if (!base) {
    return `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`;
  }
  if (!isValidMessageText(type)) return `Message (user) attribute '${name}' type contains invalid characters.`;
  if (base === 'Binary') {
    if (!value.BinaryValue || value.BinaryValue.length === 0) return `Message (user) attribute '${name}' must contain a non-empty value of type 'Binary'.`;
    return undefined;
  }
  const s = value.StringValue;
  if (s === undefined || s === '') return `Message (user) attribute '${name}' must contain a non-empty value of type '${base}'.`;
  if (base === 'Number' && !NUMBER.test(s.trim())) return `Can't cast the value of message (user) attribute '${name}' to a number.`;
  if (!isValidMessageText(s)) return `Message (user) attribute '${name}' value contains invalid characters.`;
  return undefined;
}

export function validateMessageAttributes(attributes: Readonly<Record<string, AttributeValue>> | undefined): void {
  if (!attributes) return;
  const names = Object.keys(attributes);
  if (names.length > MAX_ATTRIBUTES) {
    throw invalidParameterValue(`Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`);
  }
  for (const name of names) {
    const problem = attributeNameError(name) ?? attributeValueError(name, attributes[name]);
    if (problem) throw invalidParameterValue(problem);
  }
}

/** SendMessage takes one system attribute, AWSTraceHeader, a String (the X-Ray trace header). */
export function validateSystemAttributes(attributes: Readonly<Record<string, AttributeValue>> | undefined): void {
  if (!attributes) return;
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'AWSTraceHeader') throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    if (value.DataType !== 'String' || !value.StringValue) {
      throw invalidParameterValue(`Message system attribute '${name}' must contain a non-empty value of type 'String'.`);
    }
  }
}

/** Bytes counted against MaximumMessageSize: the body plus each attribute's name, type and value. */
export function messageSize(body: string, attributes: Readonly<Record<string, AttributeValue>> | undefined): number {
  let size = Buffer.byteLength(body);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    if (value.StringValue !== undefined) size += Buffer.byteLength(value.StringValue);
    if (value.BinaryValue !== undefined) size += value.BinaryValue.length;
  }
  return size;
}

export function validateMessageSize(body: string, attributes: Readonly<Record<string, AttributeValue>> | undefined, limit: number): void {
  if (messageSize(body, attributes) > limit) throw messageTooLong(limit);
}

/** MessageGroupId / MessageDeduplicationId: 1–128 characters of a-z, A-Z, 0-9 and ASCII punctuation. */
const FIFO_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;

export function validateFifoId(parameter: 'MessageGroupId' | 'MessageDeduplicationId', value: string): void {
  if (!FIFO_ID.test(value)) {
    throw invalidParameterValue(
      `Value ${value} for parameter ${parameter} is invalid. Reason: ${parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
}
