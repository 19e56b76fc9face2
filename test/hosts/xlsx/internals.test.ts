/**
 * Issue 16: the hosts use private parts of ExcelJS and JSZip (deep imports, fields behind `as unknown as`).
 * Both are pinned exactly in package.json; this test names every private part relied on, so an upgrade
 * that moves or renames one fails here, by name, before it can silently change a written workbook.
 * Where each is used: src/hosts/xlsx/streamRead.ts (deep xforms, utils, JSZip _data), xlsxBase.ts (_data),
 * rowXml.ts (WorksheetWriter internals), streamWrite.ts (writer internals, _rows, _merges, zip, stream._pipe),
 * sheetModelWriter.ts (rowBreaks), exceljsPatches.ts (CellXform/RowXform parseOpen).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PassThrough } from 'node:stream';
import pkg from '../../../package.json';

/* eslint-disable @typescript-eslint/no-require-imports */
const installed = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

test('exceljs and jszip are pinned exactly, and the installed versions are the pinned ones', () => {
  for (const name of ['exceljs', 'jszip'] as const) {
    const pinned = (pkg.dependencies as Record<string, string>)[name];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/u);
    expect(installed(name)).toBe(pinned);
  }
});

test('the deep ExcelJS modules load with the members used', () => {
  const utils = require('exceljs/lib/utils/utils') as Record<string, unknown>;
  for (const f of ['xmlDecode', 'isDateFmt', 'excelToDate', 'parseBoolean']) expect(typeof utils[f]).toBe('function');
  for (const m of ['xlsx/xform/book/workbook-xform', 'xlsx/xform/core/relationships-xform', 'xlsx/xform/strings/shared-strings-xform', 'xlsx/xform/style/styles-xform']) {
    const X = require(`exceljs/lib/${m}`) as new () => { parseStream?: unknown };
    expect(typeof new X().parseStream).toBe('function');
  }
  for (const m of ['xlsx/xform/sheet/cell-xform', 'xlsx/xform/sheet/row-xform']) {
    const X = require(`exceljs/lib/${m}`) as { prototype: { parseOpen?: unknown } };
    expect(typeof X.prototype.parseOpen).toBe('function');
  }
});

test("the streaming writer's private members used by rowXml.ts and streamWrite.ts", async () => {
  const out = new PassThrough();
  out.resume();
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const w = writer as unknown as Record<string, unknown>;
  expect(typeof (w.zip as { append?: unknown }).append).toBe('function');
  expect(typeof (w.zip as { on?: unknown }).on).toBe('function');
  expect(w.definedNames).toHaveProperty('model');
  const sheet = writer.addWorksheet('s') as unknown as Record<string, unknown>;
  for (const f of ['_writePageMargins', '_writeColumns', '_writeOpenSheetData']) expect(typeof sheet[f]).toBe('function');
  expect(typeof sheet._rowZero).toBe('number');
  expect(Array.isArray(sheet._merges)).toBe(true);
  expect(typeof sheet.startedData).toBe('boolean');
  expect(typeof sheet.useSharedStrings).toBe('boolean');
  expect(Array.isArray(sheet.rowBreaks)).toBe(true);
  const wb = sheet._workbook as { styles: { addStyleModel?: unknown }; sharedStrings: { add?: unknown; _totalRefs?: unknown } };
  expect(typeof wb.styles.addStyleModel).toBe('function');
  expect(typeof wb.sharedStrings.add).toBe('function');
  expect(typeof wb.sharedStrings._totalRefs).toBe('number');
  (writer.getWorksheet('s') as ExcelJS.Worksheet).addRow([1]).commit();
  const stream = sheet.stream as { _pipe?: unknown; write?: unknown };
  expect(typeof stream.write).toBe('function');
  expect(typeof stream._pipe).toBe('function');
  await writer.commit();
});

test("a loaded worksheet's private members copied by streamWrite.ts", () => {
  const ws = new ExcelJS.Workbook().addWorksheet('s') as unknown as Record<string, unknown>;
  expect(Array.isArray(ws._rows)).toBe(true);
  expect(ws.dataValidations).toHaveProperty('model');
  expect(Array.isArray(ws.conditionalFormattings)).toBe(true);
  expect(Array.isArray(ws.rowBreaks)).toBe(true);
});

test("JSZip's per-file _data (compressed size and method, read before inflating)", async () => {
  const zip = new JSZip();
  zip.file('a.xml', '<a>'.repeat(1000), { compression: 'DEFLATE' });
  const loaded = await JSZip.loadAsync(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  const data = (loaded.file('a.xml') as unknown as { _data?: { compression?: { magic?: string }; compressedContent?: unknown; uncompressedSize?: number } })._data;
  expect(data?.uncompressedSize).toBe(3000);
  expect(data?.compression?.magic).toBe('\x08\x00');
  expect(data?.compressedContent).toBeInstanceOf(Uint8Array);
});
