// One pg.Pool per process, over embedded PGlite or a real PostgreSQL server; Kysely on top of that pool.

import crypto from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './lock.ts';
import type { Database } from './schema.ts';
import { timestamptzParser } from './timestamps.ts';

export interface DatabaseOptions {
  /** PostgreSQL connection string; without it PGlite is used. */
  url?: string;
  /** PGlite data directory; undefined = in memory (tests). */
  dataDir?: string;
  poolMax?: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

// Typo tolerance: the default word-similarity threshold (0.6) misses common misspellings.
const SESSION_SETUP = 'SET pg_trgm.word_similarity_threshold = 0.5';

// bigint (count(*)) as number: our counts stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));
// date as plain ISO string, no time-zone shift.
pg.types.setTypeParser(1082, (value) => value);
// timestamptz: the usual form read directly (see timestamps.ts).
pg.types.setTypeParser(1184, timestamptzParser(pg.types.getTypeParser(1184)));

async function openPglite(dataDir: string | undefined): Promise<{ pool: pg.Pool; close: () => Promise<void> }> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const lite = await PGlite.create({ dataDir, extensions: { pg_trgm, unaccent, btree_gin } });
    const pool = new pg.Pool(Object.assign(createPgConfig(lite), { max: 1 }));
    // Kysely ends the pool; this closes what lies beneath it.
    return {
      pool,
      close: async () => {
        await lite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

// Planning the search query costs twice its execution (measured: 2 ms vs 1 ms). Named statements
// are prepared once per connection and reuse PostgreSQL's cached plan. Only DML is named: the set of
// distinct texts is bounded by the code, as values always travel as parameters.
const DML = /^\s*(select|with|insert|update|delete)\b/i;

/**
 * Put in front of a query's columns (`.modifyFront(PLAN_EACH_TIME)`) whose best plan depends on a
 * parameter's value, e.g. how many cases a searched word matches: such a query is sent unnamed and
 * planned with its values at every execution, never with a prepared statement's generic plan.
 */
const PLAN_EACH_TIME_TEXT = '/* plan each time */';
export const PLAN_EACH_TIME = sql.raw(PLAN_EACH_TIME_TEXT);

// Names remembered per text (hashing each query cost ~1 % of a busy server's CPU); a safety cap
// in case some code path ever builds unbounded texts.
const statementNames = new Map<string, string>();
const STATEMENT_NAMES_MAX = 5000;

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `a${crypto.createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    if (statementNames.size >= STATEMENT_NAMES_MAX) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect();
      return {
        // Cursors (streaming) and DDL pass through unchanged.
        query: ((text: unknown, values?: readonly unknown[]) =>
          typeof text === 'string' && DML.test(text) && !text.includes(PLAN_EACH_TIME_TEXT)
            ? client.query({ name: statementName(text), text, values: values as unknown[] })
            : client.query(text as string, values as unknown[])) as unknown as PostgresPoolClient['query'],
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
  };
}

// The pools on a PostgreSQL server: other processes may share the database, and a connection of its
// own can listen to their notifications. PGlite has one process and one connection.
const serverConnections = new WeakMap<pg.Pool, pg.ClientConfig>();

/** How to open one more connection to the server of `pool`, or nothing on PGlite. */
export const serverConnectionOf = (pool: pg.Pool): pg.ClientConfig | undefined => serverConnections.get(pool);

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const opened = options.url
    ? (() => {
        const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax ?? 10 });
        serverConnections.set(pool, { connectionString: options.url });
        return { pool, close: async () => {} };
      })()
    : await openPglite(options.dataDir);
  const { pool } = opened;
  // An idle connection that breaks (server restart, connection terminated) is dropped by the pool and
  // replaced on next use; unhandled, its error would end the process.
  pool.on('error', (error) => process.emitWarning(`database connection lost while idle: ${error.message}`));
  pool.on('connect', (client) => {
    client.query(SESSION_SETUP).catch(() => {
      // The extension may not exist yet before the first migration; the next connection sets it.
    });
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return {
    db,
    pool,
    kind: options.url ? 'postgres' : 'pglite',
    close: async () => {
      await db.destroy().catch(() => {});
      await opened.close().catch(() => {});
    },
  };
}
