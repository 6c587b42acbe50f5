// RFC 9457 problem details for the API; one place maps errors to HTTP.
import type { FastifyReply } from 'fastify';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** For 400s: the offending parameters. */
  errors?: { parameter: string; detail: string }[];
}

const TYPE_BASE = 'https://amtsweg.de/problems/';

export function problem(status: number, slug: string, title: string, extra: Partial<Problem> = {}): Problem {
  return { type: `${TYPE_BASE}${slug}`, title, status, ...extra };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(p));
}

/** Domain and validation errors that carry a stable code and an HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: Problem['errors'],
  ) {
    super(message);
  }
}
