import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, configEnvNames, loadConfig } from './load.js';
import { configDefaults } from './schema.js';

describe('configuration: defaults ← file ← env ← flags', () => {
  it('needs nothing: the defaults start the embedded backend on 4566', () => {
    const c = loadConfig({ env: {} });
    assert.equal(c.port, 4566);
    assert.equal(c.dataDir, './.bosun');
    assert.equal(c.accountId, '000000000000');
    assert.equal(c.defaultRegion, 'us-east-1');
  });

  it('maps BOSUN_ variables onto nested keys, typed by the default', () => {
    const c = loadConfig({ env: { BOSUN_PORT: '5001', BOSUN_DATA_DIR: '/var/lib/bosun', BOSUN_SHUTDOWN_GRACE_MS: '100' } });
    assert.equal(c.port, 5001);
    assert.equal(c.dataDir, '/var/lib/bosun');
    assert.equal(c.shutdown.graceMs, 100);
  });

  it('lets a file override defaults, env override the file, and flags override env', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bosun-config-'));
    try {
      const file = join(dir, 'bosun.json');
      writeFileSync(file, JSON.stringify({ port: 6000, accountId: '111111111111', shutdown: { graceMs: 7 } }));
      const c = loadConfig({ file, env: { BOSUN_ACCOUNT_ID: '222222222222' }, overrides: { port: 7000 } });
      assert.equal(c.port, 7000);
      assert.equal(c.accountId, '222222222222');
      assert.equal(c.shutdown.graceMs, 7);
      assert.equal(c.defaultRegion, configDefaults.defaultRegion);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects invalid values and unknown keys with a message naming them', () => {
    assert.throws(() => loadConfig({ env: { BOSUN_ACCOUNT_ID: '12' } }), (e: Error) => e instanceof ConfigError && /accountId: must be 12 digits/.test(e.message));
    assert.throws(() => loadConfig({ env: { BOSUN_PORT: 'eighty' } }), (e: Error) => e instanceof ConfigError && /port/.test(e.message));
    assert.throws(() => loadConfig({ env: {}, overrides: { prot: 1 } }), ConfigError);
  });

  it('reports an unreadable config file as a ConfigError', () => {
    assert.throws(() => loadConfig({ file: '/nonexistent/bosun.json', env: {} }), ConfigError);
  });

  it('names every variable it answers to', () => {
    const names = configEnvNames();
    assert.ok(names.includes('BOSUN_PORT'));
    assert.ok(names.includes('BOSUN_DATA_DIR'));
    assert.ok(names.includes('BOSUN_SHUTDOWN_GRACE_MS'));
  });
});
