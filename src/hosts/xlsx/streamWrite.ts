/**
 * Writes the --out workbook with ExcelJS's streaming writer (issue 6) into our own zip (zipWriter.ts,
 * issue 17): the workbook assembled in memory
 * by XlsxFileHost holds the small sheets (the base .xlsx's sheets with the result block, the meta
 * sheet) and empty placeholders, in the final order, for the big ones — CSV tables (`streamed`) and
 * the 附件 (`deferred` models) — which are rendered one at a time, row by row, straight into the file.
 * Equal styles are shared objects, so ExcelJS registers each style once instead of once per cell.
 * The CLI's file is written under a temporary name and renamed at the end: an error leaves no workbook.
 * File mode's download (issue 17) is the same writing into the browser's zip in memory (streamedBytes):
 * ExcelJS's stream writer from exceljs/lib (its browser build has none), no Node stream or file.
 */
import { PassThrough } from 'node:stream';
import { writeWhole } from '../wholeFile';
import ExcelJS from 'exceljs';
import { inResultBlock, type MetaRecord } from '../meta';
import type { SheetModel } from '../../sheets/attachments/model';
import { columnLetter, parseRange, type CellRange, type CellValue, type RawTable, type TableColumns } from '../../sheets/table';
import { isPlainNumberText, tableCellValue } from './fileHost';
import { codeColumns, isCodeCell, type CodeColumns } from '../../sheets/textColumns';
import { rowBreakRecords, sheetModelGrid, writeSheetSettings } from './sheetModelWriter';
import { layoutSheet } from '../../sheets/attachments/model';
import { isSimpleValue, RowXmlWriter, type RowOptions, type SimpleValue } from './rowXml';
import type { SheetCells } from './xlsxBase';
import { beforePageMargins, conditionalFormattingsOf, dataValidationsOf, definedNamesOf, loadedRows, pushMerges, setDataValidations, setRowBreaks, setWriterDefinedNames, setWriterViews, useZip, WorkbookWriter } from './exceljsInternals';
import { ZipFileWriter, type GzipEvents, type GzipPart, type ZipWriter } from './zipWriter';
import { MemoryZipWriter } from './browserZip';

type Style = Partial<ExcelJS.Style>;

/**
 * One shared object per distinct style: ExcelJS caches a style's id by object identity, otherwise it
 * renders the style to XML for every cell. Styles are compared through their parts (font, border…),
 * each part by identity and, the first time it is seen, by content. A style without a number format is
 * kept apart for Date values (ExcelJS then gives it a date format).
 */
class StylePool {
  private readonly byObject = [new WeakMap<object, Style>(), new WeakMap<object, Style>()];
  private readonly byKey = new Map<string, Style>();
  private readonly partIds = new WeakMap<object, number>();
  private readonly partByContent = new Map<string, number>();

  private part(o: unknown): string {
    if (o === undefined || o === null) return '';
    if (typeof o !== 'object') return JSON.stringify(o);
    let id = this.partIds.get(o);
    if (id === undefined) {
      const content = JSON.stringify(o);
      id = this.partByContent.get(content);
      if (id === undefined) {
        id = this.partByContent.size + 1;
        this.partByContent.set(content, id);
      }
      this.partIds.set(o, id);
    }
    return String(id);
  }

  private readonly empty: [Style, Style] = [{}, {}];

  get(style: Style, date = false): Style {
    // Most cells of a big input sheet have no style at all (a fresh {} each): no bookkeeping for them.
    let any = false;
    for (const _ in style) {
      any = true;
      break;
    }
    if (!any) return this.empty[date ? 1 : 0];
    const cache = this.byObject[date ? 1 : 0]!;
    const known = cache.get(style);
    if (known) return known;
    const s = style as Record<string, unknown>;
    let key = `${date && !s.numFmt ? 'D' : ''}|${this.part(s.numFmt)}|${this.part(s.font)}|${this.part(s.border)}|${this.part(s.fill)}|${this.part(s.alignment)}|${this.part(s.protection)}`;
    for (const k of Object.keys(s)) if (!['numFmt', 'font', 'border', 'fill', 'alignment', 'protection'].includes(k)) key += `|${k}=${this.part(s[k])}`;
    let shared = this.byKey.get(key);
    if (!shared) {
      shared = style;
      this.byKey.set(key, shared);
    }
    cache.set(style, shared);
    return shared;
  }
}

