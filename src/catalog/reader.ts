// The catalogue reads the portal and the API share, behind a short-lived cache: popular searches
// and the taxonomy lists repeat constantly, while the catalogue changes rarely. Edits become
// visible after at most the TTL (SEARCH_CACHE_TTL), on every replica.
import { createCache } from '../platform/cache.ts';
import { searchLeika, searchServices } from './read-store.ts';
import type { SearchQuery } from './search-query.ts';
import type { Db, Page, ServiceFilter } from './store.ts';
import { type LebenslageSummary, listLebenslagen, listThemenfelder, type ThemenfeldSummary } from './taxonomy-store.ts';
import type { LeikaHit, ServiceHit } from './types.ts';

export interface CatalogReader {
  searchServices(query: SearchQuery | undefined, filter: ServiceFilter, limit: number, offset: number): Promise<Page<ServiceHit>>;
  searchLeika(query: SearchQuery, filter: Pick<ServiceFilter, 'themenfeldId' | 'lebenslageId'>, limit: number, offset: number): Promise<Page<LeikaHit>>;
  listThemenfelder(): Promise<ThemenfeldSummary[]>;
  listLebenslagen(themenfeldId?: number): Promise<LebenslageSummary[]>;
}

export function createCatalogReader(db: Db, ttlSeconds: number): CatalogReader {
  const options = { ttlMs: ttlSeconds * 1000, max: 2000 };
  const services = createCache<Page<ServiceHit>>(options);
  const leika = createCache<Page<LeikaHit>>(options);
  const themenfelder = createCache<ThemenfeldSummary[]>(options);
  const lebenslagen = createCache<LebenslageSummary[]>(options);
  return {
    searchServices: (query, filter, limit, offset) =>
      services.get(JSON.stringify([query?.strict, query?.folded, filter, limit, offset]), () => searchServices(db, query, filter, limit, offset)),
    searchLeika: (query, filter, limit, offset) =>
      leika.get(JSON.stringify([query.strict, query.folded, filter, limit, offset]), () => searchLeika(db, query, filter, limit, offset)),
    listThemenfelder: () => themenfelder.get('all', () => listThemenfelder(db)),
    listLebenslagen: (themenfeldId) => lebenslagen.get(String(themenfeldId ?? 'all'), () => listLebenslagen(db, themenfeldId)),
  };
}
