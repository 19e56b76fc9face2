/**
 * A strict, in-memory fake of the Excel JavaScript API subset this project uses (Office.js, ExcelApi 1.7+).
 * Plain browser-compatible TypeScript with NO imports at all: the browser E2E (test/e2e/support.ts)
 * transpiles this one file on its own and runs it in the page as the `Office` / `Excel` /
 * `OfficeExtension` globals. Keep it self-contained.
 *
 * USAGE (jest or browser):
 *
 *   import { installFakeOffice } from '../fakes/excel';
 *   const excel = installFakeOffice(globalThis, {
 *     sheets: [{ name: '学生名册', values: [['学号', '姓名'], ['001', '张三']], numberFormats: [['@', '@'], ['@', '@']] }],
 *   }, { excelApi: '1.13' });          // options: see FakeOfficeOptions (requirement set, failures, limits…)
 *   await Office.onReady();            // resolves { host: 'Excel', platform: 'OfficeOnline' }
 *   // … code under test uses Excel.run(async (ctx) => …) exactly like in Excel …
 *   excel.stats.roundTrips;            // number of context.sync() calls that carried a request
 *   excel.stats.largestRequestBytes;   // bytes of the largest request (queued ops JSON + loaded payload)
 *   excel.sheetNames();                // names in tab order (includes hidden ones)
 *   excel.values('附件5 平均成绩排名公示');   // the sheet's values from A1 ('' for empty)
 *   excel.cell('学生名册', 'A2');       // { value, numberFormat, text, style }
 *   excel.failAtRoundTrip(3, 'InactiveWorkbook'); // the 3rd round trip from now throws
 *   excel.uninstall();                 // removes the globals again
 *
 * What "strict" means here (each like real Excel):
 * - reading a property that was not load()ed AND sync()ed throws PropertyNotLoaded (also after a set);
 * - writes are queued and applied at sync(), in order; a failing operation stops the batch, earlier
 *   operations of that batch stay applied, and sync() rejects with an OfficeExtension.Error-like object;
 * - every round trip is measured: JSON size of the queued operations (UTF-8) + the size of the loaded
 *   payload; over `maxRequestBytes` (5 MB) ⇒ RequestPayloadSizeLimitExceeded (before anything is applied)
 *   or ResponsePayloadSizeLimitExceeded (loads too big); a range load over 5,000,000 cells is rejected too;
 * - sheet names: ≤ 31 characters, none of : \ / ? * [ ], not empty, not starting/ending with ', unique
 *   ignoring case (ItemAlreadyExists / InvalidArgument);
 * - a values / numberFormat array must match the range's size exactly; `null` in a values array leaves
 *   that cell unchanged (as in Excel), '' clears it; a numeric-looking string written to a cell whose
 *   number format is not "@" becomes a number (leading zeros lost), so IDs must be formatted "@" first;
 * - APIs above the configured ExcelApi version throw ApiNotFound (pageLayout needs 1.9, insertWorksheets-
 *   FromBase64 1.13, getRangeByIndexes/freezePanes 1.7, suspendScreenUpdatingUntilNextSync 1.9);
 * - objects of a finished Excel.run cannot be used any more (InvalidObjectPath);
 * - workbook-scoped named ranges (workbook.names: add / getItem / getItemOrNullObject / delete, a named
 *   item's getRange / getRangeOrNullObject, ExcelApi 1.4) that MOVE WITH THE CELLS when "the user" inserts
 *   or deletes rows or columns or renames the sheet (controller.userInsertColumns / userDeleteColumns /
 *   userInsertRows / userDeleteRows / userRenameSheet), exactly as Excel adjusts any reference: cells
 *   inserted before the range shift it, cells inserted inside it widen it, deleting part of it narrows it,
 *   deleting all of it (or its sheet) leaves the name referring to #REF! (type "Error"). Microsoft:
 *   "Define and use names in formulas" (support.microsoft.com/office/4d0f13ac-53b7-422e-afd2-abd7ff379c64)
 *   — a name is a reference and is updated like one; the NamedRange.Insert documentation
 *   (learn.microsoft.com/dotnet/api/microsoft.office.tools.excel.namedrange.insert) shows a named range
 *   on A1 referring to A2 after a cell is inserted above it;
 * - change events: worksheet.onChanged (ExcelApi 1.7) and workbook.worksheets.onChanged (1.9), registered
 *   with EventHandlers.add (effective at the next sync) and delivered asynchronously after every edit by
 *   "the user" with the WorksheetChangedEventArgs shape of @types/office-js (type 'WorksheetChanged',
 *   changeType RangeEdited / RowInserted / RowDeleted / ColumnInserted / ColumnDeleted, address,
 *   worksheetId, source 'Local', triggerSource 'Unknown'); edits made through the API by the add-in itself
 *   are reported with triggerSource 'ThisLocalAddin';
 * - cell-edit mode (controller.setCellEditMode(true), i.e. the user is typing in a cell): every request
 *   is refused with InvalidOperationInCellEditMode and nothing of it is applied.
 */

/** Formatting of one cell as the fake remembers it (what the adapter set through range.format). */
export interface FakeCellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontName?: string;
  fontColor?: string;
  fill?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  borderEdgeTop?: string;
  borderEdgeBottom?: string;
  borderEdgeLeft?: string;
  borderEdgeRight?: string;
  borderInsideVertical?: string;
  borderInsideHorizontal?: string;
  [key: string]: unknown;
}

function emptyStyle(): FakeCellStyle {
  return {};
}

export type FakeValue = string | number | boolean | null;

export interface FakeSheetData {
  name: string;
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  /** Values from A1 (row-major). null/'' = empty cell. */
  values?: FakeValue[][];
  /** Number formats from A1 (same shape as values, or shorter); missing = "General". */
  numberFormats?: (string | null | undefined)[][];
}

export interface FakeWorkbookData {
  sheets: FakeSheetData[];
}

export interface FakeFailure {
  /** 1-based index of the round trip (counted from installation or from the failAtRoundTrip call). */
  atRoundTrip: number;
  /** Office error code, e.g. InactiveWorkbook, GeneralException, ConnectionFailure, AccessDenied. */
  code: string;
  message?: string;
  /** 'none' (default): the request never reached Excel; 'all': it was applied but the answer was lost. */
  applied?: 'none' | 'all';
}

export interface FakeOfficeOptions {
  /** Highest supported ExcelApi requirement set, default '1.13'. */
  excelApi?: string;
  /** Office.context.diagnostics.platform, default 'OfficeOnline'. */
  platform?: 'OfficeOnline' | 'PC' | 'Mac';
  /** Limit of one round trip in bytes (request + loaded payload), default 5 MB. */
  maxRequestBytes?: number;
  /** Largest number of cells one range load may return, default 5,000,000. */
  maxCellsPerLoad?: number;
  failures?: FakeFailure[];
  /**
   * Decodes a base64 .xlsx for workbook.insertWorksheetsFromBase64 (the fake does not parse xlsx itself;
   * tests pass an ExcelJS-based decoder). Without it, insertWorksheetsFromBase64 throws NotImplemented.
   */
  decodeBase64Workbook?: (base64: string) => Promise<FakeSheetData[]> | FakeSheetData[];
}

export interface FakeRequestRecord {
  requestBytes: number;
  responseBytes: number;
  operations: number;
}

export interface FakeStats {
  /** Every context.sync() call, including the final one of Excel.run and empty ones. */
  syncCalls: number;
  /** sync() calls that carried at least one operation (what reaches Excel). */
  roundTrips: number;
  requests: FakeRequestRecord[];
  largestRequestBytes: number;
  largestResponseBytes: number;
  /** Largest request + response of one round trip. */
  largestRoundTripBytes: number;
  suspendCalculationCalls: number;
  /** Property sets that reached Excel, by property name ('values', 'numberFormat', 'rowHeight', …). */
  sets: Record<string, number>;
  excelRuns: number;
}

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;
const FIVE_MB = 5 * 1024 * 1024;

// ───────────────────────────── errors ─────────────────────────────

