/**
 * Issue 17 (goal 2): a CSV table copied into --out is written through its columns (streamWrite.ts
 * streamColumns) — its rows are never built — and the sheet, shared strings and styles are byte for
 * byte those of the row-by-row path (the same table with `rows` built first).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvToTable } from '../../../src/hosts/csv/read';
import { writeStreaming } from '../../../src/hosts/xlsx/streamWrite';
import { fingerprintTables } from '../../../src/sheets/fingerprint';
import type { RawTable } from '../../../src/sheets/table';
import { tempDir } from '../../cli/fixtures';

// Shuffled grade rows: 学号 with leading zeros and plain digits (a code column: text), numbers as text,
// a term as text, repeated values, an empty cell, a short row, a value only in the title row, XML specials.
const CSV = [
  '成绩导出,,,,',
  '学号,姓名,课程名称,成绩,学期',
  '2021010102,李四,高等数学,88,2022-2023-1',
  '001,张三,大学英语,缺考,2022-2023-2',
  '2021010102,李四,大学英语,75.5,2022-2023-2',
  '001,张三,高等数学,,2022-2023-1',
  '2021010103,王<五>&,高等数学,060,2022-2023-1',
  '2021010103,王<五>&,大学英语,88',
  '001,张三,C语言,2021010102,2022-2023-1',
].join('\r\n');

function table(): RawTable {
  return csvToTable(new TextEncoder().encode(CSV), '成绩.csv');
}

/** Writes `t` as the only sheet of a workbook; the parts that hold its cells. */
async function write(t: RawTable, name: string): Promise<Record<string, string>> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('成绩');
  const file = join(tempDir(), `${name}.xlsx`);
  await writeStreaming(wb, { streamed: new Map([['成绩', t]]), deferred: new Map() }, file);
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts: Record<string, string> = {};
  for (const p of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']) parts[p] = await zip.file(p)!.async('string');
  return parts;
}

/** `t` with a counter of reads of its `rows`. */
function spyRows(t: RawTable): { reads: number } {
  const seen = { reads: 0 };
  const d = Object.getOwnPropertyDescriptor(t, 'rows')!;
  Object.defineProperty(t, 'rows', {
    ...d,
    get() {
      seen.reads++;
      return d.get!.call(t) as unknown;
    },
  });
  return seen;
}

test('a CSV table is written from its columns, never as rows, with the same parts as the row path', async () => {
  const columnar = table();
  expect(columnar.columns).toBeDefined();
  const seen = spyRows(columnar);
  const byRows = table();
  expect(byRows.rows).toHaveLength(9); // built: the row-by-row path
  expect(byRows.columns).toBeUndefined();

  const fromColumns = await write(columnar, 'columns');
  expect(seen.reads).toBe(0);
  const fromRows = await write(byRows, 'rows');
  expect(fromColumns).toEqual(fromRows);

  // What the row path writes, by hand: 学号 001 / 2021010102 as text (shared strings), 成绩 88 as a
  // number, 060 (leading zero) and 缺考 as text; shared strings numbered in first-appearance order
  // (0: 成绩导出, 1–5: the header, 6: 2021010102, 7: 李四, 8: 高等数学, 9: 2022-2023-1).
  const sheet = fromColumns['xl/worksheets/sheet1.xml']!;
  expect(sheet).toMatch(/<c r="A3" s="(\d+)" t="s"><v>6<\/v><\/c><c r="B3" s="\1" t="s"><v>7<\/v><\/c><c r="C3" s="\1" t="s"><v>8<\/v><\/c><c r="D3"><v>88<\/v><\/c><c r="E3" s="\1" t="s"><v>9<\/v><\/c>/u);
  expect(sheet).toMatch(/<c r="D7" s="\d+" t="s"><v>\d+<\/v><\/c>/u); // 060 stays text
  expect(sheet).toMatch(/<c r="D9"><v>2021010102<\/v><\/c>/u); // a number in 成绩, not a code column
  expect(sheet).not.toMatch(/r="D6"/u); // the empty cell
  expect(fromColumns['xl/sharedStrings.xml']).toContain('<si><t>成绩导出</t></si><si><t>学号</t></si>');
  expect(fromColumns['xl/sharedStrings.xml']).toContain('王&lt;五&gt;&amp;');
  // Written, the table is emptied (nothing may read it again).
  expect(columnar.columns).toBeUndefined();
});

test('the fingerprint of a CSV table reads its columns (rows not built) and equals the fingerprint of its rows', () => {
  const columnar = table();
  const seen = spyRows(columnar);
  const byRows = table();
  expect(byRows.rows.length).toBeGreaterThan(0);
  expect(fingerprintTables([columnar])).toBe(fingerprintTables([byRows]));
  expect(seen.reads).toBe(0);
  expect(columnar.columns).toBeDefined();
});
