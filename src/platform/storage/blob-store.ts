// Where uploaded files and generated documents live: PostgreSQL (default, so one backup holds
// everything) or a directory. Writes stream with a size limit, so an oversized upload is refused as
// soon as it passes the limit and is never held in memory beyond it.
import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export class BlobTooLargeError extends Error {
  readonly code = 'BLOB_TOO_LARGE';
  constructor(readonly maxBytes: number) {
    super(`More than ${maxBytes} bytes`);
  }
}

export interface StoredBlob {
  size: number;
  sha256: string;
}

export interface BlobStore {
  /** Stores the bytes of `source` under `key`; throws BlobTooLargeError past `maxBytes`. */
  put(key: string, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxBytes: number): Promise<StoredBlob>;
  get(key: string): Promise<Buffer | undefined>;
  delete(keys: string[]): Promise<void>;
}

/** Reads a stream with a running hash and a hard size limit. */
async function* limited(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxBytes: number, out: StoredBlob): AsyncGenerator<Buffer> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of source) {
    out.size += chunk.length;
    if (out.size > maxBytes) throw new BlobTooLargeError(maxBytes);
    hash.update(chunk);
    yield Buffer.from(chunk);
  }
  out.sha256 = hash.digest('hex');
}

export function databaseBlobStore(db: Kysely<Database>): BlobStore {
  return {
    async put(key, source, maxBytes) {
      const info: StoredBlob = { size: 0, sha256: '' };
      const chunks: Buffer[] = [];
      for await (const chunk of limited(source, maxBytes, info)) chunks.push(chunk);
      const data = Buffer.concat(chunks);
      await db
        .insertInto('blobs')
        .values({ key, data })
        .onConflict((oc) => oc.column('key').doUpdateSet({ data }))
        .execute();
      return info;
    },
    async get(key) {
      const row = await db.selectFrom('blobs').select('data').where('key', '=', key).executeTakeFirst();
      return row?.data;
    },
    async delete(keys) {
      if (keys.length > 0) await db.deleteFrom('blobs').where('key', 'in', keys).execute();
    },
  };
}

const SAFE_KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

export function directoryBlobStore(root: string): BlobStore {
  const fileOf = (key: string) => {
    if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key "${key}"`);
    return path.join(root, key);
  };
  return {
    async put(key, source, maxBytes) {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${crypto.randomUUID()}.part`;
      const info: StoredBlob = { size: 0, sha256: '' };
      try {
        await fs.writeFile(temp, limited(source, maxBytes, info));
        await fs.rename(temp, file);
      } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
      }
      return info;
    },
    async get(key) {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of createReadStream(fileOf(key))) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => fs.rm(fileOf(key), { force: true })));
    },
  };
}