export class FakeOfficeError extends Error {
  code: string;
  debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

function fail(code: string, message: string, where?: string): never {
  throw new FakeOfficeError(code, message, where);
}

// ───────────────────────────── helpers ─────────────────────────────

/** (Same as src/hosts/office/payload.ts utf8Bytes: this file must stay import-free, and it measures independently.) */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function colLetter(col1: number): string {
  let s = '';
  let n = col1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface Box {
  r0: number; // 0-based
  c0: number;
  nr: number;
  nc: number;
}

/** "A1", "B2:D9", "A:C", "3:5" → 0-based box. */
export function parseAddress(address: string): Box {
  const a = address.replace(/\$/g, '').trim();
  const local = a.includes('!') ? a.slice(a.lastIndexOf('!') + 1) : a;
  const parts = local.split(':');
  if (parts.length > 2 || parts[0] === '') fail('InvalidArgument', `地址无效：${address}`);
  const one = (p: string): { r?: number; c?: number } => {
    const m = /^([A-Za-z]{0,3})(\d{0,7})$/.exec(p);
    if (!m || (m[1] === '' && m[2] === '')) fail('InvalidArgument', `地址无效：${address}`);
    return { c: m[1] ? colIndex(m[1]) - 1 : undefined, r: m[2] ? Number(m[2]) - 1 : undefined };
  };
  const p = one(parts[0]!);
  const q = parts.length === 2 ? one(parts[1]!) : p;
  const r0 = Math.min(p.r ?? 0, q.r ?? 0);
  const r1 = p.r === undefined || q.r === undefined ? MAX_ROWS - 1 : Math.max(p.r, q.r);
  const c0 = Math.min(p.c ?? 0, q.c ?? 0);
  const c1 = p.c === undefined || q.c === undefined ? MAX_COLS - 1 : Math.max(p.c, q.c);
  if (r0 < 0 || c0 < 0 || r1 >= MAX_ROWS || c1 >= MAX_COLS) fail('InvalidArgument', `地址超出工作表范围：${address}`);
  return { r0, c0, nr: r1 - r0 + 1, nc: c1 - c0 + 1 };
}

export function boxAddress(b: Box): string {
  const a = `${colLetter(b.c0 + 1)}${b.r0 + 1}`;
  if (b.nr === 1 && b.nc === 1) return a;
  return `${a}:${colLetter(b.c0 + b.nc)}${b.r0 + b.nr}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_.\u4e00-\u9fff]+$/.test(name) && !/^\d/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function versionAtLeast(have: string, need: string): boolean {
  const a = have.split('.').map(Number);
  const b = need.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** Excel's sheet-name rules. Returns a message or null. */
export function sheetNameProblem(name: string): string | null {
  if (typeof name !== 'string' || name.length === 0) return '工作表名称不能为空';
  if (name.length > 31) return `工作表名称超过 31 个字符：${name}`;
  if (/[:\\/?*[\]]/.test(name)) return `工作表名称含有不允许的字符 : \\ / ? * [ ]：${name}`;
  if (name.startsWith("'") || name.endsWith("'")) return `工作表名称不能以单引号开头或结尾：${name}`;
  if (name.toLowerCase() === 'history') return '工作表名称不能为 History';
  return null;
}

const NUMERIC_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

function excelSerialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
}

/** What Excel would display for a value with a number format (enough of Excel for these tests). */
export function displayText(v: FakeValue, fmt: string): string {
  if (v === null || v === '') return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (fmt === '@' || fmt === 'General' || fmt === '') return String(v);
  if (/^0+$/.test(fmt)) return String(Math.round(v)).padStart(fmt.length, '0');
  const dec = /^0\.(0+)$/.exec(fmt);
  if (dec) return v.toFixed(dec[1]!.length);
  if (/[yd]/i.test(fmt)) return excelSerialToIso(v);
  return String(v);
}

// ───────────────────────────── workbook state ─────────────────────────────

interface StyleOp {
  box: Box;
  key: string;
  value: unknown;
}

export interface FakePageLayout {
  orientation?: string;
  paperSize?: string;
  printTitleRows?: string;
  printTitleColumns?: string;
  printOrder?: string;
  /** Rows (1-based) a manual page break was added above (horizontalPageBreaks.add). */
  rowBreaks?: number[];
  centerFooter?: string;
  centerHeader?: string;
  centerHorizontally?: boolean;
  zoom?: unknown;
  leftMargin?: number;
  rightMargin?: number;
  topMargin?: number;
  bottomMargin?: number;
}

class SheetState {
  id: number;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  vals: FakeValue[][] = [];
  fmts: (string | undefined)[][] = [];
  styleOps: StyleOp[] = [];
  merges: Box[] = [];
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  freeze: { rows: number; columns: number } = { rows: 0, columns: 0 };
  pageLayout: FakePageLayout = {};
  constructor(id: number, name: string, visibility: SheetState['visibility']) {
    this.id = id;
    this.name = name;
    this.visibility = visibility;
  }
  get(r: number, c: number): FakeValue {
    const row = this.vals[r];
    const v = row ? row[c] : undefined;
    return v === undefined ? null : v;
  }
  fmt(r: number, c: number): string {
    const row = this.fmts[r];
    return (row && row[c]) || 'General';
  }
  setVal(r: number, c: number, v: FakeValue): void {
    let row = this.vals[r];
    if (!row) row = this.vals[r] = [];
    row[c] = v === '' ? null : v;
  }
  setFmt(r: number, c: number, f: string): void {
    let row = this.fmts[r];
    if (!row) row = this.fmts[r] = [];
    row[c] = f === 'General' ? undefined : f;
  }
  /** Bounding box of cells with a value (valuesOnly) or with a value or a format. */
  used(valuesOnly: boolean): Box | null {
    let r0 = Infinity;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    const scan = (grid: unknown[][]) => {
      for (let r = 0; r < grid.length; r++) {
        const row = grid[r];
        if (!row) continue;
        for (let c = 0; c < row.length; c++) {
          const v = row[c];
          if (v === undefined || v === null) continue;
          if (r < r0) r0 = r;
          if (r > r1) r1 = r;
          if (c < c0) c0 = c;
          if (c > c1) c1 = c;
        }
      }
    };
    scan(this.vals);
    if (!valuesOnly) scan(this.fmts);
    if (r1 < 0) return null;
    return { r0, c0, nr: r1 - r0 + 1, nc: c1 - c0 + 1 };
  }
  styleAt(r: number, c: number): FakeCellStyle {
    const s = emptyStyle();
    const set = new Set<string>();
    for (let i = this.styleOps.length - 1; i >= 0; i--) {
      const op = this.styleOps[i]!;
      const b = op.box;
      if (r < b.r0 || r >= b.r0 + b.nr || c < b.c0 || c >= b.c0 + b.nc) continue;
      if (op.key === '*reset') break;
      if (set.has(op.key)) continue;
      set.add(op.key);
      (s as unknown as Record<string, unknown>)[op.key] = op.value;
    }
    return s;
  }
  /** Inserts (delta > 0) or deletes (delta < 0) whole rows or columns at 0-based `at`; cells move. */
  shift(axis: 'row' | 'col', at: number, delta: number): void {
    const splice = <T>(arr: T[], fill: T) => {
      if (arr.length <= at) return;
      if (delta > 0) arr.splice(at, 0, ...new Array<T>(delta).fill(fill));
      else arr.splice(at, -delta);
    };
    if (axis === 'row') {
      splice(this.vals as (FakeValue[] | undefined)[], undefined);
      splice(this.fmts as ((string | undefined)[] | undefined)[], undefined);
      this.rowHeights = shiftKeys(this.rowHeights, at, delta);
    } else {
      for (const row of this.vals) if (row) splice(row, null);
      for (const row of this.fmts) if (row) splice(row, undefined);
      this.columnWidths = shiftKeys(this.columnWidths, at, delta);
    }
    this.styleOps = this.styleOps.flatMap((op) => {
      const b = adjustBox(op.box, axis, at, delta);
      return b ? [{ ...op, box: b }] : [];
    });
    this.merges = this.merges.flatMap((m) => {
      const b = adjustBox(m, axis, at, delta);
      return b ? [b] : [];
    });
  }
  clear(box: Box, what: 'All' | 'Contents' | 'Formats'): void {
    const r1 = Math.min(box.r0 + box.nr, Math.max(this.vals.length, this.fmts.length));
    for (let r = box.r0; r < r1; r++) {
      const c1 = box.c0 + box.nc;
      if (what !== 'Formats') {
        const row = this.vals[r];
        if (row) for (let c = box.c0; c < Math.min(c1, row.length); c++) row[c] = null;
      }
      if (what !== 'Contents') {
        const row = this.fmts[r];
        if (row) for (let c = box.c0; c < Math.min(c1, row.length); c++) row[c] = undefined;
      }
    }
    if (what !== 'Contents') {
      this.styleOps.push({ box, key: '*reset', value: null });
      this.merges = this.merges.filter((m) => !intersects(m, box));
    }
  }
}

function shiftKeys<V>(m: Map<number, V>, at: number, delta: number): Map<number, V> {
  const out = new Map<number, V>();
  for (const [k, v] of m) {
    if (k < at) out.set(k, v);
    else if (delta > 0) out.set(k + delta, v);
    else if (k >= at - delta) out.set(k + delta, v);
  }
  return out;
}

function intersects(a: Box, b: Box): boolean {
  return a.r0 < b.r0 + b.nr && b.r0 < a.r0 + a.nr && a.c0 < b.c0 + b.nc && b.c0 < a.c0 + a.nc;
}

/** A workbook-scoped defined name referring to a range (null box = #REF!: its cells were deleted). */
interface NameState {
  name: string;
  sheetId: number;
  box: Box | null;
  comment: string;
}

/** A registered change-event handler (sheetId null = every worksheet). */
interface Listener {
  sheetId: number | null;
  handler: (args: Record<string, unknown>) => unknown;
}

/**
 * Where a span [start, start + len) goes when `delta` lines are inserted at `at` (delta > 0) or
 * [at, at − delta) is deleted (delta < 0); null when all of it is deleted. As Excel moves references.
 */
export function adjustSpan(start: number, len: number, at: number, delta: number): [number, number] | null {
  if (delta > 0) {
    if (at <= start) return [start + delta, len];
    if (at < start + len) return [start, len + delta];
    return [start, len];
  }
  const n = -delta;
  const end = start + len;
  const overlap = Math.max(0, Math.min(end, at + n) - Math.max(start, at));
  if (overlap === len) return null;
  const newStart = start < at ? start : start >= at + n ? start - n : at;
  return [newStart, len - overlap];
}

function adjustBox(b: Box, axis: 'row' | 'col', at: number, delta: number): Box | null {
  if (axis === 'col') {
    const a = adjustSpan(b.c0, b.nc, at, delta);
    return a ? { ...b, c0: a[0], nc: a[1] } : null;
  }
  const a = adjustSpan(b.r0, b.nr, at, delta);
  return a ? { ...b, r0: a[0], nr: a[1] } : null;
}

const NAME_RULE = /^[A-Za-z_\\\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/;

class BookState {
  sheets: SheetState[] = [];
  nextId = 1;
  activeId = 0;
  selection: { sheet: string; address: string } | null = null;
  names: NameState[] = [];
  listeners: Listener[] = [];
  findName(name: string): NameState | undefined {
    const low = name.toLowerCase();
    return this.names.find((n) => n.name.toLowerCase() === low);
  }
  addName(name: string, sheet: SheetState, box: Box, comment: string): NameState {
    if (typeof name !== 'string' || !NAME_RULE.test(name) || name.length > 255 || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$|^R\d+C\d+$/i.test(name)) {
      fail('InvalidArgument', `名称无效：${String(name)}`);
    }
    if (this.findName(name)) fail('ItemAlreadyExists', `已存在同名的名称：${name}`);
    const n = { name, sheetId: sheet.id, box: { ...box }, comment };
    this.names.push(n);
    return n;
  }
  find(name: string): SheetState | undefined {
    const low = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === low);
  }
  byId(id: number): SheetState | undefined {
    return this.sheets.find((s) => s.id === id);
  }
  add(name: string, visibility: SheetState['visibility'] = 'Visible', position?: number): SheetState {
    const problem = sheetNameProblem(name);
    if (problem) fail('InvalidArgument', problem);
    if (this.find(name)) fail('ItemAlreadyExists', `已存在同名工作表：${name}`);
    const s = new SheetState(this.nextId++, name, visibility);
    if (position === undefined || position >= this.sheets.length) this.sheets.push(s);
    else this.sheets.splice(Math.max(0, position), 0, s);
    if (!this.activeId) this.activeId = s.id;
    return s;
  }
  rename(s: SheetState, name: string): void {
    const problem = sheetNameProblem(name);
    if (problem) fail('InvalidArgument', problem);
    const other = this.find(name);
    if (other && other !== s) fail('ItemAlreadyExists', `已存在同名工作表：${name}`);
    s.name = name;
  }
  remove(s: SheetState): void {
    const visibleLeft = this.sheets.filter((x) => x !== s && x.visibility === 'Visible').length;
    if (visibleLeft === 0) fail('InvalidOperation', '工作簿中至少要保留一张可见工作表');
    this.sheets = this.sheets.filter((x) => x !== s);
    for (const n of this.names) if (n.sheetId === s.id) n.box = null;
    if (this.activeId === s.id) this.activeId = this.sheets.find((x) => x.visibility === 'Visible')!.id;
  }
  setVisibility(s: SheetState, v: SheetState['visibility']): void {
    if (v !== 'Visible' && s.visibility === 'Visible') {
      const visibleLeft = this.sheets.filter((x) => x !== s && x.visibility === 'Visible').length;
      if (visibleLeft === 0) fail('InvalidOperation', '工作簿中至少要保留一张可见工作表');
    }
    if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) fail('InvalidArgument', `无效的可见性：${String(v)}`);
    s.visibility = v;
    if (v !== 'Visible' && this.activeId === s.id) this.activeId = this.sheets.find((x) => x.visibility === 'Visible')!.id;
  }
}

// ───────────────────────────── proxies ─────────────────────────────

type Op =
  | { kind: 'load'; target: ClientObject; names: string[] }
  | { kind: 'set'; target: ClientObject; name: string; value: unknown }
  | { kind: 'call'; target: ClientObject; name: string; args: unknown[]; run: (book: BookState) => unknown | Promise<unknown>; result?: ClientResult<unknown> };

export class ClientResult<T> {
  private _v: T | undefined;
  private _ready = false;
  get value(): T {
    if (!this._ready) fail('ValueNotLoaded', '结果尚未同步：请先 await context.sync()');
    return this._v as T;
  }
  _set(v: T): void {
    this._v = v;
    this._ready = true;
  }
}

let objectCounter = 0;

abstract class ClientObject {
  readonly context: RequestContext;
  readonly _path: string;
  protected _loaded = new Map<string, unknown>();
  constructor(context: RequestContext, path: string) {
    this.context = context;
    this._path = `${path}#${++objectCounter}`;
  }
  /** Scalar properties load() without arguments loads. */
  protected abstract _scalarProps(): string[];
  /** Evaluates a property at apply time. */
  protected abstract _read(book: BookState, name: string): unknown;
  /** Applies a property write. */
  protected abstract _write(book: BookState, name: string, value: unknown): void;
  protected _nav(_name: string): ClientObject | null {
    return null;
  }
  load(arg?: string | string[] | { select?: string } | Record<string, unknown>): this {
    this.context._assertOpen();
    let names: string[];
    if (arg === undefined) names = this._scalarProps();
    else if (typeof arg === 'string') names = arg.split(',').map((s) => s.trim()).filter(Boolean);
    else if (Array.isArray(arg)) names = arg.map((s) => s.trim());
    else if (typeof (arg as { select?: string }).select === 'string') names = (arg as { select: string }).select.split(',').map((s) => s.trim());
    else names = Object.keys(arg).filter((k) => (arg as Record<string, unknown>)[k]);
    const mine: string[] = [];
    for (const n of names) {
      const slash = n.indexOf('/');
      if (slash > 0) {
        const nav = this._nav(n.slice(0, slash));
        if (!nav) fail('InvalidArgument', `无法加载 ${n}`);
        nav.load(n.slice(slash + 1));
      } else {
        if (!this._scalarProps().includes(n)) {
          const nav = this._nav(n);
          if (nav) {
            nav.load();
            continue;
          }
          fail('InvalidArgument', `对象 ${this._path} 没有属性 ${n}`);
        }
        mine.push(n);
      }
    }
    if (mine.length) this.context._queue({ kind: 'load', target: this, names: mine });
    return this;
  }
  _applyLoad(book: BookState, names: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const n of names) out[n] = this._read(book, n);
    return out;
  }
  _applySet(book: BookState, name: string, value: unknown): void {
    this._write(book, name, value);
  }
  _deliver(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this._loaded.set(k, v);
  }
  protected _get(name: string): unknown {
    if (!this._loaded.has(name)) {
      fail(
        'PropertyNotLoaded',
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this._loaded.get(name);
  }
  protected _set(name: string, value: unknown): void {
    this.context._assertOpen();
    this._loaded.delete(name);
    this.context._queue({ kind: 'set', target: this, name, value });
  }
  protected _call<T>(name: string, args: unknown[], run: (book: BookState) => T | Promise<T>, withResult = false): ClientResult<T> | undefined {
    this.context._assertOpen();
    const result = withResult ? new ClientResult<T>() : undefined;
    this.context._queue({ kind: 'call', target: this, name, args, run, result: result as ClientResult<unknown> | undefined });
    return result;
  }
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** A proxy with methods only (nothing to load or set). */
abstract class MethodObject extends ClientObject {
  protected _scalarProps(): string[] {
    return [];
  }
  protected _read(): unknown {
    return null;
  }
  protected _write(_book: BookState, name: string): void {
    fail('InvalidArgument', `${this._path} 没有可写属性 ${name}`);
  }
}

function defineProps(cls: { prototype: object }, names: string[]): void {
  for (const n of names) {
    Object.defineProperty(cls.prototype, n, {
      get(this: ClientObject) {
        return (this as unknown as { _get(n: string): unknown })._get(n);
      },
      set(this: ClientObject, v: unknown) {
        (this as unknown as { _set(n: string, v: unknown): void })._set(n, v);
      },
      configurable: true,
      enumerable: true,
    });
  }
}

/** Resolves a worksheet proxy to its state at apply time. */
interface SheetRef {
  sheet(book: BookState): SheetState | null;
}

class Worksheet extends ClientObject implements SheetRef {
  private _id: number | null = null;
  private _lookup: (book: BookState) => SheetState | undefined;
  _nullable: boolean;
  _isNull: boolean | undefined;
  private _freezePanes?: WorksheetFreezePanes;
  private _pageLayout?: PageLayout;
  private _pageBreaks?: PageBreakCollection;
  constructor(ctx: RequestContext, path: string, lookup: (book: BookState) => SheetState | undefined, nullable = false) {
    super(ctx, path);
    this._lookup = lookup;
    this._nullable = nullable;
  }
  _bindTo(s: SheetState): void {
    this._id = s.id;
  }
  sheet(book: BookState): SheetState | null {
    if (this._id !== null) {
      const s = book.byId(this._id);
      if (!s) fail('ItemNotFound', `工作表已被删除（${this._path}）`);
      return s;
    }
    const s = this._lookup(book);
    if (!s) {
      if (this._nullable) return null;
      fail('ItemNotFound', `找不到工作表（${this._path}）`);
    }
    this._id = s.id;
    return s;
  }
  _resolveNull(book: BookState): void {
    this._isNull = this.sheet(book) === null;
  }
  get isNullObject(): boolean {
    if (this._isNull === undefined) fail('PropertyNotLoaded', 'isNullObject 需要先 context.sync()');
    return this._isNull;
  }
  protected _scalarProps(): string[] {
    return ['name', 'id', 'position', 'visibility'];
  }
  protected _read(book: BookState, name: string): unknown {
    const s = this.sheet(book);
    if (!s) return null;
    switch (name) {
      case 'name':
        return s.name;
      case 'id':
        return `{${s.id}}`;
      case 'position':
        return book.sheets.indexOf(s);
      case 'visibility':
        return s.visibility;
    }
    fail('InvalidArgument', name);
  }
  protected _write(book: BookState, name: string, value: unknown): void {
    const s = this.sheet(book);
    if (!s) return;
    if (name === 'name') book.rename(s, String(value));
    else if (name === 'visibility') {
      this.context._need('1.2', 'Worksheet.visibility (set)');
      book.setVisibility(s, value as SheetState['visibility']);
    } else if (name === 'position') {
      book.sheets = book.sheets.filter((x) => x !== s);
      book.sheets.splice(Math.min(Number(value), book.sheets.length), 0, s);
    } else fail('InvalidArgument', `属性 ${name} 只读`);
  }
  getRange(address?: string): Range {
    this.context._assertOpen();
    const box = address === undefined ? { r0: 0, c0: 0, nr: MAX_ROWS, nc: MAX_COLS } : parseAddress(address);
    return new Range(this.context, `${this._path}.getRange(${address ?? ''})`, this, () => box);
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    this.context._need('1.7', 'Worksheet.getRangeByIndexes');
    const box = { r0: startRow, c0: startColumn, nr: rowCount, nc: columnCount };
    if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLS) {
      fail('InvalidArgument', `getRangeByIndexes 参数无效：${startRow},${startColumn},${rowCount},${columnCount}`);
    }
    return new Range(this.context, `${this._path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, this, () => box);
  }
  getUsedRange(valuesOnly?: boolean): Range {
    this.context._assertOpen();
    return new Range(this.context, `${this._path}.getUsedRange(${valuesOnly ? 'true' : ''})`, this, (s) => s.used(!!valuesOnly) ?? { r0: 0, c0: 0, nr: 1, nc: 1 });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    this.context._need('1.4', 'Worksheet.getUsedRangeOrNullObject');
    const r = new Range(this.context, `${this._path}.getUsedRangeOrNullObject(${valuesOnly ? 'true' : ''})`, this, (s) => s.used(!!valuesOnly));
    this.context._queue({ kind: 'call', target: r, name: '*resolveNull', args: [], run: (book) => r._resolveNull(book) });
    return r;
  }
  delete(): void {
    this._call('delete', [], (book) => {
      const s = this.sheet(book);
      if (s) book.remove(s);
    });
  }
  activate(): void {
    this._call('activate', [], (book) => {
      const s = this.sheet(book);
      if (!s) return;
      if (s.visibility !== 'Visible') fail('InvalidOperation', '不能激活隐藏的工作表');
      book.activeId = s.id;
    });
  }
  get onChanged(): EventHandlers {
    return new EventHandlers(this.context, this, '1.7');
  }
  get freezePanes(): WorksheetFreezePanes {
    this.context._need('1.7', 'Worksheet.freezePanes');
    return (this._freezePanes ??= new WorksheetFreezePanes(this.context, `${this._path}.freezePanes`, this));
  }
  get pageLayout(): PageLayout {
    this.context._need('1.9', 'Worksheet.pageLayout');
    return (this._pageLayout ??= new PageLayout(this.context, `${this._path}.pageLayout`, this));
  }
  get horizontalPageBreaks(): PageBreakCollection {
    this.context._need('1.9', 'Worksheet.horizontalPageBreaks');
    return (this._pageBreaks ??= new PageBreakCollection(this.context, `${this._path}.horizontalPageBreaks`, this));
  }
}
defineProps(Worksheet, ['name', 'id', 'position', 'visibility']);

class WorksheetFreezePanes extends MethodObject {
  constructor(ctx: RequestContext, path: string, private ws: Worksheet) {
    super(ctx, path);
  }
  freezeRows(count = 1): void {
    this._call('freezeRows', [count], (book) => {
      const s = this.ws.sheet(book);
      if (s) s.freeze = { rows: count, columns: 0 };
    });
  }
  freezeColumns(count = 1): void {
    this._call('freezeColumns', [count], (book) => {
      const s = this.ws.sheet(book);
      if (s) s.freeze = { rows: 0, columns: count };
    });
  }
  freezeAt(frozen: Range | string): void {
    const box = typeof frozen === 'string' ? parseAddress(frozen) : null;
    this._call('freezeAt', [typeof frozen === 'string' ? frozen : frozen._path], (book) => {
      const s = this.ws.sheet(book);
      const b = box ?? (frozen as Range)._box(book);
      if (s && b) s.freeze = { rows: b.r0 + b.nr, columns: b.c0 + b.nc };
    });
  }
  unfreeze(): void {
    this._call('unfreeze', [], (book) => {
      const s = this.ws.sheet(book);
      if (s) s.freeze = { rows: 0, columns: 0 };
    });
  }
}

class HeaderFooter extends ClientObject {
  constructor(ctx: RequestContext, path: string, private ws: Worksheet) {
    super(ctx, path);
  }
  protected _scalarProps(): string[] {
    return ['centerFooter', 'centerHeader', 'leftFooter', 'rightFooter', 'leftHeader', 'rightHeader'];
  }
  protected _read(book: BookState, name: string): unknown {
    const s = this.ws.sheet(book);
    return s ? ((s.pageLayout as Record<string, unknown>)[name] ?? '') : null;
  }
  protected _write(book: BookState, name: string, value: unknown): void {
    const s = this.ws.sheet(book);
    if (s) (s.pageLayout as Record<string, unknown>)[name] = value;
  }
}
defineProps(HeaderFooter, ['centerFooter', 'centerHeader', 'leftFooter', 'rightFooter', 'leftHeader', 'rightHeader']);

class HeaderFooterGroup extends MethodObject {
  readonly defaultForAllPages: HeaderFooter;
  constructor(ctx: RequestContext, path: string, ws: Worksheet) {
    super(ctx, path);
    this.defaultForAllPages = new HeaderFooter(ctx, `${path}.defaultForAllPages`, ws);
  }
}

const PAGE_LAYOUT_PROPS = ['orientation', 'paperSize', 'centerHorizontally', 'zoom', 'leftMargin', 'rightMargin', 'topMargin', 'bottomMargin', 'printGridlines', 'printOrder'];

class PageLayout extends ClientObject {
  readonly headersFooters: HeaderFooterGroup;
  constructor(ctx: RequestContext, path: string, private ws: Worksheet) {
    super(ctx, path);
    this.headersFooters = new HeaderFooterGroup(ctx, `${path}.headersFooters`, ws);
  }
  protected _scalarProps(): string[] {
    return PAGE_LAYOUT_PROPS;
  }
  protected _read(book: BookState, name: string): unknown {
    const s = this.ws.sheet(book);
    return s ? ((s.pageLayout as Record<string, unknown>)[name] ?? null) : null;
  }
  protected _write(book: BookState, name: string, value: unknown): void {
    const s = this.ws.sheet(book);
    if (!s) return;
    if (name === 'orientation' && value !== 'Portrait' && value !== 'Landscape') fail('InvalidArgument', `纸张方向无效：${String(value)}`);
    (s.pageLayout as Record<string, unknown>)[name] = value;
  }
  setPrintTitleRows(rows: Range | string): void {
    this._call('setPrintTitleRows', [argOf(rows)], (book) => {
      const s = this.ws.sheet(book);
      if (!s) return;
      const b = boxIn(book, rows, '打印标题行无效');
      s.pageLayout.printTitleRows = `$${b.r0 + 1}:$${b.r0 + b.nr}`;
    });
  }
  setPrintTitleColumns(columns: Range | string): void {
    this._call('setPrintTitleColumns', [argOf(columns)], (book) => {
      const s = this.ws.sheet(book);
      if (!s) return;
      if (typeof columns === 'string') {
        if (!/^\$?[A-Z]+:\$?[A-Z]+$/.test(columns)) fail('InvalidArgument', '打印标题列无效');
        s.pageLayout.printTitleColumns = columns;
      } else {
        const b = boxIn(book, columns, '打印标题列无效');
        s.pageLayout.printTitleColumns = `${b.c0}:${b.c0 + b.nc - 1}`;
      }
    });
  }
}

/** Worksheet.horizontalPageBreaks (ExcelApi 1.9): add() puts a manual break above the range's first row. */
class PageBreakCollection extends MethodObject {
  constructor(ctx: RequestContext, path: string, private ws: Worksheet) {
    super(ctx, path);
  }
  add(range: Range | string): void {
    this._call('add', [argOf(range)], (book) => {
      const s = this.ws.sheet(book);
      if (s) (s.pageLayout.rowBreaks ??= []).push(boxIn(book, range, '分页符位置无效').r0 + 1);
    });
  }
}

/** A Range or an address as a recorded call argument. */
function argOf(target: Range | string): string {
  return typeof target === 'string' ? target : target._path;
}

/** The cells a Range or an address names; InvalidArgument when none. */
function boxIn(book: BookState, target: Range | string, message: string): Box {
  const b = typeof target === 'string' ? parseAddress(target) : target._box(book);
  if (!b) fail('InvalidArgument', message);
  return b;
}
defineProps(PageLayout, PAGE_LAYOUT_PROPS);

const RANGE_PROPS = ['address', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex', 'values', 'text', 'numberFormat', 'valueTypes', 'cellCount'];

class Range extends ClientObject {
  private _compute: (s: SheetState) => Box | null;
  readonly _ws: Worksheet;
  _isNull: boolean | undefined;
  private _format?: RangeFormat;
  constructor(ctx: RequestContext, path: string, ws: Worksheet, compute: (s: SheetState) => Box | null) {
    super(ctx, path);
    this._ws = ws;
    this._compute = compute;
  }
  _box(book: BookState): Box | null {
    const s = this._ws.sheet(book);
    return s ? this._compute(s) : null;
  }
  _resolveNull(book: BookState): void {
    this._isNull = this._box(book) === null;
  }
  get isNullObject(): boolean {
    if (this._isNull === undefined) fail('PropertyNotLoaded', 'isNullObject 需要先 context.sync()');
    return this._isNull;
  }
  get format(): RangeFormat {
    return (this._format ??= new RangeFormat(this.context, `${this._path}.format`, this));
  }
  protected override _nav(name: string): ClientObject | null {
    return name === 'format' ? this.format : null;
  }
  protected _scalarProps(): string[] {
    return RANGE_PROPS;
  }
  protected _read(book: BookState, name: string): unknown {
    const s = this._ws.sheet(book);
    const b = this._box(book);
    if (!s || !b) return null;
    const cells = b.nr * b.nc;
    if (['values', 'text', 'numberFormat', 'valueTypes'].includes(name) && cells > this.context._limits.maxCellsPerLoad) {
      fail('ResponsePayloadSizeLimitExceeded', `一次读取的单元格过多（${cells} 个，上限 ${this.context._limits.maxCellsPerLoad}）`);
    }
    const grid = <T>(f: (r: number, c: number) => T): T[][] => {
      const out: T[][] = new Array(b.nr);
      for (let i = 0; i < b.nr; i++) {
        const row: T[] = new Array(b.nc);
        for (let j = 0; j < b.nc; j++) row[j] = f(b.r0 + i, b.c0 + j);
        out[i] = row;
      }
      return out;
    };
    switch (name) {
      case 'address':
        return `${quoteSheet(s.name)}!${boxAddress(b)}`;
      case 'rowCount':
        return b.nr;
      case 'columnCount':
        return b.nc;
      case 'rowIndex':
        return b.r0;
      case 'columnIndex':
        return b.c0;
      case 'cellCount':
        return cells;
      case 'values':
        return grid((r, c) => {
          const v = s.get(r, c);
          return v === null ? '' : v;
        });
      case 'text':
        return grid((r, c) => displayText(s.get(r, c), s.fmt(r, c)));
      case 'numberFormat':
        return grid((r, c) => s.fmt(r, c));
      case 'valueTypes':
        return grid((r, c) => {
          const v = s.get(r, c);
          if (v === null) return 'Empty';
          if (typeof v === 'number') return 'Double';
          if (typeof v === 'boolean') return 'Boolean';
          return /^#/.test(v) ? 'Error' : 'String';
        });
    }
    fail('InvalidArgument', name);
  }
  protected _write(book: BookState, name: string, value: unknown): void {
    const s = this._ws.sheet(book);
    const b = this._box(book);
    if (!s || !b) return;
    if (name !== 'values' && name !== 'numberFormat') fail('InvalidArgument', `属性 ${name} 只读`);
    const grid = expandGrid(value, b, name);
    for (let i = 0; i < b.nr; i++) {
      for (let j = 0; j < b.nc; j++) {
        const v = grid(i, j);
        const r = b.r0 + i;
        const c = b.c0 + j;
        if (name === 'numberFormat') {
          if (v === null || v === undefined) continue;
          s.setFmt(r, c, String(v));
        } else {
          if (v === null || v === undefined) continue; // Excel: null leaves the cell unchanged
          if (typeof v === 'string' && v.length > 32767) fail('InvalidArgument', `单元格文本超过 32767 个字符（${boxAddress({ r0: r, c0: c, nr: 1, nc: 1 })}）`);
          if (typeof v === 'object') fail('InvalidArgument', `单元格值类型无效（${boxAddress({ r0: r, c0: c, nr: 1, nc: 1 })}）`);
          let stored: FakeValue = v as FakeValue;
          if (typeof v === 'string' && s.fmt(r, c) !== '@') {
            if (NUMERIC_TEXT.test(v)) stored = Number(v);
            else if (/^(true|false)$/i.test(v)) stored = v.toUpperCase() === 'TRUE';
          }
          if (typeof stored === 'number' && !Number.isFinite(stored)) fail('InvalidArgument', '数值无效');
          s.setVal(r, c, stored);
        }
      }
    }
  }
  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this._call('clear', [applyTo], (book) => {
      const s = this._ws.sheet(book);
      const b = this._box(book);
      if (s && b) s.clear(b, applyTo);
    });
  }
  merge(across = false): void {
    this._call('merge', [across], (book) => {
      const s = this._ws.sheet(book);
      const b = this._box(book);
      if (!s || !b) return;
      const boxes = across ? Array.from({ length: b.nr }, (_, i) => ({ r0: b.r0 + i, c0: b.c0, nr: 1, nc: b.nc })) : [b];
      for (const m of boxes) {
        if (s.merges.some((x) => intersects(x, m))) fail('MergedRangeConflict', `合并区域重叠：${boxAddress(m)}`);
        s.merges.push(m);
      }
    });
  }
  unmerge(): void {
    this._call('unmerge', [], (book) => {
      const s = this._ws.sheet(book);
      const b = this._box(book);
      if (s && b) s.merges = s.merges.filter((m) => !intersects(m, b));
    });
  }
  select(): void {
    this._call('select', [], (book) => {
      const s = this._ws.sheet(book);
      const b = this._box(book);
      if (!s || !b) return;
      if (s.visibility !== 'Visible') fail('InvalidSelection', '不能选择隐藏工作表中的单元格');
      book.activeId = s.id;
      book.selection = { sheet: s.name, address: boxAddress(b) };
    });
  }
  getCell(row: number, column: number): Range {
    return new Range(this.context, `${this._path}.getCell(${row},${column})`, this._ws, (s) => {
      const b = this._compute(s);
      return b ? { r0: b.r0 + row, c0: b.c0 + column, nr: 1, nc: 1 } : null;
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return new Range(this.context, `${this._path}.getResizedRange(${deltaRows},${deltaColumns})`, this._ws, (s) => {
      const b = this._compute(s);
      if (!b) return null;
      if (b.nr + deltaRows < 1 || b.nc + deltaColumns < 1) fail('InvalidArgument', 'getResizedRange 参数无效');
      return { r0: b.r0, c0: b.c0, nr: b.nr + deltaRows, nc: b.nc + deltaColumns };
    });
  }
  getEntireRow(): Range {
    return new Range(this.context, `${this._path}.getEntireRow()`, this._ws, (s) => {
      const b = this._compute(s);
      return b ? { r0: b.r0, c0: 0, nr: b.nr, nc: MAX_COLS } : null;
    });
  }
}
defineProps(Range, RANGE_PROPS);

/**
 * The cell-by-cell reader of a values / numberFormat argument for box `b`. A single value applies to every
 * cell; so does a 1×1 array given to numberFormat. Microsoft's Excel.Range reference: "When setting
 * numberFormat to a range, the argument can be either a single value or a two-dimensional array. If the
 * argument is a single value, it will be applied to all cells in the range" (quoted in
 * github.com/OfficeDev/office-js-docs-reference/issues/578, whose reporter sets a whole range with
 * `range.numberFormat = [["MM/DD/YYY"]]`); github.com/OfficeDev/office-js-docs-pr/issues/5400 tests a
 * 1×1 numberFormat array on bounded multi-cell ranges in Excel (B10:C14: applied to every cell). The
 * same issue #578 reports `values` set that way failing, so values keep the exact-size rule here.
 */
function expandGrid(value: unknown, b: Box, name: string): (i: number, j: number) => unknown {
  if (!Array.isArray(value)) return () => value; // a single value applies to every cell
  if (name === 'numberFormat' && value.length === 1 && Array.isArray(value[0]) && (value[0] as unknown[]).length === 1) {
    const only = (value[0] as unknown[])[0];
    return () => only;
  }
  if (value.length !== b.nr || value.some((row) => !Array.isArray(row) || row.length !== b.nc)) {
    const got = `${value.length}×${Array.isArray(value[0]) ? (value[0] as unknown[]).length : '?'}`;
    fail('InvalidArgument', `${name} 数组的大小（${got}）与区域 ${boxAddress(b)}（${b.nr}×${b.nc}）不一致`);
  }
  return (i, j) => (value[i] as unknown[])[j];
}

const FORMAT_PROPS = ['columnWidth', 'rowHeight', 'horizontalAlignment', 'verticalAlignment', 'wrapText'];

class RangeFormat extends ClientObject {
  readonly font: StyleObject;
  readonly fill: StyleObject;
  readonly borders: RangeBorderCollection;
  constructor(ctx: RequestContext, path: string, private range: Range) {
    super(ctx, path);
    this.font = new StyleObject(ctx, `${path}.font`, range, { bold: 'bold', size: 'fontSize', name: 'fontName', color: 'fontColor', italic: 'italic' });
    this.fill = new StyleObject(ctx, `${path}.fill`, range, { color: 'fill' });
    this.borders = new RangeBorderCollection(ctx, `${path}.borders`, range);
  }
  protected override _nav(name: string): ClientObject | null {
    return name === 'font' ? this.font : name === 'fill' ? this.fill : null;
  }
  protected _scalarProps(): string[] {
    return FORMAT_PROPS;
  }
  protected _read(book: BookState, name: string): unknown {
    const s = this.range._ws.sheet(book);
    const b = this.range._box(book);
    if (!s || !b) return null;
    if (name === 'columnWidth') return s.columnWidths.get(b.c0) ?? 48;
    if (name === 'rowHeight') return s.rowHeights.get(b.r0) ?? 15;
    return s.styleAt(b.r0, b.c0)[name as string] ?? null;
  }
  protected _write(book: BookState, name: string, value: unknown): void {
    const s = this.range._ws.sheet(book);
    const b = this.range._box(book);
    if (!s || !b) return;
    if (name === 'columnWidth') {
      // RangeFormat.columnWidth (ExcelApi 1.2): "the width of all columns within the range".
      if (typeof value !== 'number' || value < 0) fail('InvalidArgument', `列宽无效：${String(value)}`);
      for (let c = b.c0; c < b.c0 + b.nc; c++) s.columnWidths.set(c, value);
    } else if (name === 'rowHeight') {
      // Excel.RangeFormat.rowHeight (ExcelApi 1.2, @types/office-js): "The height of all rows in the
      // range" — set on a multi-row range, every row gets it.
      for (let r = b.r0; r < b.r0 + b.nr; r++) s.rowHeights.set(r, value as number);
    } else s.styleOps.push({ box: b, key: name as string, value });
  }
  autofitColumns(): void {
    this._call('autofitColumns', [], () => undefined);
  }
}
defineProps(RangeFormat, FORMAT_PROPS);

class StyleObject extends ClientObject {
  constructor(ctx: RequestContext, path: string, private range: Range, private keys: Record<string, string>) {
    super(ctx, path);
    for (const k of Object.keys(keys)) {
      Object.defineProperty(this, k, {
        get: () => this._get(k),
        set: (v: unknown) => this._set(k, v),
        enumerable: true,
      });
    }
  }
  protected _scalarProps(): string[] {
    return Object.keys(this.keys);
  }
  protected _read(book: BookState, name: string): unknown {
    const s = this.range._ws.sheet(book);
    const b = this.range._box(book);
    return s && b ? (s.styleAt(b.r0, b.c0)[this.keys[name]!] ?? null) : null;
  }
  protected _write(book: BookState, name: string, value: unknown): void {
    const s = this.range._ws.sheet(book);
    const b = this.range._box(book);
    if (s && b) s.styleOps.push({ box: b, key: this.keys[name]!, value });
  }
}

const BORDER_INDEXES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'];

class RangeBorderCollection extends MethodObject {
  constructor(ctx: RequestContext, path: string, private range: Range) {
    super(ctx, path);
  }
  getItem(index: string): StyleObject {
    if (!BORDER_INDEXES.includes(index)) fail('InvalidArgument', `边框位置无效：${index}`);
    const key = `border${index}` as string;
    return new StyleObject(this.context, `${this._path}.getItem(${index})`, this.range, { style: key, weight: `${key}Weight` as string, color: `${key}Color` as string });
  }
}

class WorksheetCollection extends MethodObject {
  private _items: Worksheet[] | undefined;
  get onChanged(): EventHandlers {
    return new EventHandlers(this.context, null, '1.9');
  }
  get items(): Worksheet[] {
    if (!this._items) fail('PropertyNotLoaded', "The property 'items' is not available. Call load on the collection and context.sync() first.");
    return this._items;
  }
  override load(arg?: string | string[] | { select?: string } | Record<string, unknown>): this {
    this.context._assertOpen();
    let names: string[] = ['name', 'id', 'position', 'visibility'];
    if (typeof arg === 'string') names = arg.split(',').map((s) => s.trim().replace(/^items\//, '')).filter((s) => s && s !== 'items');
    else if (Array.isArray(arg)) names = arg.map((s) => s.trim().replace(/^items\//, '')).filter((s) => s && s !== 'items');
    if (names.length === 0) names = ['name', 'id', 'position', 'visibility'];
    for (const n of names) if (!['name', 'id', 'position', 'visibility'].includes(n)) fail('InvalidArgument', `工作表没有属性 ${n}`);
    this._call('*loadItems', [names], (book) => {
      const items = book.sheets.map((s) => {
        const w = new Worksheet(this.context, `${this._path}.items[${s.id}]`, () => s);
        w._bindTo(s);
        w._deliver(w._applyLoad(book, names));
        return w;
      });
      this._pendingItems = items;
      return items.map((w) => w.toJSON());
    });
    return this;
  }
  _pendingItems: Worksheet[] | undefined;
  _deliverItems(): void {
    if (this._pendingItems) this._items = this._pendingItems;
    this._pendingItems = undefined;
  }
  getItem(key: string): Worksheet {
    this.context._assertOpen();
    return new Worksheet(this.context, `worksheets.getItem(${key})`, (book) => book.find(key));
  }
  getItemOrNullObject(key: string): Worksheet {
    this.context._need('1.4', 'WorksheetCollection.getItemOrNullObject');
    const w = new Worksheet(this.context, `worksheets.getItemOrNullObject(${key})`, (book) => book.find(key), true);
    this.context._queue({ kind: 'call', target: w, name: '*resolveNull', args: [], run: (book) => w._resolveNull(book) });
    return w;
  }
  getActiveWorksheet(): Worksheet {
    this.context._assertOpen();
    return new Worksheet(this.context, 'worksheets.getActiveWorksheet()', (book) => book.byId(book.activeId));
  }
  add(name?: string): Worksheet {
    this.context._assertOpen();
    const w = new Worksheet(this.context, `worksheets.add(${name ?? ''})`, () => undefined);
    this._call('add', [name ?? null], (book) => {
      let n = name;
      if (n === undefined) {
        let k = book.sheets.length + 1;
        while (book.find(`Sheet${k}`)) k++;
        n = `Sheet${k}`;
      }
      w._bindTo(book.add(n));
    });
    return w;
  }
}

/** OfficeExtension.EventHandlers: add() takes effect at the next sync; the result's remove() too. */
class EventHandlers {
  constructor(private ctx: RequestContext, private sheet: Worksheet | null, private api: string) {}
  add(handler: (args: Record<string, unknown>) => unknown): EventHandlerResult {
    this.ctx._need(this.api, this.sheet ? 'Worksheet.onChanged' : 'WorksheetCollection.onChanged');
    if (typeof handler !== 'function') fail('InvalidArgument', '事件处理函数无效');
    const listener: Listener = { sheetId: null, handler };
    const target = this.sheet ?? this.ctx.workbook;
    this.ctx._queue({
      kind: 'call',
      target,
      name: '*addHandler',
      args: [],
      run: (book) => {
        listener.sheetId = this.sheet ? this.sheet.sheet(book)!.id : null;
        book.listeners.push(listener);
      },
    });
    return new EventHandlerResult(this.ctx, listener);
  }
}

class EventHandlerResult {
  constructor(readonly context: RequestContext, private listener: Listener) {}
  remove(): void {
    this.context._assertOpen();
    this.context._queue({
      kind: 'call',
      target: this.context.workbook,
      name: '*removeHandler',
      args: [],
      run: (book) => {
        book.listeners = book.listeners.filter((l) => l !== this.listener);
      },
    });
  }
}

const NAMED_ITEM_PROPS = ['name', 'type', 'value', 'visible', 'comment', 'scope'];

class NamedItem extends ClientObject {
  _isNull: boolean | undefined;
  constructor(ctx: RequestContext, path: string, private key: string, private nullable: boolean) {
    super(ctx, path);
  }
  _state(book: BookState): NameState | null {
    const n = book.findName(this.key);
    if (!n && !this.nullable) fail('ItemNotFound', `找不到名称 ${this.key}`);
    return n ?? null;
  }
  _resolveNull(book: BookState): void {
    this._isNull = this._state(book) === null;
  }
  get isNullObject(): boolean {
    if (this._isNull === undefined) fail('PropertyNotLoaded', 'isNullObject 需要先 context.sync()');
    return this._isNull;
  }
  protected _scalarProps(): string[] {
    return NAMED_ITEM_PROPS;
  }
  protected _read(book: BookState, name: string): unknown {
    const n = this._state(book);
    if (!n) return null;
    const sheet = book.byId(n.sheetId);
    switch (name) {
      case 'name':
        return n.name;
      case 'type':
        return n.box && sheet ? 'Range' : 'Error';
      case 'value':
        return n.box && sheet ? `${quoteSheet(sheet.name)}!${absAddress(n.box)}` : '#REF!';
      case 'visible':
        return true;
      case 'comment':
        return n.comment;
      case 'scope':
        return 'Workbook';
    }
    fail('InvalidArgument', name);
  }
  protected _write(_book: BookState, name: string): void {
    fail('InvalidArgument', `名称的属性 ${name} 在本模拟中只读`);
  }
  /** The range it refers to now (InvalidReference when it refers to #REF!). */
  getRange(): Range {
    this.context._assertOpen();
    return this.rangeOf(false);
  }
  getRangeOrNullObject(): Range {
    this.context._need('1.4', 'NamedItem.getRangeOrNullObject');
    const r = this.rangeOf(true);
    this.context._queue({ kind: 'call', target: r, name: '*resolveNull', args: [], run: (book) => r._resolveNull(book) });
    return r;
  }
  private rangeOf(nullable: boolean): Range {
    const resolve = (book: BookState): NameState | null => {
      const n = this._state(book);
      if (!n || !n.box || !book.byId(n.sheetId)) {
        if (nullable) return null;
        fail('InvalidReference', `名称 ${this.key} 引用的区域已不存在（#REF!）`);
      }
      return n;
    };
    const ws = new Worksheet(this.context, `${this._path}.worksheet`, (book) => {
      const n = resolve(book);
      return n ? book.byId(n.sheetId) : undefined;
    }, true);
    return new Range(this.context, `${this._path}.getRange()`, ws, () => {
      const n = resolve(this.context._book);
      return n ? { ...n.box! } : null;
    });
  }
  delete(): void {
    this.context._need('1.4', 'NamedItem.delete');
    this._call('delete', [], (book) => {
      const n = this._state(book);
      if (n) book.names = book.names.filter((x) => x !== n);
    });
  }
}
defineProps(NamedItem, NAMED_ITEM_PROPS);

class NamedItemCollection extends MethodObject {
  add(name: string, reference: Range | string, comment?: string): NamedItem {
    this.context._need('1.4', 'NamedItemCollection.add');
    const item = new NamedItem(this.context, `names.add(${name})`, name, false);
    this._call('add', [name, typeof reference === 'string' ? reference : reference._path, comment ?? ''], (book) => {
      let sheet: SheetState | null;
      let box: Box | null;
      if (typeof reference === 'string') {
        const text = reference.replace(/^=/, '');
        const bang = text.lastIndexOf('!');
        if (bang < 0) fail('InvalidArgument', `引用无效：${reference}`);
        const sheetName = text.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
        sheet = book.find(sheetName) ?? null;
        if (!sheet) fail('InvalidArgument', `引用的工作表不存在：${reference}`);
        box = parseAddress(text.slice(bang + 1));
      } else {
        sheet = reference._ws.sheet(book);
        box = reference._box(book);
      }
      if (!sheet || !box) fail('InvalidArgument', `引用无效：${String(reference)}`);
      book.addName(name, sheet, box, comment ?? '');
    });
    return item;
  }
  getItem(name: string): NamedItem {
    this.context._assertOpen();
    return new NamedItem(this.context, `names.getItem(${name})`, name, false);
  }
  getItemOrNullObject(name: string): NamedItem {
    this.context._need('1.4', 'NamedItemCollection.getItemOrNullObject');
    const item = new NamedItem(this.context, `names.getItemOrNullObject(${name})`, name, true);
    this.context._queue({ kind: 'call', target: item, name: '*resolveNull', args: [], run: (book) => item._resolveNull(book) });
    return item;
  }
}

/** "$M$2:$W$6003" (Excel gives a name's value with absolute references). */
function absAddress(b: Box): string {
  const a = `$${colLetter(b.c0 + 1)}$${b.r0 + 1}`;
  return b.nr === 1 && b.nc === 1 ? a : `${a}:$${colLetter(b.c0 + b.nc)}$${b.r0 + b.nr}`;
}

class Application extends ClientObject {
  protected _scalarProps(): string[] {
    return ['calculationMode'];
  }
  protected _read(): unknown {
    return 'Automatic';
  }
  protected _write(): void {
    fail('InvalidArgument', 'application 属性只读（本模拟）');
  }
  suspendApiCalculationUntilNextSync(): void {
    this.context._need('1.6', 'Application.suspendApiCalculationUntilNextSync');
    this.context._stats.suspendCalculationCalls++;
    this._call('suspendApiCalculationUntilNextSync', [], () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.context._need('1.9', 'Application.suspendScreenUpdatingUntilNextSync');
    this._call('suspendScreenUpdatingUntilNextSync', [], () => undefined);
  }
}
defineProps(Application, ['calculationMode']);

class Workbook extends ClientObject {
  readonly worksheets: WorksheetCollection;
  readonly application: Application;
  readonly names: NamedItemCollection;
  constructor(ctx: RequestContext) {
    super(ctx, 'workbook');
    this.worksheets = new WorksheetCollection(ctx, 'workbook.worksheets');
    this.application = new Application(ctx, 'workbook.application');
    this.names = new NamedItemCollection(ctx, 'workbook.names');
  }
  protected _scalarProps(): string[] {
    return ['name'];
  }
  protected _read(): unknown {
    return '工作簿1.xlsx';
  }
  protected _write(): void {
    fail('InvalidArgument', 'workbook.name 只读');
  }
  getSelectedRange(): Range {
    this.context._assertOpen();
    const ws = new Worksheet(this.context, 'selection.worksheet', (book) => (book.selection ? book.find(book.selection.sheet) : book.byId(book.activeId)));
    return new Range(this.context, 'workbook.getSelectedRange()', ws, (s) => (s && this.context._book.selection?.sheet === s.name ? parseAddress(this.context._book.selection.address) : { r0: 0, c0: 0, nr: 1, nc: 1 }));
  }
  insertWorksheetsFromBase64(base64: string, options?: { sheetNamesToInsert?: string[]; positionType?: string; relativeTo?: string }): ClientResult<string[]> {
    this.context._need('1.13', 'Workbook.insertWorksheetsFromBase64');
    const decode = this.context._limits.decodeBase64Workbook;
    return this._call(
      'insertWorksheetsFromBase64',
      [base64, options ?? {}],
      async (book) => {
        if (!decode) fail('NotImplemented', '本模拟未提供 xlsx 解码器（options.decodeBase64Workbook）');
        const sheets = await decode(base64);
        const wanted = options?.sheetNamesToInsert?.length ? new Set(options.sheetNamesToInsert) : null;
        const names: string[] = [];
        for (const d of sheets) {
          if (wanted && !wanted.has(d.name)) continue;
          // Excel renames a clashing sheet to "Name (2)".
          let n = d.name;
          for (let k = 2; book.find(n); k++) n = `${d.name.slice(0, 31 - ` (${k})`.length)} (${k})`;
          const s = book.add(n, d.visibility ?? 'Visible', options?.positionType === 'Beginning' ? 0 : undefined);
          fillSheet(s, d);
          names.push(n);
        }
        return names;
      },
      true,
    )!;
  }
}

function fillSheet(s: SheetState, d: FakeSheetData): void {
  (d.values ?? []).forEach((row, r) => row.forEach((v, c) => v !== null && v !== '' && s.setVal(r, c, v)));
  (d.numberFormats ?? []).forEach((row, r) => row.forEach((f, c) => f && s.setFmt(r, c, f)));
}

export class RequestContext {
  readonly workbook: Workbook;
  _book: BookState;
  _stats: FakeStats;
  _limits: Required<Pick<FakeOfficeOptions, 'maxRequestBytes' | 'maxCellsPerLoad'>> & Pick<FakeOfficeOptions, 'decodeBase64Workbook'>;
  private _ops: Op[] = [];
  private _closed = false;
  private _controller: FakeExcelController;
  constructor(controller?: FakeExcelController) {
    const c = controller ?? currentController;
    if (!c) fail('GeneralException', '模拟 Excel 尚未安装（installFakeOffice）');
    this._controller = c;
    this._book = c._book;
    this._stats = c.stats;
    this._limits = c._limits;
    this.workbook = new Workbook(this);
  }
  _assertOpen(): void {
    if (this._closed) fail('InvalidObjectPath', '该对象属于已结束的 Excel.run，不能再使用');
  }
  _close(): void {
    this._closed = true;
  }
  _need(version: string, api: string): void {
    this._assertOpen();
    if (!versionAtLeast(this._controller.excelApi, version)) fail('ApiNotFound', `${api} 需要 ExcelApi ${version}，当前仅支持 ${this._controller.excelApi}`);
  }
  _queue(op: Op): void {
    this._ops.push(op);
  }
  async sync(): Promise<void> {
    this._assertOpen();
    this._stats.syncCalls++;
    const ops = this._ops;
    this._ops = [];
    if (ops.length === 0) return;
    this._stats.roundTrips++;
    const requestBytes = utf8Length(
      JSON.stringify(
        ops.map((o) =>
          o.kind === 'load' ? ['L', o.target._path, o.names] : o.kind === 'set' ? ['S', o.target._path, o.name, o.value] : ['C', o.target._path, o.name, o.args],
        ),
      ),
    );
    const record: FakeRequestRecord = { requestBytes, responseBytes: 0, operations: ops.length };
    this._stats.requests.push(record);
    this._stats.largestRequestBytes = Math.max(this._stats.largestRequestBytes, requestBytes);
    if (this._controller.cellEditMode) {
      fail('InvalidOperationInCellEditMode', 'The operation isn\'t available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.');
    }
    const injected = this._controller._takeFailure(this._stats.roundTrips);
    if (injected && injected.applied !== 'all') throw new FakeOfficeError(injected.code, injected.message ?? injected.code);
    if (requestBytes > this._limits.maxRequestBytes) {
      fail('RequestPayloadSizeLimitExceeded', `请求大小 ${requestBytes} 字节超过上限 ${this._limits.maxRequestBytes} 字节`);
    }
    const deliveries: { target: ClientObject; values: Record<string, unknown> }[] = [];
    const results: { result: ClientResult<unknown>; value: unknown }[] = [];
    let responseBytes = 0;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      try {
        if (op.kind === 'load') {
          const values = op.target._applyLoad(this._book, op.names);
          responseBytes += utf8Length(JSON.stringify(values));
          deliveries.push({ target: op.target, values });
        } else if (op.kind === 'set') {
          op.target._applySet(this._book, op.name, op.value);
          this._stats.sets[op.name] = (this._stats.sets[op.name] ?? 0) + 1;
        }
        else {
          const v = await op.run(this._book);
          if (op.name === '*loadItems') responseBytes += utf8Length(JSON.stringify(v));
          if (op.result) results.push({ result: op.result, value: v });
        }
      } catch (e) {
        if (e instanceof FakeOfficeError) {
          e.debugInfo.errorLocation = `${op.target._path}.${op.kind === 'load' ? 'load' : op.name}`;
          throw e;
        }
        throw e;
      }
    }
    record.responseBytes = responseBytes;
    this._stats.largestResponseBytes = Math.max(this._stats.largestResponseBytes, responseBytes);
    this._stats.largestRoundTripBytes = Math.max(this._stats.largestRoundTripBytes, requestBytes + responseBytes);
    if (injected) throw new FakeOfficeError(injected.code, injected.message ?? injected.code);
    if (responseBytes > this._limits.maxRequestBytes || requestBytes + responseBytes > this._limits.maxRequestBytes) {
      fail('ResponsePayloadSizeLimitExceeded', `响应大小 ${responseBytes} 字节（请求 ${requestBytes} 字节）超过上限 ${this._limits.maxRequestBytes} 字节`);
    }
    for (const d of deliveries) d.target._deliver(d.values);
    for (const r of results) r.result._set(r.value);
    for (const op of ops) {
      if (op.kind === 'set' && op.name === 'values' && op.target instanceof Range) {
        const sheet = op.target._ws.sheet(this._book);
        const box = op.target._box(this._book);
        if (sheet && box) this._controller._fire(sheet, 'RangeEdited', boxAddress(box), 'ThisLocalAddin');
      }
    }
    this.workbook.worksheets._deliverItems();
  }
}

// ───────────────────────────── controller & installer ─────────────────────────────

export interface FakeCellInfo {
  value: FakeValue;
  numberFormat: string;
  text: string;
  style: FakeCellStyle;
}

let currentController: FakeExcelController | null = null;

export class FakeExcelController {
  readonly stats: FakeStats = FakeExcelController.emptyStats();
  excelApi: string;
  _book = new BookState();
  _limits: RequestContext['_limits'];
  private failures: FakeFailure[];
  private uninstallFn: () => void = () => undefined;
  constructor(data: FakeWorkbookData, options: FakeOfficeOptions) {
    this.excelApi = options.excelApi ?? '1.13';
    this._limits = {
      maxRequestBytes: options.maxRequestBytes ?? FIVE_MB,
      maxCellsPerLoad: options.maxCellsPerLoad ?? 5_000_000,
      decodeBase64Workbook: options.decodeBase64Workbook,
    };
    this.failures = (options.failures ?? []).map((f) => ({ ...f }));
    for (const d of data.sheets) fillSheet(this._book.add(d.name, d.visibility ?? 'Visible'), d);
    if (!this._book.sheets.some((s) => s.visibility === 'Visible')) this._book.add('Sheet1');
    this._book.activeId = this._book.sheets.find((s) => s.visibility === 'Visible')!.id;
  }
  static emptyStats(): FakeStats {
    return { syncCalls: 0, roundTrips: 0, requests: [], largestRequestBytes: 0, largestResponseBytes: 0, largestRoundTripBytes: 0, suspendCalculationCalls: 0, excelRuns: 0, sets: {} };
  }
  resetStats(): void {
    Object.assign(this.stats, FakeExcelController.emptyStats());
  }
  /** The k-th round trip from now (1 = the next one) fails with this Office error code. */
  failAtRoundTrip(k: number, code: string, applied: 'none' | 'all' = 'none', message?: string): void {
    this.failures.push({ atRoundTrip: this.stats.roundTrips + k, code, applied, message });
  }
  _takeFailure(roundTrip: number): FakeFailure | undefined {
    const i = this.failures.findIndex((f) => f.atRoundTrip === roundTrip);
    return i < 0 ? undefined : this.failures.splice(i, 1)[0];
  }
  sheetNames(): string[] {
    return this._book.sheets.map((s) => s.name);
  }
  private state(name: string): SheetState {
    const s = this._book.find(name);
    if (!s) throw new Error(`模拟工作簿中没有工作表 ${name}`);
    return s;
  }
  visibility(name: string): string {
    return this.state(name).visibility;
  }
  /** Values from A1 to the last used cell ('' for empty cells). */
  values(name: string): FakeValue[][] {
    const s = this.state(name);
    const u = s.used(true);
    if (!u) return [];
    const out: FakeValue[][] = [];
    for (let r = 0; r < u.r0 + u.nr; r++) {
      const row: FakeValue[] = [];
      for (let c = 0; c < u.c0 + u.nc; c++) {
        const v = s.get(r, c);
        row.push(v === null ? '' : v);
      }
      out.push(row);
    }
    return out;
  }
  cell(name: string, address: string): FakeCellInfo {
    const s = this.state(name);
    const b = parseAddress(address);
    const value = s.get(b.r0, b.c0);
    const numberFormat = s.fmt(b.r0, b.c0);
    return { value: value === null ? '' : value, numberFormat, text: displayText(value, numberFormat), style: s.styleAt(b.r0, b.c0) };
  }
  merges(name: string): string[] {
    return this.state(name).merges.map(boxAddress);
  }
  columnWidths(name: string): Map<number, number> {
    return new Map(this.state(name).columnWidths);
  }
  freeze(name: string): { rows: number; columns: number } {
    return { ...this.state(name).freeze };
  }
  pageLayout(name: string): FakePageLayout {
    return { ...this.state(name).pageLayout };
  }
  selection(): { sheet: string; address: string } | null {
    return this._book.selection;
  }
  /** A stable text of a sheet's values and number formats (to hash user data before/after). */
  fingerprint(name: string): string {
    const s = this.state(name);
    const styles: unknown[] = [];
    const box = s.used(false);
    if (box && box.nr * box.nc <= 200_000) {
      for (let r = box.r0; r < box.r0 + box.nr; r++) {
        for (let c = box.c0; c < box.c0 + box.nc; c++) {
          const st = s.styleAt(r, c);
          if (Object.keys(st).length) styles.push([r, c, st]);
        }
      }
    } else styles.push(s.styleOps.length);
    const trim = <T>(rows: (T[] | undefined)[]) => rows.map((row) => (row ? row.map((v) => (v === undefined ? null : v)) : null));
    return JSON.stringify([s.name, s.visibility, trim(s.vals), trim(s.fmts), s.merges.map(boxAddress).sort(), styles, [...s.rowHeights].sort()]);
  }
  /**
   * Everything the add-in can set on a sheet, for before/after comparisons of whole workbooks: name,
   * visibility, every value and number format, merges, row heights, column widths, every formatting
   * operation (range, property, value; in order), freeze panes and page layout.
   */
  fullState(name: string): string {
    const s = this.state(name);
    const trim = <T>(rows: (T[] | undefined)[]) => Array.from(rows, (row) => (row ? Array.from(row, (v) => (v === undefined ? null : v)) : null));
    const sorted = <K, V>(m: Map<K, V>) => [...m].sort((a, b) => Number(a[0]) - Number(b[0]));
    return JSON.stringify([
      s.name,
      s.visibility,
      trim(s.vals),
      trim(s.fmts),
      s.merges.map(boxAddress).sort(),
      sorted(s.rowHeights),
      sorted(s.columnWidths),
      s.styleOps.map((o) => [boxAddress(o.box), o.key, o.value]),
      s.freeze,
      s.pageLayout,
    ]);
  }
  /** Direct edit by "the user" (not through the API): set cells from A1-based address. */
  userSet(name: string, address: string, values: FakeValue[][]): void {
    const s = this._book.find(name) ?? this._book.add(name);
    const b = parseAddress(address);
    values.forEach((row, i) => row.forEach((v, j) => s.setVal(b.r0 + i, b.c0 + j, v === '' ? null : v)));
    this._fire(s, 'RangeEdited', boxAddress({ r0: b.r0, c0: b.c0, nr: Math.max(1, values.length), nc: Math.max(1, ...values.map((r) => r.length)) }));
  }
  /** The user inserts `count` empty columns before column `letter` (cells and names move right). */
  userInsertColumns(name: string, letter: string, count = 1): void {
    this.userShift(name, 'col', colIndex(letter) - 1, count);
  }
  /** The user deletes `count` columns from column `letter` on (cells and names move left). */
  userDeleteColumns(name: string, letter: string, count = 1): void {
    this.userShift(name, 'col', colIndex(letter) - 1, -count);
  }
  /** The user inserts `count` empty rows before 1-based row `row`. */
  userInsertRows(name: string, row: number, count = 1): void {
    this.userShift(name, 'row', row - 1, count);
  }
  /** The user deletes `count` rows from 1-based row `row` on. */
  userDeleteRows(name: string, row: number, count = 1): void {
    this.userShift(name, 'row', row - 1, -count);
  }
  private userShift(name: string, axis: 'row' | 'col', at: number, delta: number): void {
    const s = this.state(name);
    s.shift(axis, at, delta);
    for (const n of this._book.names) {
      if (n.sheetId !== s.id || !n.box) continue;
      n.box = adjustBox(n.box, axis, at, delta);
    }
    const n = Math.abs(delta);
    const address = axis === 'col' ? `${colLetter(at + 1)}:${colLetter(at + n)}` : `${at + 1}:${at + n}`;
    const kind = axis === 'col' ? (delta > 0 ? 'ColumnInserted' : 'ColumnDeleted') : delta > 0 ? 'RowInserted' : 'RowDeleted';
    this._fire(s, kind, address);
  }
  /** The user renames a sheet on its tab (names referring to it follow). */
  userRenameSheet(from: string, to: string): void {
    this._book.rename(this.state(from), to);
  }
  /** The user is typing in a cell (true) or has pressed Enter (false). */
  setCellEditMode(on: boolean): void {
    this.cellEditMode = on;
  }
  cellEditMode = false;
  /** Defined names and what they refer to now ("学生名册!$M$2:$W$10", or "#REF!"). */
  names(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const n of this._book.names) {
      const s = this._book.byId(n.sheetId);
      out[n.name] = n.box && s ? `${s.name}!${absAddress(n.box)}` : '#REF!';
    }
    return out;
  }
  /** Change events delivered so far (for tests). */
  readonly events: Record<string, unknown>[] = [];
  /** Delivers a WorksheetChanged event to the handlers registered for this sheet or every sheet (async, as Excel). */
  _fire(s: SheetState, changeType: string, address: string, triggerSource = 'Unknown'): void {
    const args = { type: 'WorksheetChanged', changeType, address, worksheetId: `{${s.id}}`, source: 'Local', triggerSource, details: null };
    const targets = this._book.listeners.filter((l) => l.sheetId === null || l.sheetId === s.id);
    if (targets.length === 0) return;
    this.events.push(args);
    setTimeout(() => {
      for (const l of targets) void l.handler(args);
    }, 0);
  }
  _setUninstall(fn: () => void): void {
    this.uninstallFn = fn;
  }
  uninstall(): void {
    this.uninstallFn();
    if (currentController === this) currentController = null;
  }
}

