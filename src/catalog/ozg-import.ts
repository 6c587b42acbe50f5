// Reads the federal OZG catalogue (Themenfelder, Lebenslagen, OZG-Leistungen, LeiKa mapping) from CSV files
// and validates every row; bad rows are reported by file and line, never imported and never fatal.
import fs from 'node:fs/promises';
import path from 'node:path';
import { type CsvRecord, parseCsv } from '../platform/csv.ts';
import type { LebenslageRow, LeikaRow, OzgLeistungRow, ThemenfeldRow } from './types.ts';

export interface ImportProblem {
  file: string;
  line: number;
  reason: string;
}

export interface OzgCatalogData {
  themenfelder: ThemenfeldRow[];
  lebenslagen: LebenslageRow[];
  ozgLeistungen: OzgLeistungRow[];
  leika: LeikaRow[];
  problems: ImportProblem[];
}

export const OZG_FILES = {
  themenfelder: 'themenfelder.csv',
  lebenslagen: 'lebenslagen.csv',
  ozgLeistungen: 'ozg_leistungen.csv',
  leika: 'ozg_leika_zuordnung.csv',
} as const;

const LEIKA_KEY = /^99\d{12}$/;

function positiveInt(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
}

function flag(value: string | undefined): boolean | undefined {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false' || value === '' || value === undefined) return false;
  return undefined;
}

