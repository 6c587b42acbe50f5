// Structured JSON logs with request ids. Query strings are never logged: search terms and
// form values can be personal data. Path segments that are secrets as platform/secrets.ts makes them
// (invitation links and the like) are logged masked.
import { type Logger, pino } from 'pino';

/** The path of a URL as logged: no query, secret segments masked. */
export const loggedPath = (url: string) => (url.split('?')[0] ?? '').replace(/\/[A-Za-z0-9_-]{43}(?=\/|$)/g, '/[secret]');

export function loggerOptions(level: string) {
  return {
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: loggedPath(req.url), id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** The process logger: shared by start-up, the HTTP server and later the worker. */
export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
