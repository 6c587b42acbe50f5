// Files to the browser: to save (attachment disposition with the name in UTF-8,
// the stored type, no sniffing, no caching: downloads hold personal data) or to preview inline.
import type { FastifyReply } from 'fastify';

export function sendDownload(reply: FastifyReply, file: { filename: string; mediaType: string; data: Buffer | NodeJS.ReadableStream }): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .type(file.mediaType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .send(file.data);
}

/** Types a browser shows itself (PDF viewer, image) and that uploads are checked to be by content. */
export const PREVIEW_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const canPreview = (mediaType: string) => (PREVIEW_TYPES as readonly string[]).includes(mediaType);

/**
 * A file to show inside one of our own pages (preview of an upload): inline, only for the preview
 * types, nothing may load from it, and only our own pages may embed it.
 */
export function sendInline(reply: FastifyReply, file: { filename: string; mediaType: string; data: Buffer }): FastifyReply {
  if (!canPreview(file.mediaType)) return sendDownload(reply, file);
  return reply
    .header('cache-control', 'no-store')
    .type(file.mediaType)
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; frame-ancestors 'self'")
    .header('x-frame-options', 'SAMEORIGIN')
    .send(file.data);
}
