/** writeSheetModel: a print-ready worksheet that survives a round trip through an .xlsx file. */
import ExcelJS from 'exceljs';
import { writeSheetModel } from '../../src/hosts/xlsx/sheetModelWriter';
import { buildAllAttachments } from '../../src/sheets/attachments';
import { layoutSheet } from '../../src/sheets/attachments/model';
import type { SheetModel } from '../../src/sheets/attachments/model';
import { buildOutput, meta, registeredGroups, SEATS } from './fixtures';
import { sheet } from './helpers';

async function roundTrip(models: SheetModel[]): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  for (const m of models) writeSheetModel(wb.addWorksheet(m.name), m);
  const buffer = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer as ArrayBuffer);
  return back;
}

describe('writeSheetModel', () => {
  const { output, config } = buildOutput(registeredGroups(), { seats: SEATS });
  const models = buildAllAttachments(output, config, meta());
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await roundTrip(models);
  });

  test('every model becomes a worksheet of the same name', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(models.map((m) => m.name));
  });

  test('附件5: merged title, subtitles, bold bordered header, 学号 as text, values in place', () => {
    const m = sheet(models, '附件5-机电一体化技术');
    const ws = wb.getWorksheet(m.name)!;
    const L = layoutSheet(m);
    const last = String.fromCharCode(64 + L.columnCount);
    expect(ws.getCell('A1').value).toBe(m.title);
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell(`${last}1`).master.address).toBe('A1');
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe(m.subtitles[0]);
    expect(ws.getCell('A3').value).toBe(m.subtitles[1]);
    const header = L.tables[0]!.headerRow;
    expect(header).toBe(4);
    const headerCells = m.tables[0]!.columns.map((_, c) => ws.getCell(header, c + 1));
    expect(headerCells.map((c) => c.value)).toEqual(m.tables[0]!.columns.map((c) => c.header));
    for (const c of headerCells) {
      expect(c.font.bold).toBe(true);
      expect(c.border.top?.style).toBe('thin');
      expect(c.border.bottom?.style).toBe('thin');
    }
    const idCol = m.tables[0]!.columns.findIndex((c) => c.header === '学号') + 1;
    const idCell = ws.getCell(header + 1, idCol);
    expect(idCell.value).toBe('2021010101');
    expect(idCell.numFmt).toBe('@');
    const avgCol = m.tables[0]!.columns.findIndex((c) => c.header === '平均成绩') + 1;
    expect(ws.getCell(header + 1, avgCol).value).toBe(95);
    expect(ws.getCell(header + 1, avgCol).numFmt).toBe('0.00');
    expect(ws.getCell(header + 10, 1).value).toBe(10);
    expect(ws.getCell(L.footnoteRows[0]!, 1).value).toBe(m.footnotes[0]);
  });

  test('print setup: A4, orientation, explicit scale, header row repeated, page numbers, frozen header', () => {
    for (const m of models) {
      const ws = wb.getWorksheet(m.name)!;
      const L = layoutSheet(m);
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.orientation).toBe(m.orientation);
      // an explicit scale, not "fit to page": Excel ignores manual page breaks under fit to page
      expect(ws.pageSetup.fitToPage).toBe(false);
      expect(ws.pageSetup.scale).toBe(L.print.scale);
      expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
      const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
      expect(view.state).toBe('frozen');
      expect(view.ySplit).toBe(L.tables[0]!.headerRow);
      if (m.tables.length === 1) {
        const h = L.tables[0]!.headerRow;
        expect(ws.pageSetup.printTitlesRow).toBe(`${h}:${h}`);
      }
    }
  });

  test('附件6 keeps 序号, 学号, 姓名 frozen; column widths are the model widths', () => {
    const m = sheet(models, '附件6-机电一体化技术');
    const ws = wb.getWorksheet(m.name)!;
    expect((ws.views[0] as ExcelJS.WorksheetViewFrozen).xSplit).toBe(3);
    layoutSheet(m).widths.forEach((w, i) => expect(ws.getColumn(i + 1).width).toBe(w));
  });

  test('stacked tables (计算说明) get their captions and one blank row between tables', () => {
    const m = sheet(models, '计算说明');
    const ws = wb.getWorksheet(m.name)!;
    const L = layoutSheet(m);
    m.tables.forEach((t, i) => {
      expect(ws.getCell(L.tables[i]!.captionRow!, 1).value).toBe(t.caption);
      expect(ws.getCell(L.tables[i]!.headerRow, 1).value).toBe(t.columns[0]!.header);
    });
    expect(L.tables[1]!.captionRow).toBe(L.tables[0]!.lastDataRow + 2);
    expect(ws.pageSetup.printTitlesRow).toBeUndefined();
    // the key–value table's 内容 is merged across to the last column, with borders
    const span = L.tables[0]!.span!;
    const r = L.tables[0]!.firstDataRow;
    expect(ws.getCell(r, span.to).master.address).toBe(ws.getCell(r, span.from).address);
    expect(ws.getCell(r, span.to).border.right?.style).toBe('thin');
  });
});

