import ExcelJS from 'exceljs';
import { XlsxFileHost, uniqueSheetName, addTableAsSheet, stripResultBlocks, copyWorksheet } from '../../../src/hosts/xlsx/fileHost';
import { META_SHEET } from '../../../src/hosts/meta';
import type { ResultBlock } from '../../../src/hosts/host';
import type { SheetModel } from '../../../src/sheets/attachments/model';

function userWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学生名册');
  ws.getCell('A1').value = '名册标题';
  ws.getRow(2).values = ['学号', '姓名', '专业', '年级'];
  ws.getRow(3).values = ['001', '甲', 'm', 2021];
  ws.getRow(4).values = ['002', '乙', 'm', 2021];
  ws.getCell('F3').value = '用户备注';
  wb.addWorksheet('附件5').getCell('A1').value = '用户自己的附件5';
  return wb;
}

const block = (avg: number): ResultBlock => ({
  sheet: '学生名册',
  headerRow: 2,
  headers: ['平均成绩', '排名', '学号副本'],
  rows: [
    { row: 3, values: [avg, 1, '001'] },
    { row: 4, values: [70, 2, '002'] },
  ],
  numberFormats: { 平均成绩: '0.00' },
  textColumns: ['学号副本'],
});

const model = (name: string): SheetModel => ({
  name,
  title: `${name} 标题`,
  subtitles: [],
  tables: [{ columns: [{ header: '学号', width: 12, text: true }], rows: [['001']] }],
  footnotes: [],
  publicity: true,
  orientation: 'portrait',
});

/** Every non-empty cell of every sheet as "sheet!A1=value". */
function snapshot(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        out.push(`${ws.name}[${ws.state}]!${r},${c}=${JSON.stringify(cell.value)}|${cell.numFmt ?? ''}`);
      }),
    );
  }
  return out;
}

async function reload(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const out = new ExcelJS.Workbook();
  await out.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return out;
}

