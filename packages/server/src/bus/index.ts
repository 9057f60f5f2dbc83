export { BusEngine, defaultBusSettings, type BusSettings, type BusEngineOptions } from './engine.js';
export { BusCatalog } from './catalog.js';
export { BusMetrics, renderPrometheus, type TargetSeries, type RuleSeries, type LastError } from './metrics.js';
export * from './arn.js';
export * from './records.js';
export { buildEnvelope, checkEntry, entrySize, isoSeconds, minifyJson } from './envelope.js';
export { mayPutEvents, policyDocument } from './policy.js';
export { eventIdOf, type ReplayRoute } from './fanout.js';
export { Mutex } from './mutex.js';
