// Uploaded files: the type is decided by the file's first bytes (magic numbers), never by its name or
// the browser's claim; the size is limited while streaming, so an oversized file is refused as soon
// as it passes the limit and never held in memory.
import crypto from 'node:crypto';
import { type BlobStore, BlobTooLargeError } from '../platform/storage/index.ts';

const SIGNATURES: { type: string; test: (head: Buffer) => boolean }[] = [
  { type: 'application/pdf', test: (h) => h.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', test: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', test: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { type: 'image/gif', test: (h) => ['GIF87a', 'GIF89a'].includes(h.subarray(0, 6).toString('latin1')) },
  {
    type: 'image/tiff',
    test: (h) => h.subarray(0, 4).equals(Buffer.from([0x49, 0x49, 0x2a, 0x00])) || h.subarray(0, 4).equals(Buffer.from([0x4d, 0x4d, 0x00, 0x2a])),
  },
];

export function sniffType(head: Buffer): string | undefined {
  return SIGNATURES.find((s) => s.test(head))?.type;
}

export class UploadRejectedError extends Error {
  constructor(
    readonly reason: 'type' | 'size' | 'empty' | 'total',
    readonly detail: Record<string, string | number> = {},
  ) {
    super(`upload rejected: ${reason}`);
  }
}

const HEAD_BYTES = 16;

/** Passes the stream through after checking its first bytes against the allowed types. */
async function* checkedType(source: AsyncIterable<Uint8Array>, allowed: string[], found: { type?: string }): AsyncGenerator<Buffer> {
  let head = Buffer.alloc(0);
  for await (const chunk of source) {
    if (found.type) {
      yield Buffer.from(chunk);
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < HEAD_BYTES) continue;
    found.type = sniffType(head);
    if (!found.type || !allowed.includes(found.type)) throw new UploadRejectedError('type');
    yield head;
  }
  if (!found.type) {
    if (head.length === 0) throw new UploadRejectedError('empty');
    found.type = sniffType(head);
    if (!found.type || !allowed.includes(found.type)) throw new UploadRejectedError('type');
    yield head;
  }
}

export interface StoredUpload {
  id: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

/** A file name safe to show and to put into a Content-Disposition header. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>]/g, '').trim();
  return cleaned.slice(-150) || 'datei';
}

/** Stores one uploaded file under `${prefix}/<random id>`, checking type and size on the way. */
export async function storeUpload(
  store: BlobStore,
  prefix: string,
  source: AsyncIterable<Uint8Array>,
  allowed: string[],
  maxBytes: number,
): Promise<StoredUpload> {
  const id = crypto.randomBytes(12).toString('base64url');
  const storageKey = `${prefix}/${id}`;
  const found: { type?: string } = {};
  try {
    const blob = await store.put(storageKey, checkedType(source, allowed, found), maxBytes);
    return { id, mediaType: found.type as string, sizeBytes: blob.size, sha256: blob.sha256, storageKey };
  } catch (error) {
    if (error instanceof BlobTooLargeError) throw new UploadRejectedError('size', { max: maxBytes });
    throw error;
  }
}