const isEmptyStyle = (s: Style | undefined): boolean => s === undefined || Object.keys(s).length === 0;

/** Sheet-level settings of an in-memory worksheet, as options of the streaming writer. */
function sheetOptions(ws: ExcelJS.Worksheet): Partial<ExcelJS.AddWorksheetOptions> & { autoFilter?: unknown } {
  return {
    state: ws.state,
    properties: ws.properties,
    pageSetup: ws.pageSetup,
    views: ws.views,
    headerFooter: ws.headerFooter,
    ...(ws.autoFilter ? { autoFilter: ws.autoFilter } : {}),
  };
}

/**
 * The streaming writer leaves out <printOptions> (horizontalCentered…, SPEC §3.2 print layout): written
 * here just before <pageMargins>, where the schema wants it.
 */
function withPrintOptions(dst: ExcelJS.Worksheet): ExcelJS.Worksheet {
  beforePageMargins(dst, (write) => {
    const p = dst.pageSetup as Partial<ExcelJS.PageSetup> & { showRowColHeaders?: boolean; showGridLines?: boolean };
    const attrs = [
      ['headings', p.showRowColHeaders],
      ['gridLines', p.showGridLines],
      ['horizontalCentered', p.horizontalCentered],
      ['verticalCentered', p.verticalCentered],
    ].filter(([, on]) => on === true);
    if (attrs.length > 0) write(`<printOptions ${attrs.map(([k]) => `${k}="1"`).join(' ')}/>`);
  });
  return dst;
}

/** Column widths, hidden columns and column styles of an in-memory worksheet. */
function copyColumns(src: ExcelJS.Worksheet, dst: ExcelJS.Worksheet, styles: StylePool): void {
  src.columns?.forEach((col, i) => {
    const d = dst.getColumn(i + 1);
    if (col.width !== undefined) d.width = col.width;
    if (col.hidden) d.hidden = true;
    if (col.outlineLevel) d.outlineLevel = col.outlineLevel;
    if (col.style && !isEmptyStyle(col.style)) d.style = styles.get(col.style);
  });
}

/**
 * Merged ranges ("A1:L1") straight into the writer's list: its mergeCells() needs uncommitted rows and
 * checks every earlier merge for overlap (quadratic for a long 附件); these merges are already valid.
 */
function addMerges(dst: ExcelJS.Worksheet, merges: readonly string[]): void {
  pushMerges(dst, merges);
}

/** A 附件 (SheetModel) rendered row by row from its cell grid, with no worksheet of cells in between. */
async function streamModel(
  model: SheetModel,
  writer: InstanceType<typeof WorkbookWriter>,
  name: string,
  styles: StylePool,
  pause: () => Promise<void>,
): Promise<ExcelJS.Worksheet> {
  const layout = layoutSheet(model);
  // Sheet settings as the in-memory writer makes them (ExcelJS's defaults included), without cells.
  const settings = new ExcelJS.Workbook().addWorksheet(name, { pageSetup: { paperSize: layout.print.paperSize, orientation: layout.print.orientation } });
  writeSheetSettings(settings, model, layout);
  const dst = withPrintOptions(writer.addWorksheet(name, sheetOptions(settings) as ExcelJS.AddWorksheetOptions));
  copyColumns(settings, dst, styles);
  // The streaming writer takes its page breaks from its own list (sheetOptions has no place for them).
  setRowBreaks(dst, rowBreakRecords(layout));
  const grid = sheetModelGrid(model, layout);
  const out = new RowXmlWriter(dst);
  for (let r = 1; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (!row) continue;
    for (let c = 1; c < row.cells.length; c++) {
      const cell = row.cells[c];
      if (cell) out.cell(r, c, cell.value, styles.get(cell.style));
    }
    out.endRow(r, { height: row.height });
    if (r % 2000 === 0) await pause();
  }
  out.flush();
  addMerges(dst, grid.merges.map((m) => `${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}`));
  return dst;
}

