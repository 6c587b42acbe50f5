// The postbox (Behördenpostfach): messages and notices from the authority to a citizen's account,
// replies and documents handed in. The back office sends through `send`; the header counts `unread`.
import type { FastifyInstance } from 'fastify';
import { registerPostboxRoutes } from './routes.tsx';
import { type PostboxDeps, postboxService } from './service.ts';

export { NoPostboxError, type OutgoingMessage, type PostboxService, type PostboxSettings } from './service.ts';

export function registerPostbox(app: FastifyInstance, deps: PostboxDeps) {
  const service = postboxService(deps);
  registerPostboxRoutes(app, { db: deps.db, blobs: deps.blobs, service });
  return service;
}
