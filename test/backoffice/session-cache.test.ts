// Staff sessions kept between requests: the cache itself, and the app on both databases. On
// PostgreSQL the app keeps sessions and hears every change made by other processes (here: another
// connection pool); on PGlite it keeps nothing and asks the database on every request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createSessionCache, type FoundSession, listeningSessionCache } from '../../src/backoffice/staff/session-cache.ts';
import { type DatabaseHandle, openDatabase, serverConnectionOf } from '../../src/platform/db/database.ts';
import type { Notifications, Subscriber } from '../../src/platform/db/notifications.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { staffSignedIn } from '../support/staff.ts';

const found = (name: string): FoundSession =>
  ({
    stage: 'complete',
    expires_at: new Date(Date.now() + 3_600_000),
    last_seen_at: new Date(),
    user: { name, roles: ['sachbearbeitung'], organisationIds: ['o1'] },
  }) as unknown as FoundSession;

describe('the session cache', () => {
  test('keeps found sessions only while enabled, for at most its lifetime, and forgets on every change', async () => {
    let clock = 0;
    const cache = createSessionCache({ ttlMs: 1000, max: 2, now: () => clock });
    let loads = 0;
    const load = (name: string | undefined) => async () => {
      loads++;
      return name ? found(name) : undefined;
    };
    await cache.get('a', load('Anna'));
    await cache.get('a', load('Anna'));
    assert.equal(loads, 2, 'disabled (not listening yet): every lookup loads');
    cache.enable();
    await cache.get('a', load('Anna'));
    assert.equal((await cache.get('a', load('other')))?.user.name, 'Anna');
    assert.equal(loads, 3, 'enabled: the second lookup is kept');
    const kept = await cache.get('a', load('other'));
    assert.throws(() => (kept?.user.roles as string[]).push('administration'), TypeError, 'what is kept cannot be changed by a request');
    clock = 1000;
    assert.equal((await cache.get('a', load('Anna 2')))?.user.name, 'Anna 2', 'older than its lifetime: loaded again');
    cache.clear();
    assert.equal((await cache.get('a', load('Anna 3')))?.user.name, 'Anna 3', 'a change: loaded again');
    await cache.get('none', load(undefined));
    await cache.get('none', load(undefined));
    assert.equal(loads, 7, '"no such session" is never kept');
    // A change committed while a lookup is under way: what that lookup read may predate it.
    await cache.get('b', async () => {
      cache.clear();
      return found('Berta, before the change');
    });
    assert.equal((await cache.get('b', load('Berta')))?.user.name, 'Berta');
    // At most `max` entries: the oldest goes.
    await cache.get('c', load('Carl'));
    await cache.get('d', load('Dora'));
    const before = loads;
    await cache.get('b', load('Berta again'));
    assert.equal(loads, before + 1, 'b was pushed out by c and d');
    cache.seen('d', new Date(5));
    assert.equal((await cache.get('d', load('x')))?.last_seen_at.getTime(), 5, 'a new last-seen time is kept');
    cache.disable();
    assert.equal((await cache.get('d', load('Dora 2')))?.user.name, 'Dora 2', 'disabled again (notifications lost): loaded');
  });
});

