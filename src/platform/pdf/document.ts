// Accessible PDF documents: tagged (PDF/UA identification, structure tree, document language and
// title, embedded fonts) and prepared for an e-seal. Text is always set as text, never as markup, so
// whatever a citizen typed appears literally.
import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { woffToSfnt } from './woff.ts';

const FONT_DIR = path.resolve(import.meta.dirname, '../../../node_modules/@kern-ux/native/dist/fonts/noto-sans');
const SIGNATURE_BYTES = 8192;

// pdfkit takes a parsed fontkit font as well as font bytes. Parsing the font tables for every
// document was more than half of a receipt's CPU time (a receipt took ~35 ms, now ~7 ms), so each
// font is parsed once per thread and shared by the documents, which only read it.
type ParsedFont = fontkit.Font;
let fonts: { regular: ParsedFont; bold: ParsedFont } | undefined;

function parseFont(file: string): ParsedFont {
  return fontkit.create(woffToSfnt(fs.readFileSync(path.join(FONT_DIR, file)))) as ParsedFont;
}

/** Noto Sans (shipped with KERN), converted from WOFF and parsed once per thread. */
function noto(): { regular: ParsedFont; bold: ParsedFont } {
  fonts ??= { regular: parseFont('NotoSans-Regular.woff'), bold: parseFont('NotoSans-Bold.woff') };
  return fonts;
}

export interface DocumentInfo {
  title: string;
  lang: 'de' | 'en';
  author: string;
  subject?: string;
}

export interface PdfWriter {
  heading(text: string, level?: 1 | 2 | 3): void;
  paragraph(text: string): void;
  /** A label and its value, e.g. one answer. */
  entry(label: string, value: string): void;
  /** A tagged table: caption, header row, rows of text (columns share the width evenly unless given). */
  table(caption: string, columns: string[], rows: string[][], widths?: number[]): void;
  /** A figure drawn with vector graphics, tagged with its alternative text; `height` in points. */
  figure(alt: string, height: number, draw: (area: { doc: Doc; x: number; y: number; width: number }) => void): void;
  /** Ends a document that is not sealed and returns its bytes. */
  end(): Promise<Buffer>;
  /** Ends the document with an (invisible) signature field and returns its bytes, ready to seal. */
  finish(signer: string, reason: string): Promise<Buffer>;
}

export type Doc = InstanceType<typeof PDFDocument>;

// pdfkit writes a JS string as a PDF name; signpdf expects the ByteRange placeholder as such names.
const BYTE_RANGE_PLACEHOLDER = '**********';

function addSignaturePlaceholder(doc: Doc, signer: string, reason: string): void {
  const signature = doc.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER],
    Contents: new Uint8Array(SIGNATURE_BYTES),
    Reason: new String(reason),
    Name: new String(signer),
    M: new Date(),
  });
  signature.end(undefined);
  const widget = doc.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: signature,
    T: new String('Siegel'),
    TU: new String(reason),
    F: 4,
    P: doc.page.dictionary,
  });
  widget.end(undefined);
  doc.page.annotations.push(widget);
  doc.initForm();
  // biome-ignore lint/suspicious/noExplicitAny: pdfkit keeps the AcroForm dictionary on a private root
  const acroForm = (doc as any)._root.data.AcroForm;
  acroForm.data.SigFlags = 3;
  acroForm.data.Fields.push(widget);
}

export function createPdf(info: DocumentInfo): PdfWriter {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    pdfVersion: '1.7',
    // @ts-expect-error: @types/pdfkit lags pdfkit 0.20, which supports the PDF/UA subset
    subset: 'PDF/UA',
    tagged: true,
    displayTitle: true,
    lang: info.lang === 'de' ? 'de-DE' : 'en-GB',
    info: { Title: info.title, Author: info.author, Subject: info.subject ?? info.title, Creator: 'Amtsweg' },
  });
  // @ts-expect-error: @types/pdfkit lists only font bytes and paths, pdfkit also takes a fontkit font
  doc.registerFont('regular', noto().regular);
  // @ts-expect-error: as above
  doc.registerFont('bold', noto().bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const SIZES = { 1: 18, 2: 14, 3: 12 } as const;

  return {
    heading(text, level = 2) {
      root.add(
        doc.struct(`H${level}`, {}, () => {
          doc.font('bold').fontSize(SIZES[level]).text(text, { paragraphGap: 6 });
        }),
      );
    },
    paragraph(text) {
      root.add(
        doc.struct('P', {}, () => {
          doc.font('regular').fontSize(10.5).text(text, { paragraphGap: 6 });
        }),
      );
    },
    entry(label, value) {
      root.add(
        doc.struct('P', {}, () => {
          doc.font('bold').fontSize(10.5).text(`${label}: `, { continued: true }).font('regular').text(value, { paragraphGap: 4 });
        }),
      );
    },
    table(caption, columns, rows, widths) {
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right;
      const shares = widths ?? columns.map(() => 1);
      const total = shares.reduce((a, b) => a + b, 0);
      const xs = shares.map((_, i) => left + (width * shares.slice(0, i).reduce((a, b) => a + b, 0)) / total);
      const ws = shares.map((w) => (width * w) / total - 6);
      const table = doc.struct('Table');
      root.add(table);
      table.add(
        doc.struct('Caption', {}, () => {
          doc.font('bold').fontSize(10.5).text(caption, left, doc.y, { width, paragraphGap: 4 });
        }),
      );
      const row = (values: string[], tag: 'TH' | 'TD') => {
        const font = tag === 'TH' ? 'bold' : 'regular';
        doc.font(font).fontSize(9);
        const height = Math.max(...values.map((v, i) => doc.heightOfString(v, { width: ws[i] }))) + 4;
        if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
        const y = doc.y;
        const tr = doc.struct('TR');
        table.add(tr);
        values.forEach((v, i) => {
          tr.add(
            doc.struct(tag, {}, () => {
              doc.font(font).fontSize(9).text(v, xs[i], y, { width: ws[i] });
            }),
          );
        });
        tr.end();
        doc.y = y + height;
      };
      row(columns, 'TH');
      for (const r of rows) row(r, 'TD');
      table.end();
      doc.x = left;
      doc.moveDown(0.5);
    },
    figure(alt, height, draw) {
      const left = doc.page.margins.left;
      if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      root.add(
        doc.struct('Figure', { alt }, () => {
          draw({ doc, x: left, y, width: doc.page.width - left - doc.page.margins.right });
        }),
      );
      doc.x = left;
      doc.y = y + height + 6;
    },
    async end() {
      root.end();
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
    async finish(signer, reason) {
      root.end();
      addSignaturePlaceholder(doc, signer, reason);
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}
