// The catalogue module: the municipality's Leistungen mapped to the federal OZG/LeiKa catalogue,
// the citizen-facing service finder, and the open-data API.
import type { FastifyInstance } from 'fastify';
import { registerCatalogApi } from './api-routes.ts';
import { createCatalogReader } from './reader.ts';
import { registerCatalogPages } from './routes.ts';
import type { Db } from './store.ts';

export {
  type CheckedRow,
  checkRows,
  guessMapping,
  IMPORT_FIELDS,
  type ImportField,
  importContext,
  importRows,
  type Mapping,
  type RowProblem,
} from './csv-import.ts';
export {
  type ContentField,
  diffContent,
  type EditorialState,
  type FieldChange,
  type FieldError,
  type FormFields,
  fieldsOf,
  mayApprove,
  readContent,
  type ServiceContent,
  SLUG,
  slugOf,
  typedKeys,
} from './editorial.ts';
export {
  catalogFacts,
  type EditorialChoices,
  type EditorialListItem,
  editorialChoices,
  editorialList,
  type VersionSummary,
  versionsOf,
} from './editorial-reads.ts';
export {
  approve,
  archiveService,
  confirmReviewed,
  createService,
  discardDraft,
  liveContent,
  returnToDraft,
  saveDraft,
  submitForReview,
} from './editorial-store.ts';
export { FEED_PATH, registerFederationFeed, syncAllSources, syncSource } from './federation.ts';
export { DEMO_SERVICES, type ImportProgress, importOzgCatalog, type OzgImportSummary, seedDemoMunicipality } from './import.ts';
export {
  confirmMatch,
  findMatchedService,
  type MatchSuggestion,
  rejectMatch,
  reviewsDue,
  suggestMatches,
  uncoveredOzgLeistungen,
  unmatchedServices,
} from './matching.ts';
export { countCatalog, linkOnlineService } from './store.ts';

export function registerCatalog(app: FastifyInstance, db: Db, options: { cacheTtlSeconds: number }): void {
  const reader = createCatalogReader(db, options.cacheTtlSeconds);
  registerCatalogPages(app, db, reader);
  registerCatalogApi(app, db, reader);
}
