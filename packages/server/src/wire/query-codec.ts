import { AwsError } from '../errors/index.js';
import type { MemberRef, ServiceModel, Shape } from './model.js';
import { element, escapeXml } from './xml.js';

/**
 * The awsQuery protocol: form-encoded requests (`Attribute.1.Name=…`, `Tags.member.1.Key=…`) and
 * XML responses, following the member naming, list and map flattening rules of the Smithy awsQuery
 * spec (the same rules botocore's query serializer applies).
 */

export type QueryParams = Map<string, string>;

function isFlattened(ref: MemberRef | undefined, shape: Shape): boolean {
  return ref?.flattened === true || shape.flattened === true;
}

/**
 * A flattened list whose member has its own name is sent under that name in place of the list's
 * (SQS's `AttributeName.1`, `SendMessageBatchRequestEntry.1.Id`), as the list decoder below reads it.
 */
function flattenedListKey(ref: MemberRef, shape: Shape, key: string): string {
  if (shape.type !== 'list' || !isFlattened(ref, shape) || !shape.member?.locationName) return key;
  return [...key.split('.').slice(0, -1), shape.member.locationName].join('.');
}

function invalidValue(value: string, path: string): AwsError {
  return new AwsError('InvalidParameterValue', `Value (${value}) for parameter ${path} is invalid.`);
}

class QueryDecoder {
  private readonly present = new Set<string>();

  constructor(
    private readonly model: ServiceModel,
    private readonly params: QueryParams,
  ) {
    for (const key of params.keys()) {
      let i = key.indexOf('.');
      while (i !== -1) {
        this.present.add(key.slice(0, i));
        i = key.indexOf('.', i + 1);
      }
      this.present.add(key);
    }
  }

  decode(ref: MemberRef | undefined, shape: Shape, prefix: string): unknown {
    switch (shape.type) {
      case 'structure': {
        const out: Record<string, unknown> = {};
        let any = false;
        for (const [name, m] of Object.entries(shape.members ?? {})) {
          const s = this.model.shapes[m.shape];
          if (!s) continue;
          const key = prefix ? `${prefix}.${m.locationName ?? name}` : m.locationName ?? name;
          if (!this.present.has(key) && !this.present.has(flattenedListKey(m, s, key))) continue;
          const v = this.decode(m, s, key);
          if (v !== undefined) {
            out[name] = v;
            any = true;
          }
        }
        return any || !prefix ? out : undefined;
      }
      case 'list': {
        const memberRef = shape.member!;
        const memberShape = this.model.shapes[memberRef.shape]!;
        let listPrefix: string;
        if (isFlattened(ref, shape)) {
          listPrefix = memberRef.locationName ? [...prefix.split('.').slice(0, -1), memberRef.locationName].join('.') : prefix;
        } else {
          listPrefix = `${prefix}.${memberRef.locationName ?? 'member'}`;
        }
        const out: unknown[] = [];
        for (let i = 1; this.present.has(`${listPrefix}.${i}`); i++) out.push(this.decode(memberRef, memberShape, `${listPrefix}.${i}`));
        if (out.length === 0 && this.params.get(prefix) === '') return [];
        return out.length ? out : undefined;
      }
      case 'map': {
        const base = isFlattened(ref, shape) ? prefix : `${prefix}.entry`;
        const keyName = shape.key!.locationName ?? 'key';
        const valueName = shape.value!.locationName ?? 'value';
        const valueShape = this.model.shapes[shape.value!.shape]!;
        const out: Record<string, unknown> = {};
        for (let i = 1; this.present.has(`${base}.${i}`); i++) {
          const k = this.params.get(`${base}.${i}.${keyName}`);
          if (k === undefined) continue;
          // An entry sent without its value is left out, so decoded maps never hold undefined.
          const v = this.decode(shape.value, valueShape, `${base}.${i}.${valueName}`);
          if (v !== undefined) out[k] = v;
        }
        return Object.keys(out).length ? out : undefined;
      }
      default:
        return this.scalar(shape, prefix);
    }
  }

