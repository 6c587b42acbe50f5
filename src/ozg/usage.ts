// Usage of the online services over the last twelve months: applications started and submitted per
// month, the completion rate, and the median time from receipt to decision in the back office.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.ts';

export interface MonthUsage {
  /** YYYY-MM-01 */
  month: string;
  started: number;
  submitted: number;
}

export interface ServiceUsage {
  serviceId: string;
  months: MonthUsage[];
  started: number;
  submitted: number;
  /** Submitted per started, 0–1; null without starts. */
  completionRate: number | null;
  /** Days from receipt to the first decision (entschieden/abgeschlossen), median; null without decisions. */
  medianDays: number | null;
}

/** The first days of the last twelve months, oldest first. */
export function lastTwelveMonths(now = new Date()): string[] {
  return Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + i, 1)).toISOString().slice(0, 10));
}

/** Usage per service with any; `serviceId` limits the reads to one service (its page). */
export async function usageByService(db: Kysely<Database>, serviceId?: string, now = new Date()): Promise<Map<string, ServiceUsage>> {
  const months = lastTwelveMonths(now);
  const from = months[0] as string;
  const [starts, submitted, processing] = await Promise.all([
    db
      .selectFrom('form_starts as fs')
      .innerJoin('forms as f', 'f.id', 'fs.form_id')
      .select(['f.service_id', sql<string>`fs.month::text`.as('month'), sql<number>`sum(fs.started)::int`.as('n')])
      .where('fs.month', '>=', from)
      .where('f.service_id', 'is not', null)
      .$if(serviceId !== undefined, (q) => q.where('f.service_id', '=', serviceId as string))
      .groupBy(['f.service_id', 'fs.month'])
      .execute(),
    db
      .selectFrom('applications')
      .select(['service_id', sql<string>`date_trunc('month', submitted_at)::date::text`.as('month'), sql<number>`count(*)::int`.as('n')])
      .where('status', '=', 'submitted')
      .where('submitted_at', '>=', sql<Date>`${from}::date`)
      .where('service_id', 'is not', null)
      .$if(serviceId !== undefined, (q) => q.where('service_id', '=', serviceId as string))
      .groupBy(['service_id', sql`2`])
      .execute(),
    sql<{ service_id: string; days: number | null }>`
      SELECT a.service_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided - a.submitted_at) / 86400) AS days
      FROM applications a
      JOIN LATERAL (
        SELECT min(created_at) AS decided FROM application_events e WHERE e.application_id = a.id AND e.status IN ('entschieden', 'abgeschlossen')
      ) d ON d.decided IS NOT NULL
      WHERE a.status = 'submitted' AND a.submitted_at >= ${from}::date AND a.service_id IS NOT NULL AND ${serviceId === undefined ? sql`true` : sql`a.service_id = ${serviceId}`}
      GROUP BY a.service_id
    `.execute(db),
  ]);
  const usage = new Map<string, ServiceUsage>();
  const of = (serviceId: string) => {
    let u = usage.get(serviceId);
    if (!u) {
      u = { serviceId, months: months.map((month) => ({ month, started: 0, submitted: 0 })), started: 0, submitted: 0, completionRate: null, medianDays: null };
      usage.set(serviceId, u);
    }
    return u;
  };
  for (const r of starts) {
    const m = of(r.service_id as string).months.find((x) => x.month === r.month);
    if (m) m.started += Number(r.n);
  }
  for (const r of submitted) {
    const m = of(r.service_id as string).months.find((x) => x.month === r.month);
    if (m) m.submitted += Number(r.n);
  }
  for (const r of processing.rows) of(r.service_id).medianDays = r.days === null ? null : Math.round(Number(r.days) * 10) / 10;
  for (const u of usage.values()) {
    u.started = u.months.reduce((n, m) => n + m.started, 0);
    u.submitted = u.months.reduce((n, m) => n + m.submitted, 0);
    u.completionRate = u.started > 0 ? Math.min(1, u.submitted / u.started) : null;
  }
  return usage;
}
