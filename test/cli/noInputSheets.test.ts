/**
 * `zsb run … --out 结果.xlsx --no-input-sheets` (issue 17): the 教务处's whole-school run leaves the input
 * sheets out of the workbook — except those carrying the result columns — and everything else is the same,
 * cell for cell, as the default --out (which keeps copying them: secretaries e-mail one workbook).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, USAGE } from '../../src/cli/main';
import { sheetTexts, tempDir, writeGradesCsv } from './fixtures';

const SAMPLE = join(__dirname, '../../assets/sample/示例学校-2024专升本.xlsx');

async function run(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(['run', ...args], { stdout: () => {}, stderr: (t) => (err += t) });
  return { code, err };
}

const cells = sheetTexts;

describe('zsb run --no-input-sheets', () => {
  const dir = tempDir();

  it('CSV inputs: the grades sheet is left out, the roster with its result columns stays, the rest is unchanged', async () => {
    const roster = join(dir, '名册.csv');
    const lines = ['学号,姓名,专业,年级,二级学院'];
    for (let n = 1; n <= 20; n++) lines.push(`0210${String(n).padStart(2, '0')},学生${n},${n <= 10 ? '机电一体化技术' : '汽车检测与维修技术'},2021级,机电工程学院`);
    writeFileSync(roster, '\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
    const grades = join(dir, '成绩.csv');
    writeGradesCsv(grades);
    const full = join(dir, '全部.xlsx');
    const lean = join(dir, '不含输入表.xlsx');
    process.env.SOURCE_DATE_EPOCH = '1713168000';
    try {
      expect((await run([roster, grades, '--out', full])).code).toBe(0);
      const r = await run([roster, grades, '--out', lean, '--no-input-sheets']);
      expect([r.code, r.err]).toEqual([0, expect.stringContaining('工作簿中未写入输入表：成绩。')]);
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
    const all = await cells(full);
    const some = await cells(lean);
    // By default the grades are copied: 80 grade rows + the header, 5 cells each.
    expect(all.get('成绩')).toHaveLength(81 * 5);
    expect(some.has('成绩')).toBe(false);
    expect([...some.keys()]).toEqual([...all.keys()].filter((n) => n !== '成绩'));
    // The roster keeps its result columns (a header to the right of 二级学院).
    expect(some.get('名册')!.some((c) => c.startsWith('F1='))).toBe(true);
    expect([...some.keys()].some((n) => n.startsWith('附件5'))).toBe(true);
    for (const [name, list] of some) expect([name, list]).toEqual([name, all.get(name)]);
  }, 120_000);

  it('the sample (.xlsx): the sheets it names are left out, the roster sheets (result columns) stay', async () => {
    const full = join(dir, '样例-全部.xlsx');
    const lean = join(dir, '样例-不含输入表.xlsx');
    process.env.SOURCE_DATE_EPOCH = '1713168000';
    let err = '';
    try {
      expect((await run([SAMPLE, '--out', full])).code).toBe(0);
      const r = await run([SAMPLE, '--out', lean, '--no-input-sheets']);
      expect(r.code).toBe(0);
      err = r.err;
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
    const left = /工作簿中未写入输入表：(.+)。/u.exec(err)?.[1]?.split('、') ?? [];
    const all = await cells(full);
    const some = await cells(lean);
    expect(left).toContain('成绩');
    for (const n of left) expect([n, all.has(n), some.has(n)]).toEqual([n, true, false]);
    const rosters = [...all.keys()].filter((n) => n.startsWith('学生名册'));
    expect(rosters.length).toBeGreaterThan(0);
    for (const n of rosters) expect([n, some.has(n)]).toEqual([n, true]);
    expect([...some.keys()]).toEqual([...all.keys()].filter((n) => !left.includes(n)));
    for (const [name, list] of some) expect([name, list]).toEqual([name, all.get(name)]);
  }, 180_000);

  it('--no-input-sheets without --out is a usage error (exit 2), and the help names it', async () => {
    const r = await run([SAMPLE, '--no-input-sheets']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--no-input-sheets 要与 --out 同用');
    expect(USAGE).toContain('--no-input-sheets');
  });
});
