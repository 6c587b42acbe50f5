// Structured JSON logs with request ids. Query strings are never logged: search terms and
// form values can be personal data.
import { type Logger, pino } from 'pino';

export function loggerOptions(level: string) {
  return {
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** The process logger: shared by start-up, the HTTP server and later the worker. */
export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
