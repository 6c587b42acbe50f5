// The account's data as a ZIP: data.json (everything stored about the account, in plain words as
// keys) and the files: uploads, receipts, message attachments.
import yazl from 'yazl';
import { cleanFilename } from '../applications/index.ts';
import type { BlobStore } from '../platform/storage/index.ts';
import type { Collected } from './store.ts';

/** A name safe inside a ZIP and on any file system (Windows too). */
const safe = (name: string) => cleanFilename(name).replace(/[:*?|/]/g, '_');

export async function exportZip(data: Collected, blobs: BlobStore, exportedAt: Date): Promise<NodeJS.ReadableStream> {
  const zip = new yazl.ZipFile();
  const files: { path: string; key: string }[] = [];
  const applications = data.applications.map((a) => {
    const folder = `antraege/${a.reference ?? `entwurf-${a.id}`}`;
    const uploads = data.uploads.filter((u) => u.application_id === a.id);
    for (const u of uploads) files.push({ path: `${folder}/${safe(`${u.id}-${u.filename}`)}`, key: u.storage_key });
    if (a.receipt_key) files.push({ path: `${folder}/Eingangsbestaetigung-${a.reference}.pdf`, key: a.receipt_key });
    return {
      ...a,
      events: data.events.filter((e) => e.application_id === a.id),
      files: uploads.map((u) => ({
        filename: u.filename,
        mediaType: u.media_type,
        sizeBytes: Number(u.size_bytes),
        field: u.field_path,
        uploadedAt: u.created_at,
      })),
    };
  });
  const messages = data.messages.map((m) => {
    const attachments = data.attachments.filter((f) => f.message_id === m.id);
    for (const f of attachments) files.push({ path: `postfach/${m.id}/${safe(f.filename)}`, key: f.storage_key });
    return { ...m, attachments: attachments.map((f) => ({ filename: f.filename, mediaType: f.media_type, sizeBytes: Number(f.size_bytes) })) };
  });
  const json = { exportedAt, account: data.account, identities: data.identities, sessions: data.sessions, applications, messages };
  zip.addBuffer(Buffer.from(JSON.stringify(json, null, 2)), 'daten.json', { mtime: exportedAt });
  for (const f of files) {
    const content = await blobs.get(f.key);
    if (content) zip.addBuffer(content, f.path, { mtime: exportedAt, compress: false });
  }
  zip.end();
  return zip.outputStream;
}