describe('the cache and its notifications', () => {
  test('sessions are kept only after the probe sent through the normal connections has come back', async () => {
    let subscriber: Subscriber | undefined;
    const hub: Notifications = {
      on: (_channel, s) => {
        subscriber = s;
        return () => {};
      },
      close: async () => {},
    };
    const sent: string[] = [];
    const { cache } = listeningSessionCache(hub, async (payload) => sent.push(payload), { ttlMs: 60_000, max: 10 });
    let loads = 0;
    const lookUp = async () => {
      await cache.get('a', async () => {
        loads++;
        return found('Anna');
      });
      return loads;
    };
    subscriber?.up?.();
    assert.equal(sent.length, 1);
    assert.match(sent[0] as string, /^probe:[0-9a-f-]{36}$/);
    await lookUp();
    subscriber?.notify('staff_users');
    subscriber?.notify('probe:someone-else');
    assert.equal(await lookUp(), 2, 'listening, but the probe has not come back: nothing kept (a pooler may swallow notifications)');
    subscriber?.notify(sent[0] as string);
    await lookUp();
    assert.equal(await lookUp(), 3, 'the probe came back: kept');
    subscriber?.notify('staff_memberships');
    assert.equal(await lookUp(), 4, 'a change: forgotten');
    subscriber?.down?.();
    await lookUp();
    assert.equal(await lookUp(), 6, 'connection lost: nothing kept');
    subscriber?.up?.();
    subscriber?.notify(sent[0] as string);
    await lookUp();
    assert.equal(await lookUp(), 8, 'an old probe does not count after reconnecting');
  });
});

describe('staff sessions in the app', () => {
  let t: TestApp;
  // "Another process": a pool of its own on the same database (on PGlite there is only one).
  let other: DatabaseHandle['db'];
  let closeOther = async () => {};
  const postgres = () => Boolean(serverConnectionOf(t.database.pool));
  before(async () => {
    t = await createTestApp('demo');
    const server = serverConnectionOf(t.database.pool);
    if (server) {
      const handle = await openDatabase({ url: server.connectionString as string, poolMax: 1 });
      other = handle.db;
      closeOther = handle.close;
    } else other = t.database.db;
  });
  after(async () => {
    await closeOther();
    await t.close();
  });

  /** The status of the inbox API once it is `status`, or the last one after two seconds. */
  async function statusBecomes(b: Browser, status: number): Promise<number> {
    const until = Date.now() + 2000;
    for (;;) {
      const now = (await b.get('/backoffice/api/vorgaenge')).status;
      if (now === status || Date.now() > until) return now;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  test('a change committed by another process reaches this one: roles, blocking', async () => {
    const b = new Browser(t.app);
    await staffSignedIn(b, t.database.db, 'kim@musterstadt.example', ['sachbearbeitung'], ['buergerbuero']);
    assert.equal((await b.get('/backoffice/api/vorgaenge')).status, 200);
    const id = (await other.selectFrom('staff_users').select('id').where('email', '=', 'kim@musterstadt.example').executeTakeFirstOrThrow()).id;
    await other
      .updateTable('staff_users')
      .set({ roles: ['redaktion'] })
      .where('id', '=', id)
      .execute();
    assert.equal(await statusBecomes(b, 403), 403, 'a role taken away elsewhere');
    await other
      .updateTable('staff_users')
      .set({ roles: ['sachbearbeitung'] })
      .where('id', '=', id)
      .execute();
    assert.equal(await statusBecomes(b, 200), 200);
    await other.updateTable('staff_users').set({ active: false }).where('id', '=', id).execute();
    assert.equal(await statusBecomes(b, 401), 401, 'blocked elsewhere: the session no longer counts');
  });

  test('sessions are kept on PostgreSQL (a change that notifies nobody goes unseen until a notification) and looked up every time on PGlite', async () => {
    const b = new Browser(t.app);
    await staffSignedIn(b, t.database.db, 'lou@musterstadt.example', ['sachbearbeitung'], ['buergerbuero']);
    assert.equal((await b.get('/backoffice/api/vorgaenge')).status, 200);
    // Deleting the session with triggers switched off (as a superuser can) sends no notification.
    await other.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await trx
        .deleteFrom('staff_sessions')
        .where('user_id', 'in', trx.selectFrom('staff_users').select('id').where('email', '=', 'lou@musterstadt.example'))
        .execute();
    });
    assert.equal((await b.get('/backoffice/api/vorgaenge')).status, postgres() ? 200 : 401, postgres() ? 'kept: no round trip' : 'PGlite asks every time');
    // Any notification on the channel empties the cache of every process.
    await sql`NOTIFY amtsweg_staff`.execute(other);
    assert.equal(await statusBecomes(b, 401), 401);
  });
});
