/**
 * The shape of a generated service model: AWS's own model (from the `aws-sdk` npm package),
 * normalised so every member refers to a named shape, with constraints (min, max, pattern,
 * enum) and error shapes merged in from botocore's full model, which the aws CLI ships.
 */
export type ShapeType =
  | 'structure'
  | 'list'
  | 'map'
  | 'string'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'boolean'
  | 'timestamp'
  | 'blob';

export interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  queryName?: string;
  flattened?: boolean;
  xmlAttribute?: boolean;
  jsonvalue?: boolean;
  timestampFormat?: string;
  idempotencyToken?: boolean;
  streaming?: boolean;
}

export interface Shape {
  type: ShapeType;
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  flattened?: boolean;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  timestampFormat?: string;
  /** Structure that is an error; `error` holds the code/status botocore records. */
  exception?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  /** REST payload member of a structure. */
  payload?: string;
  sensitive?: boolean;
}

export interface Operation {
  name: string;
  http?: { method: string; requestUri: string; responseCode?: number };
  input?: string;
  output?: string;
  /** Query protocol: the element wrapping the output (`<OpResult>`). */
  outputWrapper?: string;
  errors?: string[];
}

export interface ServiceMetadata {
  apiVersion: string;
  protocol: 'json' | 'query' | 'rest-json' | 'rest-xml' | 'ec2';
  endpointPrefix: string;
  signingName?: string;
  serviceId: string;
  jsonVersion?: string;
  targetPrefix?: string;
  xmlNamespace?: string;
  awsQueryCompatible?: boolean;
  timestampFormat?: string;
}

export interface ServiceModel {
  metadata: ServiceMetadata;
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}
