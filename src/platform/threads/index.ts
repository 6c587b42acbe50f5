// CPU-heavy work (PDF layout and sealing) off the event loop: one worker thread runs an exported
// async function of a module, one call at a time in order, so page requests are not held up.
// The thread loads TypeScript through tsx like the main thread (no build step). A background thread
// runs at a lower scheduling priority (Linux nice, per thread): when the cores are busy, requests
// go first and the thread's queue drains once they are not.
import { Worker } from 'node:worker_threads';

export interface TaskThread<A extends unknown[], R> {
  run(...args: A): Promise<R>;
  close(): Promise<void>;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

export interface TaskThreadOptions {
  /** Nice value for the thread (0 = as the requests, up to 19); default 0. */
  nice?: number;
}

/** A thread that calls `exportName` of `moduleUrl` (a file: URL) with cloned arguments. */
export function taskThread<A extends unknown[], R>(moduleUrl: string, exportName: string, options: TaskThreadOptions = {}): TaskThread<A, R> {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: R) => void; reject: (error: Error) => void }>();

  function fail(failed: Worker, error: Error): void {
    if (worker !== failed) return;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    worker = undefined;
  }

  function start(): Worker {
    const tsx = import.meta.resolve('tsx/esm/api');
    const runner = new URL('./runner.ts', import.meta.url).href;
    const source = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(runner)}); })`;
    const w = new Worker(source, { eval: true, workerData: { moduleUrl, exportName, nice: options.nice ?? 0 } });
    w.unref();
    w.on('message', (reply: Reply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value as R);
      else p.reject(new Error(reply.message));
    });
    w.on('error', (error) => fail(w, error));
    w.on('exit', (code) => fail(w, new Error(`task thread exited with code ${code}`)));
    return w;
  }

  return {
    run(...args) {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise<R>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, args });
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
