// GET /api/v1/handoff/deliveries/:deliveryId/files/:fileId?expires=…&signature=… – a file of a
// delivery through the signed link the webhook carried. Refused when the signature does not match
// (403) or the link has expired (410); every download is audited.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { uploadsOf } from '../../applications/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { API_PREFIX } from '../../platform/http/api.ts';
import { sendDownload } from '../../platform/http/download.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { BlobStore } from '../../platform/storage/index.ts';
import { type LinkSigner, RECEIPT_FILE } from '../links.ts';
import { receiptFilename } from '../package.ts';
import { findDelivery } from '../store.ts';

interface FileLinkDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
  links: LinkSigner;
  receipt: (applicationId: string) => Promise<Buffer | undefined>;
}

type FileRequest = { Params: { deliveryId: string; fileId: string }; Querystring: { expires: number; signature: string } };

export function registerFileLinks(app: FastifyInstance, { db, blobs, links, receipt }: FileLinkDeps): void {
  app.get<FileRequest>(
    `${API_PREFIX}/handoff/deliveries/:deliveryId/files/:fileId`,
    {
      schema: {
        tags: ['Hand-off'],
        summary: 'A file of a webhook delivery, through the signed link in the webhook body',
        params: {
          type: 'object',
          properties: { deliveryId: { type: 'string', format: 'uuid' }, fileId: { type: 'string', maxLength: 100 } },
          required: ['deliveryId', 'fileId'],
        },
        querystring: {
          type: 'object',
          properties: { expires: { type: 'integer', minimum: 0 }, signature: { type: 'string', maxLength: 64 } },
          required: ['expires', 'signature'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const { deliveryId, fileId } = request.params;
      const check = links.check(deliveryId, fileId, request.query.expires, request.query.signature);
      if (check === 'invalid') throw new HttpError(403, 'invalid-link', 'The link is not valid.');
      if (check === 'expired') throw new HttpError(410, 'link-expired', 'The link has expired; the delivery can be sent again from the back office.');
      const delivery = await findDelivery(db, deliveryId);
      if (!delivery) throw new HttpError(404, 'not-found', 'The delivery no longer exists.');
      let file: { filename: string; mediaType: string; data: Buffer } | undefined;
      if (fileId === RECEIPT_FILE) {
        const pdf = await receipt(delivery.applicationId);
        if (pdf) file = { filename: receiptFilename(delivery.reference), mediaType: 'application/pdf', data: pdf };
      } else {
        const upload = (await uploadsOf(db, delivery.applicationId)).find((u) => u.id === fileId);
        const data = upload ? await blobs.get(upload.storageKey) : undefined;
        if (upload && data) file = { filename: upload.filename, mediaType: upload.mediaType, data };
      }
      if (!file) throw new HttpError(404, 'not-found', 'The file no longer exists.');
      await audit(db, {
        actorType: 'integration',
        actorId: `link:${delivery.targetId}`,
        action: 'handoff.file.read',
        objectType: 'application',
        objectId: delivery.applicationId,
        details: { deliveryId, fileId, ip: request.ip },
      });
      return sendDownload(reply, file);
    },
  );
}
