/**
 * Writes one SheetModel into an ExcelJS worksheet, print-ready (SPEC §3.2): merged title, subtitles,
 * bold bordered header, 学号 as text, frozen header, widths, A4 portrait/landscape fitted to the page
 * width, header row repeated on every page, page numbers in the footer. Where things go is decided by
 * `layoutSheet` (shared with the Office host); this file only speaks ExcelJS.
 */
import type ExcelJS from 'exceljs';
import { layoutSheet, PRINT } from '../../sheets/attachments/model';
import type { ModelColumn, ModelTable, SheetModel, TablePlacement } from '../../sheets/attachments/model';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };

// Fonts and alignments are shared objects (not one per cell): a streaming writer then registers each
// style once.
const fonts = new Map<string, Partial<ExcelJS.Font>>();
function font(size: number, bold = false): Partial<ExcelJS.Font> {
  const key = `${size}|${bold}`;
  let f = fonts.get(key);
  if (!f) fonts.set(key, (f = { name: PRINT.fontName, size, bold }));
  return f;
}

const alignments = new Map<string, Partial<ExcelJS.Alignment>>();
function alignment(horizontal: ExcelJS.Alignment['horizontal']): Partial<ExcelJS.Alignment> {
  let a = alignments.get(horizontal);
  if (!a) alignments.set(horizontal, (a = { horizontal, vertical: 'middle', wrapText: true }));
  return a;
}

/** A merged line across the table width (title, subtitle, caption, footnote). */
function banner(
  ws: ExcelJS.Worksheet,
  row: number,
  columnCount: number,
  text: string,
  style: { size: number; bold?: boolean; horizontal: 'center' | 'left' },
): void {
  if (columnCount > 1) ws.mergeCells(row, 1, row, columnCount);
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = font(style.size, style.bold);
  cell.alignment = alignment(style.horizontal);
}

function writeTable(ws: ExcelJS.Worksheet, table: ModelTable, at: TablePlacement): void {
  const { headerRow, firstDataRow, span } = at;
  table.columns.forEach((col, c) => {
    const cell = ws.getCell(headerRow, c + 1);
    cell.value = col.header;
    cell.font = font(PRINT.bodyFontSize, true);
    cell.alignment = alignment('center');
    cell.border = THIN;
    cell.fill = HEADER_FILL;
  });
  table.rows.forEach((values, r) => {
    const row = ws.getRow(firstDataRow + r);
    table.columns.forEach((col, c) => writeCell(row.getCell(c + 1), col, values[c] ?? null));
  });
  if (span) {
    for (let r = headerRow; r <= at.lastDataRow; r++) {
      for (let c = span.from + 1; c <= span.to; c++) ws.getCell(r, c).border = THIN;
      ws.mergeCells(r, span.from, r, span.to);
    }
  }
}

function writeCell(cell: ExcelJS.Cell, col: ModelColumn, value: string | number | null): void {
  if (col.text) {
    cell.numFmt = '@';
    cell.value = value === null ? null : String(value);
  } else {
    cell.value = value;
    if (col.numberFormat && typeof value === 'number') cell.numFmt = col.numberFormat;
  }
  cell.font = font(PRINT.bodyFontSize);
  cell.alignment = alignment(col.align ?? 'center');
  cell.border = THIN;
}

export function writeSheetModel(ws: ExcelJS.Worksheet, model: SheetModel): void {
  const layout = layoutSheet(model);
  layout.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  banner(ws, layout.titleRow, layout.columnCount, model.title, { size: PRINT.titleFontSize, bold: true, horizontal: 'center' });
  model.subtitles.forEach((t, i) =>
    banner(ws, layout.subtitleRows[i]!, layout.columnCount, t, { size: PRINT.subtitleFontSize, horizontal: 'center' }),
  );
  model.tables.forEach((table, i) => {
    const at = layout.tables[i]!;
    if (at.captionRow !== null && table.caption) {
      banner(ws, at.captionRow, layout.columnCount, table.caption, { size: PRINT.bodyFontSize + 1, bold: true, horizontal: 'left' });
    }
    writeTable(ws, table, at);
  });
  model.footnotes.forEach((t, i) =>
    banner(ws, layout.footnoteRows[i]!, layout.columnCount, t, { size: PRINT.bodyFontSize, horizontal: 'left' }),
  );
  for (const [row, height] of Object.entries(layout.rowHeights)) ws.getRow(Number(row)).height = height;

  ws.views = [{ state: 'frozen', xSplit: layout.freezeColumns, ySplit: layout.freezeRows, activeCell: 'A1' }];
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: model.orientation,
    fitToPage: true,
    fitToWidth: PRINT.fitToWidth,
    fitToHeight: PRINT.fitToHeight,
    horizontalCentered: true,
    margins: PRINT.margins,
    ...(layout.printTitleRows ? { printTitlesRow: `${layout.printTitleRows.first}:${layout.printTitleRows.last}` } : {}),
  };
  ws.headerFooter = { ...ws.headerFooter, oddFooter: `&C${PRINT.footer}` };
}
