/**
 * .xlsx → RawTables without loading the workbook into ExcelJS objects (issue 6; Node only: the CLI).
 *
 * workbook.xml, the relationships, the shared strings and the styles are read with ExcelJS's own
 * parsers; each worksheet's XML is then read here, tag by tag (xmlTokens.ts: the events ExcelJS's SAX
 * parser gives, about twice as fast), straight into the table, as it is unzipped. The result is exactly
 * what `worksheetToTable` makes from a fully loaded workbook (test/hosts/xlsx/streamRead.test.ts compares
 * both on the sample and the corpus):
 * the same values (formula results, dates from date formats, error values, rich text as text), display
 * text, number formats, hidden rows, merges, and the same size (ExcelJS counts rows and cells that are
 * only formatted, and the cells a merge covers). ExcelJS's own WorksheetReader does not give hidden
 * rows or merges, and builds a Row and Cell object per cell; its WorkbookReader is not used (see
 * streamXlsx). At 20,000 students (1 M grade rows) a whole-workbook load took ~67 s and ~4 GB.
 */
import { readFile } from 'node:fs/promises';
import { PassThrough, pipeline, Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { jszipData, RelationshipsXform, SharedStringsXform, StylesXform, utils, WorkbookXform } from './exceljsInternals';
import { issueAt, type Issue } from '../../engine/issues';
import { columnIndex, columnLetter, parseRange, type CellRange, type CellValue, type RawTable } from '../../sheets/table';
import { checkXlsxSignature, damagedXlsxMessage, displayText, fromExcelValue, InputFileError } from './read';
import { CellReadError, cellReadFileError, isoToSerial, MAX_MERGE_CELLS, missingSharedString, offGridCell, offGridRow, strayCut, strayMessage, tooBigMerge, validAddress } from './bounds';
import { XmlTokenizer } from './xmlTokens';
import { concatBytes, indexOfBytes, utf8 } from './bytes';

/** One worksheet of the file, in workbook order. */
export interface StreamedSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  table: RawTable;
  /** What the reader noticed (cells far away from the data, left out). */
  issues?: Issue[];
}

/** What ExcelJS's `cell.text` gives for a value (the display text fallback of worksheetToTable). */
function exceljsText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object' || v instanceof Date) return String(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('error' in v) return String(v.error);
  const result = (v as { result?: unknown }).result;
  return result ? String(result) : '';
}

interface RowCells {
  hidden: boolean;
  /** Last column of a cell ExcelJS creates (a value or a format), and whether any holds a value. */
  cellCount: number;
  hasValues: boolean;
  values: CellValue[];
  text: string[];
  formats: string[];
}

const newRow = (): RowCells => ({ hidden: false, cellCount: 0, hasValues: false, values: [], text: [], formats: [] });

/** What a sheet's cells are read with: the workbook's shared strings, styles and date system. */
export interface SheetContext {
  sharedStrings: unknown[];
  styles: { getStyleModel: (id: number) => Partial<ExcelJS.Style> | undefined };
  date1904?: boolean;
}

/** Receives a worksheet's content as ExcelJS would hold it after a whole-workbook load. */
export interface SheetSink {
  row: (r: number, attrs: Record<string, string>) => void;
  /** A cell ExcelJS creates: `value` as its cell.value (null for a formatted empty cell). */
  cell: (r: number, col: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style> | undefined) => void;
  merge: (ref: string) => void;
}

/**
 * A part's bytes as text, a character split between two chunks decoded whole. ExcelJS's parse-sax
 * decodes each chunk alone, so a Chinese character across a boundary of the unzipped chunks (16 KB)
 * became U+FFFD: given strings, it uses them as they are.
 */
export async function* utf8Text(chunks: AsyncIterable<unknown>): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** "XFD12" → 16384 (0 when the reference has no column letters: not a cell address). */
function refColumn(ref: string): number {
  const m = /^\$?([A-Za-z]{1,4})\$?\d/u.exec(ref);
  return m ? columnIndex(m[1] as string) : 0;
}

