import type { ChildProcess } from 'node:child_process';

/** Wait until `probe` succeeds against a server the benchmark started (20 s at most). */
export async function waitUntilServing(child: ChildProcess, probe: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited');
    try {
      await probe();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
