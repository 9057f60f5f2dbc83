import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsCli, sdkConfig, startBosun, testAccount, type BosunProcess } from './harness.js';

describe('STS GetCallerIdentity, as the aws CLIs and SDKs call it first', () => {
  let bosun: BosunProcess;
  before(async () => {
    bosun = await startBosun();
  });
  after(async () => {
    await bosun.dispose();
  });

  for (const which of ['v1', 'v2'] as const) {
    it(`aws CLI ${which} prints the configured account`, () => {
      const r = awsCli(which, bosun.url, ['sts', 'get-caller-identity']);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { Account: string; Arn: string; UserId: string };
      assert.equal(out.Account, testAccount);
      assert.equal(out.Arn, `arn:aws:iam::${testAccount}:root`);
    });
  }

  it('AWS SDK v3 gets the configured account', async () => {
    const sts = new STSClient(sdkConfig(bosun.url, 'eu-central-1'));
    const out = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, testAccount);
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.ok(out.$metadata.requestId);
  });
});
