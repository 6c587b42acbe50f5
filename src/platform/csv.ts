// RFC 4180 CSV: parsing with source line numbers (for import error reports) and writing (for the API).

export interface CsvRecord {
  /** 1-based line in the file where the record starts. */
  line: number;
  values: Record<string, string>;
}

export interface CsvParseResult {
  header: string[];
  records: CsvRecord[];
  /** Records whose field count differs from the header, reported instead of guessed at. */
  malformed: { line: number; reason: string }[];
}

function splitRecords(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') out.push({ line: start, fields });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    out.push({ line: start, fields });
  }
  return out;
}

export function parseCsv(text: string): CsvParseResult {
  const raw = splitRecords(text.replace(/^\uFEFF/, ''));
  const header = raw.shift()?.fields.map((h) => h.trim()) ?? [];
  const records: CsvRecord[] = [];
  const malformed: CsvParseResult['malformed'] = [];
  for (const { line, fields } of raw) {
    if (fields.length !== header.length) {
      malformed.push({ line, reason: `expected ${header.length} fields, found ${fields.length}` });
      continue;
    }
    records.push({ line, values: Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ''])) });
  }
  return { header, records, malformed };
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join('; ') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Serialises flat records; arrays become "a; b", nested objects are not supported by design. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
