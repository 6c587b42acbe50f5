// Reads a step posted as multipart/form-data: text fields into the body, files streamed into storage
// one by one with their type and size checked on the way.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type Answers, DEFAULT_FILE_TYPES, fieldAtPath, type ItemError, type RawValues, referencesAt, type Step } from '../forms/index.ts';
import type { Database } from '../platform/db/schema.ts';
import type { BlobStore } from '../platform/storage/index.ts';
import type { ApplicationService } from './service.ts';
import * as store from './store.ts';
import { cleanFilename, storeUpload, UploadRejectedError } from './uploads.ts';

export interface MultipartStep {
  body: RawValues;
  /** New upload ids by field path. */
  refs: Map<string, string[]>;
  errors: ItemError[];
}

function add(body: RawValues, name: string, value: string): void {
  const existing = body[name];
  body[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
}

async function drain(stream: NodeJS.ReadableStream): Promise<void> {
  for await (const _ of stream);
}

const REASONS = { type: 'form.error.fileType', size: 'form.error.fileTooLarge', empty: 'form.error.fileEmpty', total: 'form.error.filesTooLarge' } as const;

export async function readMultipartStep(
  request: FastifyRequest,
  deps: { db: Kysely<Database>; blobs: BlobStore; service: ApplicationService },
  applicationId: string,
  step: Step,
  answers: Answers,
): Promise<MultipartStep> {
  const { maxFileBytes, maxApplicationBytes } = deps.service.settings;
  const result: MultipartStep = { body: {}, refs: new Map(), errors: [] };
  let used = (await store.uploadsOf(deps.db, applicationId)).reduce((sum, u) => sum + u.sizeBytes, 0);
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      add(result.body, part.fieldname, String(part.value));
      continue;
    }
    const field = fieldAtPath(step.items, part.fieldname);
    if (!part.filename || !field || field.type !== 'file') {
      await drain(part.file);
      continue;
    }
    const added = result.refs.get(part.fieldname) ?? [];
    const maxFiles = field.repeat?.max;
    if (maxFiles != null && referencesAt(answers, part.fieldname).length + added.length >= maxFiles) {
      // Refused before storing: the citizen removes a file first, and nothing already stored is lost.
      await drain(part.file);
      result.errors.push({ path: part.fieldname, key: 'form.error.tooManyFiles', params: { name: cleanFilename(part.filename), max: maxFiles } });
      continue;
    }
    const fieldLimit = Math.min(field.validation?.maxFileBytes ?? maxFileBytes, maxFileBytes);
    const budget = maxApplicationBytes - used;
    try {
      // Not destroyed when a check stops reading: the rest is drained below, so the next part can be read.
      const source = part.file.iterator({ destroyOnReturn: false });
      const stored = await storeUpload(
        deps.blobs,
        `uploads/${applicationId}`,
        source,
        field.validation?.fileTypes ?? DEFAULT_FILE_TYPES,
        Math.min(fieldLimit, budget),
      );
      const filename = cleanFilename(part.filename);
      await store.insertUpload(deps.db, applicationId, { ...stored, fieldPath: part.fieldname, filename });
      used += stored.sizeBytes;
      result.refs.set(part.fieldname, [...added, stored.id]);
    } catch (error) {
      if (!(error instanceof UploadRejectedError)) throw error;
      await drain(part.file);
      const reason = error.reason === 'size' && budget < fieldLimit ? 'total' : error.reason;
      result.errors.push({
        path: part.fieldname,
        key: REASONS[reason],
        params: { name: cleanFilename(part.filename), max: Math.round(Math.min(fieldLimit, budget) / 1048576) },
      });
    }
  }
  return result;
}
