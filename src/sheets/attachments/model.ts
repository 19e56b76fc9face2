/**
 * A host-independent description of one generated sheet (附件3…附件16, 计算说明): what it contains and
 * how it prints, not how it is written. `src/hosts/xlsx` and `src/hosts/office` each write a SheetModel.
 */

export type ModelCell = string | number | null;

export interface ModelColumn {
  header: string;
  /** Width in Excel character units. */
  width: number;
  /** Text columns (学号, 考生号…) are written with number format "@" so leading zeros stay. */
  text?: boolean;
  /** Number format for numeric columns, e.g. "0.00". */
  numberFormat?: string;
  align?: 'left' | 'center' | 'right';
}

/** One table inside a sheet (a sheet may stack several, e.g. one block per 专业). */
export interface ModelTable {
  /** Optional caption row above the header (e.g. the 专业 name). */
  caption?: string;
  columns: ModelColumn[];
  rows: ModelCell[][];
  /**
   * The last column's cells (header and data) are merged across to the sheet's last column, so that a
   * narrow key–value table stacked above a wide one (计算说明) does not widen the wide one's columns.
   */
  spanLast?: boolean;
}

export interface SheetModel {
  /** Worksheet name, ≤ 31 characters, unique, no : \ / ? * [ ]. Starts with its 附件 number. */
  name: string;
  /** Big title row, e.g. "柳州职业技术学院2021级机电一体化技术专业各科考试平均成绩排名公示". */
  title: string;
  /** Lines under the title: 公示 period, complaint contact, "内部资料，严禁外传"… */
  subtitles: string[];
  tables: ModelTable[];
  /** Lines after the tables (制表人, 日期, notes). */
  footnotes: string[];
  /** False only for 附件7 and 计算说明 (internal): privacy checks apply to publicity sheets. */
  publicity: boolean;
  orientation: 'portrait' | 'landscape';
  /**
   * Columns kept visible when scrolling right (e.g. 学号 and 姓名 on 附件6). Default 0. When the sheet is
   * too wide to print on one page width at a legible size, these columns are repeated at the left of
   * every page (Excel's 打印标题 columns).
   */
  freezeColumns?: number;
  /** Printed at the top of every page (附件7: 内部资料). */
  pageHeader?: string;
  /**
   * The 细则 also asks for a Word version of this 附件 (8-1, 10-1, 11-1): its number, file name and 落款.
   * See wordDocs.ts.
   */
  word?: { annex: string; fileName: string; signature: string; date: string };
}

// ---------------------------------------------------------------------------------------------------
// Layout shared by every host writer (ExcelJS and Office.js): where each row goes, what is merged,
// frozen and repeated on every printed page. Hosts only translate this into their API.

/** Paper and print settings every generated sheet uses. */
export const PRINT = {
  paper: 'A4' as const,
  /** Excel's paperSize code of A4. */
  paperSize: 9,
  /**
   * Smallest print scale (%): 10 pt text prints at ≥ 7 pt. A sheet that would need less on one page
   * width is printed across several pages wide instead, its frozen columns (学号, 姓名) repeated; a
   * sheet without frozen columns is never split (a page without names is useless) — its columns are
   * kept narrow enough instead (tested for every 附件).
   */
  minScale: 70,
  /** Footer centre text (Excel header/footer codes). */
  footer: '第 &P 页，共 &N 页',
  /** Margins in inches. */
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  titleFontSize: 16,
  subtitleFontSize: 10,
  bodyFontSize: 10,
  fontName: '宋体',
};

export interface TablePlacement {
  /** 1-based worksheet rows. */
  captionRow: number | null;
  headerRow: number;
  /** First and last data rows; lastDataRow = headerRow when the table has no rows. */
  firstDataRow: number;
  lastDataRow: number;
  /** With spanLast: the 1-based first and last columns merged in every header/data row; else null. */
  span: { from: number; to: number } | null;
}

export interface SheetLayout {
  /** Number of columns of the widest table. */
  columnCount: number;
  /** Columns the title, subtitles, captions and notes are merged across (those of the first printed page). */
  bannerColumns: number;
  /** Width of each column (max over the tables). */
  widths: number[];
  titleRow: number;
  subtitleRows: number[];
  tables: TablePlacement[];
  footnoteRows: number[];
  /** Rows above this stay visible when scrolling (= the first table's header row). */
  freezeRows: number;
  /** Columns left of this stay visible (model.freezeColumns, default 0). */
  freezeColumns: number;
  /** Rows repeated at the top of every printed page ("$3:$3" in Excel); null when several tables. */
  printTitleRows: { first: number; last: number } | null;
  /** How the sheet prints: scale, pages wide, repeated columns, page breaks (see `paginate`). */
  print: PrintSetup;
  /** Used range: last row. */
  lastRow: number;
  /**
   * Height in points of every used row, from the lines its wrapped text needs. Set explicitly because
   * neither Excel nor LibreOffice reliably autofits rows of a generated file (and never a merged cell).
   */
  rowHeights: Record<number, number>;
}

