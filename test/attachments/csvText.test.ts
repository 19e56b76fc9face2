/**
 * An input CSV copied into the output workbook keeps its code columns (学号, 考生号, 身份证号, 手机号)
 * as text, in both writers: the in-memory one (addTableAsSheet) and the CLI's streaming one.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { writeStreaming } from '../../src/hosts/xlsx/streamWrite';
import { addTableAsSheet } from '../../src/hosts/xlsx/fileHost';
import type { RawTable } from '../../src/sheets/table';

function csvRoster(): RawTable {
  // as the CSV reader gives it: every value a string; a title line above the header
  return {
    sheet: '学生名册',
    file: '学生名册.csv',
    originRow: 1,
    originCol: 1,
    rows: [
      ['2021级学生名册', null, null, null, null, null],
      ['学号', '姓名', '专业', '年级', '手机号', '考生号'],
      ['2021010101', '张三', '机电一体化技术', '2021', '13800000001', '21450203150001'],
      ['2021010102', '李四', '机电一体化技术', '2021', '13900000002', '21450203150002'],
    ],
  };
}

function expectCodesAsText(ws: ExcelJS.Worksheet): void {
  for (const r of [3, 4]) {
    for (const c of [1, 5, 6]) {
      const cell = ws.getCell(r, c);
      expect([r, c, typeof cell.value, cell.numFmt]).toEqual([r, c, 'string', '@']);
    }
    expect(typeof ws.getCell(r, 4).value).toBe('number'); // 年级 is a number
  }
  expect(ws.getCell(3, 1).value).toBe('2021010101');
  expect(ws.getCell(3, 5).value).toBe('13800000001');
  expect(ws.getCell(2, 1).value).toBe('学号');
}

test('addTableAsSheet: 学号, 手机号, 考生号 stay text; 年级 is a number', async () => {
  const wb = new ExcelJS.Workbook();
  const name = addTableAsSheet(wb, csvRoster());
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  expectCodesAsText(back.getWorksheet(name)!);
});

test('the CLI streaming writer: the same', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('学生名册');
  const out = join(mkdtempSync(join(tmpdir(), 'zsb-csvtext-')), 'out.xlsx');
  await writeStreaming(wb, { streamed: new Map([['学生名册', csvRoster()]]), deferred: new Map() }, out);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(out);
  expectCodesAsText(back.getWorksheet('学生名册')!);
});
