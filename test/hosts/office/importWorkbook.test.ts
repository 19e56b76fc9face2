import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { installFakeOffice } from '../../fakes/excel';
import type { FakeExcelController } from '../../fakes/excel';
import { OfficeWorkbookHost } from '../../../src/hosts/office/officeHost';
import { importWorkbook, readWorkbookValues, toBase64, plainValue } from '../../../src/hosts/office/importWorkbook';

async function rosterFile(): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学生名册');
  ws.addRow(['学号', '姓名', '出生日期', '成绩']);
  ws.addRow(['00123', '张三', new Date(Date.UTC(2003, 4, 6)), { formula: 'B1', result: 88.5 }]);
  ws.getCell('A2').numFmt = '@';
  ws.addRow(['00124', { richText: [{ text: '李' }, { text: '四' }] }, null, 61]);
  const hidden = wb.addWorksheet('旧数据');
  hidden.state = 'hidden';
  hidden.addRow(['x']);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer).slice().buffer;
}

let excel: FakeExcelController;
afterEach(() => excel.uninstall());

test('without ExcelApi 1.13 the file is parsed with ExcelJS and written as values, IDs as text, distinct names', async () => {
  excel = installFakeOffice(globalThis, { sheets: [{ name: '学生名册', values: [['我的旧名册']] }] }, { excelApi: '1.7' });
  const host = new OfficeWorkbookHost();
  const result = await importWorkbook(host, await rosterFile(), '2021级名册.xlsx');
  expect(result.method).toBe('exceljs');
  expect(result.note).toMatch(/ExcelApi 1\.13/);
  expect(result.sheets).toEqual(['学生名册(2)']);
  expect(excel.cell('学生名册', 'A1').value).toBe('我的旧名册');
  expect(excel.cell('学生名册(2)', 'A2')).toMatchObject({ value: '00123', numberFormat: '@' });
  expect(excel.cell('学生名册(2)', 'B3').value).toBe('李四');
  expect(excel.cell('学生名册(2)', 'C2')).toMatchObject({ value: 37747, text: '2003-05-06' });
  expect(excel.cell('学生名册(2)', 'D2').value).toBe(88.5);
  expect(excel.sheetNames()).not.toContain('旧数据');
});

test('with ExcelApi 1.13 the sheets are inserted in one request', async () => {
  excel = installFakeOffice(globalThis, { sheets: [{ name: 'Sheet1' }] }, {
    excelApi: '1.13',
    decodeBase64Workbook: async (b64) => {
      const sheets = await readWorkbookValues(new Uint8Array(Buffer.from(b64, 'base64')).buffer);
      return sheets.map((s) => ({ name: s.name, values: s.values, numberFormats: s.formats, visibility: s.hidden ? ('Hidden' as const) : ('Visible' as const) }));
    },
  });
  const host = new OfficeWorkbookHost();
  excel.resetStats();
  const result = await importWorkbook(host, await rosterFile(), 'roster.xlsx');
  expect(result).toEqual({ sheets: ['学生名册', '旧数据'], method: 'insertWorksheetsFromBase64' });
  expect(excel.stats.roundTrips).toBe(1);
  expect(excel.cell('学生名册', 'A3')).toMatchObject({ value: '00124' });
});

test('a file too big for one request goes the ExcelJS way', async () => {
  excel = installFakeOffice(globalThis, { sheets: [{ name: 'Sheet1' }] }, { excelApi: '1.13' });
  const result = await importWorkbook(new OfficeWorkbookHost(), await rosterFile(), 'roster.xlsx', 100);
  expect(result.method).toBe('exceljs');
  expect(result.note).toMatch(/超过一次请求的上限/);
  expect(excel.cell('学生名册', 'A2').value).toBe('00123');
});

test('non-xlsx files and broken files get a Chinese message', async () => {
  excel = installFakeOffice(globalThis, { sheets: [{ name: 'Sheet1' }] }, { excelApi: '1.7' });
  const host = new OfficeWorkbookHost();
  await expect(importWorkbook(host, new ArrayBuffer(4), '名册.xls')).rejects.toThrow(/“名册\.xls”无法读取.*请在 Excel 或 WPS 中打开/);
  await expect(importWorkbook(host, new ArrayBuffer(4), '名册.ods')).rejects.toThrow(/只支持 \.xlsx、\.xls/);
  await expect(importWorkbook(host, new Uint8Array([1, 2, 3]).buffer, '名册.xlsx')).rejects.toThrow(/不是有效的 \.xlsx/);
});

test('an .xls (or WPS .et) is read in the pane by SheetJS and written as values, even with ExcelApi 1.13', async () => {
  const book = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet([
    ['学号', '姓名', '成绩日期'],
    ['00123', '张三', 45369],
  ]);
  (ws['C2'] as XLSX.CellObject).z = 'yyyy-mm-dd';
  XLSX.utils.book_append_sheet(book, ws, '成绩');
  const bytes = new Uint8Array(XLSX.write(book, { bookType: 'biff8', type: 'array' }) as ArrayBuffer);
  for (const name of ['成绩.xls', '成绩.et']) {
    excel = installFakeOffice(globalThis, { sheets: [{ name: 'Sheet1' }] }, { excelApi: '1.13' });
    const result = await importWorkbook(new OfficeWorkbookHost(), bytes.slice().buffer, name);
    expect(result.method).toBe('sheetjs');
    expect(result.sheets).toEqual(['成绩']);
    expect(excel.cell('成绩', 'A2').value).toBe('00123');
    expect(excel.cell('成绩', 'C2')).toMatchObject({ value: 45369, numberFormat: 'yyyy-mm-dd' });
    excel.uninstall();
  }
  excel = installFakeOffice(globalThis, { sheets: [{ name: 'Sheet1' }] }, { excelApi: '1.13' });
});

test('helpers', () => {
  expect(toBase64(new Uint8Array([0, 255, 1, 2]))).toBe(Buffer.from([0, 255, 1, 2]).toString('base64'));
  expect(plainValue({ text: '链接', hyperlink: 'https://x' })).toBe('链接');
  expect(plainValue({ error: '#N/A' })).toBe('#N/A');
  expect(plainValue(new Date(Date.UTC(2024, 2, 18)))).toBe(45369);
});
