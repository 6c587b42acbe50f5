// Functions for the task-thread test: they report the thread they ran on.
import os from 'node:os';
import { threadId } from 'node:worker_threads';

export async function describe(value: Uint8Array, at: Date): Promise<{ threadId: number; bytes: number; year: number }> {
  return { threadId, bytes: value.byteLength, year: at.getUTCFullYear() };
}

export async function fail(): Promise<never> {
  throw new Error('kaputt');
}

export async function priority(): Promise<number> {
  return os.getPriority(0);
}
