// An app over a test database, for in-process HTTP tests through app.inject().
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function createTestApp(
  content: 'empty' | 'catalog' | 'demo' = 'demo',
  prepare?: (app: FastifyInstance) => void,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const database = await createTestDatabase(content);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env });
  const app = await buildApp({ config, db: database.db, pool: database.pool });
  prepare?.(app);
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** Text content of the first match of a simple tag, for assertions on rendered HTML. */
export function textOf(html: string, tag: string): string | undefined {
  const match = html.match(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`));
  return match?.[1]?.replace(/<[^>]+>/g, '').trim();
}