/** One cell to copy: value as ExcelJS holds it, its style, maybe a note. */
interface OutCell {
  col: number;
  value: ExcelJS.CellValue;
  style: Style;
  note?: unknown;
}

/** Writes one copied row: directly, or through ExcelJS's own Row when a value needs it. */
function writeRow(out: RowXmlWriter, r: number, o: RowOptions, cells: readonly OutCell[], styles: StylePool): void {
  if (cells.every((cell) => !cell.note && isSimpleValue(cell.value))) {
    for (const cell of cells) {
      const value = cell.value as SimpleValue;
      if ((value === null || value === undefined) && isEmptyStyle(cell.style)) continue;
      out.cell(r, cell.col, value, styles.get(cell.style, value instanceof Date));
    }
    out.endRow(r, o);
    return;
  }
  // Formulas, rich text, hyperlinks, notes: through ExcelJS's own row, as before.
  const t = out.exceljsRow(r);
  if (o.height) t.height = o.height;
  if (o.hidden) t.hidden = true;
  if (o.outlineLevel) t.outlineLevel = o.outlineLevel;
  for (const cell of cells) {
    const value = cell.value;
    if ((value === null || value === undefined) && isEmptyStyle(cell.style)) continue;
    const d = t.getCell(cell.col);
    d.style = styles.get(cell.style, value instanceof Date);
    if (value !== null && value !== undefined) d.value = value;
    if (cell.note) d.note = cell.note as ExcelJS.Comment;
  }
  t.commit();
}

/** Merges, data validations and conditional formats of an in-memory worksheet. */
function copySheetExtras(src: ExcelJS.Worksheet, dst: ExcelJS.Worksheet): void {
  addMerges(dst, (src.model as { merges?: string[] }).merges ?? []);
  const validations = dataValidationsOf(src);
  if (validations) setDataValidations(dst, validations);
  for (const cf of conditionalFormattingsOf(src)) dst.addConditionalFormatting(cf);
}

/** Copies an in-memory worksheet (cells as they are, styles, widths, row heights, merges…) row by row. */
async function copySheet(src: ExcelJS.Worksheet, dst: ExcelJS.Worksheet, styles: StylePool, pause: () => Promise<void>): Promise<void> {
  copyColumns(src, dst, styles);
  const out = new RowXmlWriter(dst);
  const rows = loadedRows(src);
  for (let r = 1; r <= rows.length; r++) {
    const row = rows[r - 1];
    if (!row) continue;
    const cells: OutCell[] = [];
    (row._cells ?? []).forEach((cell, i) => {
      // A merged range's other cells hold only their style (the merge itself is copied below).
      if (cell) cells.push({ col: i + 1, value: cell.type === ExcelJS.ValueType.Merge ? null : cell.value, style: cell.style ?? {}, note: cell.note });
    });
    writeRow(out, r, { height: row.height, hidden: row.hidden, outlineLevel: row.outlineLevel }, cells, styles);
    if (r % 2000 === 0) await pause();
  }
  out.flush();
  copySheetExtras(src, dst);
}

/**
 * Copies a big sheet of the base workbook: settings, columns and merges from `skeleton` (the sheet
 * loaded without its rows, xlsxBase.ts), rows read again from the input file as they come.
 */
