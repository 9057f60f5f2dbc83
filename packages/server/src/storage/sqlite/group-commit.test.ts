import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GroupCommitter, StorageClosedError, type TransactionRunner } from './group-commit.js';

/** A runner that counts transactions and undoes a savepoint's effects on `state` when it throws. */
class FakeRunner implements TransactionRunner {
  transactions = 0;
  failNextCommit = false;
  state: string[] = [];
  private active = false;

  transaction(fn: () => void): void {
    this.transactions += 1;
    const before = [...this.state];
    this.active = true;
    try {
      fn();
      if (this.failNextCommit) throw new Error('disk I/O error');
    } catch (error) {
      this.state = before;
      throw error;
    } finally {
      this.active = false;
      this.failNextCommit = false;
    }
  }

  savepoint<T>(fn: () => T): T {
    const before = [...this.state];
    try {
      return fn();
    } catch (error) {
      this.state = before;
      throw error;
    }
  }

  inTransaction(): boolean {
    return this.active;
  }
}

describe('GroupCommitter', () => {
  it('runs writes submitted in the same tick in one transaction, in order', async () => {
    const runner = new FakeRunner();
    const committer = new GroupCommitter(runner);
    const results = await Promise.all([1, 2, 3].map((n) => committer.submit(() => (runner.state.push(`w${n}`), n * 10))));
    assert.deepEqual(results, [10, 20, 30]);
    assert.deepEqual(runner.state, ['w1', 'w2', 'w3']);
    assert.equal(runner.transactions, 1);
  });

  it('fails only the write that threw, undoing just its effects', async () => {
    const runner = new FakeRunner();
    const committer = new GroupCommitter(runner);
    const outcomes = await Promise.allSettled([
      committer.submit(() => runner.state.push('a')),
      committer.submit(() => {
        runner.state.push('half');
        throw new Error('condition failed');
      }),
      committer.submit(() => runner.state.push('c')),
    ]);
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(runner.state, ['a', 'c']);
    assert.equal(runner.transactions, 1);
  });

  it('rejects every write of a group whose commit fails', async () => {
    const runner = new FakeRunner();
    const committer = new GroupCommitter(runner);
    runner.failNextCommit = true;
    const outcomes = await Promise.allSettled([committer.submit(() => 1), committer.submit(() => 2)]);
    assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected']);
    assert.equal(await committer.submit(() => 3), 3, 'later groups are unaffected');
  });

  it('splits a flood into transactions of at most maxBatch writes', async () => {
    const runner = new FakeRunner();
    const committer = new GroupCommitter(runner, 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => committer.submit(() => i)));
    assert.equal(runner.transactions, 3);
  });

  it('flushes queued writes on close and refuses new ones', async () => {
    const runner = new FakeRunner();
    const committer = new GroupCommitter(runner);
    const pending = committer.submit(() => 'queued');
    committer.close();
    assert.equal(await pending, 'queued');
    await assert.rejects(committer.submit(() => 'late'), StorageClosedError);
  });
});
