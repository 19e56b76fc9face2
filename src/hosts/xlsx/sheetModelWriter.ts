/**
 * Writes one SheetModel into an ExcelJS worksheet, print-ready (SPEC §3.2): merged title, subtitles,
 * bold bordered header, 学号 as text, frozen header, widths, A4 portrait/landscape fitted to the page
 * width, header row repeated on every page, page numbers in the footer. Where things go is decided by
 * `layoutSheet` (shared with the Office host); this file only speaks ExcelJS.
 */
import type ExcelJS from 'exceljs';
import { layoutSheet, pageHeaderCode, PRINT } from '../../sheets/attachments/model';
import type { SheetLayout, SheetModel } from '../../sheets/attachments/model';
import { columnLetter } from '../../sheets/table';
import type { CellRange } from '../../sheets/table';
import { setRowBreaks } from './exceljsInternals';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };

// Styles are shared objects, one per distinct look (not one per cell): a streaming writer then
// registers each style once.
type Style = Partial<ExcelJS.Style>;
const styles = new Map<string, Style>();
function styleOf(
  size: number,
  bold: boolean,
  horizontal: ExcelJS.Alignment['horizontal'],
  extra: { numFmt?: string; border?: boolean; fill?: boolean } = {},
): Style {
  const key = `${size}|${bold}|${horizontal}|${extra.numFmt ?? ''}|${extra.border ? 1 : 0}|${extra.fill ? 1 : 0}`;
  let s = styles.get(key);
  if (!s) {
    s = {};
    if (extra.numFmt) s.numFmt = extra.numFmt;
    s.font = { name: PRINT.fontName, size, bold };
    s.alignment = { horizontal, vertical: 'middle', wrapText: true };
    if (extra.border) s.border = THIN;
    if (extra.fill) s.fill = HEADER_FILL;
    styles.set(key, s);
  }
  return s;
}

/** One cell of a rendered SheetModel; `merged`: a covered cell of a merge (no value, the merge's style). */
export interface GridCell {
  value: string | number | null;
  style: Style;
  merged?: boolean;
}

/** A SheetModel as cells: rows[r]?.cells[c] (1-based), row heights, merges in the order they were made. */
export interface SheetGrid {
  rows: ({ height?: number; cells: (GridCell | undefined)[] } | undefined)[];
  merges: CellRange[];
}

