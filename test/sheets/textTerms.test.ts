/**
 * Issue 17: a 学期 written as text ("3", "第3学期", "2022-2023-1" — every CSV cell is text) is read by the
 * parser's fast path; it must give exactly what the general path gives for numbers, in any row order, and
 * leave an unreadable term to the general path's located error.
 */
import { defaultConfig } from '../../src/engine/config';
import { analyse } from '../../src/pipeline';
import type { CellValue } from '../../src/sheets/table';
import { table } from './helpers';

const roster = table('名册', [
  ['学号', '姓名', '专业', '年级'],
  ...['01', '02', '03', '04', '05', '06'].map((id) => [id, `生${id}`, '机电', 2021]),
]);

/** Programme term t of cohort 2021 as each spelling. */
const spell: Record<string, (t: number) => CellValue> = {
  number: (t) => t,
  text: (t) => String(t),
  chinese: (t) => `第${t}学期`,
  academic: (t) => `${2021 + Math.floor((t - 1) / 2)}-${2022 + Math.floor((t - 1) / 2)}-${((t - 1) % 2) + 1}`,
};

function grades(style: keyof typeof spell, shuffled: boolean) {
  const rows: CellValue[][] = [];
  ['01', '02', '03', '04', '05', '06'].forEach((id, s) => {
    for (let c = 0; c < 6; c++) {
      const term = c + 1; // course 6 is in term 6: outside countedTerms 1–5, it must not count
      rows.push([id, `课程${c + 1}`, 60 + ((s * 7 + c * 5) % 40), spell[style]!(term)]);
    }
  });
  if (shuffled) rows.sort((a, b) => (String(a[1]) + String(a[0]) < String(b[1]) + String(b[0]) ? -1 : 1)).reverse();
  return table('成绩', [['学号', '课程名称', '成绩', '学期'], ...rows]);
}

const resultOf = (style: keyof typeof spell, shuffled: boolean) => {
  const a = analyse([roster, grades(style, shuffled)], defaultConfig());
  return { students: a.output?.result.students, errors: a.issues.filter((i) => i.severity === 'error') };
};

test.each(Object.keys(spell).flatMap((s) => [[s, false], [s, true]] as const))('学期 as %s (shuffled: %s) gives the numeric result', (style, shuffled) => {
  const base = resultOf('number', false);
  expect(base.errors).toEqual([]);
  // By hand for 01 (s = 0): terms 1–5 count, scores 60, 65, 70, 75, 80 → 350 / 5 = 70.00.
  expect(base.students?.find((x) => x.studentId === '01')).toMatchObject({ average: '70.00', countedCourses: 5 });
  expect(resultOf(style as keyof typeof spell, shuffled)).toEqual(base);
});

test('an unreadable text term still gets its located BAD_TERM error', () => {
  const g = grades('text', false);
  (g.rows[3] as CellValue[])[3] = '第三学年';
  const a = analyse([roster, g], defaultConfig());
  expect(a.issues.filter((i) => i.code === 'BAD_TERM').map((i) => i.cell)).toEqual(['D4']);
});