describe('XlsxFileHost', () => {
  test('result block goes right of the user data; a re-run replaces exactly that block (idempotent)', async () => {
    const wb = userWorkbook();
    const before = snapshot(wb);
    const host = new XlsxFileHost(wb);
    await host.writeResultBlock(block(85.3));
    const ws = wb.getWorksheet('学生名册')!;
    // user data ends at F (the note in F3) ⇒ the block starts at G
    expect(ws.getCell('G2').value).toBe('平均成绩');
    expect(ws.getCell('G3').value).toBe(85.3);
    expect(ws.getCell('G3').numFmt).toBe('0.00');
    expect(ws.getCell('I3').value).toBe('001');
    expect(ws.getCell('I3').numFmt).toBe('@');
    const once = snapshot(wb);
    // the user's cells are unchanged
    for (const cell of before.filter((c) => c.startsWith('学生名册'))) expect(once).toContain(cell);

    const wb2 = await reload(wb);
    const host2 = new XlsxFileHost(wb2);
    await host2.writeResultBlock(block(85.3));
    expect(snapshot(wb2)).toEqual(snapshot(await reload(wb)));
    // a different value replaces the old one in place: no new columns
    await host2.writeResultBlock(block(90));
    expect(wb2.getWorksheet('学生名册')!.getCell('G3').value).toBe(90);
    expect(wb2.getWorksheet('学生名册')!.getCell('J2').value ?? null).toBeNull();
    expect((await host2.listSheets()).filter((s) => s.name === META_SHEET)).toEqual([{ name: META_SHEET, owned: true, visible: false }]);
  });

  test('a shorter re-run clears the rows it no longer fills', async () => {
    const wb = userWorkbook();
    const host = new XlsxFileHost(wb);
    await host.writeResultBlock(block(80));
    await host.writeResultBlock({ ...block(80), rows: [{ row: 3, values: [81, 1, '001'] }] });
    const ws = wb.getWorksheet('学生名册')!;
    expect(ws.getCell('G3').value).toBe(81);
    expect(ws.getCell('G4').value).toBeNull();
  });

  test('refuses to overwrite a user cell that appeared where the block goes', async () => {
    const wb = userWorkbook();
    const host = new XlsxFileHost(wb);
    await host.writeResultBlock(block(80));
    await host.writeResultBlock({ ...block(80), headers: [...block(80).headers, '新列'] });
    // J was empty, so growing is fine; now a user writes in K and the block grows again
    wb.getWorksheet('学生名册')!.getCell('K3').value = '用户写的';
    await expect(host.writeResultBlock({ ...block(80), headers: [...block(80).headers, '新列', '再一列'] })).rejects.toThrow(/K3 已有内容/);
    expect(wb.getWorksheet('学生名册')!.getCell('K3').value).toBe('用户写的');
  });

  test('owned sheets: created, replaced on re-run, a user sheet of the same name is left alone', async () => {
    const wb = userWorkbook();
    const host = new XlsxFileHost(wb);
    const names = await host.writeOwnedSheets([model('附件5'), model('计算说明')]);
    expect([...names]).toEqual([
      ['附件5', '附件5(2)'],
      ['计算说明', '计算说明'],
    ]);
    expect(wb.getWorksheet('附件5')!.getCell('A1').value).toBe('用户自己的附件5');
    const once = snapshot(wb);
    const names2 = await host.writeOwnedSheets([model('附件5'), model('计算说明')]);
    expect([...names2]).toEqual([...names]);
    expect(snapshot(wb)).toEqual(once);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['学生名册', '附件5', META_SHEET, '附件5(2)', '计算说明']);
    const listed = await host.listSheets();
    expect(listed.filter((s) => s.owned).map((s) => s.name)).toEqual([META_SHEET, '附件5(2)', '计算说明']);
    // a sheet no longer produced is removed on the next run
    await host.writeOwnedSheets([model('计算说明')]);
    expect(wb.getWorksheet('附件5(2)')).toBeUndefined();
  });

  test('owned sheets: a name is free of the user\'s sheets and of the sheets added before it in the same run, in any case', async () => {
    const wb = userWorkbook();
    wb.addWorksheet('abc');
    const host = new XlsxFileHost(wb);
    // 'ABC' meets the user's 'abc' → 'ABC(2)'; then 'abc(2)' meets that one → 'abc(2)(2)'.
    const names = await host.writeOwnedSheets([model('ABC'), model('abc(2)'), model('计算说明')]);
    expect([...names]).toEqual([
      ['ABC', 'ABC(2)'],
      ['abc(2)', 'abc(2)(2)'],
      ['计算说明', '计算说明'],
    ]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['学生名册', '附件5', 'abc', META_SHEET, 'ABC(2)', 'abc(2)(2)', '计算说明']);
  });

  test('settings round-trip in the meta record; a damaged record is an error, not replaced', async () => {
    const wb = userWorkbook();
    const host = new XlsxFileHost(wb);
    expect(await host.loadSettings()).toBeNull();
    await host.saveSettings({ quotaPercent: 25 });
    const host2 = new XlsxFileHost(await reload(wb));
    expect(await host2.loadSettings()).toEqual({ quotaPercent: 25 });
    expect(host2.workbook.getWorksheet(META_SHEET)!.state).toBe('veryHidden');
    wb.getWorksheet(META_SHEET)!.getCell('A1').value = '{broken';
    await expect(host.loadSettings()).rejects.toThrow(/不是有效的 JSON/);
  });

  test('helpers: unique names and CSV tables as text sheets', () => {
    const wb = userWorkbook();
    expect(uniqueSheetName(wb, '学生名册')).toBe('学生名册(2)');
    expect(uniqueSheetName(wb, '新表')).toBe('新表');
    const name = addTableAsSheet(wb, {
      sheet: '成绩',
      originRow: 1,
      originCol: 1,
      rows: [
        ['学号', '成绩', '身份证号'],
        ['007', '90.5', '450203200207073726'],
      ],
    });
    expect(name).toBe('成绩');
    const ws = wb.getWorksheet('成绩')!;
    expect(ws.getCell('A2').value).toBe('007');
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect(ws.getCell('B2').value).toBe(90.5);
    expect(ws.getCell('C2').value).toBe('450203200207073726');
  });

  test('readInputs does not see the block of an earlier run (same inputs ⇒ same tables)', async () => {
    const wb = userWorkbook();
    const host = new XlsxFileHost(wb);
    const before = await host.readInputs();
    await host.writeResultBlock(block(85));
    await host.writeOwnedSheets([model('计算说明')]);
    const after = await host.readInputs();
    expect(after.map((t) => t.sheet)).toEqual(['学生名册', '附件5']);
    expect(after.map((t) => t.rows)).toEqual(before.map((t) => t.rows));
    const t = { sheet: 'x', originRow: 1, originCol: 1, rows: [['a', 'b', 'c'], ['1', '2', '3']] };
    expect(stripResultBlocks(t, [{ sheet: 'x', headerRow: 1, startColumn: 3, endColumn: 3, lastRow: 2 }]).rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  test('copying a sheet from another result workbook leaves its old result block behind', async () => {
    const src = userWorkbook();
    const host = new XlsxFileHost(src);
    await host.writeResultBlock(block(85));
    const out = new ExcelJS.Workbook();
    out.addWorksheet('学生名册');
    const name = copyWorksheet(src.getWorksheet('学生名册')!, out, '学生名册', host.readMeta().resultBlocks);
    expect(name).toBe('学生名册(2)');
    const ws = out.getWorksheet(name)!;
    expect(ws.getCell('A3').value).toBe('001');
    expect(ws.getCell('F3').value).toBe('用户备注');
    expect(ws.getCell('G2').value ?? null).toBeNull();
    expect(ws.getCell('G3').value ?? null).toBeNull();
  });
});
