// The OZG implementation status as a table for the coordination's own spreadsheets: one row per
// service (maturity, plan, usage) as CSV, and as an XLSX workbook with a second sheet of milestones.
import { type Kysely, sql } from 'kysely';
import writeXlsxFile from 'write-excel-file/node';
import { toCsv } from '../platform/csv.ts';
import type { Database } from '../platform/db/schema.ts';
import { PLAN_STATUSES, PRIORITIES } from './plan.ts';
import { ozgStatus } from './status.ts';
import { usageByService } from './usage.ts';

/** Column headings in German: the people who open the file are the municipality's. */
const COLUMNS = [
  'Leistung',
  'Kurzname',
  'OZG-ID',
  'LeiKa-Schlüssel',
  'Themenfeld',
  'Organisationseinheit',
  'Veröffentlicht',
  'Reifegrad',
  'Reifegrad berechnet',
  'Begründung der Festlegung',
  'Für den nächsten Reifegrad fehlt',
  'Verantwortlich',
  'Priorität',
  'Umsetzungsstatus',
  'Zieltermin',
  'Lösung',
  'Lösung (Adresse/Produkt)',
  'Notizen',
  'Begonnen (12 Monate)',
  'Eingereicht (12 Monate)',
  'Abschlussquote',
  'Bearbeitungszeit Median (Tage)',
] as const;

type Row = Record<(typeof COLUMNS)[number], string | number | null>;

export async function exportRows(db: Kysely<Database>): Promise<Row[]> {
  const [services, usage] = await Promise.all([ozgStatus(db), usageByService(db)]);
  return services.map((s) => {
    const u = usage.get(s.id);
    return {
      Leistung: s.title,
      Kurzname: s.slug,
      'OZG-ID': s.ozgId,
      'LeiKa-Schlüssel': s.leikaKey,
      Themenfeld: s.themenfeld,
      Organisationseinheit: s.organisation,
      Veröffentlicht: s.status === 'published' ? 'ja' : 'nein',
      Reifegrad: s.maturity.level,
      'Reifegrad berechnet': s.maturity.computed,
      'Begründung der Festlegung': s.maturity.override?.reason ?? null,
      'Für den nächsten Reifegrad fehlt': s.maturity.missing.join(', ') || null,
      Verantwortlich: s.plan?.responsiblePerson || null,
      Priorität: s.plan ? PRIORITIES[s.plan.priority] : null,
      Umsetzungsstatus: s.plan ? PLAN_STATUSES[s.plan.status] : null,
      Zieltermin: s.plan?.targetDate ?? null,
      Lösung: s.plan?.solution ?? null,
      'Lösung (Adresse/Produkt)': s.plan?.solutionDetail || null,
      Notizen: s.plan?.notes || null,
      'Begonnen (12 Monate)': u?.started ?? 0,
      'Eingereicht (12 Monate)': u?.submitted ?? 0,
      Abschlussquote: u?.completionRate === null || u === undefined ? null : Math.round(u.completionRate * 1000) / 1000,
      'Bearbeitungszeit Median (Tage)': u?.medianDays ?? null,
    };
  });
}

export const exportCsv = async (db: Kysely<Database>) => toCsv([...COLUMNS], await exportRows(db));

export async function exportXlsx(db: Kysely<Database>): Promise<Buffer> {
  const rows = await exportRows(db);
  const milestones = await db
    .selectFrom('ozg_milestones as m')
    .leftJoin('services as s', 's.id', 'm.service_id')
    .leftJoin('ozg_leistungen as o', 'o.ozg_id', 'm.ozg_id')
    // A milestone of an OZG-Leistung without a local service is named by the Leistung and its OZG-ID.
    .select([sql<string>`coalesce(s.title, o.name || ' (OZG-ID ' || o.ozg_id || ')')`.as('title'), 'm.title as milestone', 'm.due_date', 'm.done_at'])
    .orderBy(sql`1`)
    .orderBy('m.due_date')
    .execute();
  const header = (names: readonly string[]) => names.map((value) => ({ value, fontWeight: 'bold' as const }));
  return writeXlsxFile([
    { sheet: 'Leistungen', data: [header(COLUMNS), ...rows.map((r) => COLUMNS.map((c) => ({ value: r[c] ?? undefined })))] },
    {
      sheet: 'Meilensteine',
      data: [
        header(['Leistung', 'Meilenstein', 'Fällig am', 'Erledigt']),
        ...milestones.map((m) => [{ value: m.title }, { value: m.milestone }, { value: m.due_date }, { value: m.done_at ? 'ja' : 'nein' }]),
      ],
    },
  ]).toBuffer();
}
