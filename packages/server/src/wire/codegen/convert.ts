import type { MemberRef, Operation, ServiceMetadata, ServiceModel, Shape, ShapeType } from '../model.js';

/**
 * Merge AWS's minified SDK model (structure, the source of truth for what goes on the wire) with
 * botocore's full model (real shape names, constraints, error shapes) into one ServiceModel.
 * Pure: both inputs are parsed JSON.
 */

type Json = Record<string, unknown>;
interface RawModel {
  metadata: Json;
  operations: Record<string, Json>;
  shapes: Record<string, Json>;
}

const memberTraits = [
  'location',
  'locationName',
  'queryName',
  'flattened',
  'xmlAttribute',
  'jsonvalue',
  'timestampFormat',
  'idempotencyToken',
  'streaming',
] as const;
const shapeConstraints = ['min', 'max', 'pattern', 'enum', 'timestampFormat', 'exception', 'error', 'sensitive'] as const;
const metadataKeys = [
  'apiVersion',
  'protocol',
  'endpointPrefix',
  'signingName',
  'serviceId',
  'jsonVersion',
  'targetPrefix',
  'xmlNamespace',
  'timestampFormat',
] as const;

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function inferType(def: Json): ShapeType {
  if (typeof def.type === 'string') return def.type as ShapeType;
  if (def.members) return 'structure';
  if (def.member) return 'list';
  if (def.key) return 'map';
  return 'string';
}

class ModelBuilder {
  readonly shapes: Record<string, Shape> = {};
  private readonly nameOfMinId = new Map<string, string>();

  private readonly queryProtocol: boolean;

  constructor(
    private readonly min: RawModel,
    private readonly boto: RawModel | undefined,
  ) {
    this.queryProtocol = (min.metadata.protocol ?? boto?.metadata.protocol) === 'query';
  }

  /** Convert a member reference (min node and/or botocore ref) into a named MemberRef. */
  ref(minNode: Json | undefined, botoRef: Json | undefined, fallbackName: string): MemberRef {
    const traitSource = minNode ?? botoRef ?? {};
    const minId = typeof minNode?.shape === 'string' ? minNode.shape : undefined;
    const minDef = minId ? this.min.shapes[minId] : minNode ? this.inlineDef(minNode) : undefined;
    const botoName = typeof botoRef?.shape === 'string' ? botoRef.shape : undefined;
    const name =
      (minId && this.nameOfMinId.get(minId)) ?? botoName ?? (minId ? `${fallbackName}` : fallbackName);
    if (minId && !this.nameOfMinId.has(minId)) this.nameOfMinId.set(minId, name);
    const out: MemberRef = { shape: name };
    for (const t of memberTraits) {
      if (traitSource[t] !== undefined) (out as unknown as Json)[t] = traitSource[t];
    }
    // The query protocol names a member after its shape's locationName when the member has none
    // (botocore merges shape traits into member refs; e.g. SQS TagQueue sends `Tag.1.Key`).
    const shapeLocationName = (minDef ?? (botoName ? this.boto?.shapes[botoName] : undefined))?.locationName;
    if (out.locationName === undefined && this.queryProtocol && typeof shapeLocationName === 'string') out.locationName = shapeLocationName;
    if (!this.shapes[name]) this.define(name, minDef, botoName ? this.boto?.shapes[botoName] : undefined);
    return out;
  }

  private inlineDef(node: Json): Json {
    // A min member without `shape` is an inline shape; its keys mix shape and member traits.
    return node;
  }

