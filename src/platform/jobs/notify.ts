// Across processes a queued job wakes the workers at once: `enqueue` sends NOTIFY on commit, and a
// worker on PostgreSQL listens (platform/db/notifications.ts). While that connection is down workers
// still find jobs by polling, a second later; when it is back they look at once.
import type { Notifications } from '../db/notifications.ts';

export const JOBS_CHANNEL = 'amtsweg_jobs';

/** Calls `wake` on every notification and whenever listening starts; returns how to stop listening. */
export async function listenForJobs(notifications: Notifications, wake: () => void): Promise<() => Promise<void>> {
  const stop = notifications.on(JOBS_CHANNEL, { notify: wake, up: wake });
  return async () => stop();
}
