// Browser scripts built from TypeScript modules the server also runs (so both apply the same rules).
// Built once when the app starts, served with a content hash as ETag; no build step before `npm start`.
import crypto from 'node:crypto';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';

interface Bundle {
  code: string;
  etag: string;
}

// One build per entry and process: every app instance (tests build many) shares it.
const built = new Map<string, Promise<Bundle>>();

function bundle(entry: string): Promise<Bundle> {
  let pending = built.get(entry);
  if (!pending) {
    pending = buildBundle(entry);
    built.set(entry, pending);
    pending.catch(() => built.delete(entry));
  }
  return pending;
}

async function buildBundle(entry: string): Promise<Bundle> {
  const result = await build({ entryPoints: [entry], bundle: true, format: 'iife', target: 'es2020', minify: true, write: false, legalComments: 'none' });
  const code = result.outputFiles[0]?.text ?? '';
  return { code, etag: `"${crypto.createHash('sha256').update(code).digest('base64url').slice(0, 22)}"` };
}

/** Serves the bundle of `entry` at `url`; a build failure stops the start, not a later request. */
export async function registerBundle(app: FastifyInstance, url: string, entry: string): Promise<void> {
  const { code, etag } = await bundle(entry);
  app.get(url, async (request, reply) => {
    reply.header('content-type', 'text/javascript; charset=utf-8').header('etag', etag).header('cache-control', 'public, max-age=3600');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return code;
  });
}
