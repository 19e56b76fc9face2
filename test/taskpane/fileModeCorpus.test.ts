/**
 * Issue 14 in the browser: file mode reads the corpus's broken .xlsx files exactly as the CLI does.
 *
 * The browser's file mode loads workbooks with ExcelJS's prebuilt browser bundle: webpack resolves
 * `exceljs` through its package.json "browser" field to dist/exceljs.min.js (webpack.config.js has no
 * alias for it), a bundle the CLI's ExcelJS patch (exceljsPatches.ts, which patches exceljs/lib/…)
 * never reaches. This test gives file mode that same bundle (jest.mock below), so it runs the module
 * graph the browser runs, and compares with the CLI (`zsb run`, in-process) on the same files.
 */
jest.mock('exceljs', () => jest.requireActual('exceljs/dist/exceljs.min.js'));

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { defaultConfig } from '../../src/engine/config';
import { analyse, resultJson } from '../../src/pipeline';
import { streamXlsxTables } from '../../src/hosts/xlsx/streamRead';
import { FileSession } from '../../src/taskpane/file/session';
import type { ResultJson } from '../../src/engine/result';
import { CORPUS, expectedOf, runCase } from '../corpus/helpers';

/** What file mode computes from the files of a corpus case (the pane's 计算 with default settings). */
async function fileMode(id: string): Promise<{ session: FileSession; result: ResultJson }> {
  const files = expectedOf(id).inputs.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(CORPUS, id, name))) }));
  const session = await FileSession.open(files);
  const config = defaultConfig();
  const a = analyse(session.tables, config);
  const issues = [...session.problems, ...a.issues];
  const result = a.output ? { ...a.output.result, issues } : resultJson({ ...a, issues }, config);
  return { session, result: JSON.parse(JSON.stringify(result)) as ResultJson };
}

const brief = (r: ResultJson) => ({
  issues: r.issues.map((i) => ({ severity: i.severity, code: i.code, sheet: i.sheet, cell: i.cell, row: i.row, message: i.message })),
  students: r.students,
  groups: r.groups,
});

it('webpack gives the pane the bundle this test mocks in: exceljs → dist/exceljs.min.js (no alias)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = (require('../../webpack.config.js') as (env: object, argv: object) => { resolve: { alias?: object; mainFields?: string[] } })({}, { mode: 'development' });
  expect(config.resolve.alias).toBeUndefined();
  // webpack's defaults for a browser target: the "browser" field first (its own resolver, enhanced-resolve).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ResolverFactory, CachedInputFileSystem } = require('enhanced-resolve') as typeof import('enhanced-resolve');
  const resolver = ResolverFactory.createResolver({
    fileSystem: new CachedInputFileSystem(require('node:fs'), 4000),
    mainFields: config.resolve.mainFields ?? ['browser', 'module', 'main'],
    aliasFields: ['browser'],
    extensions: ['.ts', '.tsx', '.js'],
    useSyncFileSystemCalls: true,
  });
  const resolved = resolver.resolveSync({}, join(__dirname, '..', '..', 'src', 'hosts', 'xlsx'), 'exceljs');
  expect(String(resolved).replace(/\\/gu, '/')).toMatch(/node_modules\/exceljs\/dist\/exceljs\.min\.js$/u);
});

it('the test really runs the browser bundle (unpatched ExcelJS misreads the ISO date cell)', async () => {
  // Loaded directly, without file mode's reading: the bug the fix is for (2024 → 1905-07-16).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(readFileSync(join(CORPUS, '57-iso-date-cells', '学校.xlsx'))).buffer);
  const d = wb.getWorksheet('成绩')!.getRow(2).getCell(7).value as Date;
  expect(d.toISOString().slice(0, 4)).toBe('1905');
  // …and a row without `r` makes the browser bundle refuse the sheet.
  await expect(new ExcelJS.Workbook().xlsx.load(new Uint8Array(readFileSync(join(CORPUS, '58-rows-and-cells-without-r', '学校.xlsx'))).buffer)).rejects.toThrow('Invalid row number');
});

