/**
 * Issue 5: "a 50 MB file". Generated at test time (never committed): a 教务系统 grades export of
 * 50 MB — 2,000 students × 12 courses, each row carrying a long 备注 text, as real exports do — with
 * its roster. The CLI must end with a result or located Chinese errors, never an exception, and the
 * memory it takes must stay within a few times the file size.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers';

const MB = 1024 * 1024;
const STUDENTS = 2000;
const COURSES = 12;

function makeFiles(dir: string): { roster: string; grades: string } {
  const roster = ['学号,姓名,专业,年级'];
  for (let s = 0; s < STUDENTS; s++) roster.push(`0${21000000 + s},学生${s},专业${s % 8},2021级`);
  const note = '该课程成绩由任课教师录入，经教研室审核；'.repeat(100); // ≈ 2 KB of UTF-8 per row
  const rows = ['学号,姓名,课程名称,成绩,学期,考试性质,备注'];
  let bytes = 0;
  let n = 0;
  while (bytes < 50 * MB) {
    const s = n % STUDENTS;
    const c = Math.floor(n / STUDENTS) % COURSES;
    const line = `0${21000000 + s},学生${s},课程${c},${60 + ((s * 7 + c * 13) % 40)},${1 + (c % 5)},${n < STUDENTS * COURSES ? '正考' : '补考'},${note}`;
    rows.push(line);
    bytes += Buffer.byteLength(line) + 2;
    n++;
  }
  const paths = { roster: join(dir, '名册.csv'), grades: join(dir, '成绩.csv') };
  writeFileSync(paths.roster, roster.join('\r\n'));
  writeFileSync(paths.grades, rows.join('\r\n'));
  return paths;
}

// (The CSV parser once built fields one character at a time: V8 rope strings took ≈ 1 GB for this file.)
test('a 50 MB grades file: a result or Chinese errors, no exception, sane memory', async () => {
  const dir = tempDir('zsb-50mb-');
  const { roster, grades } = makeFiles(dir);
  expect(statSync(grades).size).toBeGreaterThanOrEqual(50 * MB);
  global.gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  let run: Awaited<ReturnType<typeof runCli>>;
  try {
    run = await runCli([roster, grades]);
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  expect([0, 1]).toContain(run.exit);
  expect(run.result).not.toBeNull();
  // Progress was shown for a large input.
  expect(run.stderr).toContain('正在读取');
  if (run.exit === 0) expect(run.result?.students).toHaveLength(STUDENTS);
  for (const i of run.result?.issues ?? []) expect(i.message).toMatch(/[\u4e00-\u9fff]/u);
  // Memory: at most 6 × the file size more than before the run (measured ≈ 100 MB).
  expect((peak - before.rss) / MB).toBeLessThan(300);
});