async function copyStreamedSheet(skeleton: ExcelJS.Worksheet, dst: ExcelJS.Worksheet, cells: SheetCells, styles: StylePool, pause: () => Promise<void>): Promise<void> {
  copyColumns(skeleton, dst, styles);
  // Cells a merge covers keep only their style, as in a loaded workbook.
  const covered = coveredCells(skeleton).byRow;
  const isCovered = (r: number, c: number) => covered.get(r)?.some(([from, to]) => c >= from && c <= to) ?? false;
  const out = new RowXmlWriter(dst);
  let current: { r: number; o: RowOptions; cells: OutCell[] } | null = null;
  const flush = () => {
    if (current) writeRow(out, current.r, current.o, current.cells, styles);
    current = null;
  };
  await cells({
    row: (r, attrs) => {
      flush();
      const height = attrs.ht ? parseFloat(attrs.ht) : undefined;
      const outlineLevel = attrs.outlineLevel ? parseInt(attrs.outlineLevel, 10) : undefined;
      current = { r, o: { height, hidden: attrs.hidden === '1' || attrs.hidden === 'true', outlineLevel }, cells: [] };
    },
    cell: (r, col, value, style) => {
      current?.cells.push({ col, value: isCovered(r, col) ? null : value, style: style ?? {} });
    },
    merge: () => {},
  }, pause);
  flush();
  out.flush();
  copySheetExtras(skeleton, dst);
}

/** Merged ranges of an in-memory worksheet, and per row the columns they cover (all but the first cell). */
function coveredCells(ws: ExcelJS.Worksheet): { merges: CellRange[]; byRow: Map<number, [number, number][]> } {
  const merges: CellRange[] = [];
  const byRow = new Map<number, [number, number][]>();
  for (const ref of (ws.model as { merges?: string[] }).merges ?? []) {
    const range = parseRange(ref);
    if (!range) continue;
    merges.push(range);
    for (let r = range.top; r <= range.bottom; r++) {
      const from = r === range.top ? range.left + 1 : range.left;
      if (from <= range.right) (byRow.get(r) ?? byRow.set(r, []).get(r)!).push([from, range.right]);
    }
  }
  return { merges, byRow };
}

/**
 * A big sheet of another .xlsx, as copyWorksheet copies a loaded sheet into the result and the
 * in-memory copy is then written: values (a formula's result, not the formula), styles, heights and
 * hidden rows of rows with values, an earlier result block left out, merged cells with the style of
 * their first cell. Columns, merges and the sheet state come from `target` (copyWorksheet of the sheet
 * loaded without rows).
 */
async function copyOtherStreamedSheet(
  target: ExcelJS.Worksheet,
  dst: ExcelJS.Worksheet,
  source: { cells: SheetCells; blocks: MetaRecord['resultBlocks'] },
  styles: StylePool,
  pause: () => Promise<void>,
): Promise<void> {
  copyColumns(target, dst, styles);
  const { merges, byRow } = coveredCells(target);
  const firstCellStyle = new Map<string, Style>();
  const firstCells = new Set(merges.map((m) => `${m.top}:${m.left}`));
  const inBlock = (r: number, c: number) => inResultBlock(source.blocks, r, c);
  const out = new RowXmlWriter(dst);
  // Rows covered by merges are written even when the file has no row there.
  const mergedRows = [...byRow.keys()].sort((a, b) => a - b);
  let nextMerged = 0;
  const writeRowAt = (r: number, attrs: Record<string, string> | null, cells: OutCell[], hasValues: boolean) => {
    const covered = byRow.get(r) ?? [];
    for (const [from, to] of covered) {
      const m = merges.find((x) => r >= x.top && r <= x.bottom && from >= x.left && to === x.right)!;
      const style = firstCellStyle.get(`${m.top}:${m.left}`) ?? {};
      for (let c = from; c <= to; c++) {
        const i = cells.findIndex((x) => x.col === c);
        if (i >= 0) cells.splice(i, 1);
        cells.push({ col: c, value: null, style });
      }
    }
    cells.sort((a, b) => a.col - b.col);
    const keepAttrs = attrs !== null && (hasValues || covered.length > 0);
    const o: RowOptions = keepAttrs ? { height: attrs.ht ? parseFloat(attrs.ht) : undefined, hidden: attrs.hidden === '1' || attrs.hidden === 'true' } : {};
    writeRow(out, r, o, cells, styles);
  };
  const mergedBefore = (r: number) => {
    while (nextMerged < mergedRows.length && mergedRows[nextMerged]! < r) writeRowAt(mergedRows[nextMerged++]!, null, [], false);
    if (nextMerged < mergedRows.length && mergedRows[nextMerged] === r) nextMerged++;
  };
  let current: { r: number; attrs: Record<string, string>; cells: OutCell[]; hasValues: boolean } | null = null;
  const flush = () => {
    if (current) writeRowAt(current.r, current.attrs, current.cells, current.hasValues);
    current = null;
  };
  await source.cells({
    row: (r, attrs) => {
      flush();
      mergedBefore(r);
      current = { r, attrs, cells: [], hasValues: false };
    },
    cell: (r, col, value, style) => {
      if (!current || value === null || value === undefined) return; // formatted empty cells are not copied
      current.hasValues = true;
      if (inBlock(r, col)) return;
      const v = typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value) ? ((value as { result?: ExcelJS.CellValue }).result ?? null) : value;
      const own = style ?? {};
      if (firstCells.has(`${r}:${col}`)) firstCellStyle.set(`${r}:${col}`, own);
      current.cells.push({ col, value: v, style: own });
    },
    merge: () => {},
  }, pause);
  flush();
  mergedBefore(Number.MAX_SAFE_INTEGER);
  out.flush();
  addMerges(dst, (target.model as { merges?: string[] }).merges ?? []);
}