  private define(name: string, minDef: Json | undefined, botoDef: Json | undefined): void {
    const def = minDef ?? botoDef ?? {};
    const shape: Shape = { type: inferType(def) };
    this.shapes[name] = shape; // placed before recursing so recursive shapes terminate
    if (shape.type === 'structure') {
      const minMembers = obj(minDef?.members);
      const botoMembers = obj(botoDef?.members);
      const names = Object.keys(minMembers ?? botoMembers ?? {});
      shape.members = {};
      for (const m of names) {
        shape.members[m] = this.ref(obj(minMembers?.[m]), obj(botoMembers?.[m]), `${name}$${m}`);
      }
      const required = (minDef?.required ?? botoDef?.required) as string[] | undefined;
      if (required?.length) shape.required = [...required];
      const payload = minDef?.payload ?? botoDef?.payload;
      if (typeof payload === 'string') shape.payload = payload;
    } else if (shape.type === 'list') {
      shape.member = this.ref(obj(minDef?.member), obj(botoDef?.member), `${name}$member`);
    } else if (shape.type === 'map') {
      shape.key = this.ref(obj(minDef?.key), obj(botoDef?.key), `${name}$key`);
      shape.value = this.ref(obj(minDef?.value), obj(botoDef?.value), `${name}$value`);
    }
    if (def.flattened === true || botoDef?.flattened === true) shape.flattened = true;
    for (const c of shapeConstraints) {
      const v = botoDef?.[c] ?? (c === 'timestampFormat' || c === 'exception' || c === 'error' ? minDef?.[c] : undefined);
      if (v !== undefined) (shape as unknown as Json)[c] = v;
    }
  }
}

export function convertModel(min: RawModel, boto: RawModel | undefined): ServiceModel {
  const b = new ModelBuilder(min, boto);
  const metadata: Json = {};
  for (const k of metadataKeys) {
    if (min.metadata[k] !== undefined) metadata[k] = min.metadata[k];
  }
  if (min.metadata.awsQueryCompatible !== undefined) metadata.awsQueryCompatible = true;
  const operations: Record<string, Operation> = {};
  const opNames = new Set([...Object.keys(min.operations), ...Object.keys(boto?.operations ?? {})]);
  for (const name of [...opNames].sort()) {
    const minOp = min.operations[name];
    const botoOp = boto?.operations[name];
    const op: Operation = { name };
    const http = obj(minOp?.http) ?? obj(botoOp?.http);
    if (http) {
      op.http = { method: String(http.method ?? 'POST'), requestUri: String(http.requestUri ?? '/') };
      if (typeof http.responseCode === 'number') op.http.responseCode = http.responseCode;
    }
    const minIn = obj(minOp?.input);
    const botoIn = obj(botoOp?.input);
    if (minIn || botoIn) op.input = b.ref(minIn, botoIn, `${name}Request`).shape;
    const minOut = obj(minOp?.output);
    const botoOut = obj(botoOp?.output);
    if (minOut || botoOut) {
      op.output = b.ref(minOut, botoOut, `${name}Response`).shape;
      const wrapper = minOut?.resultWrapper ?? botoOut?.resultWrapper;
      if (typeof wrapper === 'string') op.outputWrapper = wrapper;
    }
    const errors = (botoOp?.errors as Json[] | undefined) ?? [];
    if (errors.length) op.errors = errors.map((e) => b.ref(undefined, e, String(e.shape)).shape);
    operations[name] = op;
  }
  const shapes: Record<string, Shape> = {};
  for (const k of Object.keys(b.shapes).sort()) shapes[k] = b.shapes[k];
  return { metadata: metadata as unknown as ServiceMetadata, operations, shapes };
}

/** Render a model as TypeScript source: one line per operation and per shape, so diffs stay readable. */
export function renderModelSource(model: ServiceModel): string {
  const lines = [
    '// Generated by `npm run gen:models` from the aws-sdk and botocore models. Do not edit.',
    "import type { ServiceModel } from '../model.js';",
    '',
    'export const model: ServiceModel = {',
    `  metadata: ${JSON.stringify(model.metadata)},`,
    '  operations: {',
    ...Object.entries(model.operations).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    '  },',
    '  shapes: {',
    ...Object.entries(model.shapes).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    '  },',
    '};',
    '',
  ];
  return lines.join('\n');
}
