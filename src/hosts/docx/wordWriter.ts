/**
 * Writes a WordDoc (src/sheets/attachments/wordDocs.ts) as a real .docx with the `docx` package: A4
 * (portrait or landscape as the sheet), 宋体, the title, the 公示时间 and 监督电话 lines, the table with
 * its header row repeated on every page (w:tblHeader) and rows that do not break across pages, the
 * notes, then the 落款 and date on the right. Loaded lazily by the pane (its own chunk).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { textWidth } from '../../sheets/attachments/model';
import type { ModelCell, ModelColumn } from '../../sheets/attachments/model';
import type { WordDoc } from '../../sheets/attachments/wordDocs';

/** A4 in twentieths of a point (w:pgSz), portrait. */
export const A4_TWIPS = { width: 11906, height: 16838 };
/** 2 cm margins left/right, 2.5 cm top/bottom. */
const MARGIN = { side: 1134, topBottom: 1417 };
const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
/** Half-points: 16 pt title, 12 pt lines, 10.5 pt (五号) table or 9 pt for a wide one. */
const SIZE = { title: 32, line: 24, table: 21, wideTable: 18 };

function run(text: string, size: number, bold = false): TextRun {
  return new TextRun({ text, size, bold, font: FONT });
}

function cellText(v: ModelCell, col: ModelColumn): string {
  if (v === null) return '';
  if (typeof v === 'number' && col.numberFormat) {
    const decimals = /\.(0+)$/.exec(col.numberFormat)?.[1]?.length ?? 0;
    return v.toFixed(decimals);
  }
  return String(v);
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

/** Cell padding left + right, twips. */
const PADDING = 90;

/**
 * Column widths in twips: a column of short values (学号, 姓名, 排名: at most 12 half-width characters)
 * gets what its longest value needs on one line — a 学号 must not wrap — and the other columns share the
 * rest in proportion to the sheet's widths. Falls back to the sheet's proportions when that cannot fit.
 */
export function columnWidths(doc: WordDoc, usable: number, halfPoints: number): number[] {
  const cols = doc.table.columns;
  const perUnit = halfPoints * 5; // a half-width character is about half an em: halfPoints/2 pt × 20 × 1/2
  const longest = cols.map((c, i) => Math.max(...doc.table.rows.map((r) => textWidth(cellText(r[i] ?? null, c))), Math.ceil(textWidth(c.header) / 2)));
  const fixed = longest.map((n) => (n <= 12 ? n * perUnit + PADDING + 60 : null));
  const fixedSum = fixed.reduce<number>((a, w) => a + (w ?? 0), 0);
  const flexUnits = cols.reduce((a, c, i) => a + (fixed[i] === null ? c.width : 0), 0);
  const total = cols.reduce((a, c) => a + c.width, 0) || 1;
  if (fixedSum > usable * 0.8 || (flexUnits === 0 && fixedSum > usable)) return cols.map((c) => Math.floor((usable * c.width) / total));
  if (flexUnits === 0) return fixed.map((w) => Math.floor((w! * usable) / fixedSum));
  return cols.map((c, i) => fixed[i] ?? Math.floor(((usable - fixedSum) * c.width) / flexUnits));
}

export function wordDocumentObject(doc: WordDoc): Document {
  const landscape = doc.orientation === 'landscape';
  const usable = (landscape ? A4_TWIPS.height : A4_TWIPS.width) - 2 * MARGIN.side;
  const cols = doc.table.columns;
  const total = cols.reduce((a, c) => a + c.width, 0) || 1;
  const size = total > (landscape ? 150 : 100) ? SIZE.wideTable : SIZE.table;
  const widths = columnWidths(doc, usable, size);
  const align = (c: ModelColumn) => (c.align === 'left' ? AlignmentType.LEFT : c.align === 'right' ? AlignmentType.RIGHT : AlignmentType.CENTER);
  const cell = (text: string, c: ModelColumn, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      borders: BORDERS,
      verticalAlign: VerticalAlign.CENTER,
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } } : {}),
      children: [new Paragraph({ alignment: header ? AlignmentType.CENTER : align(c), children: [run(text, size, header)] })],
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: cols.map((c, i) => cell(c.header, c, i, true)),
  });
  const rows = doc.table.rows.map(
    (values) => new TableRow({ cantSplit: true, children: cols.map((c, i) => cell(cellText(values[i] ?? null, c), c, i, false)) }),
  );
  const centred = (text: string, size: number, bold = false, after = 80) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: [run(text, size, bold)] });
  return new Document({
    creator: '专升本推荐助手',
    title: doc.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE.line } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_TWIPS.width, height: A4_TWIPS.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { left: MARGIN.side, right: MARGIN.side, top: MARGIN.topBottom, bottom: MARGIN.topBottom },
          },
        },
        children: [
          centred(doc.title, SIZE.title, true, 200),
          ...doc.lines.map((l) => new Paragraph({ spacing: { after: 60 }, children: [run(l, SIZE.line)] })),
          new Paragraph({ spacing: { after: 60 }, children: [] }),
          new Table({
            rows: [header, ...rows],
            width: { size: usable, type: WidthType.DXA },
            columnWidths: widths,
            layout: TableLayoutType.FIXED,
            // Narrow cell padding (Word's default is 108 twips a side): widths are the sheet's, fitted to
            // the values, and a 10-digit 学号 must not wrap.
            margins: { left: PADDING / 2, right: PADDING / 2, top: 20, bottom: 20 },
          }),
          ...doc.notes.map((n) => new Paragraph({ spacing: { before: 60 }, children: [run(n, size)] })),
          new Paragraph({ spacing: { before: 400 }, alignment: AlignmentType.RIGHT, children: [run(doc.signature, SIZE.line)] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(doc.date, SIZE.line)] }),
        ],
      },
    ],
  });
}

/** The .docx file's bytes. */
export async function wordDocument(doc: WordDoc): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(wordDocumentObject(doc)));
}