function emptyToNull(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

type RowParser<T> = (values: Record<string, string>) => T | string;

function collect<T>(file: string, text: string, required: string[], parse: RowParser<T>, problems: ImportProblem[]): T[] {
  const csv = parseCsv(text);
  const missing = required.filter((c) => !csv.header.includes(c));
  if (missing.length > 0) {
    problems.push({ file, line: 1, reason: `missing column(s): ${missing.join(', ')}` });
    return [];
  }
  for (const m of csv.malformed) problems.push({ file, ...m });
  const rows: T[] = [];
  for (const record of csv.records as CsvRecord[]) {
    const result = parse(record.values);
    if (typeof result === 'string') problems.push({ file, line: record.line, reason: result });
    else rows.push(result);
  }
  return rows;
}

/** Validates the four catalogue files; references between them are checked too. */
export function parseOzgCatalog(files: Record<keyof typeof OZG_FILES, string>): OzgCatalogData {
  const problems: ImportProblem[] = [];
  const themenfelder = collect(
    OZG_FILES.themenfelder,
    files.themenfelder,
    ['themenfeld_id', 'themenfeld', 'fim_portal_slug'],
    (v) => {
      const id = positiveInt(v.themenfeld_id);
      if (!id) return `invalid themenfeld_id "${v.themenfeld_id}"`;
      if (!v.themenfeld?.trim()) return 'empty themenfeld name';
      if (!/^[a-z_]+$/.test(v.fim_portal_slug ?? '')) return `invalid fim_portal_slug "${v.fim_portal_slug}"`;
      return { id, name: v.themenfeld.trim(), slug: v.fim_portal_slug as string };
    },
    problems,
  );
  const themenfeldIds = new Set(themenfelder.map((t) => t.id));
  const lebenslagen = collect(
    OZG_FILES.lebenslagen,
    files.lebenslagen,
    ['lebenslage_id', 'lebenslage', 'themenfeld_id'],
    (v) => {
      const id = positiveInt(v.lebenslage_id);
      const themenfeldId = positiveInt(v.themenfeld_id);
      if (!id) return `invalid lebenslage_id "${v.lebenslage_id}"`;
      if (!v.lebenslage?.trim()) return 'empty lebenslage name';
      if (!themenfeldId || !themenfeldIds.has(themenfeldId)) return `unknown themenfeld_id "${v.themenfeld_id}"`;
      return { id, name: v.lebenslage.trim(), themenfeldId };
    },
    problems,
  );
  const lebenslageIds = new Set(lebenslagen.map((l) => l.id));
  const ozgLeistungen = collect(
    OZG_FILES.ozgLeistungen,
    files.ozgLeistungen,
    ['ozg_id', 'ozg_leistung', 'lebenslage_id', 'themenfeld_id'],
    (v) => {
      const ozgId = positiveInt(v.ozg_id);
      const lebenslageId = positiveInt(v.lebenslage_id);
      const themenfeldId = positiveInt(v.themenfeld_id);
      if (!ozgId || ozgId < 10000 || ozgId > 99999) return `invalid ozg_id "${v.ozg_id}"`;
      if (!v.ozg_leistung?.trim()) return 'empty ozg_leistung name';
      if (!lebenslageId || !lebenslageIds.has(lebenslageId)) return `unknown lebenslage_id "${v.lebenslage_id}"`;
      if (!themenfeldId || !themenfeldIds.has(themenfeldId)) return `unknown themenfeld_id "${v.themenfeld_id}"`;
      return { ozgId, name: v.ozg_leistung.trim(), lebenslageId, themenfeldId };
    },
    problems,
  );
  const ozgIds = new Set(ozgLeistungen.map((o) => o.ozgId));
  const seenKeys = new Set<string>();
  const leika = collect(
    OZG_FILES.leika,
    files.leika,
    ['leistungsschluessel', 'leistungsbezeichnung', 'ozg_id', 'leika_typisierung'],
    (v): LeikaRow | string => {
      const key = emptyToNull(v.leistungsschluessel);
      const ozgId = positiveInt(v.ozg_id);
      const name = v.leistungsbezeichnung?.trim() ?? '';
      if (key !== null && !LEIKA_KEY.test(key)) return `invalid leistungsschluessel "${key}" (expected 14 digits starting with 99)`;
      if (!name) return 'empty leistungsbezeichnung';
      if (v.ozg_id?.trim() && (!ozgId || !ozgIds.has(ozgId))) return `unknown ozg_id "${v.ozg_id}"`;
      const sdg1 = flag(v.sdg1_relevant);
      const sdg2 = flag(v.sdg2_relevant);
      if (sdg1 === undefined || sdg2 === undefined) return 'sdg1_relevant/sdg2_relevant must be 0 or 1';
      const catalogKey = key ?? `${ozgId ?? '-'}|${name}`;
      if (seenKeys.has(catalogKey)) return `duplicate entry ${key ? `for key ${key}` : `"${name}" in OZG-Leistung ${ozgId}`}`;
      seenKeys.add(catalogKey);
      return {
        catalogKey,
        leistungsschluessel: key,
        name,
        ozgId: ozgId ?? null,
        typisierung: emptyToNull(v.leika_typisierung),
        rechtsgrundlage: emptyToNull(v.rechtsgrundlage),
        gesetze: emptyToNull(v.gesetze),
        gesetzKuerzel: emptyToNull(v.gesetz_kuerzel),
        sdg1Relevant: sdg1,
        sdg2Relevant: sdg2,
      };
    },
    problems,
  );
  return { themenfelder, lebenslagen, ozgLeistungen, leika, problems };
}

export async function readOzgCatalog(dir: string): Promise<OzgCatalogData> {
  const names = Object.keys(OZG_FILES) as (keyof typeof OZG_FILES)[];
  const results = await Promise.allSettled(names.map((k) => fs.readFile(path.join(dir, OZG_FILES[k]), 'utf8')));
  // Every unreadable file, in catalogue order, so the operator can fix them all at once.
  const failures = results.flatMap((r, i) =>
    r.status === 'rejected' ? [`${path.join(dir, OZG_FILES[names[i] as keyof typeof OZG_FILES])}: ${(r.reason as Error).message}`] : [],
  );
  if (failures.length > 0) throw new Error(`Cannot read ${failures.join('; ')}`);
  const texts = results.map((r) => (r.status === 'fulfilled' ? r.value : ''));
  return parseOzgCatalog(Object.fromEntries(names.map((k, i) => [k, texts[i] ?? ''])) as Record<keyof typeof OZG_FILES, string>);
}