/**
 * A CSV table as rows of values (same rules as addTableAsSheet), without building it in memory first.
 * With `release`, the table is emptied row by row as it is written (see StreamPlan.streamed).
 */
async function streamTable(table: RawTable, dst: ExcelJS.Worksheet, styles: StylePool, pause: () => Promise<void>, release: boolean): Promise<void> {
  const textStyle = styles.get({ numFmt: '@' });
  const plain = styles.get({});
  const plainDate = styles.get({}, true);
  const out = new RowXmlWriter(dst);
  const codes = codeColumns(table);
  /** A cell's XML after its reference (RowXmlWriter.cellTail): tableCellValue's rule, without an object per cell. */
  const tail = (v: Exclude<CellValue, null>, code: boolean): string => {
    if (typeof v === 'string') return !code && isPlainNumberText(v) ? out.cellTail(Number(v), plain) : out.cellTail(v, textStyle);
    const { value, text: asText } = tableCellValue(v, code);
    return out.cellTail(value as SimpleValue, asText ? textStyle : value instanceof Date ? plainDate : plain);
  };
  if (table.columns) {
    await streamColumns(table, table.columns, codes, out, tail, pause);
    if (release) releaseRows(table);
    return;
  }
  const { rows, text, numberFormats } = table;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const number = table.originRow + r;
    for (let c = 0; c < row.length; c++) {
      const v = row[c] as CellValue;
      if (v !== null) out.rawCell(number, table.originCol + c, tail(v, isCodeCell(codes, r, c)));
    }
    out.endRow(number);
    if (release) {
      rows[r] = NO_CELLS;
      if (text) text[r] = NO_TEXT;
      if (numberFormats) numberFormats[r] = NO_TEXT;
    }
    if (r % 2000 === 1999) await pause();
  }
  out.flush();
  if (release) releaseRows(table);
}

/**
 * A columnar CSV table (TableColumns) written without building its rows: each column's distinct value
 * is turned into its cell XML (shared string id, number or text, style) once, the first time a row
 * holds it — so ids are numbered in the same order as row by row — and every other cell of that value
 * is an array look-up (a 1 M-row grade export: ~8 M cells, a few tens of thousands of distinct values).
 */
