// Across processes a queued job wakes the workers at once: `enqueue` sends NOTIFY on commit, and a
// worker on PostgreSQL LISTENs on a connection of its own. Without it (or while that connection is
// down) workers still find jobs by polling, a second later.
import pg from 'pg';

export const JOBS_CHANNEL = 'amtsweg_jobs';

/** Calls `wake` on every notification; returns how to stop listening. */
export async function listenForJobs(url: string, wake: () => void, onError: (error: Error) => void): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', onError);
  client.on('notification', () => wake());
  await client.connect();
  await client.query(`LISTEN ${JOBS_CHANNEL}`);
  return () => client.end().catch(() => {});
}
