/**
 * The WorkbookHost for the open workbook in Excel (Windows, Mac, Excel on the web), through Office.js.
 * The only place (with importWorkbook.ts) that calls Office.js.
 *
 * Requirement sets. Target: ExcelApi 1.7 (Excel 2016 MSI+ / 2019 / Microsoft 365 / web). Used:
 *   1.1  worksheets, ranges, values/text/numberFormat, font/fill/borders, merge, select
 *   1.2  columnWidth/rowHeight, getUsedRange(valuesOnly), worksheet.visibility (set), range.clear
 *   1.4  getItemOrNullObject
 *   1.6  application.suspendApiCalculationUntilNextSync (no recalculation while we write)
 *   1.7  getRangeByIndexes, freezePanes
 * Higher, used only when present (Office.context.requirements.isSetSupported), degrading gracefully:
 *   1.9  pageLayout (A4, orientation, fit to one page wide, print title rows, footer page numbers) and
 *        suspendScreenUpdatingUntilNextSync. Without 1.9 the 附件 sheets are written without print
 *        settings and `warnings` says so (the secretary sets them in 页面布局 before printing).
 *   1.13 insertWorksheetsFromBase64 (importWorkbook.ts); without it the file is parsed with ExcelJS.
 *
 * What the tool remembers (settings, its sheets, the result block) is the meta record of ../meta.ts in
 * the very hidden sheet ZSB_META, A1 — the same record the .xlsx host writes.
 *
 * The result block (SPEC §3.1) is found by what moves with the cells: a workbook-scoped defined name
 * (ZSB_Result_k, ExcelApi 1.4) that Excel shifts, widens or narrows when the user inserts or deletes rows
 * or columns and that follows a renamed sheet. Before a block is replaced, every cell of it (and of the
 * area the new block will cover) is compared with a copy of what was written, kept in ZSB_META beside the
 * record and matched by 学号 (so inserted, deleted or sorted rows are no obstacle). A cell the user typed
 * or changed stops the write (code UserCellsInBlock) — or, when asked, is moved beside the new block —
 * so a re-run never erases the user's text.
 *
 * Requests: no request carries more than `requestBudget` bytes (default 3.5 MB; Excel on the web rejects
 * 5 MB) or `cellBudget` cells; context.sync() is called once per such chunk, never per row or cell.
 *
 * Payload (issue 17): a sheet is read as values, with display text and number format only for the rows ×
 * columns that hold numbers (readShown: 学号 stored as formatted numbers, 成绩, dates); number formats are
 * written as per-column runs of equal ones, row heights and 附件 column widths per run of equal ones.
 * payload 'full' keeps the way before (every cell's text and format; formats cell by cell, heights row
 * by row) to measure the difference; both leave the same workbook (bench/office.ts checks it).
 *
 * Failure safety: 附件 sheets are built under temporary very-hidden names (ZSB~tmp…), then one last
 * request swaps them in (delete the old owned sheet, rename, show) together with the meta update. A
 * failure before that request leaves the workbook as before (temporary sheets are removed at once, or by
 * the next run if even that fails); a failure of the last request leaves either the old or the complete
 * new state. The result block is written in one request when it fits the budget (6,000 students ≈ 1 MB).
 */
import type { RawTable, CellValue } from '../../sheets/table';
import { columnLetter } from '../../sheets/table';
import type { ModelCell, SheetModel, ModelTable } from '../../sheets/attachments/model';
import { layoutSheet, pageHeaderCode, PRINT } from '../../sheets/attachments/model';
import type { ColumnMappings, OutputRuns, ResultBlock, ResultBlockOptions, ResultBlockReport, RunStamp, SheetInfo, WorkbookHost } from '../host';
import { META_SHEET, emptyMeta, freeMetaSheetName, isMetaSheetName, isToolMetaSheet, parseMeta, serializeMeta } from '../meta';
import type { MetaRecord } from '../meta';
import { OfficeHostError, toHostError } from './errors';
import {
  DEFAULT_CELL_BUDGET,
  DEFAULT_REQUEST_BUDGET,
  MAX_CELL_TEXT,
  PROBE_ROWS,
  cellsBytes,
  type ExcelCell,
  charsToPoints,
  chunkRows,
  distinctSheetName,
  equalRuns,
  formatOps,
  formattedRects,
  heightRuns,
  type GridRect,
  jsonBytes,
  sheetNameProblem,
  toExcelCell,
} from './payload';

/** Prefix of the sheets a write builds before swapping them in. */
export const TEMP_PREFIX = 'ZSB~tmp';

/** Prefix of the workbook-scoped defined names that follow the result blocks (ZSB_Result_1, …). */
export const NAME_PREFIX = 'ZSB_Result_';

/** Where a result block is (1-based rows and columns, inclusive). */
interface BlockPlace {
  sheet: string;
  headerRow: number;
  startColumn: number;
  endColumn: number;
  lastRow: number;
}

interface PlacedBlock {
  entry: MetaRecord['resultBlocks'][number];
  where: BlockPlace | null;
  /** Its cells were all deleted (the name refers to #REF!) or the name was removed. */
  gone: boolean;
  /** The defined name still exists (possibly referring to #REF!). */
  exists: boolean;
}

/** A cell inside a result block that the user typed or changed. */
interface UserCell {
  row: number;
  column: number;
  address: string;
  value: string | number | boolean;
  format: string;
}

/** A read of `n` rows that Excel refused as too big, to be read again in halves (one row: reported). */
function refusedAsTooBig(e: unknown, n: number): boolean {
  const code = (e as { code?: string }).code;
  return (code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded') && n > 1;
}

/** A row's identity in the copy: the student's 学号, or (no key given) its row number. */
function rowKey(r: { row: number; key?: string }): string {
  return r.key ?? `#${r.row}`;
}

/** "'学生 名册'!$M$2:$W$10" → "学生 名册". */
export function sheetOfAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  const raw = bang < 0 ? '' : address.slice(0, bang);
  return raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
}

/** Errors of the print-settings request after which the (complete) sheets are kept with a warning. */
const PRINT_DEGRADE_CODES = new Set(['InvalidArgument', 'NotImplemented', 'ApiNotFound', 'UnsupportedOperation', 'UnsupportedFeature']);

/** Fixed size estimate of one queued formatting operation (object path + action), in bytes. */
const OP_BYTES = 300;

export interface OfficeHostOptions {
  /** Largest request or response in bytes (default 3.5 MB). */
  requestBudget?: number;
  /** Largest number of cells read or written by one range operation (default 1,000,000). */
  cellBudget?: number;
  /**
   * 'lean' (default): sheets are read as values, with display text and number format only where a
   * column holds numbers; number formats and row heights are written per run of equal ones. 'full': the
   * way before issue 17 — values, text and format of every cell read, formats written cell by cell and
   * heights row by row. Both leave the same cells and give the parse the same table; 'full' is kept to
   * measure the difference (bench/office.ts) and to prove it (test/hosts/office/leanPayload.test.ts).
   */
  payload?: 'lean' | 'full';
}

const ERROR_VALUE = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

function toCellValue(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'string') return ERROR_VALUE.test(v) ? { error: v } : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Queues write operations and calls context.sync() only when the next piece would push the request
 * over the budget. One sync per ≈ budget bytes, never one per row.
 */
