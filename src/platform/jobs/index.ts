// Background jobs on a PostgreSQL table with SKIP LOCKED, shared by every module.

export { listenForJobs } from './notify.ts';
export { claimJobs, type EnqueueOptions, enqueue, type Job, retryDelayMs } from './queue.ts';
export { createWorker, type JobHandler, type Worker, type WorkerLogger } from './worker.ts';