/**
 * One worksheet's XML, with ExcelJS's rules for every cell (CellXform.parseClose/reconcile), and the
 * OOXML rules ExcelJS misses: `r` is optional on <row> and <c> (then the next row / the next column),
 * `t="d"` is an ISO date. A shared-string index that does not exist, or an address off Excel's grid
 * ⇒ CellReadError at that cell (read as blank, it would have been a silent wrong value).
 */
async function parseSheet(iterator: AsyncIterable<unknown>, ctx: SheetContext, sink: SheetSink, pause?: () => Promise<void>): Promise<void> {
  const shared = ctx.sharedStrings;
  const date1904 = ctx.date1904;
  // One style object per style id (ExcelJS makes a new one per cell): equal styles stay identical.
  const styleCache = new Map<number, Partial<ExcelJS.Style> | undefined>();
  const styleOf = (id: number) => {
    if (!styleCache.has(id)) styleCache.set(id, ctx.styles.getStyleModel(id));
    return styleCache.get(id);
  };
  const sharedMasters = new Map<string, string>();
  let inSheetData = false;
  let rowNumber = 0;
  let lastRowNumber = 0;
  let col = 0;
  // The cell being read.
  let cell: { ref?: string; styleId: number; t?: string; value?: string; formula?: string; shareType?: string; si?: string; master?: boolean; runs?: string[] } | null = null;
  let into: 'v' | 't' | 'f' | 'run' | null = null;
  let run = '';
  let inRun = false;

  const finishCell = () => {
    const c = cell!;
    cell = null;
    col = c.ref ? refColumn(c.ref) : col + 1;
    if (!validAddress(rowNumber, col)) {
      throw offGridCell(c.ref, rowNumber, col);
    }
    if (c.t === 'd') {
      // An ISO date cell: its serial number, read as any number (a Date under a date format); text that
      // is no date stays text, for the column's own reader to report.
      const serial = c.value === undefined ? null : isoToSerial(c.value, date1904);
      if (serial !== null) {
        c.value = String(serial);
        c.t = undefined;
      } else c.t = 'str';
    }
    let value: ExcelJS.CellValue;
    if (c.formula || c.shareType) {
      let result: ExcelJS.CellValue | undefined;
      if (c.value) {
        if (c.t === 'str') result = utils.xmlDecode(c.value);
        else if (c.t === 'b') result = parseInt(c.value, 10) !== 0;
        else if (c.t === 'e') result = { error: c.value } as ExcelJS.CellErrorValue;
        else result = parseFloat(c.value);
      }
      const address = c.ref ?? '';
      if (c.shareType === 'shared' && c.master && c.si !== undefined) sharedMasters.set(c.si, address);
      value = (c.shareType === 'shared' && !c.master ? { sharedFormula: sharedMasters.get(c.si ?? '') ?? '', result } : { formula: c.formula ?? '', result }) as ExcelJS.CellValue;
    } else if (c.runs !== undefined) {
      value = { richText: c.runs.map((text) => ({ text })) };
    } else if (c.value !== undefined) {
      switch (c.t) {
        case 's': {
          const index = Number(c.value.trim());
          const text = Number.isInteger(index) && index >= 0 ? shared[index] : undefined;
          if (text === undefined) {
            throw missingSharedString(c.value, shared.length, rowNumber, col);
          }
          value = text as ExcelJS.CellValue;
          break;
        }
        case 'str':
          value = utils.xmlDecode(c.value);
          break;
        case 'inlineStr':
          value = c.value;
          break;
        case 'b':
          value = parseInt(c.value, 10) !== 0;
          break;
        case 'e':
          value = { error: c.value } as ExcelJS.CellErrorValue;
          break;
        default:
          value = parseFloat(c.value);
      }
    } else {
      // ExcelJS makes no cell of an unformatted empty <c>; a formatted one is an empty cell.
      if (c.styleId) sink.cell(rowNumber, col, null, styleOf(c.styleId));
      return;
    }
    const style = c.styleId ? styleOf(c.styleId) : undefined;
    if (utils.isDateFmt(style?.numFmt)) {
      if (typeof value === 'number') value = utils.excelToDate(value, date1904);
      else if (value !== null && typeof value === 'object' && 'result' in value && value.result !== undefined) {
        (value as { result: unknown }).result = utils.excelToDate(value.result as number, date1904);
      }
    }
    sink.cell(rowNumber, col, value, style);
  };

  const tokenizer = new XmlTokenizer({
    text: (text) => {
      if (into === 'run') run += text;
      else if (into !== null && cell) {
        if (into === 'f') cell.formula = (cell.formula ?? '') + text;
        else if (cell.runs === undefined) cell.value = (cell.value ?? '') + text;
      }
    },
    open: (name, attributes) => {
      switch (name) {
        case 'sheetData':
          inSheetData = true;
          break;
        case 'row':
          if (inSheetData) {
            // `r` is optional: without it, the row after the previous one.
            const r = attributes.get('r');
            rowNumber = r === undefined ? lastRowNumber + 1 : parseInt(r, 10);
            if (!validAddress(rowNumber, 1)) throw offGridRow(r, rowNumber);
            lastRowNumber = rowNumber;
            sink.row(rowNumber, attributes.record());
            col = 0;
          }
          break;
        case 'c':
          if (inSheetData && rowNumber) cell = { ref: attributes.get('r'), styleId: parseInt(attributes.get('s') ?? '', 10) || 0, t: attributes.get('t') };
          break;
        case 'f':
          if (cell) {
            into = 'f';
            const t = attributes.get('t');
            if (t !== undefined) cell.shareType = t;
            cell.si = attributes.get('si');
            cell.master = attributes.get('ref') !== undefined;
          }
          break;
        case 'v':
          if (cell) into = 'v';
          break;
        case 'r':
          if (cell) {
            inRun = true;
            run = '';
            cell.runs ??= [];
          }
          break;
        case 't':
          if (cell) into = inRun ? 'run' : 't';
          break;
        case 'mergeCell': {
          const ref = attributes.get('ref');
          if (ref) sink.merge(ref);
          break;
        }
        default:
          break;
      }
    },
    close: (name) => {
      switch (name) {
        case 'sheetData':
          inSheetData = false;
          break;
        case 'row':
          rowNumber = 0;
          break;
        case 'c':
          if (cell) finishCell();
          into = null;
          break;
        case 'r':
          if (cell && inRun) cell.runs!.push(run);
          inRun = false;
          into = null;
          break;
        case 'f':
        case 'v':
        case 't':
          into = null;
          break;
        default:
          break;
      }
    },
  });
  for await (const text of utf8Text(iterator)) {
    tokenizer.write(text);
    if (pause) await pause();
  }
  tokenizer.end();
}

