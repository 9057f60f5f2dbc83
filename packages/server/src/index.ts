export { startBosun, version } from './main.js';
export type { RunningBosun, StartOptions } from './main.js';
export { loadConfig, configDefaults, configEnvNames, ConfigError } from './config/index.js';
export type { BosunConfig } from './config/index.js';
export { ManualClock, SequentialIds, systemClock, randomIds } from './core/index.js';
export type { Clock, IdSource } from './core/index.js';
export { DataDirLockedError } from './storage/lock/data-dir-lock.js';
