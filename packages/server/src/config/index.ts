export { configSchema, configDefaults } from './schema.js';
export type { BosunConfig } from './schema.js';
export { loadConfig, configFromEnv, configEnvNames, ConfigError } from './load.js';
