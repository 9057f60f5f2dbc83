export type { Clock } from './clock.js';
export { systemClock, ManualClock } from './clock.js';
export type { IdSource } from './ids.js';
export { randomIds, SequentialIds } from './ids.js';
export { KeyedLock } from './keyed-lock.js';
export { PeriodicTask } from './periodic-task.js';
