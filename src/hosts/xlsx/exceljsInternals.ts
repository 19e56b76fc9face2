/**
 * Every private part of ExcelJS 4.4.0 and JSZip 3.10.2 the hosts rely on, in one place (issue 16): deep
 * imports of `exceljs/lib/…`, and fields and methods their typings do not show. Both packages are pinned
 * exactly; test/hosts/xlsx/internals.test.ts checks each export here against the installed packages, so
 * an upgrade that moves or renames one fails there, by name, before it can silently change a workbook.
 * Nothing else under src/ may deep-import ExcelJS or cast to one of their private members.
 */
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import utils from 'exceljs/lib/utils/utils';
import WorkbookXform from 'exceljs/lib/xlsx/xform/book/workbook-xform';
import RelationshipsXform from 'exceljs/lib/xlsx/xform/core/relationships-xform';
import SharedStringsXform from 'exceljs/lib/xlsx/xform/strings/shared-strings-xform';
import StylesXform from 'exceljs/lib/xlsx/xform/style/styles-xform';
import CellXform from 'exceljs/lib/xlsx/xform/sheet/cell-xform';
import RowXform from 'exceljs/lib/xlsx/xform/sheet/row-xform';
import WorkbookWriterModule from 'exceljs/lib/stream/xlsx/workbook-writer';

/** ExcelJS's own parsers and helpers (streamRead.ts reads workbook parts with them). */
export { utils, WorkbookXform, RelationshipsXform, SharedStringsXform, StylesXform };

type Style = Partial<ExcelJS.Style>;

// ---------------------------------------------------------------------------------------------------
// Loading (exceljsPatches.ts): the sheet parsers taught ISO dates and rows/cells without `r`.

export interface CellModel {
  value?: unknown;
  type?: number;
  formula?: string;
  shareType?: string;
  isoDate?: string;
}
export interface CellXformThis {
  t?: string;
  parser?: unknown;
  model: CellModel;
}
export interface RowXformThis {
  parser?: unknown;
  zsbCol?: number;
  zsbRow?: number;
}
export type SaxNode = { name: string; attributes: Record<string, string | undefined> };

/** CellXform's prototype: `parseClose` and `reconcile` are wrapped. */
export const cellXformPrototype = CellXform.prototype as unknown as {
  parseClose: (this: CellXformThis, name: string) => boolean;
  reconcile: (this: unknown, model: CellModel, options: { date1904?: boolean }) => void;
};
/** RowXform's prototype: `parseOpen` is wrapped. */
export const rowXformPrototype = RowXform.prototype as unknown as { parseOpen: (this: RowXformThis, node: SaxNode) => boolean };

// ---------------------------------------------------------------------------------------------------
// JSZip: a file's sizes and compressed bytes before it is inflated.

export interface JSZipData {
  compression?: { magic?: string };
  compressedContent?: unknown;
  uncompressedSize?: number;
}

/** A loaded zip entry's raw data (streamRead.ts inflates big parts itself; xlsxBase.ts sizes them). */
export function jszipData(file: JSZip.JSZipObject | null): JSZipData | undefined {
  return (file as unknown as { _data?: JSZipData } | null)?._data;
}

// ---------------------------------------------------------------------------------------------------
// A loaded (in-memory) workbook and worksheet, read by the --out writer.

interface LoadedRowCell {
  type: ExcelJS.ValueType;
  value: ExcelJS.CellValue;
  style: Style;
  note?: unknown;
}
export interface LoadedRow {
  height?: number;
  hidden?: boolean;
  outlineLevel?: number;
  _cells?: (LoadedRowCell | undefined)[];
}

/** A loaded worksheet's rows as ExcelJS keeps them (index 0 = row 1), with their cells. */
export function loadedRows(ws: ExcelJS.Worksheet): (LoadedRow | undefined)[] {
  return (ws as unknown as { _rows?: (LoadedRow | undefined)[] })._rows ?? [];
}

/** Data validations (by address) of a loaded worksheet, or null when it has none. */
export function dataValidationsOf(ws: ExcelJS.Worksheet): Record<string, unknown> | null {
  const model = (ws as unknown as { dataValidations?: { model?: Record<string, unknown> } }).dataValidations?.model;
  return model && Object.keys(model).length > 0 ? model : null;
}

export function conditionalFormattingsOf(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
}

/** A workbook's defined names as ExcelJS's model (`[{ name, ranges }]`). */
export function definedNamesOf(wb: ExcelJS.Workbook): unknown {
  return (wb as unknown as { definedNames?: { model?: unknown } }).definedNames?.model;
}

