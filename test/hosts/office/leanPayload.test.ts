/**
 * Issue 17, the in-Excel path: sheets are read as values, with display text and number format only where
 * a column holds numbers; number formats and row heights are written per run of equal ones. The parse
 * must get the same table, and the workbook must end up exactly as with the old way of doing it
 * (payload 'full': every cell's values, text and format read; formats written cell by cell, heights row
 * by row).
 */
import * as path from 'path';
import { installFakeOffice, type FakeExcelController, type FakeSheetData, type FakeStats } from '../../fakes/excel';
import { OfficeWorkbookHost } from '../../../src/hosts/office/officeHost';
import { formatOps, formattedRects, heightRuns } from '../../../src/hosts/office/payload';
import { loadXlsxFile, workbookToTables } from '../../../src/hosts/xlsx/read';
import { defaultConfig } from '../../../src/engine/config';
import { analyse } from '../../../src/pipeline';
import { buildResultBlocks } from '../../../src/sheets/resultColumns';
import { buildAllAttachments } from '../../../src/sheets/attachments';
import { fingerprintTables } from '../../../src/sheets/fingerprint';
import type { RawTable } from '../../../src/sheets/table';
import { tableToFake } from '../../e2e/support';
import { roster } from './helpers';

const SAMPLE = path.join(__dirname, '..', '..', '..', 'assets', 'sample', '示例学校-2024专升本.xlsx');

let excel: FakeExcelController | null = null;
afterEach(() => {
  excel?.uninstall();
  excel = null;
});

describe('pure planning', () => {
  test('formattedRects: the rows from the first to the last number of each column, neighbours joined when cheap', () => {
    const values = [
      ['学号', '姓名', '成绩', '学期'],
      [123, '张三', 85, ''],
      [124, '李四', '缺考', 3],
      ['x', '王五', 90, 4],
    ];
    // 学号: rows 1–2; 姓名: no number; 成绩: rows 1–3 (3 cells); 学期: rows 2–3 (2 cells). Joining 成绩
    // and 学期 gives rows 1–3 × 2 columns = 6 cells ≤ 1.25 × (3 + 2) = 6.25: one rectangle.
    expect(formattedRects(values)).toEqual([
      { row0: 1, col0: 0, rows: 2, cols: 1 },
      { row0: 1, col0: 2, rows: 3, cols: 2 },
    ]);
    // TRUE/FALSE are shown by Excel's words, so they count too; an all-text sheet needs nothing.
    expect(formattedRects([['a', true], ['b', '']])).toEqual([{ row0: 0, col0: 1, rows: 1, cols: 1 }]);
    expect(formattedRects([['a', 'b'], ['', 'c']])).toEqual([]);
  });

  test('formatOps: runs where they are smaller than the cells, 2-D arrays elsewhere; the cells get exactly the grid', () => {
    // Runs are taken when they are at most half the bytes of the cells ("@" weighs 4 bytes, "0.00" 7,
    // "General" 10; a run 160). 100 rows: column 0 all "@" (1 run: 160 ≤ 400 / 2); column 1 alternates
    // "0.00"/"@" (100 runs: an array); column 2 is 50 × "General" then 50 × "0.00" (2 runs: 320 ≤
    // (500 + 350) / 2 = 425).
    const grid = Array.from({ length: 100 }, (_, r) => ['@', r % 2 ? '@' : '0.00', r < 50 ? 'General' : '0.00']);
    const { ops } = formatOps(grid, 5, 2);
    expect(ops.map((o) => [o.row0, o.col0, o.rows, o.cols, typeof o.formats === 'string' ? o.formats : 'array'])).toEqual([
      [5, 2, 100, 1, '@'],
      [5, 3, 100, 1, 'array'],
      [5, 4, 50, 1, 'General'],
      [55, 4, 50, 1, '0.00'],
    ]);
    // 40 rows of "@" (160 bytes): one run would not halve them; the column goes as an array.
    expect(formatOps(Array.from({ length: 40 }, () => ['@']), 0, 0).ops.map((o) => typeof o.formats)).toEqual(['object']);
    // Applying the operations cell by cell gives back the grid.
    const cells: string[][] = grid.map((row) => row.map(() => '?'));
    for (const o of ops) {
      for (let i = 0; i < o.rows; i++) {
        for (let j = 0; j < o.cols; j++) cells[o.row0 - 5 + i]![o.col0 - 2 + j] = typeof o.formats === 'string' ? o.formats : o.formats[i]![j]!;
      }
    }
    expect(cells).toEqual(grid);
  });

  test('heightRuns: consecutive rows of equal height are one run; a gap or another height starts the next', () => {
    expect(heightRuns({ 3: 20, 4: 20, 5: 20, 7: 20, 8: 33, 9: 33 })).toEqual([
      { first: 3, count: 3, height: 20 },
      { first: 7, count: 1, height: 20 },
      { first: 8, count: 2, height: 33 },
    ]);
  });
});

