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
import { expected, summary } from './expected';
import { courses, layouts, sittings, writeLayout, type Layout } from './generate';

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
  expect(summary(students)).toEqual(expected);
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