/** Page breaks after rows (ExcelJS's typings do not show `rowBreaks`); in-memory and streaming sheets. */
export function setRowBreaks(ws: ExcelJS.Worksheet, breaks: unknown[]): void {
  (ws as unknown as { rowBreaks: unknown[] }).rowBreaks = breaks;
}

// ---------------------------------------------------------------------------------------------------
// The streaming writer (ExcelJS.stream.xlsx.WorkbookWriter / WorksheetWriter).

/**
 * ExcelJS's streaming workbook writer from lib/ (in Node the very class of ExcelJS.stream.xlsx): the
 * browser build of ExcelJS has none, so file mode's worker bundles this one (webpack.config.js stubs the
 * archiver it creates, which useZip replaces).
 */
export const WorkbookWriter = WorkbookWriterModule as typeof ExcelJS.stream.xlsx.WorkbookWriter;

/** The parts of a streaming worksheet (WorksheetWriter) that rowXml.ts writes rows through. */
export interface WorksheetWriterInternals {
  stream: { write: (data: Uint8Array) => unknown };
  startedData: boolean;
  useSharedStrings: boolean;
  _rowZero: number;
  _writeColumns: () => void;
  _writeOpenSheetData: () => void;
  _workbook: {
    styles: { addStyleModel: (style: Style, type: ExcelJS.ValueType) => number };
    sharedStrings: { add: (s: string) => number };
  };
}

export function worksheetWriterInternals(sheet: ExcelJS.Worksheet): WorksheetWriterInternals {
  const w = sheet as unknown as WorksheetWriterInternals;
  if (typeof w._writeColumns !== 'function' || !w._workbook?.styles) throw new Error('内部错误：ExcelJS 流式写出器的版本不受支持');
  return w;
}

/**
 * Runs `before(write)` just before the streaming sheet writes <pageMargins> (it leaves out
 * <printOptions>, which the schema wants there).
 */
export function beforePageMargins(sheet: ExcelJS.Worksheet, before: (write: (xml: string) => void) => void): void {
  const w = sheet as unknown as { _writePageMargins: () => void; stream: { write: (s: string) => void } };
  const original = w._writePageMargins.bind(w);
  w._writePageMargins = () => {
    before((xml) => w.stream.write(xml));
    original();
  };
}

/** Merged ranges ("A1:L1") straight into a streaming sheet's list (its mergeCells() is quadratic). */
export function pushMerges(sheet: ExcelJS.Worksheet, merges: readonly string[]): void {
  const list = (sheet as unknown as { _merges?: unknown[] })._merges;
  if (!list) throw new Error('内部错误：ExcelJS 流式写出器不支持合并单元格');
  for (const m of merges) list.push(m);
}

export function setDataValidations(sheet: ExcelJS.Worksheet, model: Record<string, unknown>): void {
  (sheet as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model = model;
}

export function setWriterDefinedNames(writer: ExcelJS.stream.xlsx.WorkbookWriter, names: unknown): void {
  (writer as unknown as { definedNames: { model: unknown } }).definedNames.model = names;
}

export function setWriterViews(writer: ExcelJS.stream.xlsx.WorkbookWriter, views: unknown): void {
  (writer as unknown as { views: unknown }).views = views;
}

/** What the workbook writer needs of a zip: ExcelJS's calls on archiver, and the parts' streams. */
export interface WriterZip {
  append: (source: string | Uint8Array, options: { name: string }) => void;
  finalize: () => void;
  open: (name: string) => unknown;
  on: (event: string, listener: (...args: unknown[]) => void) => unknown;
}

/**
 * Makes `writer` write its parts into `zip` instead of the archiver it made itself (created with a
 * throw-away output stream; the two parts it already gave that archiver are given to `zip` again). The
 * zip is also the stream whose 'finish' ends `writer.commit()`.
 */
export function useZip(writer: ExcelJS.stream.xlsx.WorkbookWriter, zip: WriterZip): void {
  const w = writer as unknown as {
    zip: unknown;
    stream: unknown;
    promise: Promise<unknown>;
    _openStream: (path: string) => unknown;
    addThemes: () => Promise<void>;
    addOfficeRels: () => Promise<void>;
  };
  if (typeof w._openStream !== 'function' || typeof w.addThemes !== 'function' || typeof w.addOfficeRels !== 'function' || !w.promise) {
    throw new Error('内部错误：ExcelJS 流式写出器的版本不受支持');
  }
  w.zip = zip;
  w.stream = zip;
  w._openStream = (path: string) => zip.open(path);
  w.promise = Promise.all([w.promise, w.addThemes(), w.addOfficeRels()]);
  // Awaited by commit(); a failure before it (a sheet that could not be written) must not leave this
  // rejection unhandled — in Node that ends the process.
  w.promise.catch(() => {});
}
