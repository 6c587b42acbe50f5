// Notifications between processes. On PostgreSQL: a listening connection hears what others commit,
// tells its subscribers when it breaks and when it listens again; the staff tables notify exactly on
// the changes that matter to a kept session. PGlite has no other process and no listening connection.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { serverConnectionOf } from '../../src/platform/db/database.ts';
import { type Notifications, notifications } from '../../src/platform/db/notifications.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const quiet = { warn: () => {} };

describe('database notifications', () => {
  let database: TestDatabase;
  let hub: Notifications | undefined;
  before(async () => {
    database = await createTestDatabase('demo');
  });
  after(async () => {
    await hub?.close();
    await database.drop();
  });

  /** Resolves when `check` holds, fails after two seconds. */
  async function eventually(check: () => boolean, what: string): Promise<void> {
    for (const until = Date.now() + 2000; !check(); ) {
      if (Date.now() > until) assert.fail(`not within 2 s: ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  test(
    process.env.DATABASE_URL
      ? 'PostgreSQL: subscribers hear commits, "down" when the connection breaks and "up" once it listens again'
      : 'PGlite: no server connection to listen on (one process; sessions are not kept)',
    async () => {
      const server = serverConnectionOf(database.pool);
      if (!process.env.DATABASE_URL) {
        assert.equal(server, undefined);
        return;
      }
      assert.ok(server);
      hub = notifications(server, quiet, { firstMs: 50, maxMs: 200 });
      const heard: string[] = [];
      const events: string[] = [];
      hub.on('amtsweg_test', { notify: (p) => heard.push(p), up: () => events.push('up'), down: () => events.push('down') });
      await eventually(() => events.includes('up'), 'listening');
      await database.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_notify('amtsweg_test', 'one')`.execute(trx);
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual(heard, [], 'nothing before the commit');
      });
      await eventually(() => heard.includes('one'), 'the committed notification');
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN amtsweg_test'`.execute(database.db);
      await eventually(() => events.join() === 'up,down,up', 'down and up again');
      await sql`SELECT pg_notify('amtsweg_test', 'two')`.execute(database.db);
      await eventually(() => heard.includes('two'), 'heard on the new connection');
      await hub.close();
      hub = undefined;
      assert.equal(events.at(-1), 'down');
    },
  );

  test(
    process.env.DATABASE_URL
      ? 'PostgreSQL: the staff tables notify on changes to accounts, offices and sessions, not when a session is seen'
      : 'PGlite: the staff tables’ triggers run without a listener',
    async () => {
      const heard: string[] = [];
      const server = serverConnectionOf(database.pool);
      const staffHub = server ? notifications(server, quiet) : undefined;
      let up = false;
      staffHub?.on('amtsweg_staff', {
        notify: (p) => heard.push(p),
        up: () => {
          up = true;
        },
      });
      try {
        if (staffHub) await eventually(() => up, 'listening');
        const db = database.db;
        const { id } = await db
          .insertInto('staff_users')
          .values({ email: 'n@x.example', name: 'N', roles: ['sachbearbeitung'] })
          .returning('id')
          .executeTakeFirstOrThrow();
        const office = await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
        const steps: [string, () => Promise<unknown>, string | undefined][] = [
          [
            'new session',
            () =>
              db
                .insertInto('staff_sessions')
                .values({ token_hash: 'h', user_id: id, stage: 'password', expires_at: new Date(Date.now() + 60_000) })
                .execute(),
            undefined,
          ],
          ['session seen', () => db.updateTable('staff_sessions').set({ last_seen_at: new Date() }).execute(), undefined],
          ['session completed', () => db.updateTable('staff_sessions').set({ stage: 'complete' }).execute(), 'staff_sessions'],
          ['office added', () => db.insertInto('staff_memberships').values({ user_id: id, organisation_id: office.id }).execute(), 'staff_memberships'],
          [
            'account changed',
            () =>
              db
                .updateTable('staff_users')
                .set({ roles: ['redaktion'] })
                .where('id', '=', id)
                .execute(),
            'staff_users',
          ],
          ['session ended', () => db.deleteFrom('staff_sessions').execute(), 'staff_sessions'],
        ];
        for (const [what, change, expected] of steps) {
          heard.length = 0;
          await change();
          // A marker after the change: once it is heard, whatever the change sent has arrived too.
          if (staffHub) {
            await sql`SELECT pg_notify('amtsweg_staff', 'marker')`.execute(db);
            await eventually(() => heard.includes('marker'), `${what}: marker`);
            assert.deepEqual(
              heard.filter((p) => p !== 'marker'),
              expected ? [expected] : [],
              what,
            );
          }
        }
      } finally {
        await staffHub?.close();
      }
    },
  );
});
