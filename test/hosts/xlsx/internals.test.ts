/**
 * Issue 16: the hosts use private parts of ExcelJS and JSZip (deep imports, fields their typings do not
 * show). They all live in src/hosts/xlsx/exceljsInternals.ts; both packages are pinned exactly. This test
 * checks that module's whole surface against the installed packages — an upgrade that moves or renames a
 * part fails here, by name, before it can silently change a written workbook — and that no other source
 * file reaches into them.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import pkg from '../../../package.json';
import * as internals from '../../../src/hosts/xlsx/exceljsInternals';
import { RowXmlWriter } from '../../../src/hosts/xlsx/rowXml';
import { ZipFileWriter } from '../../../src/hosts/xlsx/zipWriter';
import { tempDir } from '../../cli/fixtures';

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
  // The stream writer from lib/ is the one ExcelJS itself exports in Node (file mode's worker bundles lib/'s).
  expect(internals.WorkbookWriter).toBe(ExcelJS.stream.xlsx.WorkbookWriter);
  for (const m of ['xlsx/xform/sheet/cell-xform', 'xlsx/xform/sheet/row-xform']) {
    const X = require(`exceljs/lib/${m}`) as { prototype: { parseOpen?: unknown } };
    expect(typeof X.prototype.parseOpen).toBe('function');
  }
});

test('exceljsInternals exports exactly the parts listed here', () => {
  expect(Object.keys(internals).sort()).toEqual(
    [
      'RelationshipsXform',
      'SharedStringsXform',
      'StylesXform',
      'WorkbookWriter',
      'WorkbookXform',
      'beforePageMargins',
      'cellXformPrototype',
      'conditionalFormattingsOf',
      'dataValidationsOf',
      'definedNamesOf',
      'jszipData',
      'loadedRows',
      'pushMerges',
      'rowXformPrototype',
      'setDataValidations',
      'setRowBreaks',
      'setWriterDefinedNames',
      'setWriterViews',
      'useZip',
      'utils',
      'worksheetWriterInternals',
    ].sort(),
  );
  expect(typeof internals.cellXformPrototype.parseClose).toBe('function');
  expect(typeof internals.cellXformPrototype.reconcile).toBe('function');
  expect(typeof internals.rowXformPrototype.parseOpen).toBe('function');
});

test('the streaming writer, through useZip and the writer internals, writes what is asked', async () => {
  const file = join(tempDir(), 'internals.xlsx');
  const zip = new ZipFileWriter(file);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useStyles: true, useSharedStrings: true });
  internals.useZip(writer, zip);
  const sheet = writer.addWorksheet('成绩', { pageSetup: { horizontalCentered: true } });
  const w = internals.worksheetWriterInternals(sheet);
  expect(typeof w._rowZero).toBe('number');
  expect(typeof w.startedData).toBe('boolean');
  expect(w.useSharedStrings).toBe(true);
  internals.beforePageMargins(sheet, (write) => write('<printOptions horizontalCentered="1"/>'));
  const out = new RowXmlWriter(sheet);
  out.cell(1, 1, '学号', {});
  out.cell(1, 2, 90.5, { font: { bold: true } });
  out.endRow(1);
  out.cell(2, 1, '学号', {});
  out.endRow(2, { height: 30 });
  out.flush();
  internals.pushMerges(sheet, ['A3:B3']);
  internals.setRowBreaks(sheet, [{ id: 2, max: 16383, man: 1 }]);
  internals.setDataValidations(sheet, { C1: { type: 'list', allowBlank: true, formulae: ['"是,否"'] } });
  internals.setWriterDefinedNames(writer, [{ name: 'ZSB_Result_1', ranges: ["'成绩'!$A$1:$B$2"] }]);
  internals.setWriterViews(writer, [{ activeTab: 0, firstSheet: 0, visibility: 'visible' }]);
  sheet.commit();
  await writer.commit();
  const loaded = await JSZip.loadAsync(readFileSync(file), { checkCRC32: true });
  const xml = await loaded.file('xl/worksheets/sheet1.xml')!.async('string');
  expect(xml).toContain('<c r="A1" t="s"><v>0</v></c>');
  expect(xml).toContain('<row r="2" ht="30" customHeight="1"');
  expect(xml).toMatch(/<printOptions horizontalCentered="1"\/><pageMargins/u);
  expect(xml).toContain('<mergeCell ref="A3:B3"/>');
  expect(xml).toContain('<rowBreaks count="1"');
  expect(xml).toContain('<dataValidation type="list"');
  // One string, referred to twice (ExcelJS writes the number of strings as both counts).
  expect(await loaded.file('xl/sharedStrings.xml')!.async('string')).toContain('count="1" uniqueCount="1"><si><t>学号</t></si></sst>');
  expect(xml).toContain('<c r="A2" t="s"><v>0</v></c>');
  expect(await loaded.file('xl/workbook.xml')!.async('string')).toContain('ZSB_Result_1');
  expect(loaded.file('xl/theme/theme1.xml')).not.toBeNull();
  expect(loaded.file('_rels/.rels')).not.toBeNull();

  // The same file loaded whole: rows, validations and names as written.
  const wb = new ExcelJS.Workbook();
  const bytes = readFileSync(file);
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const ws = wb.getWorksheet('成绩')!;
  expect(internals.loadedRows(ws).length).toBe(3);
  expect(internals.loadedRows(ws)[0]?._cells?.[1]?.value).toBe(90.5);
  expect(internals.dataValidationsOf(ws)).toHaveProperty('C1');
  expect(Array.isArray(internals.conditionalFormattingsOf(ws))).toBe(true);
  expect(JSON.stringify(internals.definedNamesOf(wb))).toContain('ZSB_Result_1');
});

test("JSZip's per-file data (compressed size and method, read before inflating)", async () => {
  const zip = new JSZip();
  zip.file('a.xml', '<a>'.repeat(1000), { compression: 'DEFLATE' });
  const loaded = await JSZip.loadAsync(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  const data = internals.jszipData(loaded.file('a.xml'));
  expect(data?.uncompressedSize).toBe(3000);
  expect(data?.compression?.magic).toBe('\x08\x00');
  expect(data?.compressedContent).toBeInstanceOf(Uint8Array);
  expect(internals.jszipData(null)).toBeUndefined();
});

/** Source files under src/ (the internals module and its type declarations excepted). */
function sources(dir = join(__dirname, '../../../src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/u.test(e.name) && !/exceljsInternals\.ts$|\.d\.ts$/u.test(e.name) ? [p] : [];
  });
}

test('no other source file deep-imports ExcelJS or casts to a private member', () => {
  const root = join(__dirname, '../../..');
  const found: string[] = [];
  for (const file of sources()) {
    const text = readFileSync(file, 'utf8');
    const rel = relative(root, file);
    if (/from ['"]exceljs\/lib\//u.test(text) || /require\(['"]exceljs\/lib\//u.test(text)) found.push(`${rel}: deep import`);
    for (const m of text.matchAll(/as unknown as \{[^}]*\b_[a-zA-Z]\w*\??:/gu)) found.push(`${rel}: ${m[0]}`);
  }
  expect(found).toEqual([]);
});
