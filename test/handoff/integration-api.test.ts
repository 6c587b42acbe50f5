// The integration API: OAuth2 client credentials, the pull API (list, read, files, acknowledge) and
// status back; refusals (no, tampered or expired token, wrong scope or service, wrong certificate)
// are 401/403 problem+json and audited.
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { sql } from 'kysely';
import { integrationService } from '../../src/handoff/integrations.ts';
import { registerAndSignIn } from '../support/accounts.ts';
import { Browser } from '../support/browser.ts';
import { type HandoffHarness, handoffHarness, testConfig } from '../support/handoff.ts';
import { PNG, submitParking } from '../support/journeys.ts';

const CERT = 'ab'.repeat(32);
let h: HandoffHarness;
let integrations: ReturnType<typeof integrationService>;
let client: { id: string; clientId: string; clientSecret: string };
let parkingService: string;

before(async () => {
  h = await handoffHarness({ INTEGRATION_CERT_HEADER: 'X-Client-Cert-SHA256' });
  const db = h.t.database.db;
  integrations = integrationService({ db, masterSecret: testConfig.sessionSecret, issuer: testConfig.publicUrl });
  parkingService = (await db.selectFrom('forms').select('service_id').where('id', '=', 'bewohnerparkausweis').executeTakeFirstOrThrow()).service_id ?? '';
  const created = await integrations.create({
    name: 'Parkraum-Fachverfahren',
    serviceIds: [parkingService],
    operations: ['submissions:read', 'submissions:ack', 'status:write'],
  });
  client = { id: created.integration.id, clientId: created.integration.clientId, clientSecret: created.clientSecret };
  await h.addTarget({ kind: 'pull', settings: {}, integrationId: client.id });
});

after(() => h.close());

async function token(scope?: string, secret = client.clientSecret) {
  const basic = Buffer.from(`${client.clientId}:${secret}`).toString('base64');
  return h.t.app.inject({
    method: 'POST',
    url: '/api/v1/oauth/token',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString(),
  });
}

const bearer = async (scope?: string) => ({ authorization: `Bearer ${(await token(scope)).json().access_token}` });
const refusalsSince = (id: string) =>
  h.t.database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'details'])
    .where('action', '=', 'api.refused')
    .where('id', '>', id)
    .orderBy('id')
    .execute();
const lastAuditId = async () => String((await sql<{ id: string }>`SELECT coalesce(max(id), 0) AS id FROM audit_log`.execute(h.t.database.db)).rows[0]?.id);

