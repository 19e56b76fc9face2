/**
 * .xls (Excel 97–2003, BIFF8) and WPS .et read outside Excel (issue 12): files written by SheetJS itself,
 * read back through src/hosts/xls/read.ts into the same RawTable shape as the .xlsx reader gives, and
 * through the file-mode/CLI input set and the CLI; a damaged file is a Chinese error naming it.
 */
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { defaultConfig } from '../../../src/engine/config';
import type { StudentResult } from '../../../src/engine/result';
import { isOleBytes, legacyContent, readLegacyWorkbook } from '../../../src/hosts/xls/read';
import { InputSet } from '../../../src/hosts/xlsx/loadInputs';
import { loadXlsx, worksheetToTable } from '../../../src/hosts/xlsx/read';
import { analyse } from '../../../src/pipeline';
import { expected, summary } from '../../layouts/expected';
import { rosterRows, zhengfangWide } from '../../layouts/generate';

type Aoa = (string | number | null)[][];

/** An .xls (BIFF8) written by SheetJS: sheets by name, with optional cell tweaks. */
function biff8(sheets: { name: string; rows: Aoa; hidden?: boolean; tweak?: (ws: XLSX.WorkSheet) => void }[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows);
    s.tweak?.(ws);
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  wb.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ? 1 : 0 })) };
  return new Uint8Array(XLSX.write(wb, { bookType: 'biff8', type: 'array' }) as ArrayBuffer);
}

/** The old 正方 wide export (test/layouts) with its title row, and the roster, as one .xls. */
function zhengfangXls(): Uint8Array {
  const layout = zhengfangWide();
  return biff8([
    { name: '学生名册', rows: rosterRows() },
    { name: '成绩', rows: [['正方教务管理系统 学生成绩表'], layout.header, ...layout.rows], tweak: (ws) => (ws['!merges'] = [XLSX.utils.decode_range('A1:F1')]) },
  ]);
}