/** Where every cell of a SheetModel goes and how it looks (SPEC §3.2), without any workbook. */
export function sheetModelGrid(model: SheetModel, layout = layoutSheet(model)): SheetGrid {
  const grid: SheetGrid = { rows: [], merges: [] };
  const put = (r: number, c: number, cell: GridCell) => {
    (grid.rows[r] ??= { cells: [] }).cells[c] = cell;
  };
  const merge = (r: number, left: number, right: number, style: Style) => {
    for (let c = left + 1; c <= right; c++) put(r, c, { value: null, style, merged: true });
    grid.merges.push({ top: r, left, bottom: r, right });
  };
  /** A merged line across the table width (title, subtitle, caption, footnote). */
  const banner = (row: number, text: string, look: { size: number; bold?: boolean; horizontal: 'center' | 'left' }) => {
    const style = styleOf(look.size, look.bold ?? false, look.horizontal);
    put(row, 1, { value: text, style });
    if (layout.bannerColumns > 1) merge(row, 1, layout.bannerColumns, style);
  };

  banner(layout.titleRow, model.title, { size: PRINT.titleFontSize, bold: true, horizontal: 'center' });
  model.subtitles.forEach((t, i) => banner(layout.subtitleRows[i]!, t, { size: PRINT.subtitleFontSize, horizontal: 'center' }));
  model.tables.forEach((table, i) => {
    const at = layout.tables[i]!;
    if (at.captionRow !== null && table.caption) {
      banner(at.captionRow, table.caption, { size: PRINT.bodyFontSize + 1, bold: true, horizontal: 'left' });
    }
    const header = styleOf(PRINT.bodyFontSize, true, 'center', { border: true, fill: true });
    table.columns.forEach((col, c) => put(at.headerRow, c + 1, { value: col.header, style: header }));
    const looks = table.columns.map((col) => {
      const horizontal = col.align ?? 'center';
      return {
        text: col.text ? styleOf(PRINT.bodyFontSize, false, horizontal, { numFmt: '@', border: true }) : null,
        number: col.numberFormat ? styleOf(PRINT.bodyFontSize, false, horizontal, { numFmt: col.numberFormat, border: true }) : null,
        plain: styleOf(PRINT.bodyFontSize, false, horizontal, { border: true }),
      };
    });
    table.rows.forEach((values, r) => {
      table.columns.forEach((col, c) => {
        const v = values[c] ?? null;
        const look = looks[c]!;
        if (look.text) put(at.firstDataRow + r, c + 1, { value: v === null ? null : String(v), style: look.text });
        else put(at.firstDataRow + r, c + 1, { value: v, style: look.number && typeof v === 'number' ? look.number : look.plain });
      });
    });
    const span = at.span;
    if (span) {
      for (let r = at.headerRow; r <= at.lastDataRow; r++) {
        const master = grid.rows[r]?.cells[span.from];
        merge(r, span.from, span.to, master?.style ?? styleOf(PRINT.bodyFontSize, false, 'center', { border: true }));
      }
    }
  });
  model.footnotes.forEach((t, i) => banner(layout.footnoteRows[i]!, t, { size: PRINT.bodyFontSize, horizontal: 'left' }));
  for (const [row, height] of Object.entries(layout.rowHeights)) (grid.rows[Number(row)] ??= { cells: [] }).height = height;
  return grid;
}

/** The manual row breaks of a layout, as ExcelJS page-break records (id = last row of a page). */
export function rowBreakRecords(layout: SheetLayout): { id: number; max: number; man: number }[] {
  return layout.print.rowBreaks.map((id) => ({ id, max: 16383, man: 1 }));
}

/**
 * Column widths, frozen panes, page setup, header/footer and manual page breaks of a SheetModel's
 * worksheet (layout.print: an explicit scale, since Excel ignores manual breaks under "fit to page").
 */
export function writeSheetSettings(ws: ExcelJS.Worksheet, model: SheetModel, layout = layoutSheet(model)): void {
  layout.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', xSplit: layout.freezeColumns, ySplit: layout.freezeRows, activeCell: 'A1' }];
  const p = layout.print;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: p.paperSize,
    orientation: p.orientation,
    fitToPage: false,
    scale: p.scale,
    pageOrder: 'overThenDown',
    horizontalCentered: true,
    margins: PRINT.margins,
    ...(p.repeatRows ? { printTitlesRow: `${p.repeatRows.first}:${p.repeatRows.last}` } : {}),
    ...(p.repeatColumns > 0 ? { printTitlesColumn: `A:${columnLetter(p.repeatColumns)}` } : {}),
  };
  ws.headerFooter = {
    ...ws.headerFooter,
    ...(p.pageHeader ? { oddHeader: pageHeaderCode(p.pageHeader) } : {}),
    oddFooter: `&C${p.footer}`,
  };
  setRowBreaks(ws, rowBreakRecords(layout));
}

export function writeSheetModel(ws: ExcelJS.Worksheet, model: SheetModel): void {
  const layout = layoutSheet(model);
  const grid = sheetModelGrid(model, layout);
  writeSheetSettings(ws, model, layout);
  grid.rows.forEach((row, r) => {
    if (!row) return;
    const target = ws.getRow(r);
    row.cells.forEach((cell, c) => {
      if (!cell || cell.merged) return;
      const t = target.getCell(c);
      // Each in-memory cell gets its own style object (ExcelJS style setters change it in place).
      t.style = { ...cell.style };
      t.value = cell.value;
    });
    if (row.height !== undefined) target.height = row.height;
  });
  // After the values: a merge gives the covered cells the style of its first cell.
  for (const m of grid.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
}