/** A grade-like sheet: 学号 stored as numbers shown with ten digits, names as text, scores, dates, 缺考. */
function mixedSheet(): FakeSheetData {
  const values: (string | number | null)[][] = [['学号', '姓名', '总评成绩', '成绩日期', '备注']];
  const numberFormats: (string | null)[][] = [['@', '@', '@', '@', '@']];
  for (let i = 0; i < 300; i++) {
    values.push([12345 + i, `学生${i}`, i % 50 === 7 ? '缺考' : 60 + (i % 40) + 0.5, 45369 + (i % 3), i % 9 ? null : '补考']);
    numberFormats.push(['0000000000', '@', '0.00', 'yyyy-mm-dd', '@']);
  }
  return { name: '成绩', values, numberFormats };
}

describe('reading values only', () => {
  test('a 学号 column formatted "0000000000" keeps its leading zeros while the text columns were read values-only', async () => {
    excel = installFakeOffice(globalThis, { sheets: [mixedSheet()] });
    excel.resetStats();
    const lean = await new OfficeWorkbookHost().readSheet('成绩');
    const leanStats = excel.stats.requests.reduce((n, r) => n + r.responseBytes, 0);
    excel.resetStats();
    const full = await new OfficeWorkbookHost({ payload: 'full' }).readSheet('成绩');
    const fullStats = excel.stats.requests.reduce((n, r) => n + r.responseBytes, 0);

    expect(lean.rows[1]![0]).toBe(12345);
    expect(lean.text![1]![0]).toBe('0000012345');
    expect(lean.numberFormats![1]![0]).toBe('0000000000');
    expect(lean.text![1]![3]).toBe('2024-03-18'); // serial 45369 shown by its date format
    expect(lean.numberFormats![1]![3]).toBe('yyyy-mm-dd');
    expect(lean.text![8]![2]).toBe('缺考');
    expect(lean.text![2]![2]).toBe('61.50');
    // 姓名 and 备注 hold only text: their format ("@") was not loaded.
    expect(lean.numberFormats![1]![1]).toBe('General');
    expect(full.numberFormats![1]![1]).toBe('@');

    // The same table for the parse: values and display texts everywhere, formats wherever a number is.
    expect(lean.rows).toEqual(full.rows);
    expect(lean.text).toEqual(full.text);
    full.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v === 'number' || typeof v === 'boolean') expect([r, c, lean.numberFormats![r]![c]]).toEqual([r, c, full.numberFormats![r]![c]]);
      }),
    );
    // Three of the five columns hold numbers here, so the saving is small; a grade sheet's text columns
    // (姓名, 课程名称, 考试性质 …) are most of its bytes (bench/office.ts).
    expect(leanStats).toBeLessThan(fullStats);
  });
});

/** The sample's workbook with every all-digit 学号 stored as a number shown with its digits ("0121010001" → 121010001, "0000000000"). */
function numericIds(tables: RawTable[]): FakeSheetData[] {
  return tables.map((t) => {
    const fake = tableToFake(t);
    const headerRow = fake.values!.findIndex((row) => row.some((v) => typeof v === 'string' && /学\s*号/u.test(v)));
    if (headerRow < 0) return fake;
    const cols = fake.values![headerRow]!.flatMap((v, c) => (typeof v === 'string' && /学\s*号/u.test(v) ? [c] : []));
    for (let r = headerRow + 1; r < fake.values!.length; r++) {
      for (const c of cols) {
        const v = fake.values![r]![c];
        if (typeof v === 'string' && /^\d{6,15}$/u.test(v)) {
          fake.values![r]![c] = Number(v);
          fake.numberFormats![r]![c] = '0'.repeat(v.length);
        }
      }
    }
    return fake;
  });
}

interface RunOutcome {
  states: string[];
  stats: FakeStats;
  output: string;
  rowHeightRuns: number;
}

