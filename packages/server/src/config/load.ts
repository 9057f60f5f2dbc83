import { readFileSync } from 'node:fs';
import { configDefaults, configSchema, type BosunConfig } from './schema.js';

type Tree = { [k: string]: unknown };

function isTree(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    out[k] = isTree(v) && isTree(base[k]) ? merge(base[k] as Tree, v) : v;
  }
  return out;
}

function envName(path: string[]): string {
  return `BOSUN_${path.map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_')}`;
}

/** Map `BOSUN_*` variables onto the schema's paths; numbers and booleans are parsed by the default's type. */
export function configFromEnv(env: Record<string, string | undefined>, defaults: Tree = configDefaults, path: string[] = []): Tree {
  const out: Tree = {};
  for (const [k, def] of Object.entries(defaults)) {
    if (isTree(def)) {
      const sub = configFromEnv(env, def, [...path, k]);
      if (Object.keys(sub).length) out[k] = sub;
      continue;
    }
    const raw = env[envName([...path, k])];
    if (raw === undefined) continue;
    out[k] = typeof def === 'number' ? Number(raw) : typeof def === 'boolean' ? raw === 'true' || raw === '1' : raw;
  }
  return out;
}

/** Every variable name the schema answers to, for `--help` and docs. */
export function configEnvNames(defaults: Tree = configDefaults, path: string[] = []): string[] {
  return Object.entries(defaults).flatMap(([k, v]) => (isTree(v) ? configEnvNames(v, [...path, k]) : [envName([...path, k])]));
}

export class ConfigError extends Error {}

/** defaults ← file ← env ← overrides, validated against the schema. */
export function loadConfig(options: { file?: string; env?: Record<string, string | undefined>; overrides?: Tree } = {}): BosunConfig {
  const env = options.env ?? process.env;
  let tree: Tree = configDefaults;
  const file = options.file ?? env.BOSUN_CONFIG;
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`cannot read config file ${file}: ${(e as Error).message}`);
    }
    if (!isTree(parsed)) throw new ConfigError(`config file ${file} must hold a JSON object`);
    tree = merge(tree, parsed);
  }
  tree = merge(tree, configFromEnv(env));
  if (options.overrides) tree = merge(tree, options.overrides);
  const result = configSchema.strict().safeParse(tree);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${issues}`);
  }
  return result.data;
}
