// Task threads: the function runs off the main thread with cloned arguments; errors come back.
import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { threadId } from 'node:worker_threads';
import { taskThread } from '../../src/platform/threads/index.ts';

const FIXTURE = new URL('../support/thread-fixture.ts', import.meta.url).href;

describe('task threads', () => {
  it('runs the function in another thread, in order, and reports its errors', async () => {
    const thread = taskThread<[Uint8Array, Date], { threadId: number; bytes: number; year: number }>(FIXTURE, 'describe');
    const results = await Promise.all([1, 2, 3].map((n) => thread.run(Buffer.alloc(n * 10), new Date(Date.UTC(2026, 0, n)))));
    assert.deepEqual(
      results.map((r) => [r.bytes, r.year]),
      [
        [10, 2026],
        [20, 2026],
        [30, 2026],
      ],
    );
    assert.notEqual(results[0]?.threadId, threadId);
    await thread.close();

    const failing = taskThread<[], never>(FIXTURE, 'fail');
    await assert.rejects(failing.run(), /kaputt/);
    await failing.close();
  });

  it('runs a background thread at a lower priority than the requests, and only that thread', async () => {
    const own = os.getPriority(0);
    const background = taskThread<[], number>(FIXTURE, 'priority', { nice: 10 });
    assert.equal(await background.run(), Math.max(own, 10));
    assert.equal(os.getPriority(0), own, 'the main thread keeps its priority');
    await background.close();
  });
});
