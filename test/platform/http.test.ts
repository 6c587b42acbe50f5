// Platform behaviour every route inherits: health, metrics, security headers, CSRF, errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp('empty', (app) => {
    // A form post target, as later modules add them, to exercise the shared CSRF check.
    app.get('/test/form', async (_request, reply) => ({ token: reply.csrfToken() }));
    app.post('/test/form', async (_request, reply) => reply.code(303).header('location', '/done').send());
    app.get('/test/boom', async () => {
      throw new Error('secret internal detail');
    });
    app.get('/api/v1/test-boom', async () => {
      throw new Error('secret internal detail');
    });
  });
});
after(async () => t.close());

describe('operations endpoints', () => {
  it('liveness and readiness', async () => {
    const health = await t.app.inject('/health');
    assert.equal(health.statusCode, 200);
    assert.equal(health.json().status, 'ok');
    const ready = await t.app.inject('/ready');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().database, 'ok');
  });

  it('Prometheus metrics by route pattern, pool and process', async () => {
    await t.app.inject('/health');
    const res = await t.app.inject('/metrics');
    assert.match(res.headers['content-type'] as string, /text\/plain/);
    assert.match(res.body, /amtsweg_http_requests_total\{method="GET",route="\/health",status="200"\} \d+/);
    assert.match(res.body, /amtsweg_http_request_duration_seconds_bucket\{le="0.005"/);
    assert.match(res.body, /amtsweg_db_pool_connections \d+/);
    assert.match(res.body, /amtsweg_process_resident_memory_bytes/);
  });
});

describe('security defaults', () => {
  it('strict CSP without inline script or style, and other headers', async () => {
    const res = await t.app.inject('/health');
    const csp = res.headers['content-security-policy'] as string;
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.ok(!csp.includes('unsafe-inline'));
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['x-request-id']);
  });

  it('rejects form posts without a valid CSRF token and accepts the right one', async () => {
    const missing = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      payload: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /Formular abgelaufen/);

    const form = await t.app.inject('/test/form');
    const cookie = String(form.headers['set-cookie']).split(';')[0] as string;
    assert.match(String(form.headers['set-cookie']), /HttpOnly; SameSite=Lax/);
    const { token } = form.json();
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      payload: `_csrf=${token}x`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(wrong.statusCode, 403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      payload: `_csrf=${encodeURIComponent(token)}`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(ok.statusCode, 303);
  });

  it('server errors show a reference, never internals', async () => {
    const page = await t.app.inject('/test/boom');
    assert.equal(page.statusCode, 500);
    assert.match(page.body, /Es ist ein Fehler aufgetreten/);
    assert.match(page.body, new RegExp(page.headers['x-request-id'] as string));
    assert.ok(!page.body.includes('secret internal detail'));
    const api = await t.app.inject('/api/v1/test-boom');
    assert.equal(api.statusCode, 500);
    assert.match(api.headers['content-type'] as string, /problem\+json/);
    assert.ok(!api.body.includes('secret internal detail'));
  });
});