describe('integration API', () => {
  it('issues short-lived tokens for the client credentials and refuses wrong ones', async () => {
    const ok = await token();
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['cache-control'], 'no-store');
    const body = ok.json();
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 300);
    assert.equal(body.scope, 'submissions:read submissions:ack status:write');
    const wrong = await token(undefined, 'not-the-secret');
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error, 'invalid_client');
    assert.equal((await token('everything')).json().error, 'invalid_scope');
    const password = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=password',
    });
    assert.deepEqual([password.statusCode, password.json().error], [400, 'unsupported_grant_type'], 'RFC 6749 errors');
    const refused = await h.t.database.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'api.token.refused').execute();
    assert.ok(refused.some((r) => r.actor_id === client.id));
  });

  it('lets the Fachverfahren collect a submission, its files, and acknowledge it once', async () => {
    const reference = await h.submit({ nachname: 'Abholer' });
    const [delivery] = await h.deliveriesOf(reference);
    assert.equal(delivery?.state, 'available', 'a pull delivery waits, nothing is pushed');
    const auth = await bearer();
    const list = await h.t.app.inject({ url: '/api/v1/handoff/submissions?status=new', headers: auth });
    assert.equal(list.statusCode, 200);
    const item = list.json().items.find((i: { reference: string }) => i.reference === reference);
    assert.ok(item);
    assert.equal(item.service.leikaKey, '99108001001000');

    const one = await h.t.app.inject({ url: new URL(item.href).pathname, headers: auth });
    assert.equal(one.statusCode, 200);
    const doc = one.json();
    assert.equal(doc.status, 'new');
    assert.ok(JSON.stringify(doc.data).includes('"Abholer"'));
    const png = doc.attachments.find((a: { filename: string }) => a.filename === 'fahrzeugschein.png');
    const file = await h.t.app.inject({ url: new URL(png.url).pathname, headers: auth });
    assert.deepEqual(file.rawPayload, PNG);
    const receipt = await h.t.app.inject({ url: new URL(doc.receipt.url).pathname, headers: auth });
    assert.equal(receipt.headers['content-type'], 'application/pdf');
    const unauthenticated = await h.t.app.inject({ url: new URL(png.url).pathname });
    assert.equal(unauthenticated.statusCode, 401);

    const ack = await h.t.app.inject({ method: 'POST', url: `/api/v1/handoff/submissions/${item.id}/ack`, headers: auth });
    assert.equal(ack.statusCode, 200);
    assert.equal(ack.json().status, 'acknowledged');
    const again = await h.t.app.inject({ method: 'POST', url: `/api/v1/handoff/submissions/${item.id}/ack`, headers: auth });
    assert.equal(again.json().acknowledgedAt, ack.json().acknowledgedAt, 'acknowledging twice changes nothing');
    const rest = await h.t.app.inject({ url: '/api/v1/handoff/submissions', headers: auth });
    assert.ok(!rest.json().items.some((i: { id: string }) => i.id === item.id));
    const acknowledged = await h.t.app.inject({ url: '/api/v1/handoff/submissions?status=acknowledged', headers: auth });
    assert.ok(acknowledged.json().items.some((i: { id: string }) => i.id === item.id));
    const audited = await h.t.database.db.selectFrom('audit_log').select('action').where('actor_id', '=', client.id).execute();
    for (const action of ['api.token', 'api.submissions.list', 'api.submissions.read', 'api.submissions.file', 'api.submissions.ack']) {
      assert.ok(
        audited.some((a) => a.action === action),
        `${action} is audited`,
      );
    }
  });

  it('pages the list with a cursor and refuses a cursor it did not make', async () => {
    await h.submit();
    await h.submit();
    const auth = await bearer();
    const first = (await h.t.app.inject({ url: '/api/v1/handoff/submissions?limit=1', headers: auth })).json();
    assert.equal(first.items.length, 1);
    assert.ok(first.nextCursor);
    const second = (await h.t.app.inject({ url: `/api/v1/handoff/submissions?limit=1&cursor=${first.nextCursor}`, headers: auth })).json();
    assert.equal(second.items.length, 1);
    assert.ok(second.items[0].submittedAt >= first.items[0].submittedAt, 'oldest first');
    assert.notEqual(second.items[0].id, first.items[0].id);
    const bad = await h.t.app.inject({ url: '/api/v1/handoff/submissions?cursor=abc', headers: auth });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors?.[0]?.parameter, 'cursor', bad.body);
  });

  it('refuses a missing, tampered or expired token (401) and a missing scope (403), as problem+json, audited', async () => {
    const since = await lastAuditId();
    const url = '/api/v1/handoff/submissions';
    const none = await h.t.app.inject({ url });
    assert.equal(none.statusCode, 401);
    // Authentication comes before the parameters: a stranger learns nothing from validation errors.
    const stranger = await h.t.app.inject({ method: 'POST', url: '/api/v1/applications/not-an-id/status', payload: { eventId: '' } });
    assert.equal(stranger.statusCode, 401);
    assert.match(String(none.headers['content-type']), /^application\/problem\+json/);
    assert.match(String(none.headers['www-authenticate']), /^Bearer /);

    const good = (await token()).json().access_token as string;
    const [head, payload, signature] = good.split('.');
    const tampered = `${head}.${payload}.${signature?.slice(0, -2)}${signature?.endsWith('AA') ? 'BB' : 'AA'}`;
    assert.equal((await h.t.app.inject({ url, headers: { authorization: `Bearer ${tampered}` } })).statusCode, 401);

    mock.timers.enable({ apis: ['Date'], now: Date.now() + 10 * 60_000 });
    try {
      const expired = await h.t.app.inject({ url, headers: { authorization: `Bearer ${good}` } });
      assert.equal(expired.statusCode, 401);
      assert.match(expired.json().detail, /expired/);
    } finally {
      mock.timers.reset();
    }

    const readOnly = await bearer('submissions:read');
    const ack = await h.t.app.inject({ method: 'POST', url: `${url}/00000000-0000-4000-8000-000000000000/ack`, headers: readOnly });
    assert.equal(ack.statusCode, 403);
    assert.equal(ack.json().type, 'https://amtsweg.de/problems/forbidden');

    const reasons = (await refusalsSince(since)).map((r) => (r.details as { reason: string }).reason);
    assert.deepEqual(reasons, ['missing', 'missing', 'signature', 'expired', 'scope']);
  });

  it('accepts an API key only with the client certificate it is bound to', async () => {
    const key = await integrations.issueApiKey(client.id, CERT);
    const url = '/api/v1/handoff/submissions';
    const ok = await h.t.app.inject({ url, headers: { authorization: `ApiKey ${key}`, 'x-client-cert-sha256': CERT } });
    assert.equal(ok.statusCode, 200);
    const other = await h.t.app.inject({ url, headers: { authorization: `ApiKey ${key}`, 'x-client-cert-sha256': 'cd'.repeat(32) } });
    assert.equal(other.statusCode, 401);
    assert.match(other.json().detail, /another client certificate/);
  });

  it('takes a status back once per event: timeline, notice and message to the citizen', async () => {
    const reference = await h.submit();
    const [delivery] = await h.deliveriesOf(reference);
    const applicationId = delivery?.application_id ?? '';
    const auth = await bearer();
    const notice = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 32)]).toString('base64');
    const body = {
      eventId: 'park-1-entschieden',
      status: 'entschieden',
      message: 'Ihr Ausweis ist bewilligt. <b>Bescheid</b> anbei.',
      notice: { filename: 'Bescheid.pdf', content: notice },
    };
    const post = (payload: unknown, id = applicationId) =>
      h.t.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/status`, headers: auth, payload: payload as object });
    const first = await post(body);
    assert.equal(first.statusCode, 201, first.body);
    const second = await post(body);
    assert.equal(second.statusCode, 200);
    assert.equal(second.json().duplicate, true);
    const events = await h.t.database.db
      .selectFrom('application_events')
      .select(['status', 'note'])
      .where('application_id', '=', applicationId)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.status),
      ['eingegangen', 'entschieden'],
      'applied once',
    );
    assert.equal(events[1]?.note, body.message);

    await h.t.app.jobs.drain();
    const mail = await h.t.database.db.selectFrom('mails').selectAll().where('subject', '=', `Neuigkeiten zu Ihrem Antrag ${reference}`).executeTakeFirst();
    assert.ok(mail, 'without an account the citizen is told by mail');
    assert.equal(mail.body, body.message);
    assert.deepEqual(
      mail.attachments.map((a) => a.filename),
      ['Bescheid.pdf'],
    );

    assert.equal((await post({ ...body, notice: { filename: 'x.pdf', content: Buffer.from('not a pdf').toString('base64') }, eventId: 'e2' })).statusCode, 422);
    const other = await h.submit();
    const otherId = (await h.deliveriesOf(other))[0]?.application_id;
    assert.equal((await post(body, otherId)).statusCode, 409, 'an event id belongs to one application');
    assert.equal((await post({ ...body, status: 'unbekannt' })).statusCode, 400);
  });

  it('puts the status text and the notice into the postbox of a citizen with an account', async () => {
    const citizen = new Browser(h.t.app);
    await registerAndSignIn(citizen, h.t.database.db, 'konto@example.org');
    const done = await submitParking(citizen, 'konto@example.org');
    const reference = /MST-\d{4}-\d{6}/.exec(done.html)?.[0] ?? '';
    const applicationId = (await h.deliveriesOf(reference))[0]?.application_id;
    const notice = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 32)]);
    const res = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${applicationId}/status`,
      headers: await bearer(),
      payload: {
        eventId: 'konto-1',
        status: 'entschieden',
        message: 'Bewilligt, der Bescheid liegt bei.',
        notice: { filename: 'Bescheid.pdf', content: notice.toString('base64') },
      },
    });
    assert.equal(res.statusCode, 201);
    await h.t.app.jobs.drain();
    const message = await h.t.database.db
      .selectFrom('messages')
      .selectAll()
      .where('application_id', '=', applicationId as string)
      .executeTakeFirstOrThrow();
    assert.equal(message.kind, 'bescheid');
    assert.equal(message.subject, `Neuigkeiten zu Ihrem Antrag ${reference}`);
    assert.equal(message.body, 'Bewilligt, der Bescheid liegt bei.');
    const files = await h.t.database.db.selectFrom('message_attachments').select(['filename', 'size_bytes']).where('message_id', '=', message.id).execute();
    assert.deepEqual(files, [{ filename: 'Bescheid.pdf', size_bytes: notice.length }]);
    const postbox = await citizen.get('/konto/postfach');
    assert.ok(postbox.html.includes(`Neuigkeiten zu Ihrem Antrag ${reference}`));
    const timeline = await citizen.get(`/konto/antraege/${applicationId}`);
    assert.ok(timeline.html.includes('Bewilligt, der Bescheid liegt bei.'), 'the status text is in the timeline');
  });

  it('refuses a status for a service the integration is not responsible for (403, audited)', async () => {
    const since = await lastAuditId();
    const hundesteuer = await h.t.database.db.selectFrom('forms').select('service_id').where('id', '=', 'hundesteuer').executeTakeFirstOrThrow();
    const elsewhere = await h.t.database.db
      .insertInto('applications')
      .values({
        form_id: 'hundesteuer',
        form_version: 1,
        status: 'submitted',
        access_hash: 'x',
        lang: 'de',
        reference: 'MST-2026-999999',
        submitted_at: new Date(),
        case_status: 'eingegangen',
        service_id: hundesteuer.service_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${elsewhere.id}/status`,
      headers: await bearer(),
      payload: { eventId: 'x-1', status: 'in_pruefung', message: 'In Prüfung' },
    });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(
      (await refusalsSince(since)).map((r) => (r.details as { reason: string }).reason),
      ['service'],
    );
  });

  it('documents the integration API in the OpenAPI document', async () => {
    const spec = (await h.t.app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/oauth/token', '/api/v1/handoff/submissions', '/api/v1/handoff/submissions/{id}/ack', '/api/v1/applications/{id}/status'])
      assert.ok(spec.paths[path], path);
    assert.equal(spec.components.securitySchemes.clientCredentials.type, 'oauth2');
    const media = spec.paths['/api/v1/applications/{id}/status'].post.requestBody.content['application/json'];
    assert.equal(media.example.status, 'entschieden', 'with an example');
  });
});