class Batch {
  private pending = 0;
  private queued: { bytes: number; queue: () => void }[] = [];
  syncs = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
    private readonly onStart: () => void,
  ) {}
  /**
   * Queues `queue()` whose request size is about `bytes`; syncs first when the batch is full. Every
   * operation of a write must be queued through here (so that a refused request can be re-sent).
   */
  async add(bytes: number, queue: () => void): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > this.budget) await this.flush();
    if (this.pending === 0) {
      this.onStart();
      this.pending = OP_BYTES;
    }
    queue();
    this.queued.push({ bytes, queue });
    this.pending += bytes;
  }
  async flush(): Promise<void> {
    if (this.queued.length === 0) return;
    const items = this.queued;
    this.queued = [];
    this.pending = 0;
    await this.send(items, false);
  }
  /**
   * Sends the queued pieces. Excel refuses a request over its size limit before applying any of it; the
   * pieces are then re-queued and sent in two halves (a single piece still too big is reported).
   */
  private async send(items: { bytes: number; queue: () => void }[], requeue: boolean): Promise<void> {
    if (requeue) {
      this.onStart();
      for (const it of items) it.queue();
    }
    try {
      await this.context.sync();
      this.syncs++;
    } catch (e) {
      if ((e as { code?: string }).code !== 'RequestPayloadSizeLimitExceeded' || items.length < 2) throw e;
      const mid = Math.ceil(items.length / 2);
      await this.send(items.slice(0, mid), true);
      await this.send(items.slice(mid), true);
    }
  }
}

/** What readGrid can load of a range. */
type GridProperty = 'values' | 'text' | 'numberFormat';

export class OfficeWorkbookHost implements WorkbookHost {
  private readonly requestBudget: number;
  private readonly cellBudget: number;
  private readonly lean: boolean;
  /** Chinese notes about features this Excel lacks (e.g. print settings without ExcelApi 1.9). */
  readonly warnings: string[] = [];

  constructor(options: OfficeHostOptions = {}) {
    this.requestBudget = options.requestBudget ?? DEFAULT_REQUEST_BUDGET;
    this.cellBudget = options.cellBudget ?? DEFAULT_CELL_BUDGET;
    this.lean = options.payload !== 'full';
  }

  /** True when the running Excel supports ExcelApi `version`. */
  supports(version: string): boolean {
    return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', version);
  }

