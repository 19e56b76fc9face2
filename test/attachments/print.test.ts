/**
 * Print settings are part of every sheet model (issue 19): for every 附件 of the crafted output and of
 * the sample school — A4, the header row repeated, the model's orientation, a legible scale, columns
 * split across pages only with 学号/姓名 repeated, and pages that each fit and never end on a page of
 * notes alone. The page arithmetic here is done independently of model.ts (row by row from the heights).
 */
import ExcelJS from 'exceljs';
import * as path from 'path';
import { defaultConfig } from '../../src/engine/config';
import { writeSheetModel } from '../../src/hosts/xlsx/sheetModelWriter';
import { loadXlsxFile, workbookToTables } from '../../src/hosts/xlsx/read';
import { analyse } from '../../src/pipeline';
import { buildAllAttachments } from '../../src/sheets/attachments';
import { layoutSheet } from '../../src/sheets/attachments/model';
import type { SheetModel } from '../../src/sheets/attachments/model';
import { buildOutput, meta, registeredGroups, SEATS } from './fixtures';
import { headers, sheet } from './helpers';

const SAMPLE = path.resolve(__dirname, '..', '..', 'assets', 'sample', '示例学校-2024专升本.xlsx');

/** A4 in points less the margins (0.4 in left/right, 0.5 top, 0.6 bottom), by hand. */
const AREA = { portrait: { width: 595.3 - 57.6, height: 841.9 - 79.2 }, landscape: { width: 841.9 - 57.6, height: 595.3 - 79.2 } };

function checkPrint(models: SheetModel[]): void {
  for (const m of models) {
    const L = layoutSheet(m);
    const p = L.print;
    const where = m.name;
    expect([where, p.paperSize]).toEqual([where, 9]); // A4
    expect([where, p.orientation]).toEqual([where, m.orientation]);
    // 10 pt body text never prints below 7 pt
    expect([where, p.scale >= 70 && p.scale <= 100]).toEqual([where, true]);
    if (m.name.startsWith('附件')) {
      // one table per 附件 sheet, its header row repeated on every page
      expect([where, m.tables.length]).toEqual([where, 1]);
      const h = L.tables[0]!.headerRow;
      expect([where, p.repeatRows]).toEqual([where, { first: h, last: h }]);
    }
    // columns split across pages only with the identity columns repeated
    if (p.pagesWide > 1) {
      const repeated = headers(m.tables[0]!).slice(0, p.repeatColumns);
      expect([where, repeated]).toEqual([where, expect.arrayContaining(['学号', '姓名'])]);
    } else {
      expect([where, p.repeatColumns]).toEqual([where, 0]);
      // the columns fit the page width at this scale: (7 px per unit + 5 px) × 0.75 pt
      const width = L.widths.reduce((a, w) => a + (w * 7 + 5) * 0.75, 0) * (p.scale / 100);
      expect([where, width <= AREA[m.orientation].width]).toEqual([where, true]);
    }
    // every page fits its rows (the repeated header included), and the last page holds data rows
    const room = AREA[m.orientation].height / (p.scale / 100);
    const height = (r: number) => L.rowHeights[r] ?? 15;
    const ends = [...p.rowBreaks, L.lastRow];
    let start = 1;
    for (const end of ends) {
      let sum = 0;
      for (let r = start; r <= end; r++) sum += height(r);
      if (start > 1 && p.repeatRows) sum += height(p.repeatRows.first);
      expect([where, start, sum <= room]).toEqual([where, start, true]);
      start = end + 1;
    }
    const lastTable = L.tables[L.tables.length - 1]!;
    if (p.rowBreaks.length > 0 && lastTable.lastDataRow > lastTable.headerRow) {
      const lastPageStart = p.rowBreaks[p.rowBreaks.length - 1]! + 1;
      expect([where, lastPageStart <= lastTable.lastDataRow]).toEqual([where, true]);
    }
  }
}