/** Reads every sheet, computes, writes the result blocks and every 附件, as the pane does; the fake's final state. */
async function pipeline(sheets: FakeSheetData[], payload: 'lean' | 'full'): Promise<RunOutcome> {
  excel?.uninstall();
  excel = installFakeOffice(globalThis, { sheets: structuredClone(sheets) });
  const host = new OfficeWorkbookHost({ payload });
  const config = defaultConfig();
  const tables: RawTable[] = [];
  for (const s of await host.listSheets()) if (!s.owned) tables.push(await host.readSheet(s.name));
  const analysis = analyse(tables, config);
  if (!analysis.output) throw new Error('no output');
  for (const b of buildResultBlocks(analysis.output, analysis.parsed.sheets)) await host.writeResultBlock(b);
  const models = buildAllAttachments(analysis.output, config, {
    inputFingerprint: fingerprintTables(tables),
    generatedAt: '2024-03-18T00:00:00.000Z',
    sources: ['test'],
    issues: analysis.issues,
  });
  await host.writeOwnedSheets(models);
  const x = excel;
  // Runs of consecutive rows of equal height in the final sheets, counted here by hand.
  let rowHeightRuns = 0;
  for (const name of x.sheetNames()) {
    const heights = JSON.parse(x.fullState(name))[5] as [number, number][];
    heights.forEach(([row, h], i) => {
      const prev = heights[i - 1];
      if (!prev || prev[0] !== row - 1 || prev[1] !== h) rowHeightRuns++;
    });
  }
  return {
    states: x.sheetNames().map((n) => x.fullState(n)),
    stats: structuredClone(x.stats),
    output: JSON.stringify([analysis.output.result, analysis.issues]),
    rowHeightRuns,
  };
}

describe('the sample school, old way and new way (pipeline through the Office host)', () => {
  let tables: RawTable[];
  beforeAll(async () => {
    tables = workbookToTables(await loadXlsxFile(SAMPLE));
  });

  test('学号 stored as formatted numbers: the same result, the same workbook cell for cell, fewer operations', async () => {
    const sheets = numericIds(tables);
    const full = await pipeline(sheets, 'full');
    const lean = await pipeline(sheets, 'lean');
    // The parse got the same: the whole result and every issue.
    expect(lean.output).toBe(full.output);
    expect(lean.output).toContain('"0121010001"');
    // Every sheet: values, formats, merges, row heights, column widths, formatting, freeze, page layout.
    expect(lean.states.length).toBe(full.states.length);
    lean.states.forEach((s, i) => expect(s === full.states[i] ? 'same' : s.slice(0, 200)).toBe('same'));
    // Row heights: one operation per run of equal heights (the old way: one per row).
    expect(lean.stats.sets.rowHeight).toBe(lean.rowHeightRuns);
    expect(full.stats.sets.rowHeight).toBeGreaterThan(2 * lean.rowHeightRuns);
    const bytes = (s: FakeStats) => s.requests.reduce((n, r) => n + r.requestBytes + r.responseBytes, 0);
    expect(bytes(lean.stats)).toBeLessThan(bytes(full.stats));
  });

  test('the sample as it is (学号 as text): same result and workbook', async () => {
    const sheets = tables.map(tableToFake);
    const full = await pipeline(sheets, 'full');
    const lean = await pipeline(sheets, 'lean');
    expect(lean.output).toBe(full.output);
    expect(lean.states).toEqual(full.states);
  });
});

describe('result block re-run', () => {
  test("a number the user typed into the block is moved with its own format (read only around the user's cells)", async () => {
    const block = (variant: number) => ({
      sheet: '学生名册',
      headerRow: 2,
      headers: ['平均成绩', '排名', '原因/备注'],
      rows: Array.from({ length: 20 }, (_, i) => ({ row: 3 + i, key: `0${21000000 + i}`, values: [(70 + i + variant / 10).toFixed(2), i + 1, ''] })),
    });
    const moved: unknown[] = [];
    for (const payload of ['full', 'lean'] as const) {
      excel?.uninstall();
      excel = installFakeOffice(globalThis, { sheets: [roster(20)] });
      const host = new OfficeWorkbookHost({ payload });
      await host.writeResultBlock(block(0));
      // The roster is 12 columns wide (A–L): the block is M–O; the user types 87.5 % into O7.
      await Excel.run(async (ctx) => {
        const cell = ctx.workbook.worksheets.getItem('学生名册').getRange('O7');
        cell.numberFormat = [['0.0%']];
        cell.values = [[0.875]];
        await ctx.sync();
      });
      const report = await host.writeResultBlock(block(1), { moveUserCells: true });
      expect(report.moved).toEqual([{ from: 'O7', to: 'P7' }]);
      moved.push(excel.cell('学生名册', 'P7'));
    }
    expect(moved[0]).toMatchObject({ value: 0.875, numberFormat: '0.0%' });
    expect(moved[1]).toEqual(moved[0]);
  });
});
