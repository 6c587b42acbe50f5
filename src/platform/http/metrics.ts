// Prometheus metrics: request count and latency by route, database pool, process.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export function registerMetrics(app: FastifyInstance, pool: pg.Pool): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'amtsweg_' });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'amtsweg_http_requests_total', help: 'HTTP requests', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'amtsweg_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const poolGauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  poolGauge('amtsweg_db_pool_connections', 'Open database connections', () => pool.totalCount);
  poolGauge('amtsweg_db_pool_idle', 'Idle database connections', () => pool.idleCount);
  poolGauge('amtsweg_db_pool_waiting', 'Queries waiting for a connection', () => pool.waitingCount);

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: bounded label values and no personal data.
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', registry.contentType).header('cache-control', 'no-store');
    return registry.metrics();
  });
}
