// A file for the browser to save, never to render: attachment disposition with the name in UTF-8,
// the stored type, no sniffing, no caching (downloads hold personal data).
import type { FastifyReply } from 'fastify';

export function sendDownload(reply: FastifyReply, file: { filename: string; mediaType: string; data: Buffer | NodeJS.ReadableStream }): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .type(file.mediaType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .send(file.data);
}
