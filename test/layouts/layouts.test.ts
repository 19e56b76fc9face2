/**
 * Issue 12: the real 教务系统 export layouts give exactly the rules' result (SPEC §2.3–§2.6), read from
 * files written by test/layouts/generate.ts through the real hosts, parseTables + runEngine (analyse),
 * and once through the CLI. Expected numbers are worked out by hand below, independently of the parser,
 * and re-derived by a tiny separate calculation from the generator's truth.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { defaultConfig } from '../../src/engine/config';
import type { StudentResult } from '../../src/engine/result';
import { loadCsvFile } from '../../src/hosts/csv/read';
import { loadXlsxFile, workbookToTables } from '../../src/hosts/xlsx/read';
import { analyse } from '../../src/pipeline';
import type { RawTable } from '../../src/sheets/table';
import { courses, layouts, sittings, writeLayout, type Layout } from './generate';

/**
 * By hand (cap60; counted = terms 1–5: 高等数学, 大学英语, 程序设计基础, 数据库原理, Web前端开发; 毕业设计 is
 * term 6 and never counts; N = 5, top60 ⇔ rank × 100 ≤ 60 × 5 = 300 ⇔ rank ≤ 3):
 * - 陈思远 88 92 95 90 85 → 450 / 5 = 90.00 (the voided 高等数学 99 is left out: else 91.20) → rank 2, eligible.
 * - 林晓雯 70, 大学英语 45 then 补考 75 ⇒ 60, 80 76 84 → 370 / 5 = 74.00, passed → rank 3, eligible.
 * - 黄志强 高等数学 缺考 then 补考 66 ⇒ 60, 81 77, 数据库原理 50 then 重修 58 (still failing: the highest, 58),
 *   90 → 366 / 5 = 73.20 → rank 4, FAILED_COURSE (数据库原理) and NOT_TOP60.
 * - 赵雅琴 95 93 91 89 94 → 462 / 5 = 92.40 → rank 1, eligible.
 * - 周建华 62 68 71 65 73 → 339 / 5 = 67.80 → rank 5, NOT_TOP60.
 */
const expected: Record<string, { average: string; counted: number; failed: string[]; rank: number; eligible: boolean; reasons: string[] }> = {
  '2021010101': { average: '90.00', counted: 5, failed: [], rank: 2, eligible: true, reasons: [] },
  '2021010102': { average: '74.00', counted: 5, failed: [], rank: 3, eligible: true, reasons: [] },
  '2021010103': { average: '73.20', counted: 5, failed: ['数据库原理'], rank: 4, eligible: false, reasons: ['FAILED_COURSE', 'NOT_TOP60'] },
  '2021010104': { average: '92.40', counted: 5, failed: [], rank: 1, eligible: true, reasons: [] },
  '2021010105': { average: '67.80', counted: 5, failed: [], rank: 5, eligible: false, reasons: ['NOT_TOP60'] },
};

test('the hand-worked averages agree with a separate tiny cap60 calculation from the generator’s truth', () => {
  const all = sittings().filter((s) => !s.voided);
  for (const [id, e] of Object.entries(expected)) {
    let sum = 0;
    for (let c = 0; c < courses.length; c++) {
      if ((courses[c]?.term ?? 9) > 5) continue;
      const mine = all.filter((s) => s.id === id && s.course === c).map((s) => ({ kind: s.kind, v: s.score === '缺考' ? 0 : s.score }));
      const first = Math.max(...mine.filter((m) => m.kind === 'first').map((m) => m.v));
      const later = mine.filter((m) => m.kind !== 'first').map((m) => m.v);
      sum += first >= 60 ? first : later.some((v) => v >= 60) ? 60 : Math.max(first, ...later);
    }
    expect((sum / 5).toFixed(2)).toBe(e.average);
  }
});

async function tablesOf(files: string[]): Promise<RawTable[]> {
  const out: RawTable[] = [];
  for (const f of files) {
    const name = f.split('/').pop() ?? f;
    if (f.endsWith('.csv')) out.push(await loadCsvFile(f));
    else out.push(...workbookToTables(await loadXlsxFile(f), name));
  }
  return out;
}

function check(students: readonly StudentResult[]): void {
  const got = Object.fromEntries(
    students.map((s) => [s.studentId, { average: s.average, counted: s.countedCourses, failed: s.failedCourses, rank: s.rank, eligible: s.eligible, reasons: [...s.reasons].sort() }]),
  );
  expect(got).toEqual(expected);
}

const dir = mkdtempSync(join(tmpdir(), 'zsb-layouts-'));

describe.each(layouts.map((make) => [make().system, make] as const))('%s', (_system, make) => {
  const layout: Layout = make();
  let files: string[];
  beforeAll(async () => {
    files = await writeLayout(dir, layout);
  });

  test('gives exactly the rules’ result: averages, counted and failed courses, rank, eligibility', async () => {
    const a = analyse(await tablesOf(files), defaultConfig());
    expect(a.issues.filter((i) => i.severity === 'error')).toEqual([]);
    check(a.output?.result.students ?? []);
  });

  test('says what it ignored: each unused column once by name, voided rows counted; no unexpected warning', async () => {
    const a = analyse(await tablesOf(files), defaultConfig());
    const unused = a.issues.filter((i) => i.code === 'UNUSED_COLUMN');
    expect(unused.map((i) => /“(.+?)”列/u.exec(i.message)?.[1]).sort()).toEqual([...new Set(layout.unused)].sort());
    expect(unused.every((i) => i.severity === 'info')).toBe(true);
    const voided = a.issues.filter((i) => i.code === 'VOIDED_ROWS');
    expect(voided.map((i) => /有 (\d+) 行/u.exec(i.message)?.[1])).toEqual(layout.voided ? [String(layout.voided)] : []);
    // Without a 教学计划 the plan is inferred from the grades (one warning per group); nothing else is left unsaid.
    expect([...new Set(a.issues.filter((i) => i.severity === 'warning').map((i) => i.code))]).toEqual(['PLAN_INFERRED']);
  });
});

test('through the CLI (zsb run 名册.xlsx 成绩.csv --json): the 强智 CSV export gives the same result', async () => {
  const layout = layouts[2]?.() as Layout;
  expect(layout.format).toBe('csv');
  const files = await writeLayout(dir, layout);
  const json = join(dir, 'cli.json');
  let err = '';
  const code = await main(['run', ...files, '--json', json], { stdout: () => undefined, stderr: (t) => (err += t) });
  expect(err).toContain('0 个错误，1 个警告');
  expect(code).toBe(0);
  check((JSON.parse(readFileSync(json, 'utf8')) as { students: StudentResult[] }).students);
});
