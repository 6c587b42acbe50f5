// Logs are structured, carry the request id, and never contain query strings or cookies.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loggedPath, loggerOptions } from '../../src/platform/http/logging.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase('empty');
});
after(async () => database.drop());

describe('request logging', () => {
  it('logs JSON lines with request ids, without query strings or cookies', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).trim().split('\n'));
        done();
      },
    });
    const logger = pino(loggerOptions('info'), sink);
    const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test' }), db: database.db, pool: database.pool, logger });
    await app.inject({ url: '/health?name=Erika+Mustermann', headers: { cookie: 'amtsweg_csrf=secret-cookie', 'x-request-id': 'req-123' } });
    await app.close();
    const entries = lines.map((l) => JSON.parse(l));
    const incoming = entries.find((e) => e.msg === 'incoming request');
    assert.deepEqual(incoming.req, { method: 'GET', path: '/health', id: 'req-123' });
    assert.equal(incoming.reqId, 'req-123');
    const all = lines.join('\n');
    assert.ok(!all.includes('Mustermann'));
    assert.ok(!all.includes('secret-cookie'));
  });
});

describe('logged paths', () => {
  it('mask secret path segments such as invitation links', () => {
    const secret = `${'a'.repeat(40)}b_-`;
    assert.equal(loggedPath(`/digicheck/teilnahme/${secret}/daten?x=1`), '/digicheck/teilnahme/[secret]/daten');
    assert.equal(loggedPath(`/digicheck/teilnahme/${secret}`), '/digicheck/teilnahme/[secret]');
    assert.equal(loggedPath('/backoffice/redaktion/0ab2941e-293f-452d-aaaa-5aed0b5b9f83'), '/backoffice/redaktion/0ab2941e-293f-452d-aaaa-5aed0b5b9f83');
  });
});
