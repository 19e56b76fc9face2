import ExcelJS from 'exceljs';
import { XlsxFileHost } from '../../src/hosts/xlsx/fileHost';
import { FileSession, resultFileName, unsupportedFileMessage } from '../../src/taskpane/file/session';

async function xlsx(build: (wb: ExcelJS.Workbook) => Promise<void> | void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}


describe('file mode session', () => {
  it('names files it cannot read, in Chinese, with what to do', () => {
    // .xls and WPS .et are read (src/hosts/xls/read.ts); .ods is not.
    expect(unsupportedFileMessage('名册.xls')).toBeNull();
    expect(unsupportedFileMessage('名册.et')).toBeNull();
    expect(unsupportedFileMessage('名册.ods')).toContain('另存为” .xlsx');
    expect(unsupportedFileMessage('说明.pdf')).toContain('不是 .xlsx、.xls、.et 或 .csv');
    expect(unsupportedFileMessage('名册.XLSX')).toBeNull();
    expect(unsupportedFileMessage('成绩.csv')).toBeNull();
  });

  it('reads every sheet of an .xlsx and a CSV as inputs; an unreadable file is an error issue, not a crash', async () => {
    const book = await xlsx((wb) => {
      wb.addWorksheet('学生名册').addRows([['学号', '姓名'], ['001', '张三']]);
      wb.addWorksheet('说明').addRow(['只是说明']);
    });
    const s = await FileSession.open([
      { name: '名册.xlsx', bytes: book },
      { name: '成绩.csv', bytes: new TextEncoder().encode('学号,课程名称,成绩\r\n001,高数,80\r\n') },
      { name: '坏.xlsx', bytes: new TextEncoder().encode('not a zip') },
      { name: '旧.xls', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) },
    ]);
    expect((await s.listSheets()).map((x) => x.name)).toEqual(['学生名册', '说明', '成绩']);
    expect((await s.readSheet('成绩')).rows[1]).toEqual(['001', '高数', '80']);
    expect(s.problems.map((p) => [p.severity, p.code])).toEqual([['error', 'UNREADABLE_FILE'], ['error', 'UNREADABLE_FILE']]);
    expect(s.problems[0]!.message).toContain('坏.xlsx');
    expect(s.problems[1]!.message).toContain('旧.xls');
    expect(s.problems[1]!.message).toContain('请在 Excel 或 WPS 中打开');
    await expect(s.readSheet('没有')).rejects.toThrow('没有名为“没有”的工作表');
  });

  it('loads the settings of a previous result workbook and does not read its own 附件 sheets as inputs', async () => {
    const previous = await xlsx(async (wb) => {
      wb.addWorksheet('学生名册').addRows([['学号', '姓名'], ['001', '张三']]);
      const host = new XlsxFileHost(wb);
      await host.writeOwnedSheets([{ name: '附件5 平均成绩排名公示', title: 't', subtitles: [], tables: [], footnotes: [], publicity: true, orientation: 'portrait' }]);
      await host.saveSettings({ quotaPercent: 20 });
    });
    const s = await FileSession.open([{ name: '上次结果.xlsx', bytes: previous }]);
    expect(await s.loadSettings()).toEqual({ quotaPercent: 20 });
    expect((await s.listSheets()).map((x) => x.name)).toEqual(['学生名册']);
  });

  it('builds one result workbook: the base .xlsx plus the CSV as a sheet, results written, settings stored', async () => {
    const book = await xlsx((wb) => {
      wb.addWorksheet('学生名册').addRows([['学号', '姓名'], ['001', '张三']]);
    });
    const s = await FileSession.open([
      { name: '名册.xlsx', bytes: book },
      { name: '成绩.csv', bytes: new TextEncoder().encode('学号,成绩\n001,80\n') },
    ]);
    await s.writeResultBlock({ sheet: '学生名册', headerRow: 1, headers: ['平均成绩'], rows: [{ row: 2, values: [80] }] });
    const bytes = await s.resultBytes({ quotaPercent: 25 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    // The CSV became a sheet as the CLI writes it (plain numbers as numbers, 学号 as text).
    expect(wb.getWorksheet('成绩')!.getCell('B2').value).toBe(80);
    expect(wb.getWorksheet('成绩')!.getCell('A2').value).toBe('001');
    expect(wb.getWorksheet('学生名册')!.getCell('C2').value).toBe(80);
    expect(await new XlsxFileHost(wb).loadSettings()).toEqual({ quotaPercent: 25 });
  });

  it('names the result after school, cohorts and date, without characters Windows forbids', () => {
    expect(resultFileName('柳州职业技术学院', [2021], new Date(2024, 3, 5))).toBe('柳州职业技术学院-2021级-专升本推荐结果-2024-04-05.xlsx');
    expect(resultFileName('A/B学院', [2022, 2021, 2022], new Date(2024, 11, 31))).toBe('A_B学院-2021级、2022级-专升本推荐结果-2024-12-31.xlsx');
    expect(resultFileName('学院', [], new Date(2024, 0, 1))).toBe('学院-专升本推荐结果-2024-01-01.xlsx');
  });

  it('re-reads the chosen files from disk before computing; a stale browser handle is said in Chinese', async () => {
    const csv = (score: number) => new TextEncoder().encode(`学号,课程名称,成绩\r\n001,高数,${score}\r\n`);
    let onDisk = csv(80);
    let refuse = false;
    const s = await FileSession.open([
      {
        name: '成绩.csv',
        bytes: onDisk,
        reread: async () => {
          if (refuse) throw Object.assign(new Error('The requested file could not be read'), { name: 'NotReadableError' });
          return onDisk;
        },
      },
    ]);
    expect((await s.readSheet('成绩')).rows[1]).toEqual(['001', '高数', '80']);
    onDisk = csv(95); // the secretary fixed the file and saved it
    await s.refresh();
    expect((await s.readSheet('成绩')).rows[1]).toEqual(['001', '高数', '95']);
    refuse = true; // Chrome: a file modified after it was chosen can no longer be read
    await expect(s.refresh()).rejects.toThrow(/浏览器不允许再次读取“成绩.csv”（NotReadableError）.*重新选择文件/);
  });
});