describe.each([
  ['57-iso-date-cells'],
  ['58-rows-and-cells-without-r'],
  ['59-shared-string-out-of-range'],
  ['60-cell-address-off-grid'],
  ['69-merge-over-whole-sheet'],
  ['70-row-number-off-grid'],
  ['72-shared-string-index-not-a-number'],
])('%s in file mode', (id) => {
  it('gives the same issues (code, cell, message) and students as the CLI', async () => {
    const cli = await runCase(id);
    expect(cli.result).not.toBeNull();
    const { result } = await fileMode(id);
    expect(brief(result)).toEqual(brief(cli.result!));
    // …and what corpus/expected.json says (the errors by code and cell).
    const e = expectedOf(id);
    const key = (l: { code: string; sheet: string | null; cell?: string | null; row?: number | null }) => `${l.code}@${l.sheet ?? '-'}!${l.cell ?? (l.row ? `第${l.row}行` : '-')}`;
    expect(result.issues.filter((i) => i.severity === 'error').map(key).sort()).toEqual(e.errors.map(key).sort());
  }, 60_000);
});

it.each([['57-iso-date-cells'], ['58-rows-and-cells-without-r']])('%s: file mode reads the same tables as the CLI reader', async (id) => {
  const file = join(CORPUS, id, '学校.xlsx');
  const cli = (await streamXlsxTables(file, '学校.xlsx')).filter((s) => s.state !== 'veryHidden').map((s) => s.table);
  const { session } = await fileMode(id);
  expect(session.tables.map((t) => ({ sheet: t.sheet, rows: t.rows, text: t.text, numberFormats: t.numberFormats }))).toEqual(
    cli.map((t) => ({ sheet: t.sheet, rows: t.rows, text: t.text, numberFormats: t.numberFormats })),
  );
});

it('57: the ISO date reads as 2024-03-25 and the 学籍异动 cutoff applies (worked out from the file by hand)', async () => {
  const { session, result } = await fileMode('57-iso-date-cells');
  const grades = session.tables.find((t) => t.sheet === '成绩')!;
  const dates = grades.rows.slice(1).map((r) => r[6]).filter((v): v is Date => v instanceof Date);
  expect(dates.length).toBeGreaterThan(0);
  expect(dates.every((d) => d.getUTCFullYear() >= 2021 && d.getUTCFullYear() <= 2025)).toBe(true);
  // corpus expected.json: 0210103 (学籍异动) counts 1 course, 98.00; 0210101 counts 3, 69.00.
  const byId = new Map(result.students.map((s) => [s.studentId, s]));
  expect(byId.get('0210103')).toMatchObject({ countedCourses: 1, average: '98.00' });
  expect(byId.get('0210101')).toMatchObject({ countedCourses: 3, average: '69.00' });
  expect(result.issues.some((i) => i.code === 'AFTER_CUTOFF')).toBe(true);
});

it('69: a merge over the whole sheet ends in MERGE_TOO_BIG at 说明!A1, quickly (no frozen tab)', async () => {
  const started = Date.now();
  const { result } = await fileMode('69-merge-over-whole-sheet');
  expect(Date.now() - started).toBeLessThan(20_000);
  const e = result.issues.find((i) => i.code === 'MERGE_TOO_BIG')!;
  expect(e).toMatchObject({ severity: 'error', sheet: '说明', cell: 'A1' });
  expect(e.message).toContain('取消合并');
});

it('57: the downloaded workbook keeps the ISO dates as the dates they are (the base is copied through ExcelJS)', async () => {
  const file = join(CORPUS, '57-iso-date-cells', '学校.xlsx');
  const before = (await streamXlsxTables(file, '学校.xlsx')).find((s) => s.name === '成绩')!.table;
  const { session } = await fileMode('57-iso-date-cells');
  const bytes = await session.resultBytes(defaultConfig());
  const after = (await streamXlsxTables(bytes, 'out.xlsx')).find((s) => s.name === '成绩')!.table;
  const dates = (t: typeof before) => t.rows.map((r) => r[6]).filter((v) => v instanceof Date).map((d) => (d as Date).toISOString());
  expect(dates(after).length).toBeGreaterThan(0);
  expect(dates(after)).toEqual(dates(before));
});
