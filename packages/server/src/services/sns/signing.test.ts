import assert from 'node:assert/strict';
import { verify, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ManualClock } from '../../core/index.js';
import { NotificationSigner } from './signing.js';

const clock = new ManualClock(Date.UTC(2026, 0, 1));

test('the generated certificate is a valid self-signed X.509 certificate for the signing key', () => {
  const { signer } = NotificationSigner.generate(clock);
  const cert = new X509Certificate(signer.certificatePem);
  assert.match(cert.subject, /CN=sns\.amazonaws\.com/);
  assert.equal(cert.subject, cert.issuer);
  assert.ok(cert.verify(cert.publicKey), 'self-signature verifies');
  assert.equal(cert.publicKey.asymmetricKeyType, 'rsa');
  assert.ok(new Date(cert.validFrom).getTime() <= clock.now());
  assert.ok(new Date(cert.validTo).getTime() > clock.now() + 9 * 365 * 86_400_000);
});

test('SignatureVersion 1 is SHA1withRSA and 2 is SHA256withRSA, both verifying against the certificate', () => {
  const { signer } = NotificationSigner.generate(clock);
  const key = new X509Certificate(signer.certificatePem).publicKey;
  const text = 'Message\nhello\nMessageId\nid\nTimestamp\n2026-01-01T00:00:00.000Z\nTopicArn\narn\nType\nNotification\n';
  const v1 = Buffer.from(signer.sign(text, '1'), 'base64');
  const v2 = Buffer.from(signer.sign(text, '2'), 'base64');
  assert.ok(verify('sha1', Buffer.from(text), key, v1));
  assert.ok(verify('sha256', Buffer.from(text), key, v2));
  assert.ok(!verify('sha256', Buffer.from(text), key, v1));
  assert.ok(!verify('sha1', Buffer.from(`${text}x`), key, v1));
});

test('open() creates the key pair once in <dataDir>/sns and reuses it after a restart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bosun-sns-signing-'));
  try {
    const first = await NotificationSigner.open(dir, clock);
    const second = await NotificationSigner.open(dir, clock);
    assert.equal(second.certificatePem, first.certificatePem);
    assert.equal(await readFile(join(dir, 'sns', 'signing-cert.pem'), 'utf8'), first.certificatePem);
    assert.equal((await stat(join(dir, 'sns', 'signing-key.pem'))).mode & 0o777, 0o600);
    const key = new X509Certificate(first.certificatePem).publicKey;
    assert.ok(verify('sha1', Buffer.from('x'), key, Buffer.from(second.sign('x', '1'), 'base64')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a lost key makes a new pair rather than a certificate that no key matches', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bosun-sns-signing-'));
  try {
    const first = await NotificationSigner.open(dir, clock);
    await rm(join(dir, 'sns', 'signing-key.pem'));
    const second = await NotificationSigner.open(dir, clock);
    assert.notEqual(second.certificatePem, first.certificatePem);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
