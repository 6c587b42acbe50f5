// Test databases: in-memory PGlite by default; with DATABASE_URL a fresh PostgreSQL database per
// test file (created and dropped here), so files can run in parallel against one server.
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { importOzgCatalog } from '../../src/catalog/index.ts';
import { seedDemo } from '../../src/demo.ts';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

export const OZG_DIR = path.resolve(import.meta.dirname, '../../seed/ozg');

export interface TestDatabase extends DatabaseHandle {
  drop(): Promise<void>;
}

/** A new, empty PostgreSQL database on the server of `url`, and how to drop it. */
export async function createPostgresDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `amtsweg_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const drop = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
  return { url: dbUrl.toString(), drop };
}

export async function createTestDatabase(content: 'empty' | 'catalog' | 'demo' = 'empty'): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  let handle: DatabaseHandle;
  let drop = async () => {};
  if (url) {
    const fresh = await createPostgresDatabase(url);
    handle = await openDatabase({ url: fresh.url, poolMax: 4 });
    drop = fresh.drop;
  } else {
    handle = await openDatabase({});
  }
  await migrateToLatest(handle.db as never);
  if (content !== 'empty') await importOzgCatalog(handle.db, OZG_DIR);
  if (content === 'demo') await seedDemo(handle.db);
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      await drop();
    },
  };
}
