// Receivers on loopback for hand-off tests and the benchmark: a webhook endpoint that checks the
// signature and counts what arrives per idempotency key, and can be told to be down.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../src/handoff/index.ts';

export interface ReceivedWebhook {
  key: string;
  attempt: number;
  signature: ReturnType<typeof verifySignature>;
  body: Record<string, unknown>;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every request that was answered 2xx, in order. */
  received: ReceivedWebhook[];
  /** How many requests came in, answered or refused. */
  requests: number;
  /** Answer 503 to the next n requests (Infinity: stay down). */
  down(n: number): void;
  secret: string;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret = ''): Promise<WebhookReceiver> {
  let downFor = 0;
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    requests: 0,
    secret,
    down: (n) => {
      downFor = n;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.requests++;
      if (downFor > 0) {
        downFor--;
        res.writeHead(503).end('down for maintenance');
        return;
      }
      const raw = Buffer.concat(chunks);
      const signature = verifySignature(receiver.secret, req.headers['amtsweg-signature'] as string | undefined, raw);
      if (signature !== 'valid') {
        res.writeHead(401).end(signature);
        return;
      }
      receiver.received.push({
        key: String(req.headers['idempotency-key']),
        attempt: Number(req.headers['amtsweg-attempt']),
        signature,
        body: JSON.parse(raw.toString()) as Record<string, unknown>,
        at: Date.now(),
      });
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