/** One worksheet's XML → the table worksheetToTable makes of it, and the reader's warnings (stray cells). */
async function readSheet(iterator: AsyncIterable<unknown>, name: string, file: string | undefined, ctx: SheetContext): Promise<{ table: RawTable; issues: Issue[] }> {
  const rows: (RowCells | undefined)[] = [];
  const merges: string[] = [];
  let lastRow = 0;
  let valueCells = 0;
  let row: RowCells | null = null;
  try {
    await parseSheet(iterator, ctx, {
      row: (r, attrs) => {
        row = rows[r - 1] ?? newRow();
        rows[r - 1] = row;
        if (r > lastRow) lastRow = r;
        if (utils.parseBoolean(attrs.hidden)) row.hidden = true;
      },
      cell: (_r, col, value, style) => {
        const target = row!;
        if (col > target.cellCount) target.cellCount = col;
        if (value === null) return; // a formatted empty cell: it counts in the width, nothing else is read
        target.hasValues = true;
        if (target.formats[col - 1] === undefined) valueCells++;
        const v = fromExcelValue(value);
        const numFmt = style?.numFmt;
        target.values[col - 1] = v;
        target.formats[col - 1] = numFmt ?? '';
        target.text[col - 1] = displayText(v, numFmt, typeof v === 'string' ? v : exceljsText(value));
      },
      merge: (ref) => merges.push(ref),
    });
  } catch (e) {
    if (!(e instanceof CellReadError)) throw e;
    throw cellReadFileError(e, name, file ?? name);
  }
  return buildTable(name, file, rows, lastRow, merges, valueCells);
}

