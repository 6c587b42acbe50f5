import assert from 'node:assert/strict';
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
        assert.equal(error.problems.length, 4);
        assert.match(error.message, /SESSION_SECRET/);
        assert.match(error.message, /PORT/);
        assert.match(error.message, /DATABASE_URL/);
        assert.match(error.message, /SEED_DEMO/);
        return true;
      },
    );
  });

  it('makes cookies secure in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
    assert.equal(config.cookieSecure, true);
  });
});
