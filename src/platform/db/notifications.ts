// PostgreSQL notifications (LISTEN) on a connection of their own, kept open: when it breaks, the
// subscribers hear `down` at once and `up` when a new connection listens again, because whatever
// was sent in between is lost. Several channels share the one connection.
import pg from 'pg';

export interface Subscriber {
  /** A notification on the channel (sent at the commit of the transaction that sent it). */
  notify(payload: string): void;
  /** Listening (again): notifications from now on arrive. */
  up?(): void;
  /** Not listening: notifications may be lost until the next `up`. */
  down?(): void;
}

export interface Notifications {
  /** Subscribes to a channel; returns how to unsubscribe. */
  on(channel: string, subscriber: Subscriber): () => void;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

export function notifications(
  connection: pg.ClientConfig,
  log: { warn(details: object, message: string): void },
  retry: { firstMs: number; maxMs: number } = { firstMs: 500, maxMs: 30_000 },
): Notifications {
  const subscribers = new Map<string, Set<Subscriber>>();
  let client: pg.Client | undefined;
  let listening = new Set<string>();
  let closed = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  const each = (channels: Iterable<string>, call: (s: Subscriber) => void) => {
    for (const channel of channels) for (const s of subscribers.get(channel) ?? []) call(s);
  };

  async function listen(c: pg.Client, channel: string): Promise<void> {
    await c.query(`LISTEN ${channel}`);
    if (client !== c || listening.has(channel)) return;
    listening.add(channel);
    each([channel], (s) => s.up?.());
  }

  function lost(c: pg.Client, error?: Error): void {
    if (client !== c) return;
    client = undefined;
    const was = listening;
    listening = new Set();
    each(was, (s) => s.down?.());
    c.end().catch(() => {});
    if (closed) return;
    if (error) log.warn({ err: error }, 'database notifications lost; reconnecting');
    const delay = Math.min(retry.maxMs, retry.firstMs * 2 ** failures++);
    timer = setTimeout(connect, delay);
  }

  async function connect(): Promise<void> {
    const c = new pg.Client({ ...connection, keepAlive: true });
    client = c;
    c.on('error', (error) => lost(c, error));
    c.on('end', () => lost(c));
    c.on('notification', (n) => each([n.channel], (s) => s.notify(n.payload ?? '')));
    try {
      await c.connect();
      await Promise.all([...subscribers.keys()].map((channel) => listen(c, channel)));
      failures = 0;
    } catch (error) {
      lost(c, error as Error);
    }
  }

  void connect();
  return {
    on(channel, subscriber) {
      if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
      const set = subscribers.get(channel) ?? new Set();
      subscribers.set(channel, set);
      set.add(subscriber);
      if (listening.has(channel)) subscriber.up?.();
      else if (client && set.size === 1) {
        const c = client;
        listen(c, channel).catch((error) => lost(c, error));
      }
      return () => {
        set.delete(subscriber);
        subscriber.down?.();
      };
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      if (c) {
        lost(c);
        await c.end().catch(() => {});
      }
    },
  };
}
