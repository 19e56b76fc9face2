/**
 * Rows of a streaming worksheet (ExcelJS WorksheetWriter) written as XML text directly (issue 6).
 *
 * ExcelJS's own path builds a Row, a Cell and a Value object per cell, a row model, then renders it
 * through its xforms: ~2 µs and several short-lived objects per cell, which at 20,000 students (a
 * million grade rows × 8 cells, and the 附件) was most of the 写工作簿 time and of its GC. Here a row is
 * rendered to the very same XML ExcelJS would write (test/hosts/xlsx/rowXml.test.ts compares the sheet XML of
 * both paths byte for byte), with ExcelJS still doing everything else: the style ids come from its
 * StylesXform (`addStyleModel`, so styles.xml is ExcelJS's), strings go to its shared string table, and
 * the sheet header, columns, merges, page setup, the zip and the workbook parts are ExcelJS's.
 * Values it does not render (formulas, rich text, hyperlinks, notes) go through ExcelJS's Row as before.
 */
import ExcelJS from 'exceljs';
import { columnLetter } from '../../sheets/table';
import { worksheetWriterInternals, type WorksheetWriterInternals } from './exceljsInternals';
import { nodeBuffer } from './bytes';

type Style = Partial<ExcelJS.Style>;

/** ExcelJS's utils.xmlEncode: the five XML specials escaped, control characters dropped. */
function xmlEncode(text: string): string {
  if (!/[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/u.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch === '"') out += '&quot;';
    else if (ch === '&') out += '&amp;';
    else if (ch === "'") out += '&apos;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (code === 127 || (code <= 31 && (code <= 8 || (code >= 11 && code !== 13)))) continue;
    else out += ch;
  }
  return out;
}

/** A value this writer renders itself (everything else goes through ExcelJS's Row). */
export type SimpleValue = string | number | boolean | Date | { error: string } | null | undefined;

export function isSimpleValue(v: unknown): v is SimpleValue {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return true;
  if (typeof v !== 'object') return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === 'error' && typeof (v as { error: unknown }).error === 'string';
}

const letters: string[] = [];
function letter(c: number): string {
  return (letters[c] ??= columnLetter(c));
}

/** Per workbook (its shared string table): string → id. */
const stringIds = new WeakMap<object, Map<string, number>>();

/** Bytes handed to the sheet's stream at a time. */
const CHUNK = 1 << 20;

/** UTF-8 into a byte buffer (bytes.ts: Node's Buffer in the CLI, TextEncoder in file mode's worker). */
const encoder = new TextEncoder();
const alloc = (n: number): Uint8Array => (nodeBuffer ? nodeBuffer.allocUnsafe(n) : new Uint8Array(n));
const writeUtf8 = (buf: Uint8Array, text: string, at: number): number => (nodeBuffer ? (buf as Buffer).write(text, at, 'utf8') : encoder.encodeInto(text, buf.subarray(at)).written);

export interface RowOptions {
  height?: number;
  hidden?: boolean;
  outlineLevel?: number;
}

/**
 * Writes rows, in increasing row order, into one streaming worksheet. Usage per row:
 * `cell(…)` for each cell left to right, then `endRow(number, options)`.
 */
export class RowXmlWriter {
  private readonly w: WorksheetWriterInternals;
  private readonly styleIds = new WeakMap<Style, number>();
  /** The style of the previous cell and its id (most cells of a copied sheet share one). */
  private lastStyle: Style | null = null;
  private lastStyleId = 0;
  /** Rows rendered and not yet handed to the stream. */
  private buffer = alloc(CHUNK);
  private used = 0;
  private cells = '';
  /**
   * Shared string ids seen in this workbook, one Map for all its sheets (ExcelJS's table is a plain
   * object: slow for fresh strings, and the 附件 repeat the names and 学号 of the input sheets).
   */
  private readonly strings: Map<string, number>;
  private min = 0;
  private max = 0;
  private hasValues = false;
  private row = 0;

  constructor(readonly sheet: ExcelJS.Worksheet) {
    this.w = worksheetWriterInternals(sheet);
    const table = this.w._workbook.sharedStrings;
    let strings = stringIds.get(table);
    if (!strings) stringIds.set(table, (strings = new Map()));
    this.strings = strings;
  }

  /**
   * ExcelJS's style id for `style` on a cell of `type`. ExcelJS caches the id by the style object
   * whatever the type (so a style first seen on a Date keeps its date format): the same here.
   */
  private styleId(style: Style, type: ExcelJS.ValueType): number {
    if (style === this.lastStyle) return this.lastStyleId;
    let id = this.styleIds.get(style);
    if (id === undefined) {
      id = this.w._workbook.styles.addStyleModel(style, type);
      this.styleIds.set(style, id);
    }
    this.lastStyle = style;
    this.lastStyleId = id;
    return id;
  }