  private async run<T>(action: string, where: { sheet?: string; cell?: string }, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await Excel.run(batch);
    } catch (e) {
      throw toHostError(e, action, where);
    }
  }

  // ───────────── meta record ─────────────

  /**
   * The tool's meta record and the sheet that holds it, recognised by what it holds (isToolMetaSheet:
   * very hidden, ZSB_META or ZSB_META(n), A1 empty or JSON), not by its name alone: a user's sheet named
   * ZSB_META is an input like any other (issue 14), and then the tool's meta goes to ZSB_META(2)
   * (`sheet`: the name to create when none exists), as the .xlsx host does.
   */
  private async readMeta(context: Excel.RequestContext, load = 'items/name,items/visibility'): Promise<{ meta: MetaRecord; exists: boolean; sheet: string }> {
    const sheets = context.workbook.worksheets;
    // One load of the collection (with what the caller reads of it too: a second load replaces the first).
    sheets.load(load);
    await context.sync();
    const candidates = sheets.items.filter((w) => isMetaSheetName(w.name) && w.visibility === 'VeryHidden');
    const cells = candidates.map((w) => w.getRange('A1').load('values'));
    if (candidates.length > 0) await context.sync();
    const k = candidates.findIndex((w, i) => isToolMetaSheet(w.name, 'veryHidden', cells[i]!.values[0]?.[0]));
    if (k < 0) return { meta: emptyMeta(), exists: false, sheet: freeMetaSheetName(sheets.items.map((w) => w.name)) };
    const sheet = candidates[k]!.name;
    const parsed = parseMeta(cells[k]!.values[0]?.[0]);
    if (!parsed.ok) throw new OfficeHostError(parsed.message, 'MetaDamaged', { sheet, cell: 'A1' });
    return { meta: parsed.meta, exists: true, sheet };
  }

  /** Queues the meta record write (no sync). */
  private queueMeta(context: Excel.RequestContext, meta: MetaRecord, { exists, sheet }: { exists: boolean; sheet: string }): void {
    const text = serializeMeta(meta);
    if (text.length > MAX_CELL_TEXT) {
      throw new OfficeHostError(
        `要保存到隐藏工作表 ${sheet}!A1 的设置超过了 Excel 单元格 32767 个字符的上限。请减少设置中的长文本（如备注）后重试。`,
        'InvalidArgument',
        { sheet, cell: 'A1' },
      );
    }
    let ws: Excel.Worksheet;
    if (exists) ws = context.workbook.worksheets.getItem(sheet);
    else {
      ws = context.workbook.worksheets.add(sheet);
      ws.visibility = 'VeryHidden';
    }
    const a1 = ws.getRange('A1');
    a1.numberFormat = [['@']];
    a1.values = [[text]];
  }

  // ───────────── WorkbookHost ─────────────

  async listSheets(): Promise<SheetInfo[]> {
    return this.run('读取工作表列表', {}, async (context) => {
      const sheets = context.workbook.worksheets;
      const { meta, exists, sheet } = await this.readMeta(context);
      const owned = new Set(meta.ownedSheets.map((n) => n.toLowerCase()));
      return sheets.items
        .filter((w) => !(exists && sameName(w.name, sheet)) && !w.name.startsWith(TEMP_PREFIX))
        .map((w) => ({ name: w.name, owned: owned.has(w.name.toLowerCase()), visible: w.visibility === 'Visible' }));
    });
  }

  async readSheet(name: string, onProgress?: (done: number, total: number) => void): Promise<RawTable> {
    return this.run('读取工作表', { sheet: name }, async (context) => {
      const { meta } = await this.readMeta(context);
      const placed = await this.placeBlocks(context, meta);
      const ws = context.workbook.worksheets.getItem(name);
      const used = ws.getUsedRange(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      ws.load('name');
      await context.sync();
      const { rowIndex, columnIndex, rowCount, columnCount } = used;
      const at = { row0: rowIndex, col0: columnIndex, rows: rowCount, cols: columnCount };
      const { values, text, numberFormats } = this.lean
        ? await this.readShown(context, ws, at, onProgress)
        : await this.readGrid(context, ws, at, ['values', 'text', 'numberFormat'], onProgress).then((g) => ({
            values: g.values,
            text: g.text as string[][],
            numberFormats: g.numberFormat as string[][],
          }));
      const rows = values.map((r) => r.map(toCellValue));
      const table: RawTable = { sheet: ws.name, originRow: rowIndex + 1, originCol: columnIndex + 1, rows, text, numberFormats };
      const blocks: BlockPlace[] = [
        ...placed.flatMap((p) => (p.where ? [p.where] : [])),
        ...meta.resultBlocks.filter((b) => !b.name),
      ];
      hideResultBlock(table, blocks, ws.name);
      return table;
    });
  }

  async writeResultBlock(block: ResultBlock, options: ResultBlockOptions = {}): Promise<ResultBlockReport> {
    const width = block.headers.length;
    if (width === 0) throw new OfficeHostError('结果列为空：没有可写入的列。', 'InvalidArgument', { sheet: block.sheet });
    for (const r of block.rows) {
      if (r.row <= block.headerRow) {
        throw new OfficeHostError(`结果行号 ${r.row} 不在表头行 ${block.headerRow} 之下（工作表“${block.sheet}”）。`, 'InvalidArgument', { sheet: block.sheet });
      }
      if (r.values.length > width) {
        throw new OfficeHostError(`第 ${r.row} 行的结果有 ${r.values.length} 个值，但只有 ${width} 个结果列（工作表“${block.sheet}”）。`, 'InvalidArgument', { sheet: block.sheet });
      }
    }
    return this.run('写入结果列', { sheet: block.sheet }, async (context) => {
      const { meta, exists, sheet: metaSheet } = await this.readMeta(context);
      const placed = await this.placeBlocks(context, meta);
      const ws = context.workbook.worksheets.getItem(block.sheet);
      ws.load('name');
      const used = ws.getUsedRange(true);
      used.load('columnIndex,columnCount');
      await context.sync();
      const sheetName = ws.name;
      const usedRight = used.columnIndex + used.columnCount;
      // The previous block: where its defined name says it is now (it moved with the cells); a block
      // whose cells were all deleted (#REF!) is gone; an older version's block by its recorded columns.
      const mine = placed.find((p) => p.where && sameName(p.where.sheet, sheetName));
      const entry = mine?.entry ?? meta.resultBlocks.find((b) => !b.name && sameName(b.sheet, sheetName) && b.headerRow === block.headerRow);
      const legacy = mine ? undefined : (entry ?? (await this.findUntrackedBlock(context, ws, sheetName, block, usedRight)));
      const prev = mine?.where ?? legacy;
      const lastRow = Math.max(block.headerRow, ...block.rows.map((r) => r.row));
      const start = prev ? prev.startColumn : usedRight + 1;
      if (prev && prev.headerRow !== block.headerRow) {
        throw new OfficeHostError(
          `工作表“${sheetName}”的结果列（${columnLetter(prev.startColumn)}${prev.headerRow} 起）与名册表头（第 ${block.headerRow} 行）不在同一行：可能在结果列中插入或删除了单元格。为避免覆盖您的数据，本次没有写入。请删除旧的结果列后再写回。`,
          'UserDataConflict',
          { sheet: sheetName, cell: `${columnLetter(prev.startColumn)}${prev.headerRow}` },
        );
      }
      let found: UserCell[] = [];
      let checked: ResultBlockReport['checked'] = 'none';
      if (mine?.entry.copy) {
        found = await this.userCells(context, ws, metaSheet, block, mine.where!, mine.entry.copy, { start, lastRow }, mine.entry.headerRow);
        checked = 'cells';
      } else if (prev) {
        await this.checkBlockArea(context, ws, sheetName, block, prev, lastRow);
        checked = 'headers';
      }
      let moved: { from: string; to: string }[] = [];
      if (found.length > 0 && !options.moveUserCells) {
        const list = found.slice(0, 5).map((u) => `${u.address}“${String(u.value)}”`).join('、');
        throw new OfficeHostError(
          `工作表“${sheetName}”的结果列区域中有 ${found.length} 个单元格是您填写或改动的：${list}${found.length > 5 ? ' 等' : ''}。` +
            `为不覆盖您的内容，本次没有写入。可点“把这些内容移到结果列右侧，然后写回”，或自己把它们移走后再写回。`,
          'UserCellsInBlock',
          { sheet: sheetName, cell: found[0]!.address },
        );
      }

      const stale = placed.filter((p) => p.exists && (p.entry === mine?.entry || p.gone)).map((p) => p.entry.name!);
      let name = mine?.entry.name;
      if (!name) {
        // A name of ours the record does not know (ZSB_META was deleted): this sheet's is replaced, another
        // sheet's is kept.
        const taken = new Set(meta.resultBlocks.map((b) => b.name?.toLowerCase()).filter((n): n is string => !!n));
        const probe = Array.from({ length: meta.resultBlocks.length + 8 }, (_, i) => `${NAME_PREFIX}${i + 1}`).filter((n) => !taken.has(n.toLowerCase()));
        const probes = probe.map((n) => {
          const item = context.workbook.names.getItemOrNullObject(n);
          const r = item.getRangeOrNullObject();
          r.load('address');
          return { n, item, r };
        });
        await context.sync();
        for (const f of probes) {
          if (f.item.isNullObject) {
            name ??= f.n;
            continue;
          }
          if (f.r.isNullObject || sameName(sheetOfAddress(f.r.address), sheetName)) {
            stale.push(f.n);
            name ??= f.n;
          }
        }
        if (!name) throw new OfficeHostError(`工作簿中以 ${NAME_PREFIX} 开头的名称太多，请在“公式 → 名称管理器”中删除不用的名称后重试。`, 'InvalidOperation', { sheet: sheetName });
      }
      const definedName = name;

      const textColumns = new Set(block.textColumns ?? []);
      const byRow = new Map(block.rows.map((r) => [r.row, r.values]));
      const cells = (row: number) =>
        block.headers.map((h, c) => toExcelCell(byRow.get(row)?.[c] ?? null, { text: textColumns.has(h) }));
      const dataCount = lastRow - block.headerRow;
      const chunks = chunkRows(dataCount, width, (i) => cellsBytes(cells(block.headerRow + 1 + i)), this.requestBudget / 2, this.cellBudget);

      const batch = new Batch(context, this.requestBudget, () => this.suspend(context));
      if (found.length > 0) {
        // Kept, not erased: each column of the user's cells goes to an empty column right of everything.
        const right = Math.max(usedRight, start + width - 1, prev ? prev.endColumn : 0);
        const columns = [...new Set(found.map((u) => u.column))].sort((a, b) => a - b);
        moved = found.map((u) => ({ from: u.address, to: `${columnLetter(right + 1 + columns.indexOf(u.column))}${u.row}` }));
        for (const u of found) {
          const to = right + 1 + columns.indexOf(u.column);
          await batch.add(jsonBytes(u.value) + 2 * OP_BYTES, () => {
            const cell = ws.getRangeByIndexes(u.row - 1, to - 1, 1, 1);
            cell.numberFormat = [[typeof u.value === 'string' ? '@' : u.format]];
            cell.values = [[u.value]];
          });
        }
      }
      if (prev) {
        const oldWidth = prev.endColumn - prev.startColumn + 1;
        await batch.add(OP_BYTES, () =>
          ws.getRangeByIndexes(prev.headerRow - 1, prev.startColumn - 1, prev.lastRow - prev.headerRow + 1, oldWidth).clear('All'),
        );
      }
      const header = ws.getRangeByIndexes(block.headerRow - 1, start - 1, 1, width);
      await batch.add(jsonBytes(block.headers) + 4 * OP_BYTES, () => {
        header.numberFormat = [block.headers.map(() => '@')];
        header.values = [block.headers];
        header.format.font.bold = true;
        header.format.fill.color = '#E2EFDA';
        header.format.horizontalAlignment = 'Center';
        ws.getRangeByIndexes(block.headerRow - 1, start - 1, 1, width).format.columnWidth = charsToPoints(12);
      });
      for (const ch of chunks) {
        const rows = ch.end - ch.start;
        const grid = Array.from({ length: rows }, (_, i) => cells(block.headerRow + 1 + ch.start + i));
        await this.writeCells(batch, ws, block.headerRow + ch.start, start - 1, grid, ch.bytes);
      }

      // The copy in ZSB_META (what was written, by 学号) and the defined name that moves with the block.
      if (!exists) {
        await batch.add(2 * OP_BYTES, () => {
          context.workbook.worksheets.add(metaSheet).visibility = 'VeryHidden';
        });
      }
      const metaWs = context.workbook.worksheets.getItem(metaSheet);
      const others = meta.resultBlocks.filter((b) => b !== mine?.entry && b !== entry && b.copy);
      const copyColumn = mine?.entry.copy?.column ?? Math.max(3, ...others.map((b) => b.copy!.column + b.copy!.width + 2));
      if (mine?.entry.copy) {
        const old = mine.entry.copy;
        await batch.add(OP_BYTES, () => metaWs.getRangeByIndexes(0, old.column - 1, old.rows, old.width).clear('All'));
      }
      const keyed = block.rows;
      const copyRow = (i: number): ExcelCell[] =>
        i < 0
          ? [{ value: '学号', format: '@' }, { value: '行', format: '@' }, ...block.headers.map((h) => ({ value: h, format: '@' }))]
          : [{ value: rowKey(keyed[i]!), format: '@' }, { value: keyed[i]!.row, format: 'General' }, ...cells(keyed[i]!.row)];
      const copyChunks = chunkRows(keyed.length, width + 2, (i) => cellsBytes(copyRow(i)), this.requestBudget / 2, this.cellBudget);
      await batch.add(jsonBytes(block.headers) + 2 * OP_BYTES, () => {
        const r = metaWs.getRangeByIndexes(0, copyColumn - 1, 1, width + 2);
        const row = copyRow(-1);
        r.numberFormat = [row.map((c) => c.format)];
        r.values = [row.map((c) => c.value)];
      });
      for (const ch of copyChunks) {
        const grid = Array.from({ length: ch.end - ch.start }, (_, i) => copyRow(ch.start + i));
        await this.writeCells(batch, metaWs, 1 + ch.start, copyColumn - 1, grid, ch.bytes);
      }
      await batch.add((2 + stale.length) * OP_BYTES, () => {
        // A name whose cells were all deleted (#REF!) is removed; ours is re-pointed at the new block.
        for (const n of stale) context.workbook.names.getItem(n).delete();
        context.workbook.names.add(definedName, ws.getRangeByIndexes(block.headerRow - 1, start - 1, lastRow - block.headerRow + 1, width));
      });
      const next: MetaRecord = {
        ...meta,
        resultBlocks: [
          ...meta.resultBlocks.filter((b) => b !== mine?.entry && b !== entry && !placed.some((p) => p.entry === b && p.gone)),
          {
            sheet: sheetName,
            headerRow: block.headerRow,
            startColumn: start,
            endColumn: start + width - 1,
            lastRow,
            name: definedName,
            ...(block.run ? { run: block.run } : {}),
            copy: { column: copyColumn, rows: keyed.length + 1, width: width + 2 },
          },
        ],
      };
      await batch.add(jsonBytes(next) + 3 * OP_BYTES, () => this.queueMeta(context, next, { exists: true, sheet: metaSheet }));
      await batch.flush();
      return {
        sheet: sheetName,
        columns: `${columnLetter(start)}–${columnLetter(start + width - 1)}`,
        rows: block.rows.length,
        checked,
        moved,
      };
    });
  }

  /**
   * Where each recorded block is now: its defined name's range (moved with inserted/deleted rows and
   * columns, renamed sheet). `gone` when the name refers to #REF! (all its cells were deleted) or was
   * removed. Entries of older versions (no name) are returned without `where`.
   */
  private async placeBlocks(context: Excel.RequestContext, meta: MetaRecord): Promise<PlacedBlock[]> {
    const named = meta.resultBlocks.filter((b) => b.name);
    if (named.length === 0) return [];
    const items = named.map((b) => context.workbook.names.getItemOrNullObject(b.name!));
    const ranges = items.map((item) => {
      const r = item.getRangeOrNullObject();
      r.load('address,rowIndex,columnIndex,rowCount,columnCount');
      return r;
    });
    await context.sync();
    return named.map((entry, i) => {
      const r = ranges[i]!;
      const exists = !items[i]!.isNullObject;
      if (r.isNullObject) return { entry, where: null, gone: true, exists };
      return {
        entry,
        gone: false,
        exists,
        where: {
          sheet: sheetOfAddress(r.address),
          headerRow: r.rowIndex + 1,
          startColumn: r.columnIndex + 1,
          endColumn: r.columnIndex + r.columnCount,
          lastRow: r.rowIndex + r.rowCount,
        },
      };
    });
  }

  /**
   * The cells inside the old block (and in the new block's area beyond it) that the user typed or
   * changed: every cell is compared with the copy of what was written, matched by 学号, so rows the user
   * inserted, deleted or sorted are no obstacle. Columns the user inserted inside the block count as
   * theirs.
   */
  private async userCells(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    metaSheet: string,
    block: ResultBlock,
    where: BlockPlace,
    copy: { column: number; rows: number; width: number },
    target: { start: number; lastRow: number },
    writtenHeaderRow: number,
  ): Promise<UserCell[]> {
    const top = where.headerRow;
    const bottom = Math.max(where.lastRow, target.lastRow);
    const left = Math.min(where.startColumn, target.start);
    const right = Math.max(where.endColumn, target.start + block.headers.length - 1);
    const metaWs = context.workbook.worksheets.getItem(metaSheet);
    const area = { row0: top - 1, col0: left - 1, rows: bottom - top + 1, cols: right - left + 1 };
    // The formats are needed only of the cells found (to move them as they are): read after, around them.
    const full = this.lean ? null : await this.readGrid(context, ws, area, ['values', 'numberFormat']);
    const current = full ? full.values : (await this.readGrid(context, ws, area, ['values'])).values;
    const { values: saved } = await this.readGrid(context, metaWs, { row0: 0, col0: copy.column - 1, rows: copy.rows, cols: copy.width }, ['values']);
    const savedHeaders = saved[0]!.slice(2).map(String);
    const byKey = new Map<string, unknown[]>();
    const byRow = new Map<number, unknown[]>();
    for (let i = 1; i < saved.length; i++) {
      byKey.set(String(saved[i]![0]), saved[i]!.slice(2));
      byRow.set(Number(saved[i]![1]), saved[i]!.slice(2));
    }
    const keyOfRow = new Map(block.rows.map((r) => [r.row, rowKey(r)]));
    // A row whose student the copy does not know (its roster cells were cleared, or written by a version
    // without 学号): what was written at that row, counted from the header (rows inserted inside the block
    // make this miss, and then the cell counts as the user's: the write stops and asks).
    const shift = where.headerRow - writtenHeaderRow;
    // Which saved column each current column of the old block holds (by header, in order).
    const headerRow = current[0]!;
    const ours = new Map<number, number>();
    let k = 0;
    for (let c = where.startColumn; c <= where.endColumn; c++) {
      const h = headerRow[c - left];
      const at = savedHeaders.indexOf(String(h), k);
      if (h !== '' && at >= 0) {
        ours.set(c, at);
        k = at + 1;
      }
    }
    const found: UserCell[] = [];
    for (let i = 0; i < current.length; i++) {
      const row = top + i;
      const key = keyOfRow.get(row);
      const expectedRow = (key === undefined ? undefined : byKey.get(key)) ?? byRow.get(row - shift);
      for (let j = 0; j < current[i]!.length; j++) {
        const col = left + j;
        const v = current[i]![j];
        if (v === '' || v === null) continue;
        const inOld = row <= where.lastRow && col >= where.startColumn && col <= where.endColumn;
        const savedCol = inOld ? ours.get(col) : undefined;
        let expected: unknown = undefined;
        if (savedCol !== undefined) expected = i === 0 ? savedHeaders[savedCol] : expectedRow?.[savedCol];
        if (expected !== undefined && expected === v) continue;
        found.push({ row, column: col, address: `${columnLetter(col)}${row}`, value: v as string | number | boolean, format: full ? String(full.numberFormat[i]![j] ?? 'General') : 'General' });
      }
    }
    if (!full && found.length > 0) {
      const r0 = found.reduce((m, u) => Math.min(m, u.row), Infinity);
      const c0 = found.reduce((m, u) => Math.min(m, u.column), Infinity);
      const r1 = found.reduce((m, u) => Math.max(m, u.row), 0);
      const c1 = found.reduce((m, u) => Math.max(m, u.column), 0);
      const around = { row0: r0 - 1, col0: c0 - 1, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
      const { numberFormat } = await this.readGrid(context, ws, around, ['numberFormat']);
      for (const u of found) u.format = String(numberFormat[u.row - r0]![u.column - c0] ?? 'General');
    }
    return found;
  }

  /**
   * A rectangle's values, and what Excel shows of them: `text` and `numberFormat` are loaded only for the
   * cells a number format can change — the rows from the first to the last number or TRUE/FALSE of each
   * column that holds one (formattedRects: 学号 stored as numbers with "0000000000", 成绩, dates, percent
   * scores). Elsewhere a cell's text is its value (a string is shown as itself, an empty cell as '') and
   * its format is reported as "General": the parse reads a display text or format only for numbers, and
   * a string's display only in its messages. Progress counts rows of the whole read (values and shown).
   */
  private async readShown(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    at: { row0: number; col0: number; rows: number; cols: number },
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ values: unknown[][]; text: string[][]; numberFormats: string[][] }> {
    const { rows } = at;
    // Progress in rows of the sheet: the values take their share of the cells, the shown parts the rest
    // (their size is known once the values are in: reported as a part of the same total).
    const report = (fraction: number) => onProgress?.(Math.min(rows, Math.floor(rows * fraction)), rows);
    const grid = await this.readGrid(context, ws, at, ['values'], onProgress ? (done) => report((done / Math.max(1, rows)) * 0.75) : undefined);
    const values = grid.values;
    const rects: GridRect[] = formattedRects(values);
    const text: string[][] = values.map((row) => row.map((v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v))));
    const numberFormats: string[][] = values.map((row) => row.map(() => 'General'));
    const shownCells = rects.reduce((n, q) => n + q.rows * q.cols, 0);
    let doneCells = 0;
    for (const q of rects) {
      const part = await this.readGrid(
        context,
        ws,
        { row0: at.row0 + q.row0, col0: at.col0 + q.col0, rows: q.rows, cols: q.cols },
        ['text', 'numberFormat'],
        onProgress ? (done) => report(0.75 + (0.25 * (doneCells + done * q.cols)) / Math.max(1, shownCells)) : undefined,
      );
      doneCells += q.rows * q.cols;
      for (let i = 0; i < q.rows; i++) {
        const t = part.text[i]!;
        const f = part.numberFormat[i]!;
        const tr = text[q.row0 + i]!;
        const fr = numberFormats[q.row0 + i]!;
        for (let j = 0; j < q.cols; j++) {
          tr[q.col0 + j] = t[j] as string;
          fr[q.col0 + j] = f[j] as string;
        }
      }
    }
    onProgress?.(rows, rows);
    return { values, text, numberFormats };
  }

  /**
   * The given properties of a rectangle, in requests under the budget: a probe first (sized by a generous
   * 150 bytes per cell), then chunks sized by what the last one weighed; a chunk this Excel refuses as too
   * big is retried in halves (a single row still too big is reported). Rows arrive in order.
   */
  private async readGrid<P extends GridProperty>(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    at: { row0: number; col0: number; rows: number; cols: number },
    properties: readonly P[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<Record<P, unknown[][]>> {
    const { row0, col0, rows, cols } = at;
    const out = Object.fromEntries(properties.map((p) => [p, [] as unknown[][]])) as Record<P, unknown[][]>;
    const maxRows = Math.max(1, Math.floor(this.cellBudget / cols));
    let step = Math.max(1, Math.min(PROBE_ROWS, maxRows, Math.floor(this.requestBudget / (cols * 150))));
    /** Rows per chunk this Excel accepted (lowered when a chunk is refused as too big). */
    let cap = Infinity;
    let done = 0;
    onProgress?.(0, rows);
    while (done < rows) {
      const n = Math.min(step, rows - done);
      const r = ws.getRangeByIndexes(row0 + done, col0, n, cols);
      // eslint-disable-next-line office-addins/no-empty-load -- the rule sees no literal: these are the caller's properties
      r.load(properties.join(','));
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk of ≤ requestBudget bytes, not per row
        await context.sync();
      } catch (e) {
        if (!refusedAsTooBig(e, n)) throw e;
        step = cap = Math.ceil(n / 2);
        continue;
      }
      let bytes = 0;
      for (const p of properties) {
        // eslint-disable-next-line office-addins/load-object-before-read -- loaded above with the same list
        const got = r[p] as unknown[][];
        const list = out[p];
        for (let i = 0; i < n; i++) list.push(got[i] as unknown[]);
        bytes += jsonBytes(got);
      }
      // Size the next chunk from what this one weighed (the response holds every loaded property).
      step = Math.max(1, Math.min(maxRows, cap, Math.floor((this.requestBudget * 0.75) / Math.max(1, bytes / n))));
      done += n;
      onProgress?.(done, rows);
    }
    return out;
  }

  /**
   * A block this tool wrote whose record was lost (the roster sheet was copied into another workbook,
   * or ZSB_META was deleted): the last columns of the header row hold exactly our headers, in order.
   * It is then replaced like a tracked block instead of a second block being added to its right.
   */
  private async findUntrackedBlock(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    sheetName: string,
    block: ResultBlock,
    lastUsedColumn: number,
  ): Promise<MetaRecord['resultBlocks'][number] | undefined> {
    const width = block.headers.length;
    if (lastUsedColumn < width) return undefined;
    const tail = ws.getRangeByIndexes(block.headerRow - 1, lastUsedColumn - width, 1, width);
    tail.load('values');
    const below = ws.getUsedRange(true);
    below.load('rowIndex,rowCount');
    await context.sync();
    if (!tail.values[0]!.every((v, i) => v === block.headers[i])) return undefined;
    return { sheet: sheetName, headerRow: block.headerRow, startColumn: lastUsedColumn - width + 1, endColumn: lastUsedColumn, lastRow: below.rowIndex + below.rowCount };
  }

  /**
   * Before replacing a previous block: its header cells must still hold our headers (or be empty) and
   * any cell the new block covers beyond the old one must be empty. Otherwise the user has moved or
   * typed into these columns, and we refuse rather than overwrite their data.
   */
  private async checkBlockArea(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    sheetName: string,
    block: ResultBlock,
    prev: MetaRecord['resultBlocks'][number],
    lastRow: number,
  ): Promise<void> {
    const oldWidth = prev.endColumn - prev.startColumn + 1;
    const width = Math.max(oldWidth, block.headers.length);
    const bottom = Math.max(lastRow, prev.lastRow);
    const headerCells = ws.getRangeByIndexes(block.headerRow - 1, prev.startColumn - 1, 1, width);
    headerCells.load('values');
    const extraRight = width > oldWidth ? ws.getRangeByIndexes(block.headerRow - 1, prev.endColumn, bottom - block.headerRow + 1, width - oldWidth) : null;
    extraRight?.load('values');
    const extraBelow = lastRow > prev.lastRow ? ws.getRangeByIndexes(prev.lastRow, prev.startColumn - 1, lastRow - prev.lastRow, oldWidth) : null;
    extraBelow?.load('values');
    await context.sync();
    const conflict = (row0: number, col0: number, values: unknown[][]): string | null => {
      for (let i = 0; i < values.length; i++) {
        for (let j = 0; j < values[i]!.length; j++) {
          if (values[i]![j] !== '' && values[i]![j] !== null) return `${columnLetter(col0 + j)}${row0 + i}`;
        }
      }
      return null;
    };
    let where: string | null = null;
    let found = '';
    headerCells.values[0]!.forEach((v, j) => {
      if (where || j >= oldWidth || v === '' || v === block.headers[j]) return;
      where = `${columnLetter(prev.startColumn + j)}${block.headerRow}`;
      found = String(v);
    });
    where ??= extraRight ? conflict(block.headerRow, prev.endColumn + 1, extraRight.values) : null;
    where ??= extraBelow ? conflict(prev.lastRow + 1, prev.startColumn, extraBelow.values) : null;
    if (where) {
      const range = `${columnLetter(prev.startColumn)}–${columnLetter(prev.startColumn + width - 1)} 列`;
      throw new OfficeHostError(
        `工作表“${sheetName}”的结果列区域（${range}）已被改动：单元格 ${where}${found ? ` 现在是“${found}”` : ' 中有您的数据'}。` +
          `为避免覆盖您的数据，本次没有写入。请把您的数据移出该区域（或删除旧的结果列）后再点“写回结果列”。`,
        'UserDataConflict',
        { sheet: sheetName, cell: where },
      );
    }
  }

  async writeOwnedSheets(models: SheetModel[], run?: RunStamp): Promise<Map<string, string>> {
    for (const m of models) {
      const problem = sheetNameProblem(m.name);
      if (problem) throw new OfficeHostError(`${problem}（附件工作表命名错误，请联系维护人员）。`, 'InvalidArgument', { sheet: m.name });
    }
    const seen = new Set<string>();
    for (const m of models) {
      if (seen.has(m.name.toLowerCase())) throw new OfficeHostError(`要生成的工作表“${m.name}”出现了两次。`, 'InvalidArgument', { sheet: m.name });
      seen.add(m.name.toLowerCase());
    }
    const print = this.supports('1.9');
    if (!print && models.length > 0) {
      this.warnings.push('当前 Excel 不支持 ExcelApi 1.9：附件工作表未设置打印格式（A4、每页重复表头、页脚页码）。打印前请在“页面布局”中手动设置。');
    }
    const temps: string[] = [];
    try {
      return await this.run('生成附件工作表', {}, async (context) => {
        const sheets = context.workbook.worksheets;
        const found = await this.readMeta(context, 'items/name,items/visibility,items/position');
        const meta = found.meta;
        const existing = sheets.items.map((w) => w.name);
        const owned = new Set(meta.ownedSheets.map((n) => n.toLowerCase()).filter((n) => existing.some((e) => e.toLowerCase() === n)));
        const leftovers = existing.filter((n) => n.startsWith(TEMP_PREFIX));
        // Tab positions once the leftovers are gone (a replaced sheet's successor takes its place).
        const leftoverPositions = sheets.items.filter((w) => w.name.startsWith(TEMP_PREFIX)).map((w) => w.position);
        const positionOf = new Map(sheets.items.map((w) => [w.name.toLowerCase(), w.position - leftoverPositions.filter((p) => p < w.position).length]));

        // Final names: an owned sheet of that name is replaced; a user's sheet of that name is kept and
        // the new sheet gets a distinct name.
        const planned = new Set<string>();
        const finals = models.map((m) => {
          const taken = (n: string) =>
            planned.has(n.toLowerCase()) || (existing.some((e) => sameName(e, n)) && !owned.has(n.toLowerCase())) || sameName(n, META_SHEET) || sameName(n, found.sheet) || n.startsWith(TEMP_PREFIX);
          const name = distinctSheetName(m.name, taken);
          planned.add(name.toLowerCase());
          return name;
        });
        let k = 1;
        for (let i = 0; i < models.length; i++) {
          while (existing.some((e) => sameName(e, `${TEMP_PREFIX}${k}`))) k++;
          temps.push(`${TEMP_PREFIX}${k++}`);
        }

        const batch = new Batch(context, this.requestBudget, () => this.suspend(context));
        for (const n of leftovers) await batch.add(OP_BYTES, () => sheets.getItem(n).delete());
        for (let i = 0; i < models.length; i++) {
          await batch.add(2 * OP_BYTES, () => {
            sheets.add(temps[i]).visibility = 'VeryHidden';
          });
          await this.writeModel(sheets.getItem(temps[i]!), models[i]!, batch);
        }
        await batch.flush();
        if (print) {
          // Print settings of all new sheets in one request. Excel versions differ in which page-layout
          // values they accept; if this request is refused as invalid, the sheets are still complete:
          // the user is told to set printing by hand. Any other failure (connection…) aborts the write.
          for (let i = 0; i < models.length; i++) this.queuePrint(sheets.getItem(temps[i]!), models[i]!);
          try {
            await context.sync();
          } catch (e) {
            const err = toHostError(e, '设置打印格式');
            if (!PRINT_DEGRADE_CODES.has(err.code)) throw e;
            this.warnings.push(`附件工作表的打印格式未能全部设置（${err.message}）。打印前请在“页面布局”中设置 A4、每页重复表头和页码。`);
          }
        }
        // The swap: one request.
        this.suspend(context);
        for (let i = 0; i < models.length; i++) {
          const replaced = existing.find((e) => sameName(e, finals[i]!));
          const ws = sheets.getItem(temps[i]!);
          ws.visibility = 'Visible';
          if (replaced) {
            // Take the replaced sheet's place in the tab order, then remove it.
            ws.position = positionOf.get(replaced.toLowerCase())!;
            sheets.getItem(replaced).delete();
          }
          ws.name = finals[i]!;
        }
        const next: MetaRecord = {
          ...meta,
          ...(run ? { attachmentsRun: run } : {}),
          ownedSheets: [
            ...meta.ownedSheets.filter((n) => existing.some((e) => sameName(e, n)) && !finals.some((f) => sameName(f, n))),
            ...finals,
          ],
        };
        this.queueMeta(context, next, found);
        await context.sync();
        return new Map(models.map((m, i) => [m.name, finals[i]!]));
      });
    } catch (e) {
      throw await this.removeTemps(temps, e);
    }
  }

  /** After a failed write: deletes the temporary sheets (best effort; the next run retries). */
  private async removeTemps(temps: string[], original: unknown): Promise<unknown> {
    if (temps.length === 0) return original;
    try {
      await Excel.run(async (context) => {
        const ws = temps.map((n) => context.workbook.worksheets.getItemOrNullObject(n));
        await context.sync();
        for (const w of ws) if (!w.isNullObject) w.delete();
        await context.sync();
      });
      return original;
    } catch (cleanup) {
      if (original instanceof OfficeHostError) {
        const cleanupMessage = cleanup instanceof Error ? cleanup.message : String(cleanup);
        return new OfficeHostError(`${original.message}（临时工作表未能清除：${cleanupMessage}；下次运行时会自动清除。）`, original.code, {
          cause: original.cause,
          sheet: original.sheet,
          cell: original.cell,
        });
      }
      return original;
    }
  }

  /** Writes one SheetModel into a fresh worksheet, print-ready, in budget-sized requests. */
  private async writeModel(ws: Excel.Worksheet, model: SheetModel, batch: Batch): Promise<void> {
    const layout = layoutSheet(model);
    const banner = (row: number, text: string, size: number, bold: boolean, align: 'Center' | 'Left') => {
      const r = ws.getRangeByIndexes(row - 1, 0, 1, layout.bannerColumns);
      if (layout.bannerColumns > 1) r.merge(false);
      const first = ws.getRangeByIndexes(row - 1, 0, 1, 1);
      first.numberFormat = [['@']];
      first.values = [[text]];
      r.format.font.size = size;
      r.format.font.bold = bold;
      r.format.font.name = PRINT.fontName;
      r.format.horizontalAlignment = align;
      r.format.verticalAlignment = 'Center';
      r.format.wrapText = true;
    };
    // Neighbouring columns of equal width in one operation (RangeFormat.columnWidth: "the width of all
    // columns within the range", ExcelApi 1.2); column by column with payload 'full'.
    const widths = layout.widths.map(charsToPoints);
    const widthRuns = this.lean ? equalRuns(widths) : widths.map((value, start) => ({ start, count: 1, value }));
    await batch.add(jsonBytes(layout.widths) + widthRuns.length * OP_BYTES, () => {
      for (const w of widthRuns) ws.getRangeByIndexes(0, w.start, 1, w.count).format.columnWidth = w.value;
    });
    await batch.add(jsonBytes([model.title, ...model.subtitles]) + 8 * OP_BYTES * (1 + model.subtitles.length), () => {
      banner(layout.titleRow, model.title, PRINT.titleFontSize, true, 'Center');
      model.subtitles.forEach((t, i) => banner(layout.subtitleRows[i]!, t, PRINT.subtitleFontSize, false, 'Center'));
    });
    for (let t = 0; t < model.tables.length; t++) {
      const table = model.tables[t]!;
      const at = layout.tables[t]!;
      if (at.captionRow !== null && table.caption) {
        const caption = table.caption;
        await batch.add(jsonBytes(caption) + 8 * OP_BYTES, () => banner(at.captionRow!, caption, PRINT.bodyFontSize + 1, true, 'Left'));
      }
      await this.writeTable(ws, table, at.headerRow, at.firstDataRow, batch);
      if (at.span) {
        // spanLast (计算说明's key–value tables): the last column is merged across to the sheet width, per row.
        const span = at.span;
        const n = at.lastDataRow - at.headerRow + 1;
        await batch.add(8 * OP_BYTES, () => {
          const r = ws.getRangeByIndexes(at.headerRow - 1, span.from - 1, n, span.to - span.from + 1);
          r.merge(true);
          for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal'] as const) {
            if (edge === 'InsideHorizontal' && n === 1) continue;
            const b = r.format.borders.getItem(edge);
            b.style = 'Continuous';
            b.weight = 'Thin';
          }
        });
      }
    }
    await batch.add(jsonBytes(model.footnotes) + 8 * OP_BYTES * model.footnotes.length, () =>
      model.footnotes.forEach((t, i) => banner(layout.footnoteRows[i]!, t, PRINT.bodyFontSize, false, 'Left')),
    );
    // One operation per run of consecutive rows of equal height (RangeFormat.rowHeight sets every row of a
    // multi-row range: "The height of all rows in the range", ExcelApi 1.2); row by row with payload 'full'.
    const heights = this.lean
      ? heightRuns(layout.rowHeights)
      : Object.entries(layout.rowHeights).map(([row, height]) => ({ first: Number(row), count: 1, height }));
    for (const part of chunkRows(heights.length, 1, () => OP_BYTES, this.requestBudget / 2, this.cellBudget)) {
      await batch.add(part.bytes, () => {
        for (const h of heights.slice(part.start, part.end)) ws.getRangeByIndexes(h.first - 1, 0, h.count, 1).format.rowHeight = h.height;
      });
    }
    await batch.add(4 * OP_BYTES, () => {
      if (layout.freezeColumns > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, layout.freezeRows, layout.freezeColumns));
      else ws.freezePanes.freezeRows(layout.freezeRows);
    });
  }

  /** Queues the print settings of one written sheet (ExcelApi 1.9). */
  private queuePrint(ws: Excel.Worksheet, model: SheetModel): void {
    const layout = layoutSheet(model);
    const pl = ws.pageLayout;
    pl.orientation = model.orientation === 'landscape' ? 'Landscape' : 'Portrait';
    pl.paperSize = PRINT.paper;
    pl.centerHorizontally = true;
    // An explicit scale and manual breaks (layout.print): Excel ignores manual breaks under "fit to page".
    pl.zoom = { scale: layout.print.scale };
    pl.printOrder = 'OverThenDown';
    pl.leftMargin = PRINT.margins.left * 72;
    pl.rightMargin = PRINT.margins.right * 72;
    pl.topMargin = PRINT.margins.top * 72;
    pl.bottomMargin = PRINT.margins.bottom * 72;
    if (layout.printTitleRows) pl.setPrintTitleRows(`$${layout.printTitleRows.first}:$${layout.printTitleRows.last}`);
    if (layout.print.repeatColumns > 0) pl.setPrintTitleColumns(`$A:$${columnLetter(layout.print.repeatColumns)}`);
    for (const row of layout.print.rowBreaks) ws.horizontalPageBreaks.add(`A${row + 1}`);
    if (layout.print.pageHeader) pl.headersFooters.defaultForAllPages.centerHeader = pageHeaderCode(layout.print.pageHeader).slice(2);
    pl.headersFooters.defaultForAllPages.centerFooter = layout.print.footer;
  }

  private async writeTable(ws: Excel.Worksheet, table: ModelTable, headerRow: number, firstDataRow: number, batch: Batch): Promise<void> {
    const width = table.columns.length;
    if (width === 0) return;
    const headers = table.columns.map((c) => c.header);
    await batch.add(jsonBytes(headers) + 8 * OP_BYTES, () => {
      const h = ws.getRangeByIndexes(headerRow - 1, 0, 1, width);
      h.numberFormat = [headers.map(() => '@')];
      h.values = [headers];
      h.format.font.bold = true;
      h.format.font.name = PRINT.fontName;
      h.format.font.size = PRINT.bodyFontSize;
      h.format.fill.color = '#E7E6E6';
      h.format.horizontalAlignment = 'Center';
      h.format.verticalAlignment = 'Center';
      h.format.wrapText = true;
    });
    const cells = (row: ModelCell[]) => table.columns.map((col, c) => toExcelCell(row[c] ?? null, col));
    const chunks = chunkRows(table.rows.length, width, (i) => cellsBytes(cells(table.rows[i]!)), this.requestBudget / 2, this.cellBudget);
    for (const ch of chunks) {
      const grid = table.rows.slice(ch.start, ch.end).map(cells);
      await this.writeCells(batch, ws, firstDataRow - 1 + ch.start, 0, grid, ch.bytes);
    }
    const rows = Math.max(1, table.rows.length);
    await batch.add((width + 8) * OP_BYTES, () => {
      const all = ws.getRangeByIndexes(headerRow - 1, 0, 1 + table.rows.length, width);
      for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const) {
        if (edge === 'InsideHorizontal' && table.rows.length === 0) continue;
        if (edge === 'InsideVertical' && width === 1) continue;
        const b = all.format.borders.getItem(edge);
        b.style = 'Continuous';
        b.weight = 'Thin';
      }
      if (table.rows.length > 0) {
        const body = ws.getRangeByIndexes(firstDataRow - 1, 0, rows, width);
        body.format.font.name = PRINT.fontName;
        body.format.font.size = PRINT.bodyFontSize;
        body.format.verticalAlignment = 'Center';
        body.format.wrapText = true;
        table.columns.forEach((col, c) => {
          const align = col.align ?? 'center';
          ws.getRangeByIndexes(firstDataRow - 1, c, rows, 1).format.horizontalAlignment = align === 'left' ? 'Left' : align === 'right' ? 'Right' : 'Center';
        });
      }
    });
  }

  /**
   * Queues a grid of cells at (row0, col0) (0-based): number formats first (a value such as "00123" stays
   * text only in a cell already formatted "@"), then values. Formats go as per-column runs of equal ones,
   * each one operation with a 1×1 format that Excel applies to the whole range (formatOps; Excel.Range
   * numberFormat: "If the argument is a single value, it will be applied to all cells in the range"), or
   * cell by cell with payload 'full'. `bytes`: the chunk's estimate with values and formats cell by cell
   * (cellsBytes); the runs replace the formats' share of it.
   */
  private async writeCells(batch: Batch, ws: Excel.Worksheet, row0: number, col0: number, grid: readonly ExcelCell[][], bytes: number): Promise<void> {
    if (grid.length === 0) return;
    const width = grid[0]!.length;
    const formats = grid.map((row) => row.map((c) => c.format));
    const lean = this.lean ? formatOps(formats, row0, col0) : null;
    const plan = lean?.ops;
    await batch.add((lean ? bytes - jsonBytes(formats) + lean.bytes : bytes) + 2 * OP_BYTES, () => {
      const r = ws.getRangeByIndexes(row0, col0, grid.length, width);
      if (!plan) r.numberFormat = formats;
      else for (const op of plan) ws.getRangeByIndexes(op.row0, op.col0, op.rows, op.cols).numberFormat = typeof op.formats === 'string' ? [[op.formats]] : op.formats;
      r.values = grid.map((row) => row.map((c) => c.value));
    });
  }

  private suspend(context: Excel.RequestContext): void {
    context.workbook.application.suspendApiCalculationUntilNextSync();
    if (this.supports('1.9')) context.workbook.application.suspendScreenUpdatingUntilNextSync();
  }

  async outputRuns(): Promise<OutputRuns> {
    return this.run('读取结果来源', { sheet: META_SHEET, cell: 'A1' }, async (context) => {
      const { meta } = await this.readMeta(context);
      const placed = await this.placeBlocks(context, meta);
      const blocks = meta.resultBlocks
        .filter((b) => !placed.some((p) => p.entry === b && p.gone))
        .map((b) => ({ sheet: placed.find((p) => p.entry === b)?.where?.sheet ?? b.sheet, run: b.run ?? null }));
      const owned = meta.ownedSheets.length > 0;
      return { blocks, attachments: owned ? (meta.attachmentsRun ?? null) : null };
    });
  }

  async loadSettings(): Promise<unknown | null> {
    return this.run('读取设置', { sheet: META_SHEET, cell: 'A1' }, async (context) => {
      const { meta } = await this.readMeta(context);
      return meta.settings ?? null;
    });
  }

  async saveSettings(settings: unknown, mappings?: ColumnMappings): Promise<void> {
    await this.run('保存设置', { sheet: META_SHEET, cell: 'A1' }, async (context) => {
      const found = await this.readMeta(context);
      this.queueMeta(context, { ...found.meta, settings, ...(mappings ? { mappings } : {}) }, found);
      await context.sync();
    });
  }

  async loadMappings(): Promise<ColumnMappings | null> {
    return this.run('读取列对应', { sheet: META_SHEET, cell: 'A1' }, async (context) => (await this.readMeta(context)).meta.mappings ?? null);
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.run('定位单元格', { sheet, cell }, async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    });
  }

  /**
   * Writes plain values (an imported sheet) into a new user sheet named like `wanted` (made distinct),
   * in budget-sized requests. Returns the name used. Used by importWorkbook.ts when ExcelApi 1.13 is
   * missing.
   */
  async writePlainSheet(wanted: string, values: (string | number | boolean | null)[][], formats?: (string | null)[][]): Promise<string> {
    const base = wanted.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || '导入';
    return this.run('导入工作表', { sheet: base }, async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      const existing = sheets.items.map((w) => w.name);
      const name = distinctSheetName(base, (n) => existing.some((e) => sameName(e, n)) || n.startsWith(TEMP_PREFIX) || sameName(n, META_SHEET));
      const width = Math.max(0, ...values.map((r) => r.length));
      const batch = new Batch(context, this.requestBudget, () => this.suspend(context));
      await batch.add(OP_BYTES, () => void sheets.add(name));
      const ws = sheets.getItem(name);
      if (width > 0) {
        const grid = (i: number) => {
          const row = values[i]!;
          return Array.from({ length: width }, (_, c) => {
            const v = row[c];
            const f = formats?.[i]?.[c];
            if (v === null || v === undefined) return { value: '', format: f ?? 'General' };
            // Keep text as text (leading zeros of 学号), whatever the source format said.
            if (typeof v === 'string') return { value: v, format: '@' };
            return { value: v, format: f ?? 'General' };
          });
        };
        for (const ch of chunkRows(values.length, width, (i) => cellsBytes(grid(i)), this.requestBudget / 2, this.cellBudget)) {
          const rows = Array.from({ length: ch.end - ch.start }, (_, i) => grid(ch.start + i));
          await this.writeCells(batch, ws, ch.start, 0, rows, ch.bytes);
        }
      }
      await batch.flush();
      return name;
    });
  }
}

/** Blanks the tool's own result block out of a table read from the roster, so it is never read as input. */
function hideResultBlock(table: RawTable, blocks: readonly BlockPlace[], sheet: string): void {
  for (const b of blocks) {
    if (!sameName(b.sheet, sheet)) continue;
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.originRow + r;
      if (row < b.headerRow || row > b.lastRow) continue;
      for (let c = b.startColumn; c <= b.endColumn; c++) {
        const j = c - table.originCol;
        if (j < 0 || j >= table.rows[r]!.length) continue;
        table.rows[r]![j] = null;
        if (table.text) table.text[r]![j] = '';
        if (table.numberFormats) table.numberFormats[r]![j] = 'General';
      }
    }
  }
}
