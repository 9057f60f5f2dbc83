import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PeriodicTask } from './periodic-task.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PeriodicTask', () => {
  it('runs passes one at a time, reports failures and keeps going', async () => {
    let passes = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const errors: unknown[] = [];
    const task = new PeriodicTask(
      async () => {
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        passes += 1;
        await sleep(5);
        concurrent -= 1;
        if (passes === 1) throw new Error('first pass fails');
      },
      { intervalMs: 1, firstDelayMs: 1, onError: (e) => errors.push(e) },
    );
    task.start();
    await sleep(60);
    await task.stop();
    assert.ok(passes >= 3, `ran ${passes} passes`);
    assert.equal(maxConcurrent, 1);
    assert.equal(errors.length, 1);
  });

  it('stop waits for the pass under way, which sees stopped, and schedules no more', async () => {
    let sawStopped = false;
    let passes = 0;
    const task: PeriodicTask = new PeriodicTask(
      async () => {
        passes += 1;
        await sleep(30);
        sawStopped = task.stopped;
      },
      { intervalMs: 1, firstDelayMs: 1, onError: () => undefined },
    );
    task.start();
    await sleep(10);
    await task.stop();
    assert.equal(sawStopped, true);
    const after = passes;
    await sleep(20);
    assert.equal(passes, after);
  });
});