async function streamColumns(
  table: RawTable,
  { height, codes, values }: TableColumns,
  codeCols: CodeColumns | null,
  out: RowXmlWriter,
  tail: (v: Exclude<CellValue, null>, code: boolean) => string,
  pause: () => Promise<void>,
): Promise<void> {
  const width = codes.length;
  // Per column the tails of its values by number; a code column's data rows (kept as text) apart.
  const tails = values.map((vs) => new Array<string | undefined>(vs.length));
  const codeTails = values.map((vs) => new Array<string | undefined>(vs.length));
  const isCode = codes.map((_, c) => codeCols !== null && codeCols.columns.has(c));
  const firstData = codeCols?.firstDataIndex ?? 0;
  for (let r = 0; r < height; r++) {
    const number = table.originRow + r;
    for (let c = 0; c < width; c++) {
      const k = (codes[c] as Int32Array)[r] as number;
      const v = (values[c] as CellValue[])[k] as CellValue;
      if (v === null) continue;
      const code = isCode[c] === true && r >= firstData;
      const known = (code ? codeTails : tails)[c] as (string | undefined)[];
      let t = known[k];
      if (t === undefined) known[k] = t = tail(v, code);
      out.rawCell(number, table.originCol + c, t);
    }
    out.endRow(number);
    if (r % 2000 === 1999) await pause();
  }
  out.flush();
}

const NO_CELLS: CellValue[] = [];
const NO_TEXT: string[] = [];

/**
 * Empties a table that has been used for the last time. At 20,000 students the grade table (1 M rows of
 * cells, text and formats) is most of the heap while the workbook is written, and every full collection
 * marks all of it again: ~1 s per collection at 40,000 students, several per million rows written.
 */
export function releaseRows(table: RawTable): void {
  table.rows = [];
  if (table.text) table.text = [];
  if (table.numberFormats) table.numberFormats = [];
}

export interface StreamPlan {
  /**
   * Placeholder sheet name → the CSV table to write there. Written tables are emptied (releaseRows):
   * nothing may read them after writeStreaming.
   */
  streamed: Map<string, RawTable>;
  /** Base sheet loaded without its rows → how to read them again (xlsxBase.ts). */
  copied?: Map<string, SheetCells>;
  /**
   * Sheet of another .xlsx, added by copyWorksheet without its rows → how to read them again, and the
   * result blocks an earlier run wrote on it (left out, as copyWorksheet does).
   */
  copiedOther?: Map<string, { cells: SheetCells; blocks: MetaRecord['resultBlocks'] }>;
  /** Placeholder sheet name → the 附件 model to render there. */
  deferred: Map<string, SheetModel>;
  /** The CSV tables of `streamed` stay whole (file mode writes the workbook again for each download). */
  keepTables?: boolean;
  /**
   * Sheets left out of the file (the 公示用工作簿 of issue 18: `zsb run … --public`), with the defined
   * names that point into them; nothing of theirs is read or rendered.
   */
  omit?: ReadonlySet<string>;
}

/** The sheet a defined name's range refers to: `'学生 名册'!$A$1:$B$9` → 学生 名册, `附件5!$A$1` → 附件5. */
export function rangeSheet(range: string): string | null {
  const quoted = /^'((?:[^']|'')+)'!/u.exec(range);
  if (quoted) return quoted[1]!.replace(/''/gu, "'");
  const plain = /^([^!]+)!/u.exec(range);
  return plain ? plain[1]! : null;
}

/** Defined names without the ranges on omitted sheets (a name left with none is dropped). */
export function namesWithout(names: unknown, omit: ReadonlySet<string>): unknown {
  if (!Array.isArray(names) || omit.size === 0) return names;
  return (names as { name: string; ranges: string[] }[])
    .map((n) => ({ ...n, ranges: n.ranges.filter((r) => !omit.has(rangeSheet(r) ?? '')) }))
    .filter((n) => n.ranges.length > 0);
}

/** Reports the sheet being written, and how many of the sheets to write are done. */
export type SheetProgress = (sheet: string, done: number, total: number) => void;

/**
 * Writes `wb` (with its placeholders filled from `plan`) into `zip`: the CLI's file (writeStreaming) or
 * file mode's download (streamedBytes). `pause` is awaited every few thousand rows and after each sheet.
 */
