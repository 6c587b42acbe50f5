import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('config', () => {
  it('has working defaults for a fresh clone', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.match(config.dataDir, /data$/);
    assert.equal(config.cookieSecure, false);
  });

  it('reports every problem at once', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', PORT: 'abc', DATABASE_URL: 'mysql://x', SEED_DEMO: 'maybe' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 6);
        assert.match(error.message, /SESSION_SECRET/);
        assert.match(error.message, /SMTP_URL/);
        assert.match(error.message, /SEAL_P12_PATH/);
        assert.match(error.message, /PORT/);
        assert.match(error.message, /DATABASE_URL/);
        assert.match(error.message, /SEED_DEMO/);
        return true;
      },
    );
  });

  it('runs several web processes only with PostgreSQL and without the development IdP', () => {
    const pg = 'postgres://amtsweg@db/amtsweg';
    assert.equal(loadConfig({}).webProcesses, 1);
    assert.equal(loadConfig({ DATABASE_URL: pg, WEB_PROCESSES: '3' }).webProcesses, 3);
    assert.equal(loadConfig({ DATABASE_URL: pg, WEB_PROCESSES: 'auto' }).webProcesses, os.availableParallelism());
    assert.throws(() => loadConfig({ WEB_PROCESSES: '2' }), /WEB_PROCESSES above 1 needs DATABASE_URL/);
    assert.throws(() => loadConfig({ DATABASE_URL: pg, WEB_PROCESSES: '0' }), /WEB_PROCESSES must be an integer between 1 and 64/);
    assert.equal(loadConfig({ DATABASE_URL: pg, WEB_PROCESSES: '2', NODE_ENV: 'development' }).devIdp, undefined, 'no development IdP by default');
    assert.throws(() => loadConfig({ DATABASE_URL: pg, WEB_PROCESSES: '2', DEV_IDP: 'true' }), /DEV_IDP keeps its sign-ins in memory/);
  });

  it('checks the reference prefix, upload limits and the SMTP URL', () => {
    assert.throws(
      () => loadConfig({ REFERENCE_PREFIX: 'mst', MAX_FILE_MB: '0', SMTP_URL: 'http://x' }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 3,
    );
    const config = loadConfig({ REFERENCE_PREFIX: 'KBH', MAX_FILE_MB: '5', DRAFT_DAYS: '14' });
    assert.equal(config.referencePrefix, 'KBH');
    assert.equal(config.maxFileBytes, 5 * 1024 * 1024);
    assert.equal(config.draftDays, 14);
  });

  it('makes cookies secure in production', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      SMTP_URL: 'smtp://mail.example',
      SEAL_P12_PATH: '/etc/amtsweg/seal.p12',
    });
    assert.equal(config.cookieSecure, true);
  });
});