describe('layoutSheet', () => {
  const base: SheetModel = {
    name: 'x',
    title: 'T',
    subtitles: ['a', 'b'],
    tables: [{ columns: [{ header: 'h1', width: 10 }, { header: 'h2', width: 5 }], rows: [['x', 1], ['y', 2]] }],
    footnotes: ['f'],
    publicity: true,
    orientation: 'portrait',
  };

  test('rows: title 1, subtitles, header, data, one blank row, footnotes', () => {
    const L = layoutSheet(base);
    expect(L).toMatchObject({
      titleRow: 1,
      subtitleRows: [2, 3],
      tables: [{ captionRow: null, headerRow: 4, firstDataRow: 5, lastDataRow: 6 }],
      footnoteRows: [8],
      freezeRows: 4,
      freezeColumns: 0,
      printTitleRows: { first: 4, last: 4 },
      columnCount: 2,
      widths: [10, 5],
      lastRow: 8,
    });
  });

  test('every row gets a height from its lines: a long text in a narrow column makes its row taller', () => {
    const m: SheetModel = {
      ...base,
      subtitles: ['一二三四五六七八九十一二三四五', '短'],
      tables: [{ columns: base.tables[0]!.columns, rows: [['一二三四五六七八九十一二三四五', 1], ['短', 2]] }],
    };
    const L = layoutSheet(m);
    const one = L.rowHeights[3]!;
    expect(one).toBeGreaterThanOrEqual(14);
    // each extra line of 10 pt text adds at least 13 pt
    expect(L.rowHeights[2]! - one).toBeGreaterThanOrEqual(13); // subtitle wraps over 15 units: 2 lines
    expect(L.rowHeights[5]! - one).toBeGreaterThanOrEqual(26); // 30 units in a 10-wide column: 3 lines
    expect(L.rowHeights[6]).toBe(one);
    expect(L.rowHeights[1]).toBeGreaterThan(one); // the title's bigger font
    expect(Object.keys(L.rowHeights).map(Number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 8]);
  });

  test('an empty table still has its header; a widest table decides the width', () => {
    const m: SheetModel = {
      ...base,
      tables: [
        { caption: 'c1', columns: [{ header: 'a', width: 8 }], rows: [] },
        { caption: 'c2', columns: [{ header: 'a', width: 3 }, { header: 'b', width: 7 }], rows: [['1', '2']] },
      ],
    };
    const L = layoutSheet(m);
    expect(L.tables).toEqual([
      { captionRow: 4, headerRow: 5, firstDataRow: 6, lastDataRow: 5, span: null },
      { captionRow: 7, headerRow: 8, firstDataRow: 9, lastDataRow: 9, span: null },
    ]);
    expect(L.widths).toEqual([8, 7]);
    expect(L.printTitleRows).toBeNull();
  });

  test('spanLast: a key–value table above a wide table merges its last column instead of widening it', () => {
    const m: SheetModel = {
      ...base,
      tables: [
        { caption: 'kv', columns: [{ header: '项目', width: 10 }, { header: '内容', width: 40 }], rows: [['a', '一二三四五六七八九十一二三四五六七八']], spanLast: true },
        { caption: 'wide', columns: [4, 6, 6, 6, 6].map((w, i) => ({ header: `c${i}`, width: w })), rows: [[1, 2, 3, 4, 5]] },
      ],
    };
    const L = layoutSheet(m);
    expect(L.widths.slice(0, 4)).toEqual([10, 6, 6, 6]);
    expect(L.widths.reduce((a, b) => a + b, 0) - 10).toBe(40); // the merged cell gets its 40 units
    expect(L.tables[0]!.span).toEqual({ from: 2, to: 5 });
    expect(L.tables[1]!.span).toBeNull();
    expect(L.rowHeights[L.tables[0]!.firstDataRow]).toBe(L.rowHeights[L.tables[1]!.firstDataRow]); // 36 units fit on one line of the merged 40
  });
});

