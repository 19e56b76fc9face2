/**
 * fingerprintTables feeds its hashes cell by cell without building a string per cell (issue 17: ~8 M
 * cells at 20,000 students). The fingerprint printed in 计算说明 must not change for that: checked against
 * the former definition, written out here (hash of "\u0001sheet\u0001r,c" + per row "\u0002" + per cell
 * "\u0003" + type letter + text), on tables of every kind of value, in any order of tables.
 */
import fc from 'fast-check';
import { fingerprintTables } from '../../src/sheets/fingerprint';
import { columnarTable, type CellValue, type RawTable } from '../../src/sheets/table';

function reference(tables: readonly RawTable[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01234567;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
  };
  const key = (v: CellValue) =>
    v === null ? '' : v instanceof Date ? `d${v.toISOString()}` : typeof v === 'object' ? `e${v.error}` : `${typeof v === 'number' ? 'n' : typeof v === 'boolean' ? 'b' : 's'}${String(v)}`;
  for (const t of [...tables].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : 0))) {
    feed(`\u0001${t.sheet}\u0001${t.originRow},${t.originCol}`);
    const rows = t.rows.map((r) => {
      const copy = [...r];
      while (copy.length > 0 && copy[copy.length - 1] === null) copy.pop();
      return copy;
    });
    while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
    for (const row of rows) {
      feed('\u0002');
      for (const v of row) feed(`\u0003${key(v)}`);
    }
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.constantFrom('学号', '2021000001', '高等数学', '2022-2023-1', '补考'),
  fc.double({ noNaN: true }),
  fc.integer(),
  fc.boolean(),
  fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  fc.constantFrom({ error: '#N/A' }, { error: '#DIV/0!' }),
);
const table: fc.Arbitrary<RawTable> = fc.record({
  sheet: fc.constantFrom('成绩', '学生名册', '教学计划', 'Sheet1'),
  originRow: fc.integer({ min: 1, max: 5 }),
  originCol: fc.integer({ min: 1, max: 5 }),
  rows: fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }),
});

test('the same fingerprint as the former per-cell-string definition', () => {
  fc.assert(fc.property(fc.array(table, { maxLength: 4 }), (tables) => fingerprintTables(tables) === reference(tables)), { numRuns: 500 });
  // A value of each kind, fixed: the hash main's build gave for it (node -e with dist/sheets/fingerprint.js).
  const fixed: RawTable = { sheet: '成绩', originRow: 1, originCol: 1, rows: [['学号', 90.5, true, new Date(Date.UTC(2024, 2, 18)), { error: '#N/A' }, null, null], [null], []] };
  expect(fingerprintTables([fixed])).toBe('3101ef13db41d557');
});

/** The same table as the CSV reader holds it: dictionary-coded columns, code 0 an empty cell. */
function columnar(t: RawTable): RawTable {
  const width = Math.max(0, ...t.rows.map((r) => r.length));
  const codes: Int32Array[] = [];
  const values: CellValue[][] = [];
  for (let c = 0; c < width; c++) {
    const distinct: CellValue[] = [null];
    const column = new Int32Array(t.rows.length);
    t.rows.forEach((row, r) => {
      const v = row[c] ?? null;
      if (v === null) return;
      let code = distinct.findIndex((d) => d === v);
      if (code < 0) code = distinct.push(v) - 1;
      column[r] = code;
    });
    codes.push(column);
    values.push(distinct);
  }
  return columnarTable({ sheet: t.sheet, originRow: t.originRow, originCol: t.originCol }, { height: t.rows.length, codes, values });
}

test('a columnar table (CSV) has the fingerprint of the same cells as rows, its rows never built', () => {
  fc.assert(
    fc.property(fc.array(table, { maxLength: 4 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), (tables, asColumns) => {
      const mixed = tables.map((t, i) => (asColumns[i] ? columnar(t) : t));
      const print = fingerprintTables(mixed);
      // Still columnar: the fingerprint did not build rows.
      mixed.forEach((t, i) => {
        if (asColumns[i]) expect(t.columns).toBeDefined();
      });
      return print === reference(tables);
    }),
    { numRuns: 500 },
  );
  // Trailing empty cells and rows in columns (a wider, taller used range) change nothing.
  const fixed: RawTable = { sheet: '成绩', originRow: 1, originCol: 1, rows: [['学号', 90.5, true, new Date(Date.UTC(2024, 2, 18)), { error: '#N/A' }, null, null], [null], []] };
  expect(fingerprintTables([columnar(fixed)])).toBe('3101ef13db41d557');
});