/**
 * Installs `Office`, `Excel` and `OfficeExtension` on `target` (globalThis or window) backed by an
 * in-memory workbook, and returns the controller used by tests to inspect it.
 */
export function installFakeOffice(target: typeof globalThis, workbook: FakeWorkbookData, options: FakeOfficeOptions = {}): FakeExcelController {
  const controller = new FakeExcelController(workbook, options);
  currentController = controller;
  const platform = options.platform ?? 'OfficeOnline';
  const Excel = {
    run: async <T>(batch: (context: RequestContext) => Promise<T>): Promise<T> => {
      if (typeof batch !== 'function') fail('InvalidArgument', 'Excel.run 需要一个函数');
      controller.stats.excelRuns++;
      const ctx = new RequestContext(controller);
      try {
        const p = batch(ctx);
        if (!p || typeof (p as Promise<T>).then !== 'function') fail('RunMustReturnPromise', 'Excel.run 的回调必须返回 Promise');
        const out = await p;
        await ctx.sync();
        return out;
      } finally {
        ctx._close();
      }
    },
    RequestContext: class extends RequestContext {
      constructor() {
        super(controller);
      }
    },
    ErrorCodes: Object.fromEntries(
      ['AccessDenied', 'ApiNotFound', 'GeneralException', 'InactiveWorkbook', 'InvalidArgument', 'InvalidOperation', 'ItemAlreadyExists', 'ItemNotFound', 'NotImplemented', 'RequestAborted', 'ResponsePayloadSizeLimitExceeded', 'MergedRangeConflict', 'InvalidSelection', 'InvalidOperationInCellEditMode', 'InvalidReference'].map((c) => [
        c.charAt(0).toLowerCase() + c.slice(1),
        c,
      ]),
    ),
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    WorksheetPositionType: { none: 'None', before: 'Before', after: 'After', beginning: 'Beginning', end: 'End' },
  };
  const OfficeExtension = {
    Error: FakeOfficeError,
    ErrorCodes: { accessDenied: 'AccessDenied', generalException: 'GeneralException', propertyNotLoaded: 'PropertyNotLoaded', valueNotLoaded: 'ValueNotLoaded', invalidObjectPath: 'InvalidObjectPath', connectionFailure: 'ConnectionFailure', runMustReturnPromise: 'RunMustReturnPromise', apiNotFound: 'ApiNotFound' },
  };
  const info = { host: 'Excel', platform };
  const Office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
    context: {
      displayLanguage: 'zh-CN',
      diagnostics: { host: 'Excel', platform, version: '16.0.fake' },
      requirements: {
        isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && versionAtLeast(controller.excelApi, version ?? '1.1'),
      },
    },
    onReady: (cb?: (i: typeof info) => void) => {
      cb?.(info);
      return Promise.resolve(info);
    },
  };
  const t = target as unknown as Record<string, unknown>;
  const saved = { Office: t.Office, Excel: t.Excel, OfficeExtension: t.OfficeExtension };
  t.Office = Office;
  t.Excel = Excel;
  t.OfficeExtension = OfficeExtension;
  controller._setUninstall(() => {
    t.Office = saved.Office;
    t.Excel = saved.Excel;
    t.OfficeExtension = saved.OfficeExtension;
  });
  return controller;
}