/**
 * Cuts off the cells of a mostly empty sheet that lie far from its data (bounds.ts: strayCut), before
 * anything the size of the sheet's claimed extent is made. Returns the warning, or null.
 */
function cutStrays(name: string, rows: (RowCells | undefined)[], lastRow: number, merges: CellRange[], valueCells: number): { lastRow: number; merges: CellRange[]; issue: Issue | null } {
  let height = lastRow;
  let width = 0;
  rows.forEach((row) => {
    if (row?.hasValues && row.cellCount > width) width = row.cellCount;
  });
  for (const m of merges) {
    if (m.bottom > height) height = m.bottom;
    if (m.right > width) width = m.right;
  }
  const valueRows: number[] = [];
  const valueCols: number[] = [];
  const occupied = () => {
    rows.forEach((row, i) => {
      if (!row?.hasValues) return;
      valueRows.push(i + 1);
      row.formats.forEach((_f, c) => valueCols.push(c + 1));
    });
    for (const m of merges) {
      valueRows.push(m.top);
      valueCols.push(m.left);
    }
    return valueRows;
  };
  const cut = height * width > 2_000_000 ? strayCut(height, width, valueCells, occupied(), valueCols) : null;
  if (!cut) return { lastRow, merges, issue: null };
  let count = 0;
  let first: { row: number; col: number } | null = null;
  rows.forEach((row, i) => {
    if (!row) return;
    const r = i + 1;
    row.formats.forEach((_f, c) => {
      if (r <= cut.lastRow && c + 1 <= cut.lastColumn) return;
      count++;
      if (!first) first = { row: r, col: c + 1 };
    });
    if (r > cut.lastRow) {
      rows[i] = undefined;
      return;
    }
    if (row.cellCount > cut.lastColumn) {
      row.cellCount = cut.lastColumn;
      row.values.length = Math.min(row.values.length, cut.lastColumn);
      row.text.length = Math.min(row.text.length, cut.lastColumn);
      row.formats.length = Math.min(row.formats.length, cut.lastColumn);
      row.hasValues = row.formats.some((f) => f !== undefined);
    }
  });
  const kept: CellRange[] = [];
  for (const m of merges) {
    if (m.top > cut.lastRow || m.left > cut.lastColumn) continue;
    kept.push({ ...m, bottom: Math.min(m.bottom, cut.lastRow), right: Math.min(m.right, cut.lastColumn) });
  }
  const at = first as { row: number; col: number } | null;
  const issue = at ? issueAt('warning', 'FAR_AWAY_CELLS', strayMessage(name, `${columnLetter(at.col)}${at.row}`, count, cut), { sheet: name, row: at.row, column: columnLetter(at.col) }) : null;
  return { lastRow: Math.min(lastRow, cut.lastRow), merges: kept, issue };
}