  /**
   * ExcelJS's shared string id. Its reference count (`_totalRefs`) is not kept: sharedStrings.xml writes
   * the number of distinct strings as both counts.
   */
  private sharedString(value: string): number {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    const id = this.w._workbook.sharedStrings.add(value);
    this.strings.set(value, id);
    return id;
  }

  /** One cell of the current row (columns increasing). A null value with a style is an empty styled cell. */
  cell(row: number, col: number, value: SimpleValue, style: Style): void {
    this.row = row;
    this.rawCell(row, col, this.cellTail(value, style), value !== null && value !== undefined);
  }

  /**
   * The XML of a cell after its reference (`<c r="A1"` + this), '' for a cell not written (null without
   * a style). Its shared string and style ids are taken now: a caller that keeps it for a value met
   * again (streamWrite.ts, per distinct CSV value) asks for it the first time the value comes, so the
   * ids are numbered in the same order as cell() by cell().
   */
  cellTail(value: SimpleValue, style: Style): string {
    let type: ExcelJS.ValueType;
    let body: string;
    if (value === null || value === undefined) {
      type = ExcelJS.ValueType.Null;
      body = '/>';
    } else if (typeof value === 'number') {
      type = ExcelJS.ValueType.Number;
      body = `><v>${value}</v></c>`;
    } else if (typeof value === 'string') {
      type = ExcelJS.ValueType.String;
      body = this.w.useSharedStrings ? ` t="s"><v>${this.sharedString(value)}</v></c>` : ` t="str"><v>${xmlEncode(value)}</v></c>`;
    } else if (typeof value === 'boolean') {
      type = ExcelJS.ValueType.Boolean;
      body = ` t="b"><v>${value ? '1' : '0'}</v></c>`;
    } else if (value instanceof Date) {
      type = ExcelJS.ValueType.Date;
      body = `><v>${25569 + value.getTime() / (24 * 3600 * 1000)}</v></c>`;
    } else {
      type = ExcelJS.ValueType.Error;
      body = ` t="e"><v>${xmlEncode(value.error)}</v></c>`;
    }
    const s = this.styleId(style, type);
    if (type === ExcelJS.ValueType.Null && !s) return '';
    return `${s ? ` s="${s}"` : ''}${body}`;
  }

  /** A cell of the current row from its cellTail (`hasValue`: its value is not null). */
  rawCell(row: number, col: number, tail: string, hasValue = true): void {
    this.row = row;
    if (tail === '') return;
    if (hasValue) this.hasValues = true;
    if (this.min === 0 || col < this.min) this.min = col;
    if (col > this.max) this.max = col;
    this.cells += `<c r="${letter(col)}${row}"${tail}`;
  }

  /** Ends row `row` (written like ExcelJS: only when it has a value or a height). */
  endRow(row: number, o: RowOptions = {}): void {
    if (this.hasValues || o.height) {
      if (!this.w.startedData) {
        this.w._writeColumns();
        this.w._writeOpenSheetData();
        this.w.startedData = true;
      }
      let open = `<row r="${row}"`;
      if (o.height) open += ` ht="${o.height}" customHeight="1"`;
      if (o.hidden) open += ' hidden="1"';
      if (this.min > 0 && this.max > 0 && this.min <= this.max) open += ` spans="${this.min}:${this.max}"`;
      open += ' x14ac:dyDescent="0.25"';
      if (o.outlineLevel) open += ` outlineLevel="${o.outlineLevel}"`;
      // As ExcelJS's Row.collapsed: an outline level at or above the sheet's outlineLevelRow.
      if (o.outlineLevel && o.outlineLevel >= this.sheet.properties.outlineLevelRow) open += ' collapsed="1"';
      const xml = this.cells === '' ? `${open}/>` : `${open}>${this.cells}</row>`;
      // Each row straight into a byte buffer: one long string of appended rows would be a rope of
      // millions of tiny pieces, slow to flatten (and an array of them slower still to join).
      if (this.used + xml.length * 3 > this.buffer.length) this.flush();
      if (xml.length * 3 > this.buffer.length) this.buffer = alloc(xml.length * 3);
      this.used += writeUtf8(this.buffer, xml, this.used);
    }
    this.cells = '';
    this.min = 0;
    this.max = 0;
    this.hasValues = false;
    this.w._rowZero = row + 1;
  }

  /** Row `row` through ExcelJS's own Row (values this writer does not render); earlier rows first. */
  exceljsRow(row: number): ExcelJS.Row {
    if (this.cells !== '') throw new Error('内部错误：上一行尚未结束');
    this.flush();
    this.w._rowZero = row;
    return this.sheet.getRow(row);
  }

  /** Hands the text written so far to the sheet's stream (call before the sheet is committed). */
  flush(): void {
    if (this.used > 0) {
      // The stream keeps the bytes: a fresh buffer for what comes next.
      this.w.stream.write(this.buffer.subarray(0, this.used));
      this.buffer = alloc(CHUNK);
      this.used = 0;
    }
  }

  get lastRow(): number {
    return this.row;
  }
}