  private scalar(shape: Shape, key: string): unknown {
    const raw = this.params.get(key);
    if (raw === undefined) return undefined;
    switch (shape.type) {
      case 'integer':
      case 'long': {
        if (!/^-?\d+$/.test(raw.trim())) throw invalidValue(raw, key);
        return Number(raw);
      }
      case 'float':
      case 'double': {
        const n = Number(raw);
        if (raw.trim() === '' || Number.isNaN(n)) throw invalidValue(raw, key);
        return n;
      }
      case 'boolean':
        if (raw !== 'true' && raw !== 'false') throw invalidValue(raw, key);
        return raw === 'true';
      case 'timestamp': {
        const ms = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
        if (Number.isNaN(ms)) throw invalidValue(raw, key);
        return new Date(ms);
      }
      case 'blob':
        return Buffer.from(raw, 'base64');
      default:
        return raw;
    }
  }
}

export function decodeQueryInput(model: ServiceModel, shapeName: string | undefined, params: QueryParams): Record<string, unknown> {
  if (!shapeName) return {};
  const shape = model.shapes[shapeName];
  if (!shape) return {};
  return (new QueryDecoder(model, params).decode(undefined, shape, '') as Record<string, unknown>) ?? {};
}

function scalarText(shape: Shape, value: unknown): string {
  if (shape.type === 'timestamp') {
    const d = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
    return d.toISOString();
  }
  if (shape.type === 'blob') return Buffer.from(value as Uint8Array).toString('base64');
  return escapeXml(String(value));
}

/** The XML for one member's value, including its own element(s). */
function encodeMember(model: ServiceModel, name: string, ref: MemberRef, value: unknown): string {
  const shape = model.shapes[ref.shape];
  if (!shape || value === undefined || value === null) return '';
  const elName = ref.locationName ?? name;
  if (shape.type === 'list') {
    const items = value as unknown[];
    const m = shape.member!;
    if (isFlattened(ref, shape)) return items.map((x) => encodeMember(model, m.locationName ?? elName, { ...m, locationName: m.locationName ?? elName }, x)).join('');
    const memberName = m.locationName ?? 'member';
    return element(elName, items.map((x) => encodeMember(model, memberName, { ...m, locationName: memberName }, x)).join(''));
  }
  if (shape.type === 'map') {
    const keyName = shape.key!.locationName ?? 'key';
    const valueName = shape.value!.locationName ?? 'value';
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${element(keyName, escapeXml(k))}${encodeMember(model, valueName, { ...shape.value!, locationName: valueName }, v)}`,
    );
    if (isFlattened(ref, shape)) return entries.map((e) => element(elName, e)).join('');
    return element(elName, entries.map((e) => element('entry', e)).join(''));
  }
  if (shape.type === 'structure') return element(elName, encodeStructureBody(model, shape, value as Record<string, unknown>));
  return element(elName, scalarText(shape, value));
}

function encodeStructureBody(model: ServiceModel, shape: Shape, value: Record<string, unknown>): string {
  let out = '';
  for (const [name, ref] of Object.entries(shape.members ?? {})) out += encodeMember(model, name, ref, value[name]);
  return out;
}

/** The whole `<OpResponse>` document for a successful query call. */
export function encodeQueryResponse(model: ServiceModel, operation: string, output: unknown, requestId: string): string {
  const op = model.operations[operation];
  const ns = model.metadata.xmlNamespace ? ` xmlns="${model.metadata.xmlNamespace}"` : '';
  let result = '';
  if (op?.output) {
    const shape = model.shapes[op.output];
    const body = shape ? encodeStructureBody(model, shape, (output ?? {}) as Record<string, unknown>) : '';
    result = element(op.outputWrapper ?? `${operation}Result`, body);
  }
  const meta = element('ResponseMetadata', element('RequestId', requestId));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response${ns}>${result}${meta}</${operation}Response>`;
}

export function encodeQueryError(xmlNamespace: string | undefined, error: AwsError, requestId: string): string {
  const ns = xmlNamespace ? ` xmlns="${xmlNamespace}"` : '';
  const code = error.queryCode ?? error.code;
  const detail = error.fields ? Object.entries(error.fields).map(([k, v]) => element(k, escapeXml(String(v)))).join('') : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse${ns}><Error><Type>${error.fault}</Type>` +
    `${element('Code', escapeXml(code))}${element('Message', escapeXml(error.message))}${detail}` +
    `</Error>${element('RequestId', requestId)}</ErrorResponse>`
  );
}