/** Rows and merges as ExcelJS would hold them → the RawTable worksheetToTable makes. */
function buildTable(name: string, file: string | undefined, rows: (RowCells | undefined)[], readLastRow: number, mergeRefs: string[], valueCells: number): { table: RawTable; issues: Issue[] } {
  // Merges as ExcelJS applies them: the first cell keeps its value, every other cell of the range is
  // created and covered (no value), rows are created down to the last merged row.
  const byMaster = new Map<string, CellRange>();
  const issues: Issue[] = [];
  for (const ref of mergeRefs) {
    const range = parseRange(ref);
    if (!range || !validAddress(range.bottom, range.right)) continue;
    const cells = (range.bottom - range.top + 1) * (range.right - range.left + 1);
    if (cells > MAX_MERGE_CELLS) {
      issues.push(tooBigMerge(name, ref, range, cells));
      continue;
    }
    byMaster.set(`${range.left}:${range.top}`, range);
  }
  const bounded = cutStrays(name, rows, readLastRow, [...byMaster.values()], valueCells);
  if (bounded.issue) issues.push(bounded.issue);
  let lastRow = bounded.lastRow;
  const merges = bounded.merges;

  const covered = new Map<number, [number, number][]>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      const row = (rows[r - 1] ??= newRow());
      if (r > lastRow) lastRow = r;
      const from = r === m.top ? m.left + 1 : m.left;
      if (r === m.top && m.left > row.cellCount) row.cellCount = m.left; // the first cell is created
      if (from <= m.right) {
        row.hasValues = true;
        if (m.right > row.cellCount) row.cellCount = m.right;
        (covered.get(r) ?? covered.set(r, []).get(r)!).push([from, m.right]);
      }
    }
  }
  let colCount = 0;
  for (const row of rows) if (row?.hasValues && row.cellCount > colCount) colCount = row.cellCount;

  const values: CellValue[][] = [];
  const text: string[][] = [];
  const numberFormats: string[][] = [];
  const hiddenRows: number[] = [];
  for (let r = 1; r <= lastRow; r++) {
    const row = rows[r - 1];
    if (row?.hidden) hiddenRows.push(r);
    const v = new Array<CellValue>(colCount).fill(null);
    const t = new Array<string>(colCount).fill('');
    const f = new Array<string>(colCount).fill('');
    if (row) {
      const n = Math.min(colCount, row.values.length);
      for (let c = 0; c < n; c++) {
        if (row.formats[c] === undefined) continue;
        v[c] = row.values[c] ?? null;
        t[c] = row.text[c] ?? '';
        f[c] = row.formats[c]!;
      }
      for (const [from, to] of covered.get(r) ?? []) {
        for (let c = from; c <= Math.min(to, colCount); c++) {
          v[c - 1] = null;
          t[c - 1] = '';
          f[c - 1] = '';
        }
      }
    }
    values.push(v);
    text.push(t);
    numberFormats.push(f);
  }
  const table: RawTable = { sheet: name, file, originRow: 1, originCol: 1, rows: values, text, numberFormats, hiddenRows };
  if (merges.length > 0) table.merges = merges;
  return { table, issues };
}

// Made on first use.
let OPEN: Uint8Array;
let CLOSE: Uint8Array;

/** Collects, from a worksheet's XML as it streams past, the XML without its rows (`<sheetData/>`). */
class RowsCutter {
  private readonly head: Uint8Array[] = [];
  private readonly tail: Uint8Array[] = [];
  private state: 'head' | 'rows' | 'tail' = 'head';
  private carry: Uint8Array = new Uint8Array(0);

  constructor() {
    OPEN ??= utf8('<sheetData');
    CLOSE ??= utf8('</sheetData>');
  }

  push(chunk: Uint8Array): void {
    let buf = this.carry.length > 0 ? concatBytes([this.carry, chunk]) : chunk;
    this.carry = new Uint8Array(0);
    if (this.state === 'head') {
      const i = indexOfBytes(buf, OPEN, 6); // anchored on its "D"
      if (i < 0) {
        const keep = Math.max(0, buf.length - OPEN.length);
        this.head.push(new Uint8Array(buf.subarray(0, keep)));
        this.carry = new Uint8Array(buf.subarray(keep));
        return;
      }
      this.head.push(new Uint8Array(buf.subarray(0, i)));
      this.state = 'rows';
      buf = buf.subarray(i);
    }
    if (this.state === 'rows') {
      const j = indexOfBytes(buf, CLOSE, 7); // anchored on its "D": rarer in rows than "<"
      if (j < 0) {
        this.carry = new Uint8Array(buf.subarray(Math.max(0, buf.length - CLOSE.length)));
        return;
      }
      this.state = 'tail';
      buf = buf.subarray(j + CLOSE.length);
    }
    this.tail.push(new Uint8Array(buf));
  }

  /** The XML with `<sheetData/>`, or null when it had no <sheetData>…</sheetData>. */
  result(): Uint8Array | null {
    if (this.state !== 'tail') return null;
    return concatBytes([...this.head, utf8('<sheetData/>'), ...this.tail]);
  }
}

