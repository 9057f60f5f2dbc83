// Rule sets per operator family. Each family builds `n` distinct rules in the style real users
// write, most not matching a given event, a few matching, as on a busy bus.

export interface Workload {
  readonly name: string;
  readonly events: (i: number) => string;
  readonly rules: (n: number) => string[];
}

import { appEvent, ecrEvent, geoEvent } from './pattern-events.js';

const p = (o: unknown): string => JSON.stringify(o);

export const families: Workload[] = [
  {
    name: 'exact (source + detail-type + detail)',
    events: ecrEvent,
    rules: (n) => Array.from({ length: n }, (_, i) => p({ source: ['aws.ecr'], 'detail-type': ['ECR Image Action'], detail: { 'repository-name': [`team-${i % 7}/app-${i}`] } })),
  },
  {
    name: 'prefix / suffix',
    events: ecrEvent,
    rules: (n) => Array.from({ length: n }, (_, i) => (i % 2 ? p({ detail: { 'repository-name': [{ prefix: `team-${i % 7}/app-${i % 60}` }] } }) : p({ detail: { 'image-tag': [{ suffix: `.${i % 40}` }] } }))),
  },
  {
    name: 'wildcard',
    events: ecrEvent,
    rules: (n) => Array.from({ length: n }, (_, i) => p({ resources: [{ wildcard: `arn:aws:ecr:*:123456789012:repository/app-${i}*` }] })),
  },
  {
    name: 'anything-but',
    events: ecrEvent,
    rules: (n) => Array.from({ length: n }, (_, i) => p({ source: ['aws.ecr'], detail: { 'action-type': [{ 'anything-but': ['DELETE', `X${i}`] }], 'image-tag': [`v1.${i % 25}.${i % 9}`] } })),
  },
  {
    name: 'numeric',
    events: appEvent,
    rules: (n) => Array.from({ length: n }, (_, i) => p({ detail: { total: [{ numeric: ['>=', i % 500, '<', (i % 500) + 0.5] }] } })),
  },
  {
    name: 'exists',
    events: appEvent,
    rules: (n) => Array.from({ length: n }, (_, i) => p({ 'detail-type': [`Type${i}`, 'OrderPlaced'], detail: { coupon: [{ exists: i % 2 === 0 }], orderId: [`o-${i}`] } })),
  },
  {
    name: 'cidr',
    events: ecrEvent,
    rules: (n) => Array.from({ length: n }, (_, i) => p({ detail: { 'source-ip': [{ cidr: `10.${i % 4}.${i % 200}.0/24` }] } })),
  },
  {
    name: 'equals-ignore-case',
    events: appEvent,
    rules: (n) => Array.from({ length: n }, (_, i) => p({ detail: { customer: { country: [{ 'equals-ignore-case': ['de', 'us', 'fr', 'jp'][i % 4] }], id: [`C-${i}`.toLowerCase()] } } })),
  },
  {
    name: 'arrays of objects (same element)',
    events: appEvent,
    rules: (n) => Array.from({ length: n }, (_, i) => p({ detail: { items: { sku: [`SKU-${i % 100}`], qty: [1 + (i % 3)] } } })),
  },
  {
    name: 'GeoJSON features (nested, coordinate arrays)',
    events: geoEvent,
    rules: (n) => Array.from({ length: n }, (_, i) => p({ detail: { properties: { MAPBLKLOT: [`${1000 + (i % 900)}${(i % 50).toString().padStart(3, '0')}`], STREET: [{ prefix: 'JEFF' }, 'BAY'] }, geometry: { type: ['Polygon'] } } })),
  },
];

/**
 * Simple patterns for the rule-count scaling run: the shared source plus one exact field per rule.
 * Each event matches about one rule whatever the rule count, so the column shows the cost of
 * rules that do not match (the second set lets matches grow with the rule count, for contrast).
 */
export const scaling: Workload = {
  name: 'simple exact patterns, ~1 match/event',
  events: ecrEvent,
  rules: (n) => Array.from({ length: n }, (_, i) => p({ source: ['aws.ecr'], detail: { 'repository-name': [`team-${i % 7}/app-${i}`] } })),
};

export const scalingGrowing: Workload = {
  name: 'simple exact patterns, matches grow with rules',
  events: ecrEvent,
  rules: (n) => Array.from({ length: n }, (_, i) => p({ source: ['aws.ecr'], detail: { 'image-tag': [`v1.${i % 20}.${i % 9}`, `v9.${i}`] } })),
};
