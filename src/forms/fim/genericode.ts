// Reads an OASIS genericode 1.0 code list (as the FIM tooling exports them) into code/name entries.
import { FimImportError } from './model.ts';
import { child, childrenNamed, parseXml, textOf, type XmlElement, XmlSyntaxError } from './xml.ts';

const GENERICODE_NS = 'http://docs.oasis-open.org/codelist/ns/genericode/1.0/';

export interface CodeListEntry {
  code: string;
  name: string;
  /** Every column of the row by column id. */
  columns: Record<string, string>;
}

export interface CodeList {
  shortName: string;
  longName: string;
  version: string;
  /** What XDatenfelder references as `canonicalIdentification`. */
  canonicalUri: string;
  canonicalVersionUri: string;
  codeColumn: string;
  nameColumn: string;
  entries: CodeListEntry[];
}

function keyColumn(columnSet: XmlElement, shortName: string): string | undefined {
  const key = childrenNamed(columnSet, 'Key').find((k) => textOf(k, 'ShortName').toLowerCase() === shortName.toLowerCase());
  return key ? child(key, 'ColumnRef')?.attributes.Ref : undefined;
}

/** What resolving a code-list reference needs; stored lists keep only this. */
export type CodeListOptions = Pick<CodeList, 'canonicalUri' | 'canonicalVersionUri' | 'version' | 'shortName' | 'longName' | 'entries'>;

/** Parses genericode XML; throws FimImportError naming the problem. */
export function parseGenericode(xml: string): CodeList {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new FimImportError('not-xml', `Die Datei ist kein wohlgeformtes XML: ${error.message}`);
    throw error;
  }
  const namespace = root.attributes[root.prefix ? `xmlns:${root.prefix}` : 'xmlns'];
  if (root.name !== 'CodeList' || namespace !== GENERICODE_NS) {
    throw new FimImportError('not-fim', `Die Datei ist keine genericode-1.0-Codeliste (Wurzelelement „${root.name}“)`);
  }
  const ident = child(root, 'Identification');
  const columnSet = child(root, 'ColumnSet');
  const list = child(root, 'SimpleCodeList');
  if (!ident || !columnSet || !list) throw new FimImportError('missing-element', 'Identification, ColumnSet oder SimpleCodeList fehlt', 'CodeList');
  const columns = childrenNamed(columnSet, 'Column').map((c) => c.attributes.Id ?? '');
  const codeColumn = keyColumn(columnSet, 'CodeKey') ?? columns[0];
  if (!codeColumn) throw new FimImportError('missing-element', 'Die Codeliste hat keine Spalten', 'CodeList/ColumnSet');
  const nameColumn = keyColumn(columnSet, 'CodenameKey') ?? columns.find((c) => c !== codeColumn) ?? codeColumn;
  const seen = new Set<string>();
  const entries = childrenNamed(list, 'Row').map((row, i) => {
    const values = Object.fromEntries(childrenNamed(row, 'Value').map((v) => [v.attributes.ColumnRef ?? '', textOf(v, 'SimpleValue')]));
    const code = values[codeColumn] ?? '';
    const where = `CodeList/SimpleCodeList/Row[${i + 1}]`;
    if (!code) throw new FimImportError('empty-element', 'Eine Zeile hat keinen Code', where);
    if (seen.has(code)) throw new FimImportError('duplicate-element', `Der Code „${code}“ kommt mehrfach vor`, where);
    seen.add(code);
    return { code, name: values[nameColumn] || code, columns: values };
  });
  return {
    shortName: textOf(ident, 'ShortName'),
    longName: textOf(ident, 'LongName'),
    version: textOf(ident, 'Version'),
    canonicalUri: textOf(ident, 'CanonicalUri'),
    canonicalVersionUri: textOf(ident, 'CanonicalVersionUri'),
    codeColumn,
    nameColumn,
    entries,
  };
}