async function* cutting(stream: AsyncIterable<Uint8Array>, cutter: RowsCutter): AsyncIterable<Uint8Array> {
  for await (const chunk of stream) {
    cutter.push(chunk);
    yield chunk;
  }
}

/** An .xlsx read sheet by sheet: its worksheets, and what their cells can be read again with. */
export interface StreamedWorkbook {
  sheets: StreamedSheet[];
  context: SheetContext;
  /** Worksheet name → its part in the zip ("xl/worksheets/sheet2.xml"). */
  parts: Map<string, string>;
  /** Worksheet name → its XML without the rows (null: no rows to leave out). */
  withoutRows: Map<string, Uint8Array | null>;
  /** The file as read, to know it again when it is read once more (xlsxBase.ts: sameFile). */
  seen?: FileSeen;
}

/**
 * What tells a zip file apart from another: its size and its end (up to 64 KB) — the central directory
 * with every part's CRC-32 and sizes, and the end record. A file saved again in Excel differs there.
 */
export interface FileSeen {
  size: number;
  tail: Uint8Array;
}

export function fileSeen(bytes: Uint8Array): FileSeen {
  return { size: bytes.length, tail: bytes.slice(Math.max(0, bytes.length - 65536)) };
}

export function sameFile(bytes: Uint8Array, seen: FileSeen): boolean {
  if (bytes.length !== seen.size) return false;
  const from = bytes.length - seen.tail.length;
  for (let i = 0; i < seen.tail.length; i++) if (bytes[from + i] !== seen.tail[i]) return false;
  return true;
}

/**
 * A part of the zip, unzipped as a stream: deflated data straight through Node's zlib (JSZip's own
 * stream inflates in JavaScript, several times slower on a 350 MB sheet); anything else through JSZip.
 */
export function partStream(file: JSZip.JSZipObject): NodeJS.ReadableStream & AsyncIterable<Buffer> {
  return nodePartStream(file);
}

function nodePartStream(file: JSZip.JSZipObject): NodeJS.ReadableStream & AsyncIterable<Buffer> {
  const data = jszipData(file);
  const content = data?.compressedContent;
  if (data?.compression?.magic === '\x08\x00' && content instanceof Uint8Array) {
    // pipeline, not pipe: a damaged deflate stream's error must reach the reader (pipe drops it: an
    // unhandled 'error' event that ends the process).
    return pipeline(Readable.from([Buffer.from(content.buffer, content.byteOffset, content.byteLength)]), createInflateRaw(), sizeCheck(data.uncompressedSize), () => {});
  }
  // JSZip's stream is an old-style one, hence the PassThrough; its errors (a stored part shorter or longer
  // than the zip's directory says) are thrown inside JSZip's timers and emitted on that stream, which
  // pipe() leaves without a listener (an uncaught 'error' event ending the process with a stack trace):
  // they are passed on to the reader here.
  const source = file.nodeStream('nodebuffer');
  const out = new PassThrough();
  source.on('error', (e: Error) => out.destroy(e));
  return source.pipe(out);
}

/**
 * The unzipped part must be as long as the zip's directory says (JSZip checks that when it unzips; the
 * zlib path must too): a damaged entry is refused here, not later when the result is written.
 */
function sizeCheck(expected: number | undefined): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (expected !== undefined && seen > expected) done(new Error('uncompressed data size mismatch'));
      else done(null, chunk);
    },
    flush(done) {
      done(expected !== undefined && seen !== expected ? new Error('uncompressed data size mismatch') : null);
    },
  });
}

/**
 * Every worksheet of an .xlsx (a path, or the bytes) as a table, in workbook order. A file that is not
 * a readable .xlsx ⇒ InputFileError, as loadXlsx.
 *
 * The parts are found through the zip's central directory (JSZip, which ExcelJS's whole-workbook load
 * uses too) and parsed with ExcelJS's own parsers (workbook, relationships, styles, shared strings):
 * ExcelJS's streaming WorkbookReader reads the zip front to back with unzipper, which on files written
 * by ExcelJS itself (entries with data descriptors) now and then lost the parts after the worksheets
 * (styles, shared strings, workbook.xml) without an error, and needs temporary files for worksheets
 * stored before the shared strings (as ExcelJS and Excel store them).
 */
