import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../core/index.js';
import { selfSignedCertificate } from './x509.js';

/**
 * The key SNS signs notifications with, and the certificate subscribers verify them against.
 * Made at first start (RSA 2048, self-signed, ten years) and kept in `<dataDir>/sns/`, so
 * signatures keep verifying across restarts.
 */
export class NotificationSigner {
  private constructor(
    private readonly privateKey: KeyObject,
    /** PEM, served at SIGNING_CERT_PATH. */
    readonly certificatePem: string,
  ) {}

  /** SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA; base64 as in the `Signature` member. */
  sign(text: string, version: string): string {
    return sign(version === '2' ? 'sha256' : 'sha1', Buffer.from(text, 'utf8'), this.privateKey).toString('base64');
  }

  static fromPem(keyPem: string, certificatePem: string): NotificationSigner {
    const key = createPrivateKey(keyPem);
    const cert = new X509Certificate(certificatePem);
    if (!cert.checkPrivateKey(key)) throw new Error('SNS signing certificate does not match its key');
    return new NotificationSigner(key, certificatePem);
  }

  /** A fresh key and certificate (not stored). */
  static generate(clock: Clock): { signer: NotificationSigner; keyPem: string } {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const now = clock.now();
    const certificatePem = selfSignedCertificate({
      privateKey,
      publicKey: createPublicKey(privateKey),
      commonName: 'sns.amazonaws.com',
      organization: 'Bosun',
      serial: randomBytes(16),
      notBefore: now - 60_000,
      notAfter: now + 10 * 365 * 86_400_000,
    });
    const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    return { signer: new NotificationSigner(privateKey, certificatePem), keyPem };
  }

  /** Loads `<dataDir>/sns/signing-key.pem` + `signing-cert.pem`, creating them at first start. */
  static async open(dataDir: string, clock: Clock): Promise<NotificationSigner> {
    const dir = join(dataDir, 'sns');
    const keyPath = join(dir, 'signing-key.pem');
    const certPath = join(dir, 'signing-cert.pem');
    try {
      const [keyPem, certPem] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
      return NotificationSigner.fromPem(keyPem, certPem);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const { signer, keyPem } = NotificationSigner.generate(clock);
    // Certificate first, key last: a crash in between leaves no key, so the pair is made again.
    await writeAtomically(certPath, signer.certificatePem, 0o644);
    await writeAtomically(keyPath, keyPem, 0o600);
    return signer;
  }
}

async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode, flush: true });
  await rename(tmp, path);
}
