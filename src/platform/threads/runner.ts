// Inside a task thread: runs the configured function for each message, one after the other.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

const { moduleUrl, exportName, nice } = workerData as { moduleUrl: string; exportName: string; nice: number };
// On Linux the nice value belongs to the thread: pid 0 lowers this thread only, not the process.
if (nice > 0) {
  try {
    os.setPriority(0, nice);
  } catch {
    // Not permitted or not supported here: the thread runs at normal priority.
  }
}
const fn = (await import(moduleUrl))[exportName] as (...args: unknown[]) => Promise<unknown>;
let queue = Promise.resolve();

parentPort?.on('message', ({ id, args }: { id: number; args: unknown[] }) => {
  queue = queue.then(async () => {
    try {
      parentPort?.postMessage({ id, ok: true, value: await fn(...args) });
    } catch (error) {
      parentPort?.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  });
});