export async function streamXlsx(input: string | Uint8Array, fileName: string, openPart?: (file: JSZip.JSZipObject) => AsyncIterable<Uint8Array>): Promise<StreamedWorkbook> {
  // `openPart` (the browser's zip, browserZip.ts): parts unzipped by it.
  const partStream = openPart ?? nodePartStream;
  const bytes = typeof input === 'string' ? new Uint8Array(await readFile(input)) : input;
  checkXlsxSignature(bytes, fileName);
  /** What was being read, for the message when it fails. */
  let stage = '压缩目录';
  try {
    const zip = await JSZip.loadAsync(bytes);
    stage = '工作簿结构（xl/workbook.xml）';
    const part = (path: string) => zip.file(path);
    const relsPart = part('xl/_rels/workbook.xml.rels');
    const workbookPart = part('xl/workbook.xml');
    if (!relsPart || !workbookPart) throw new Error('缺少 xl/workbook.xml');
    const rels = (await new RelationshipsXform().parseStream(utf8Text(partStream(relsPart)))) as { Id: string; Target: string }[];
    const workbook = new WorkbookXform();
    await workbook.parseStream(utf8Text(partStream(workbookPart)));
    const model = workbook.model as { sheets?: { name: string; state?: string; rId: string }[] };
    stage = '样式表（xl/styles.xml）';
    const stylesPart = part('xl/styles.xml');
    const styles = new StylesXform();
    if (stylesPart) await styles.parseStream(utf8Text(partStream(stylesPart)));
    else styles.init();
    stage = '共享字符串表（xl/sharedStrings.xml）';
    const stringsPart = part('xl/sharedStrings.xml');
    const strings = new SharedStringsXform();
    if (stringsPart) await strings.parseStream(utf8Text(partStream(stringsPart)));
    const context: SheetContext = {
      sharedStrings: stringsPart ? strings.values : [],
      styles,
      date1904: (workbook.map.workbookPr?.model as { date1904?: boolean } | undefined)?.date1904,
    };
    const parts = new Map<string, string>();
    const withoutRows = new Map<string, Uint8Array | null>();
    const sheets: StreamedSheet[] = [];
    for (const sheet of model.sheets ?? []) {
      const target = rels.find((r) => r.Id === sheet.rId)?.Target;
      if (!target) continue;
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      const file = part(path);
      if (!file) continue;
      parts.set(sheet.name, path);
      const state = sheet.state === 'hidden' || sheet.state === 'veryHidden' ? sheet.state : 'visible';
      stage = `工作表“${sheet.name}”（${path}）`;
      const cutter = new RowsCutter();
      const read = await readSheet(cutting(partStream(file), cutter), sheet.name, fileName, context);
      sheets.push({ name: sheet.name, state, table: read.table, ...(read.issues.length > 0 ? { issues: read.issues } : {}) });
      withoutRows.set(sheet.name, cutter.result());
    }
    return { sheets, context, parts, withoutRows, seen: fileSeen(bytes) };
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(damagedXlsxMessage(fileName, stage, e), fileName);
  }
}

export async function streamXlsxTables(input: string | Uint8Array, fileName: string): Promise<StreamedSheet[]> {
  return (await streamXlsx(input, fileName)).sheets;
}

/**
 * A worksheet's rows as ExcelJS would hold them after a whole-workbook load, read from its XML part;
 * `pause` is awaited after each unzipped piece (the writer of what is read sets the pace).
 */
export function streamSheetCells(part: AsyncIterable<unknown> | NodeJS.ReadableStream, ctx: SheetContext, sink: SheetSink, pause?: () => Promise<void>): Promise<void> {
  return parseSheet(part as AsyncIterable<unknown>, ctx, sink, pause);
}