test('an .xls starts with the OLE signature; content sniffing tells .xls, .xlsx, HTML and text apart', () => {
  const xls = zhengfangXls();
  expect(isOleBytes(xls)).toBe(true);
  expect(legacyContent(xls)).toBe('ole');
  expect(legacyContent(new TextEncoder().encode('\ufeff  <html><table><tr><td>学号</td></tr></table></html>'))).toBe('markup');
  expect(legacyContent(new TextEncoder().encode('学号\t姓名\r\n'))).toBe('text');
  expect(legacyContent(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('zip');
  expect(legacyContent(new Uint8Array(8))).toBe('unknown');
  expect(legacyContent(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBe('unknown');
  expect(legacyContent(new Uint8Array([0x41, 0x01, 0x42]))).toBe('unknown');
});

test('the same sheet as .xlsx (ExcelJS) and as .xls (SheetJS) gives the same table: values, 学号 zeros, dates, errors', async () => {
  const rows: Aoa = [
    ['学号', '姓名', '成绩', '成绩日期', '备注'],
    ['0210101', '张三', 85.5, 45369, null],
    [210102, '李四', 90, 45370, '#N/A'],
  ];
  // .xlsx by ExcelJS
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩');
  ws.addRows(rows.map((r) => r.map((v, c) => (c === 3 && typeof v === 'number' ? new Date(Date.UTC(1899, 11, 30) + v * 86400000) : v === '#N/A' ? { error: '#N/A' } : v))));
  ws.getCell('A3').numFmt = '0000000';
  ws.getCell('D2').numFmt = 'yyyy-mm-dd';
  ws.getCell('D3').numFmt = 'yyyy-mm-dd';
  ws.getRow(3).hidden = true;
  const fromXlsx = worksheetToTable((await loadXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), 'a.xlsx')).getWorksheet('成绩')!, 'a.xlsx');
  // .xls by SheetJS
  const xls = biff8([
    {
      name: '成绩',
      rows,
      tweak: (s) => {
        (s['A3'] as XLSX.CellObject).z = '0000000';
        (s['D2'] as XLSX.CellObject).z = 'yyyy-mm-dd';
        (s['D3'] as XLSX.CellObject).z = 'yyyy-mm-dd';
        s['E3'] = { t: 'e', v: 0x2a, w: '#N/A' };
      },
    },
  ]);
  const [sheet] = await readLegacyWorkbook(xls, 'a.xls');
  const fromXls = sheet!.table;
  expect(fromXls.rows).toEqual(fromXlsx.rows);
  expect(fromXls.rows[1]?.[3]).toEqual(new Date(Date.UTC(2024, 2, 18)));
  expect(fromXls.rows[2]?.[4]).toEqual({ error: '#N/A' });
  expect(fromXls.text?.[2]?.[0]).toBe('0210102');
  expect(fromXlsx.text?.[2]?.[0]).toBe('0210102');
  expect(fromXls.numberFormats?.[1]?.[3]).toBe('yyyy-mm-dd');
  // (SheetJS's BIFF8 writer does not write hidden rows, so !rows is not round-tripped here.)
  expect(fromXlsx.hiddenRows).toEqual([3]);
  expect({ origin: [fromXls.originRow, fromXls.originCol], sheet: fromXls.sheet, file: fromXls.file }).toEqual({ origin: [1, 1], sheet: '成绩', file: 'a.xls' });
});

test('an old 正方 .xls export read in file mode / CLI input set gives exactly the rules’ result; .et the same', async () => {
  const bytes = zhengfangXls();
  const results: unknown[] = [];
  for (const name of ['成绩.xls', '成绩.et', '成绩（另存错了扩展名）.xlsx']) {
    const inputs = new InputSet();
    await inputs.addFile(name, bytes);
    expect(inputs.issues).toEqual([]);
    expect(inputs.tables.map((t) => [t.sheet, t.file])).toEqual([
      ['学生名册', name],
      ['成绩', name],
    ]);
    // Not the base of the result workbook (ExcelJS cannot rewrite it): both sheets are added as values.
    expect(inputs.base).toBeNull();
    expect(inputs.extra.map((e) => e.name)).toEqual(['学生名册', '成绩']);
    const a = analyse(inputs.tables, defaultConfig());
    expect(a.issues.filter((i) => i.severity === 'error')).toEqual([]);
    results.push(summary(a.output?.result.students ?? []));
  }
  expect(results).toEqual([expected, expected, expected]);
});

test('a damaged .xls is a Chinese error naming the file and saying what to do, never a crash or a silent empty sheet', async () => {
  const torn = zhengfangXls().slice(0, 1024);
  for (const [name, bytes] of [
    ['成绩.xls', torn],
    ['成绩.et', new Uint8Array(64)],
    ['成绩.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])],
  ] as const) {
    const inputs = new InputSet();
    await inputs.addFile(name, bytes);
    expect(inputs.tables).toEqual([]);
    expect(inputs.issues.map((i) => [i.severity, i.code])).toEqual([['error', 'UNREADABLE_FILE']]);
    expect(inputs.issues[0]?.message).toContain(`“${name}”无法读取`);
    expect(inputs.issues[0]?.message).toContain('请在 Excel 或 WPS 中打开该文件');
  }
});

test('an .xls that is really an HTML table (UTF-8 or GBK) or a tab-separated text export is read as such (学号 keeps its zero)', async () => {
  const html = new TextEncoder().encode('<html><body><table><tr><td>学号</td><td>课程名称</td><td>成绩</td></tr><tr><td>0210101</td><td>高数</td><td>85</td></tr></table></body></html>');
  const [fromHtml] = await readLegacyWorkbook(html, '成绩.xls');
  expect(fromHtml?.table.rows[1]?.slice(0, 3)).toEqual(['0210101', '高数', '85']);
  // The same as GBK (old 正方 pages are gb2312): decoded before SheetJS, not garbled as Latin-1.
  const gbkHtml = Buffer.from(
    '3c68746d6c3e3c686561643e3c6d65746120636861727365743d22676232333132223e3c2f686561643e3c626f64793e3c7461626c653e3c74723e3c74643ed1a7bac53c2f74643e3c74643ebfceb3ccc3fbb3c63c2f74643e3c74643eb3c9bca83c2f74643e3c2f74723e3c74723e3c74643e303231303130313c2f74643e3c74643eb8dfb5c8cafdd1a73c2f74643e3c74643ec1bc3c2f74643e3c2f74723e3c2f7461626c653e3c2f626f64793e3c2f68746d6c3e',
    'hex',
  );
  const [fromGbk] = await readLegacyWorkbook(new Uint8Array(gbkHtml), '成绩.xls');
  expect(fromGbk?.table.rows.map((r) => r.slice(0, 3))).toEqual([
    ['学号', '课程名称', '成绩'],
    ['0210101', '高等数学', '良'],
  ]);
  const tsv = new TextEncoder().encode('学号\t课程名称\t成绩\r\n0210101\t高数\t85\r\n');
  const [fromTsv] = await readLegacyWorkbook(tsv, '成绩.xls');
  expect(fromTsv?.table.rows).toEqual([
    ['学号', '课程名称', '成绩'],
    ['0210101', '高数', '85'],
  ]);
});

test('CLI: zsb run 名册.xlsx 成绩.xls --json --out reads the .xls (and .et), exit 0, the rules’ result, the sheet copied into the result', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsb-xls-'));
  const roster = new ExcelJS.Workbook();
  roster.addWorksheet('学生名册').addRows(rosterRows());
  await roster.xlsx.writeFile(join(dir, '名册.xlsx'));
  const layout = zhengfangWide();
  const xls = biff8([{ name: '成绩', rows: [layout.header, ...layout.rows] }]);
  for (const ext of ['xls', 'et']) {
    writeFileSync(join(dir, `成绩.${ext}`), xls);
    let err = '';
    const code = await main(['run', join(dir, '名册.xlsx'), join(dir, `成绩.${ext}`), '--json', join(dir, `r-${ext}.json`), '--out', join(dir, `out-${ext}.xlsx`)], {
      stdout: () => undefined,
      stderr: (t) => (err += t),
    });
    expect(err).toContain('0 个错误');
    expect(code).toBe(0);
    expect(summary((JSON.parse(readFileSync(join(dir, `r-${ext}.json`), 'utf8')) as { students: StudentResult[] }).students)).toEqual(expected);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(join(dir, `out-${ext}.xlsx`));
    expect(out.getWorksheet('成绩')?.getCell('A1').value).toBe('学号');
  }
  // A damaged .xls: exit 1 and the file named in Chinese.
  writeFileSync(join(dir, '坏.xls'), new Uint8Array(100));
  let err = '';
  expect(await main(['run', join(dir, '名册.xlsx'), join(dir, '坏.xls')], { stdout: () => undefined, stderr: (t) => (err += t) })).toBe(1);
  expect(err).toContain('“坏.xls”无法读取');
});
