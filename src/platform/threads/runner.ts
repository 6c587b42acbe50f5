// Inside a task thread: runs the configured function for each message, one after the other.
import { parentPort, workerData } from 'node:worker_threads';

const { moduleUrl, exportName } = workerData as { moduleUrl: string; exportName: string };
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