describe('print settings of every sheet model', () => {
  test('crafted output (registration, seats, 扩招)', () => {
    const { output, config } = buildOutput(registeredGroups(), { seats: SEATS });
    checkPrint(buildAllAttachments(output, config, meta()));
  });

  let sample: SheetModel[];
  beforeAll(async () => {
    const config = defaultConfig();
    const tables = workbookToTables(await loadXlsxFile(SAMPLE), SAMPLE);
    const a = analyse(tables, config);
    sample = buildAllAttachments(a.output!, config, { inputFingerprint: 'x', generatedAt: '2024-03-18T08:00:00Z', sources: [SAMPLE], issues: a.issues });
  });

  test('sample school (255 students, 附件7 with 29 columns)', () => {
    checkPrint(sample);
    // the sample has sheets long enough to need breaks, and 附件7 is split across pages
    expect(sample.some((m) => layoutSheet(m).print.rowBreaks.length > 2)).toBe(true);
    const a7 = layoutSheet(sheet(sample, '附件7-生源数据（内部）')).print;
    expect(a7.pagesWide).toBeGreaterThan(1);
    expect(a7.scale).toBeGreaterThanOrEqual(70);
  });

  test('the notes never sit alone on a last page (sheets of the sample whose rows end a page exactly)', () => {
    // Greedy page filling, row by row (what a renderer does without manual breaks): where it leaves the
    // notes alone on the last page, the model's last page must start at least two data rows earlier.
    const caught: string[] = [];
    for (const m of sample) {
      const L = layoutSheet(m);
      const room = AREA[m.orientation].height / (L.print.scale / 100);
      const h = (r: number) => L.rowHeights[r] ?? 15;
      let used = 0;
      let lastStart = 1;
      for (let r = 1; r <= L.lastRow; r++) {
        if (used > 0 && used + h(r) > room * 0.95) {
          lastStart = r;
          used = L.printTitleRows && r > L.printTitleRows.last ? h(L.printTitleRows.first) : 0;
        }
        used += h(r);
      }
      const lastData = L.tables[L.tables.length - 1]!.lastDataRow;
      if (lastStart > lastData) {
        caught.push(m.name);
        const modelLastStart = L.print.rowBreaks[L.print.rowBreaks.length - 1]! + 1;
        expect([m.name, lastData - modelLastStart + 1]).toEqual([m.name, 2]);
      }
    }
    expect(caught.length).toBeGreaterThan(0); // the sample has such a sheet (else see the synthetic test)
  });

  test('a synthetic sheet whose rows fill the page exactly: the break moves up two rows', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [`学生${i}`]);
    const base: SheetModel = { name: 'x', title: 'T', subtitles: [], tables: [{ columns: [{ header: '姓名', width: 10 }], rows }], footnotes: ['说明'], publicity: true, orientation: 'portrait' };
    const L0 = layoutSheet(base);
    // find the number of rows that ends the first page exactly
    const perFirstPage = L0.print.rowBreaks[0]! - L0.tables[0]!.headerRow;
    const exact: SheetModel = { ...base, tables: [{ ...base.tables[0]!, rows: rows.slice(0, perFirstPage) }] };
    const L = layoutSheet(exact);
    expect(L.tables[0]!.lastDataRow).toBe(L0.print.rowBreaks[0]);
    expect(L.print.rowBreaks).toEqual([L.tables[0]!.lastDataRow - 2]);
  });

  test('附件7 prints 内部资料 at the top of every page, 序号/学号/姓名 repeated at the left', async () => {
    const m = sheet(sample, '附件7-生源数据（内部）');
    expect(m.pageHeader).toContain('内部资料');
    expect(headers(m.tables[0]!).slice(0, 3)).toEqual(['序号', '学号', '姓名']);
    const wb = new ExcelJS.Workbook();
    writeSheetModel(wb.addWorksheet(m.name), m);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const ws = back.getWorksheet(m.name)!;
    expect(ws.headerFooter.oddHeader).toContain('内部资料');
    expect(ws.pageSetup.printTitlesColumn).toBe('A:C');
    expect(ws.pageSetup.fitToPage).toBe(false);
    // the title is merged over the first page's columns only, so it prints whole on page 1
    const L = layoutSheet(m);
    expect(L.bannerColumns).toBeLessThan(L.columnCount);
    expect(ws.getCell(1, L.bannerColumns).master.address).toBe('A1');
    expect(ws.getCell(1, L.bannerColumns + 1).master.address).not.toBe('A1');
  });

  test('manual page breaks are written (in-memory writer)', async () => {
    const m = sheet(sample, '附件5-总表');
    const wb = new ExcelJS.Workbook();
    writeSheetModel(wb.addWorksheet(m.name), m);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(buffer)).file('xl/worksheets/sheet1.xml')!.async('string');
    const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((x) => Number(x[1]));
    expect(breaks).toEqual(layoutSheet(m).print.rowBreaks);
    expect(breaks.length).toBeGreaterThan(5); // 255 students
  });
});
