// Reads a postbox form posted as multipart/form-data: text fields, and files streamed into storage
// with type and size checked on the way (the same checks as application uploads).
import type { FastifyRequest } from 'fastify';
import { cleanFilename, type StoredUpload, storeUpload, UploadRejectedError } from '../applications/index.ts';
import { DEFAULT_FILE_TYPES } from '../forms/index.ts';
import type { MessageKey } from '../platform/i18n/index.ts';
import type { BlobStore } from '../platform/storage/index.ts';

export interface PostedFile extends StoredUpload {
  filename: string;
}

export interface PostedForm {
  fields: Record<string, string>;
  files: PostedFile[];
  errors: { key: MessageKey; params: Record<string, string | number> }[];
}

export const MAX_FILES = 10;
const REASONS = { type: 'form.error.fileType', size: 'form.error.fileTooLarge', empty: 'form.error.fileEmpty', total: 'form.error.filesTooLarge' } as const;

async function drain(stream: NodeJS.ReadableStream): Promise<void> {
  for await (const _ of stream);
}

export async function readPostedForm(
  request: FastifyRequest,
  blobs: BlobStore,
  prefix: string,
  limits: { maxFileBytes: number; maxTotalBytes: number },
): Promise<PostedForm> {
  const result: PostedForm = { fields: {}, files: [], errors: [] };
  let used = 0;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      result.fields[part.fieldname] = String(part.value);
      continue;
    }
    if (!part.filename) {
      await drain(part.file);
      continue;
    }
    const name = cleanFilename(part.filename);
    if (result.files.length >= MAX_FILES) {
      await drain(part.file);
      result.errors.push({ key: 'form.error.tooManyFiles', params: { name, max: MAX_FILES } });
      continue;
    }
    const limit = Math.min(limits.maxFileBytes, limits.maxTotalBytes - used);
    try {
      const stored = await storeUpload(blobs, prefix, part.file.iterator({ destroyOnReturn: false }), DEFAULT_FILE_TYPES, limit);
      used += stored.sizeBytes;
      result.files.push({ ...stored, filename: name });
    } catch (error) {
      if (!(error instanceof UploadRejectedError)) throw error;
      await drain(part.file);
      const reason = error.reason === 'size' && limit < limits.maxFileBytes ? 'total' : error.reason;
      result.errors.push({ key: REASONS[reason], params: { name, max: Math.round(limit / 1048576) } });
    }
  }
  return result;
}
