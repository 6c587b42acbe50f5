// File storage behind one interface: PostgreSQL by default, a directory as an option.
export { type BlobStore, BlobTooLargeError, databaseBlobStore, directoryBlobStore, type StoredBlob } from './blob-store.ts';
