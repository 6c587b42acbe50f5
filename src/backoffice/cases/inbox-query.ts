// The inbox's query string as a filter, shared by the inbox page and the inbox API: dates as
// TT.MM.JJJJ, ids checked, the keyset cursor ("nach") as "<sort key ISO>~<id>".
import type { Kysely } from 'kysely';
import { audit } from '../../platform/audit/index.ts';
import type { CaseStatus, Database } from '../../platform/db/schema.ts';
import { germanDate } from '../../platform/i18n/index.ts';
import type { InboxFilter, InboxRow } from './inbox-store.ts';
import { isCaseStatus, OPEN_STATUSES } from './workflow.ts';

export interface InboxQuery {
  status?: string;
  service?: string;
  assignee?: string;
  overdue?: string;
  from?: string;
  to?: string;
  q?: string;
  sort?: string;
  nach?: string;
}

export const PAGE_SIZE = 50;
const UUID = /^[0-9a-f-]{36}$/;
/** A timestamp as PostgreSQL writes it (`2026-11-23 16:40:12.123456+00`) or in ISO 8601. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;

/** The filter for one page of the inbox, and the parameters that are not valid dates. */
export function inboxFilter(q: InboxQuery, staff: { id: string; organisationIds: string[] }): { filter: InboxFilter; invalid: ('from' | 'to')[] } {
  const from = germanDate(q.from);
  const to = germanDate(q.to);
  const sort = q.sort === 'oldest' || q.sort === 'due' ? q.sort : 'newest';
  const [afterKey, afterId] = (q.nach ?? '').split('~');
  const filter: InboxFilter = {
    organisationIds: staff.organisationIds,
    staffId: staff.id,
    status: isCaseStatus(q.status) ? q.status : undefined,
    serviceId: q.service && UUID.test(q.service) ? q.service : undefined,
    assignee: q.assignee === 'me' || q.assignee === 'none' || UUID.test(q.assignee ?? '') ? q.assignee : undefined,
    overdue: q.overdue === '1',
    from: from ?? undefined,
    to: to ? new Date(to.getTime() + 86_400_000) : undefined,
    q: q.q?.trim().slice(0, 200) || undefined,
    sort,
    after: afterKey && afterId && TIMESTAMP.test(afterKey) && UUID.test(afterId) ? { key: afterKey, id: afterId } : undefined,
    // One more than a page: whether there is a next one.
    limit: PAGE_SIZE + 1,
  };
  return { filter, invalid: [...(from === null ? ['from' as const] : []), ...(to === null ? ['to' as const] : [])] };
}

/** The rows of this page and the cursor of the next one, if there is one. */
export function pageOf(found: InboxRow[]): { rows: InboxRow[]; next?: string } {
  const rows = found.slice(0, PAGE_SIZE);
  const last = rows.at(-1);
  return { rows, next: found.length > PAGE_SIZE && last?.sortKey ? `${last.sortKey}~${last.id}` : undefined };
}

export const isOverdue = (due: Date | null, status: CaseStatus) => Boolean(due && due < new Date() && OPEN_STATUSES.includes(status));

/** Reading a list of applicants is reading personal data: the audit log names the query and the cases shown. */
export const auditInboxRead = (db: Kysely<Database>, staffId: string, query: InboxQuery, rows: InboxRow[], via: 'page' | 'api') =>
  audit(db, {
    actorType: 'staff',
    actorId: staffId,
    action: 'inbox.read',
    objectType: 'inbox',
    objectId: staffId,
    details: { via, query, cases: rows.map((r) => r.id) },
  });
