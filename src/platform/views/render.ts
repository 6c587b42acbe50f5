// Server-side rendering: a Preact element to a complete HTML document (escaped by default).
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

// biome-ignore lint/suspicious/noExplicitAny: any page component, whatever its props
export function renderDocument(page: VNode<any>): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** Sends a rendered page; pages vary by the language cookie. */
// biome-ignore lint/suspicious/noExplicitAny: any page component, whatever its props
export function sendPage(reply: FastifyReply, page: VNode<any>, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('vary', 'Cookie').send(renderDocument(page));
}