async function writePlan(wb: ExcelJS.Workbook, plan: StreamPlan, zip: ZipWriter, pause: () => Promise<void>, progress?: SheetProgress): Promise<void> {
  // ExcelJS's own zip (archiver) gets a throw-away stream: the parts go to `zip` (useZip). In the
  // browser's worker there is no node:stream, and the archiver is a stub (webpack.config.js).
  const stream = typeof PassThrough === 'function' ? new PassThrough() : {};
  const writer = new WorkbookWriter({ stream: stream as PassThrough, useStyles: true, useSharedStrings: true });
  useZip(writer, zip);
  const styles = new StylePool();
  const sheet = (name: string, ws: ExcelJS.Worksheet) => withPrintOptions(writer.addWorksheet(name, sheetOptions(ws) as ExcelJS.AddWorksheetOptions));
  const omit = plan.omit ?? new Set<string>();
  const names = namesWithout(definedNamesOf(wb), omit);
  if (Array.isArray(names) && names.length > 0) setWriterDefinedNames(writer, names);
  // The active/first visible tab counts the sheets written: with sheets left out, start at the first.
  if (wb.views?.length) setWriterViews(writer, omit.size > 0 ? wb.views.map((v) => ({ ...v, activeTab: 0, firstSheet: 0 })) : wb.views);
  const sheets = wb.worksheets.filter((ws) => !omit.has(ws.name));
  for (const [i, ws] of sheets.entries()) {
    progress?.(ws.name, i, sheets.length);
    const table = plan.streamed.get(ws.name);
    const model = plan.deferred.get(ws.name);
    let dst: ExcelJS.Worksheet;
    if (table) {
      dst = sheet(ws.name, ws);
      await streamTable(table, dst, styles, pause, plan.keepTables !== true);
    } else if (model) {
      dst = await streamModel(model, writer, ws.name, styles, pause);
    } else if (plan.copiedOther?.has(ws.name)) {
      dst = sheet(ws.name, ws);
      await copyOtherStreamedSheet(ws, dst, plan.copiedOther.get(ws.name)!, styles, pause);
    } else if (plan.copied?.has(ws.name)) {
      dst = sheet(ws.name, ws);
      await copyStreamedSheet(ws, dst, plan.copied.get(ws.name)!, styles, pause);
    } else {
      dst = sheet(ws.name, ws);
      await copySheet(ws, dst, styles, pause);
    }
    dst.commit();
    await zip.ready();
  }
  progress?.('', sheets.length, sheets.length);
  await writer.commit();
}

/** Writes `wb` (with its placeholders filled from `plan`) to `out` through a temporary file (wholeFile.ts). */
export async function writeStreaming(wb: ExcelJS.Workbook, plan: StreamPlan, out: string): Promise<void> {
  let zip: ZipFileWriter | null = null;
  await writeWhole(
    out,
    async (tmp) => {
      const z = new ZipFileWriter(tmp);
      zip = z;
      // A turn of the event loop, then wait while a part's compressor holds too much (zipWriter.ts).
      const pause = async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        await z.ready();
      };
      await writePlan(wb, plan, z, pause);
    },
    () => zip?.abort(),
  );
}

/**
 * The same workbook as writeStreaming writes, as bytes in memory (file mode's download, in its worker):
 * the browser's compressor (browserZip.ts). Nothing is returned unless the whole file was written.
 */
export async function streamedBytes(wb: ExcelJS.Workbook, plan: StreamPlan, progress?: SheetProgress, gzip?: (on: GzipEvents) => GzipPart): Promise<Uint8Array> {
  const zip = new MemoryZipWriter(gzip);
  try {
    // In the worker nothing else waits for this thread: only the compressor's backlog is waited on.
    await writePlan(wb, plan, zip, () => zip.ready(), progress);
  } catch (e) {
    zip.abort();
    throw e;
  }
  return zip.bytes();
}
