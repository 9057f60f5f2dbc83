import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ModelSource } from './sources.js';

/** Reading the two model sources from disk: the aws-sdk npm package and botocore's data folder. */

type Raw = {
  metadata: Record<string, unknown>;
  operations: Record<string, Record<string, unknown>>;
  shapes: Record<string, Record<string, unknown>>;
};

export function sdkApisDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('aws-sdk/package.json')), 'apis');
}

/** botocore's data folder: BOTOCORE_DATA, else the botocore that the aws CLI on PATH imports. */
export function botocoreDataDir(which: 'current' | 'debian' = 'current'): string {
  if (which === 'debian') return process.env.BOTOCORE_DEBIAN_DATA ?? '/usr/lib/python3/dist-packages/awscli/botocore/data';
  const fromEnv = process.env.BOTOCORE_DATA;
  if (fromEnv) return fromEnv;
  for (const py of ['python3', 'python']) {
    try {
      const dir = execFileSync(py, ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      if (dir && existsSync(join(dir, 'data'))) return join(dir, 'data');
    } catch {
      // try the next interpreter
    }
  }
  throw new Error('botocore not found: install the aws CLI (pip install awscli) or set BOTOCORE_DATA');
}

export function loadSdkModel(source: ModelSource): Raw | undefined {
  if (!source.sdkModel) return undefined;
  return JSON.parse(readFileSync(join(sdkApisDir(), `${source.sdkModel}.min.json`), 'utf8')) as Raw;
}

export function loadBotocoreModel(source: ModelSource, apiVersion: string | undefined): Raw {
  const dir = join(botocoreDataDir(source.botocore), source.botocoreName);
  const versions = readdirSync(dir).sort();
  const version = apiVersion && versions.includes(apiVersion) ? apiVersion : versions[versions.length - 1];
  const base = join(dir, version, 'service-2.json');
  const text = existsSync(base) ? readFileSync(base, 'utf8') : gunzipSync(readFileSync(`${base}.gz`)).toString('utf8');
  return JSON.parse(text) as Raw;
}
