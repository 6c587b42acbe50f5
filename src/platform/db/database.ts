// One pg.Pool per process, over embedded PGlite or a real PostgreSQL server; Kysely on top of that pool.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './lock.ts';
import type { Database } from './schema.ts';

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

async function openPglite(dataDir: string | undefined): Promise<{ pool: pg.Pool; close: () => Promise<void> }> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const lite = await PGlite.create({ dataDir, extensions: { pg_trgm, unaccent } });
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

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const opened = options.url
    ? (() => {
        const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax ?? 10 });
        return { pool, close: async () => {} };
      })()
    : await openPglite(options.dataDir);
  const { pool } = opened;
  pool.on('connect', (client) => {
    client.query(SESSION_SETUP).catch(() => {
      // The extension may not exist yet before the first migration; the next connection sets it.
    });
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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