/** Computes where everything of a SheetModel goes. Pure; both writers use it. */
export function layoutSheet(model: SheetModel): SheetLayout {
  const columnCount = Math.max(1, ...model.tables.map((t) => t.columns.length));
  const widths: number[] = [];
  const counts = (t: ModelTable, c: number) => c < t.columns.length - (t.spanLast ? 1 : 0);
  for (let c = 0; c < columnCount; c++) {
    widths.push(Math.max(4, ...model.tables.map((t) => (counts(t, c) ? t.columns[c]!.width : 0))));
  }
  // A spanned last column gets at least its declared width over the columns it covers.
  for (const t of model.tables) {
    if (!t.spanLast || t.columns.length === 0) continue;
    const from = t.columns.length - 1;
    const covered = widths.slice(from).reduce((a, b) => a + b, 0);
    const wanted = t.columns[from]!.width;
    if (covered < wanted) widths[columnCount - 1]! += wanted - covered;
  }
  /** Width a cell of table t column c has (the merged width for a spanned last column). */
  const cellWidth = (t: ModelTable, c: number) =>
    t.spanLast && c === t.columns.length - 1 ? widths.slice(c).reduce((a, b) => a + b, 0) : widths[c]!;
  let row = 1;
  const titleRow = row++;
  const subtitleRows = model.subtitles.map(() => row++);
  const tables: TablePlacement[] = [];
  model.tables.forEach((t, i) => {
    if (i > 0) row++; // one blank row between stacked tables
    const captionRow = t.caption ? row++ : null;
    const headerRow = row++;
    const firstDataRow = row;
    row += t.rows.length;
    const span = t.spanLast && t.columns.length < columnCount ? { from: t.columns.length, to: columnCount } : null;
    tables.push({ captionRow, headerRow, firstDataRow, lastDataRow: Math.max(headerRow, row - 1), span });
  });
  const footnoteRows = model.footnotes.map((_, i) => row + 1 + i);
  const lastRow = footnoteRows.length ? footnoteRows[footnoteRows.length - 1]! : row - 1;
  const first = tables[0];
  const fit = fitColumns(model.orientation, widths, model.freezeColumns ?? 0);
  // Title, subtitles, captions and notes are merged over the columns of the first printed page, so
  // that a sheet printed several pages wide shows them whole on its first page.
  const bannerColumns = fit.firstPageColumns;
  const totalWidth = widths.slice(0, bannerColumns).reduce((a, b) => a + b, 0);
  const rowHeights: Record<number, number> = {};
  const setLines = (row: number, lines: number, fontSize: number) => {
    // 1.35 × the font size per line plus 4 pt: a wrapped cell keeps clear of its borders when printed.
    rowHeights[row] = Math.max(rowHeights[row] ?? 0, Math.ceil(lines * fontSize * 1.35 + 4));
  };
  setLines(titleRow, linesFor(model.title, totalWidth * (PRINT.bodyFontSize / PRINT.titleFontSize)), PRINT.titleFontSize);
  model.subtitles.forEach((t, i) => setLines(subtitleRows[i]!, linesFor(t, totalWidth), PRINT.subtitleFontSize));
  model.footnotes.forEach((t, i) => setLines(footnoteRows[i]!, linesFor(t, totalWidth), PRINT.bodyFontSize));
  model.tables.forEach((t, ti) => {
    const at = tables[ti]!;
    if (at.captionRow !== null) setLines(at.captionRow, linesFor(t.caption ?? '', totalWidth), PRINT.bodyFontSize + 1);
    setLines(at.headerRow, Math.max(1, ...t.columns.map((c, ci) => linesFor(c.header, cellWidth(t, ci)))), PRINT.bodyFontSize);
    t.rows.forEach((cells, ri) => {
      const lines = Math.max(1, ...cells.map((v, ci) => (v === null || typeof v === 'number' ? 1 : linesFor(v, cellWidth(t, ci)))));
      setLines(at.firstDataRow + ri, lines, PRINT.bodyFontSize);
    });
  });
  const printTitleRows = tables.length === 1 && first ? { first: first.headerRow, last: first.headerRow } : null;
  const lastTable = tables[tables.length - 1];
  return {
    columnCount,
    widths,
    titleRow,
    subtitleRows,
    tables,
    footnoteRows,
    freezeRows: first ? first.headerRow : titleRow,
    freezeColumns: model.freezeColumns ?? 0,
    printTitleRows,
    lastRow,
    rowHeights,
    bannerColumns,
    print: paginate({
      orientation: model.orientation,
      fit,
      heights: rowHeights,
      lastRow,
      repeatRows: printTitleRows,
      lastDataRow: lastTable && lastTable.lastDataRow > lastTable.headerRow ? lastTable.lastDataRow : null,
      pageHeader: model.pageHeader ?? null,
    }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Pagination. Excel ignores manual page breaks when a sheet is set to "fit to N pages", and neither Excel
// nor LibreOffice lets a file say "keep the notes with the last rows". So the sheet prints at an explicit
// scale computed here, and every page ends at a manual break computed here from the row heights we set:
// what prints is what this function decided (tested), not what a renderer guesses.

/** How one sheet prints (A4). */
export interface PrintSetup {
  paperSize: number;
  orientation: 'portrait' | 'landscape';
  /** Print scale in percent (PRINT.minScale…100). */
  scale: number;
  /** Pages side by side needed for all columns at this scale (1 = fits the page width). */
  pagesWide: number;
  /** Rows repeated at the top of every page, or null. */
  repeatRows: { first: number; last: number } | null;
  /** Columns 1…n repeated at the left of every page when pagesWide > 1; 0 when none. */
  repeatColumns: number;
  /** Manual page breaks: each number is the last row of a page. */
  rowBreaks: number[];
  /** Pages tall (rows), so pagesWide × pagesTall sheets of paper. */
  pagesTall: number;
  /** Text at the top centre of every page, or null. */
  pageHeader: string | null;
  /** Footer centre text (page numbers). */
  footer: string;
}

/** Excel header/footer code of a page header line: centred ("&C"), bold, 12 pt. */
export function pageHeaderCode(text: string): string {
  return `&C&"${PRINT.fontName},Bold"&12${text.replace(/&/g, '&&')}`;
}

/** Printable area of A4 in points with PRINT.margins (before scaling). */
export function printableArea(orientation: 'portrait' | 'landscape'): { width: number; height: number } {
  const [w, h] = orientation === 'portrait' ? [595.3, 841.9] : [841.9, 595.3];
  const m = PRINT.margins;
  return { width: w - (m.left + m.right) * 72, height: h - (m.top + m.bottom) * 72 };
}

/** Printed width in points of a column `width` Excel units wide (7 px per unit plus 5 px padding, 96 dpi). */
export function columnPoints(width: number): number {
  return (width * 7 + 5) * 0.75;
}

/** Height of a row without an explicit height (a blank row between tables). */
const DEFAULT_ROW_HEIGHT = 15;
/** Share of the page we fill, so that a renderer measuring a little differently never adds a page. */
const SAFE = 0.95;

/** Pages side by side the columns need at `scale` (%), columns 1…repeat repeated on every page. */
export function pagesWideAt(widths: readonly number[], repeat: number, scale: number, pageWidth: number): number {
  const room = (pageWidth * SAFE) / (scale / 100);
  const repeatWidth = widths.slice(0, repeat).reduce((a, w) => a + columnPoints(w), 0);
  let pages = 1;
  let used = 0;
  widths.forEach((w, i) => {
    const pt = columnPoints(w);
    if (used > 0 && used + pt > room && i >= repeat) {
      pages++;
      used = repeatWidth;
    }
    used += pt;
  });
  return pages;
}

/** How the columns print: scale, pages wide, repeated columns, columns on the first page. */
export interface ColumnFit {
  scale: number;
  pagesWide: number;
  repeatColumns: number;
  firstPageColumns: number;
}

/** Scale and pages wide for the columns (see PRINT.minScale). */
export function fitColumns(orientation: 'portrait' | 'landscape', widths: readonly number[], freezeColumns: number): ColumnFit {
  const area = printableArea(orientation);
  const total = widths.reduce((a, w) => a + columnPoints(w), 0);
  const oneWide = Math.min(100, Math.floor((100 * area.width * SAFE) / total));
  const repeat = widths.length > freezeColumns ? freezeColumns : 0;
  if (oneWide >= PRINT.minScale || repeat === 0) {
    return { scale: Math.max(10, oneWide), pagesWide: 1, repeatColumns: 0, firstPageColumns: widths.length };
  }
  // Too wide for one page at a legible size: as few pages wide as at the smallest scale, then the
  // largest scale that still needs no more pages.
  const pagesWide = pagesWideAt(widths, repeat, PRINT.minScale, area.width);
  let scale = PRINT.minScale;
  while (scale < 100 && pagesWideAt(widths, repeat, scale + 1, area.width) <= pagesWide) scale++;
  const room = (area.width * SAFE) / (scale / 100);
  let used = 0;
  let firstPageColumns = 0;
  while (firstPageColumns < widths.length && used + columnPoints(widths[firstPageColumns]!) <= room) used += columnPoints(widths[firstPageColumns++]!);
  return { scale, pagesWide, repeatColumns: repeat, firstPageColumns: Math.max(1, firstPageColumns) };
}

export function paginate(p: {
  orientation: 'portrait' | 'landscape';
  fit: ColumnFit;
  heights: Readonly<Record<number, number>>;
  lastRow: number;
  repeatRows: { first: number; last: number } | null;
  /** Last data row of the last table (null when it has none): the last page must hold some data rows. */
  lastDataRow: number | null;
  pageHeader: string | null;
}): PrintSetup {
  const area = printableArea(p.orientation);
  const { scale, pagesWide } = p.fit;
  const room = (area.height * SAFE) / (scale / 100);
  const height = (r: number) => p.heights[r] ?? DEFAULT_ROW_HEIGHT;
  const titles = p.repeatRows;
  const titleHeight = titles ? Array.from({ length: titles.last - titles.first + 1 }, (_, i) => height(titles.first + i)).reduce((a, b) => a + b, 0) : 0;
  const breaks: number[] = [];
  let used = 0;
  for (let r = 1; r <= p.lastRow; r++) {
    if (used > 0 && used + height(r) > room) {
      breaks.push(r - 1);
      used = titles && r > titles.last ? titleHeight : 0;
    }
    used += height(r);
  }
  // The last page must not hold only the notes under the table: carry the last two data rows over.
  const lastBreak = breaks[breaks.length - 1];
  if (lastBreak !== undefined && p.lastDataRow !== null && lastBreak >= p.lastDataRow) {
    const moved = p.lastDataRow - 2;
    const floor = breaks.length > 1 ? breaks[breaks.length - 2]! : (titles?.last ?? 0);
    if (moved > floor) breaks[breaks.length - 1] = moved;
  }
  return {
    paperSize: PRINT.paperSize,
    orientation: p.orientation,
    scale,
    pagesWide,
    repeatRows: p.repeatRows,
    repeatColumns: p.fit.repeatColumns,
    rowBreaks: breaks,
    pagesTall: breaks.length + 1,
    pageHeader: p.pageHeader,
    footer: PRINT.footer,
  };
}

/**
 * Lines a wrapped text takes in a cell `width` characters wide. A CJK character at 10 pt is about 1.9
 * column units and a digit about 0.95, i.e. 0.95 × textWidth; a cell loses about half a unit to padding.
 */
function linesFor(text: string, width: number): number {
  const usable = Math.max(1, width - 0.6);
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil((textWidth(part) * 0.95) / usable)), 0);
}

/** Display width of a text in Excel character units (CJK and full-width characters count 2). */
export function textWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A character beyond U+FFFF (a surrogate pair) is one wide character; a lone surrogate counts 2 too.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    w += code >= 0x2e80 || (code >= 0x1100 && code <= 0x115f) ? 2 : 1;
  }
  return w;
}

/**
 * The width of column `column` of `rows` that fits the header (wrapped on 2 lines when longer than 4
 * characters: row heights follow, and narrow columns keep a sheet legible on A4) and the values, within
 * [min, max]; long values wrap. Read in place: no array of the column is made (issue 17: every column of
 * the 附件, ~3 M cells at 20,000 students).
 */
export function fitWidth(header: string, rows: readonly (readonly (ModelCell | undefined)[])[], column: number, min = 6, max = 40): number {
  const headerWidth = textWidth(header);
  let w = headerWidth > 8 ? Math.ceil(headerWidth / 2) : headerWidth;
  for (let r = 0; r < rows.length; r++) {
    const v = (rows[r] as readonly (ModelCell | undefined)[])[column];
    if (v === null || v === undefined) continue;
    w = Math.max(w, typeof v === 'number' ? String(v).length : textWidth(v));
    // Wider than max: max it is, whatever the other values (a 20,000-row column need not be read on).
    if (w + 2 >= max) break;
  }
  return Math.min(max, Math.max(min, w + 2));
}
