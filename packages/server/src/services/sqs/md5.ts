import { createHash } from 'node:crypto';

/**
 * The MD5 digests SQS returns and SDKs verify (they fail the call on a mismatch).
 * Body: MD5 of the UTF-8 body. Attributes: the algorithm of the SQS Developer Guide, "Calculating
 * the MD5 message digest for message attributes": attributes sorted by name; for each, the name,
 * the data type, one transport-type byte (1 String/Number, 2 Binary, 3 StringList, 4 BinaryList)
 * and the value(s), every string or byte run preceded by its length as a 4-byte big-endian integer.
 * The same encoding covers message system attributes (AWSTraceHeader). Pure.
 */

export interface AttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
  StringListValues?: string[];
  BinaryListValues?: Uint8Array[];
}

export function md5Hex(data: string | Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}

export function md5OfBody(body: string): string {
  return md5Hex(Buffer.from(body, 'utf8'));
}

function lengthPrefixed(bytes: Uint8Array): Buffer[] {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return [len, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)];
}

function text(s: string): Buffer[] {
  return lengthPrefixed(Buffer.from(s, 'utf8'));
}

function transportBytes(value: AttributeValue): Buffer[] {
  if (value.StringValue !== undefined) return [Buffer.from([1]), ...text(value.StringValue)];
  if (value.BinaryValue !== undefined) return [Buffer.from([2]), ...lengthPrefixed(value.BinaryValue)];
  if (value.StringListValues !== undefined) return [Buffer.from([3]), ...value.StringListValues.flatMap(text)];
  if (value.BinaryListValues !== undefined) return [Buffer.from([4]), ...value.BinaryListValues.flatMap(lengthPrefixed)];
  return [];
}

/** undefined for no attributes: SQS then omits MD5OfMessageAttributes. */
export function md5OfAttributes(attributes: Readonly<Record<string, AttributeValue>> | undefined): string | undefined {
  if (!attributes) return undefined;
  // Sorted by UTF-16 code unit like Java's String.compareTo, which SQS and the SDKs use.
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  for (const name of names) {
    const value = attributes[name];
    parts.push(...text(name), ...text(value.DataType), ...transportBytes(value));
  }
  return md5Hex(Buffer.concat(parts));
}
