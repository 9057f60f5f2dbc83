import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorizationToken, basicPassword, issuePassword, verifyPassword } from './auth-token.js';

const key = Buffer.from('0123456789abcdef0123456789abcdef');
const claims = { account: '123456789012', region: 'eu-west-1', expiresAt: Date.UTC(2026, 0, 1, 12) };

describe('ECR authorization tokens', () => {
  it('are base64 of AWS:<password>, as `aws ecr get-login-password` expects', () => {
    const password = issuePassword(key, claims);
    const decoded = Buffer.from(authorizationToken(password), 'base64').toString('utf8');
    assert.equal(decoded, `AWS:${password}`);
  });

  it('verify until they expire, naming the account and region they were issued in', () => {
    const password = issuePassword(key, claims);
    assert.deepEqual(verifyPassword(key, password, claims.expiresAt - 1), { ok: true, claims });
    assert.deepEqual(verifyPassword(key, password, claims.expiresAt), { ok: false, reason: 'expired' });
  });

  it('reject a password signed with another key, or tampered with', () => {
    const password = issuePassword(key, claims);
    assert.deepEqual(verifyPassword(Buffer.from('another key, another bosun......'), password, 0), { ok: false, reason: 'forged' });
    const doc = JSON.parse(Buffer.from(password, 'base64').toString()) as { payload: string };
    doc.payload = Buffer.from(JSON.stringify({ a: '999999999999', r: 'eu-west-1', e: claims.expiresAt })).toString('base64');
    assert.deepEqual(verifyPassword(key, Buffer.from(JSON.stringify(doc)).toString('base64'), 0), { ok: false, reason: 'forged' });
  });

  it('reject garbage as malformed', () => {
    assert.deepEqual(verifyPassword(key, 'not a token', 0), { ok: false, reason: 'malformed' });
    assert.deepEqual(verifyPassword(key, '', 0), { ok: false, reason: 'malformed' });
  });

  it('read Basic credentials from the Authorization header', () => {
    assert.deepEqual(basicPassword(`Basic ${Buffer.from('AWS:p:w').toString('base64')}`), { user: 'AWS', password: 'p:w' });
    assert.equal(basicPassword('Bearer abc'), undefined);
    assert.equal(basicPassword(undefined), undefined);
  });
});
