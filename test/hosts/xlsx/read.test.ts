import ExcelJS from 'exceljs';
import { InputFileError, loadXlsx, worksheetToTable, workbookToTables } from '../../../src/hosts/xlsx/read';

async function roundTrip(build: (wb: ExcelJS.Workbook) => void): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const buf = await wb.xlsx.writeBuffer();
  return loadXlsx(new Uint8Array(buf as ArrayBuffer), 'test.xlsx');
}

describe('xlsx → RawTable', () => {
  test('values as Excel gives them: numbers, text, dates, formula results, errors, rich text, merged banner', async () => {
    const wb = await roundTrip((w) => {
      const ws = w.addWorksheet('成绩');
      ws.mergeCells('A1:D1');
      ws.getCell('A1').value = '2021级成绩';
      ws.getRow(2).values = ['学号', '成绩', '日期', '公式'];
      ws.getCell('A3').value = 123;
      ws.getCell('A3').numFmt = '000000';
      ws.getCell('B3').value = 85.5;
      ws.getCell('C3').value = new Date(Date.UTC(2024, 2, 18));
      ws.getCell('C3').numFmt = 'yyyy-mm-dd';
      ws.getCell('D3').value = { formula: 'B3*2', result: 171 };
      ws.getCell('A4').value = { richText: [{ text: '0210' }, { text: '02' }] };
      ws.getCell('B4').value = { formula: 'VLOOKUP(1,X:Y,2,0)', result: { error: '#N/A' } };
      ws.getRow(4).hidden = true;
    });
    const t = worksheetToTable(wb.getWorksheet('成绩')!);
    expect(t.rows[0]).toEqual(['2021级成绩', null, null, null]);
    expect(t.rows[2]?.[0]).toBe(123);
    expect(t.text?.[2]?.[0]).toBe('000123');
    expect(t.rows[2]?.[1]).toBe(85.5);
    expect(t.rows[2]?.[2]).toEqual(new Date(Date.UTC(2024, 2, 18)));
    expect(t.numberFormats?.[2]?.[2]).toBe('yyyy-mm-dd');
    expect(t.rows[2]?.[3]).toBe(171);
    expect(t.rows[3]?.[0]).toBe('021002');
    expect(t.rows[3]?.[1]).toEqual({ error: '#N/A' });
    expect(t.hiddenRows).toEqual([4]);
    expect(t.originRow).toBe(1);
  });

  test('very hidden and skipped sheets are not tables', async () => {
    const wb = await roundTrip((w) => {
      w.addWorksheet('名册').getCell('A1').value = '学号';
      w.addWorksheet('ZSB_META', { state: 'veryHidden' }).getCell('A1').value = '{}';
      w.addWorksheet('附件5').getCell('A1').value = 'x';
    });
    expect(workbookToTables(wb, 'f.xlsx', ['附件5']).map((t) => [t.sheet, t.file])).toEqual([['名册', 'f.xlsx']]);
  });

  test('not an xlsx ⇒ InputFileError in Chinese', async () => {
    await expect(loadXlsx(new TextEncoder().encode('学号,姓名\n'), 'a.xlsx')).rejects.toThrow(/不是 .xlsx 工作簿/);
    await expect(loadXlsx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xlsx')).rejects.toThrow(/97-2003.*另存为/);
    await expect(loadXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'bad.xlsx')).rejects.toBeInstanceOf(InputFileError);
  });
});
