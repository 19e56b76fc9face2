import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssue, main, summaryTable, type CliIO } from '../../src/cli/main';
import { tempDir, writeGradesCsv, writeRosterXlsx } from './fixtures';

function capture(): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}

describe('zsb usage (exit 2)', () => {
  test.each([
    [[]],
    [['frobnicate']],
    [['run']],
    [['run', 'nope.xlsx']],
    [['run', 'a.pdf']],
    [['run', '--bogus']],
    [['run', 'x.csv', '--json']],
  ])('%j ⇒ 2 with Chinese usage on stderr', async (argv) => {
    const io = capture();
    expect(await main(argv, io)).toBe(2);
    expect(io.err).toContain('用法');
    expect(io.out).toBe('');
  });

  test('--help ⇒ 0, usage on stdout', async () => {
    const io = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out).toContain('zsb run <输入文件…>');
  });

  test('an invalid --config ⇒ 2 naming the setting', async () => {
    const d = tempDir();
    writeGradesCsv(join(d, '成绩.csv'));
    writeFileSync(join(d, 's.json'), JSON.stringify({ quotaPercent: 300, nonsense: 1 }));
    const io = capture();
    expect(await main(['run', join(d, '成绩.csv'), '--config', join(d, 's.json')], io)).toBe(2);
    expect(io.err).toContain('quotaPercent');
    expect(io.err).toContain('nonsense');
  });
});

describe('zsb run', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    await writeRosterXlsx(join(dir, '名册.xlsx'), { registration: true });
    writeGradesCsv(join(dir, '成绩.csv'));
    writeGradesCsv(join(dir, '坏成绩.csv'), { badCell: true });
  });

  test('ok ⇒ 0; --json is exactly the SPEC §3.3 shape; --out has the result block and the 附件 sheets', async () => {
    const io = capture();
    const json = join(dir, 'out', 'r.json');
    const out = join(dir, 'out', 'r.xlsx');
    expect(await main(['run', join(dir, '名册.xlsx'), join(dir, '成绩.csv'), '--json', json, '--out', out], io)).toBe(0);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(Object.keys(r).sort()).toEqual(['config', 'groups', 'issues', 'students', 'version']);
    expect(r.version).toBe(1);
    expect(r.groups).toHaveLength(2);
    expect(Object.keys(r.groups[0]).sort()).toEqual(
      ['grade', 'key', 'label', 'major', 'quota', 'quotaBase', 'recommendedDirect', 'recommendedQuota', 'recommendedVeteran', 'size', 'tiePending', 'track'].sort(),
    );
    expect(r.students).toHaveLength(20);
    expect(Object.keys(r.students[0]).sort()).toEqual(
      [
        'allocation', 'allocationPending', 'average', 'countedCourses', 'direct', 'eligible', 'failedCourses', 'filledVacancy', 'group', 'groupSize',
        'missingCourses', 'name', 'priority', 'rank', 'reasons', 'status', 'studentId', 'substituteOrder', 'top60', 'veteran',
      ].sort(),
    );
    expect(r.students.map((s: { studentId: string }) => s.studentId)).toContain('021001');
    expect(r.students[0].group).toMatch(/^2021\|.+\|普通$/u);
    expect(r.students[0].average).toMatch(/^\d+\.\d\d$/u);
    for (const i of r.issues) expect(Object.keys(i).sort()).toEqual(['cell', 'code', 'column', 'message', 'row', 'severity', 'sheet']);

    expect(io.out).toContain('排名组');
    expect(io.out).toContain('机电一体化技术');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(['学生名册', '成绩']);
    expect(names.some((n) => n.startsWith('附件5'))).toBe(true);
    const roster = wb.getWorksheet('学生名册')!;
    // the user's column H (备注) stays; the block starts at I
    expect(roster.getCell('H3').value).toBe('用户数据');
    expect(roster.getCell('I2').value).toBe('平均成绩');
    expect(roster.getCell('A3').value).toBe('021001');
    const first = r.students.find((s: { studentId: string }) => s.studentId === '021001');
    expect(roster.getCell('I3').value).toBe(Number(first.average));
    expect(roster.getCell('K3').value).toBe(first.rank);

    // re-running on its own output: same results, no duplicated sheets or columns
    const io2 = capture();
    const out2 = join(dir, 'out', 'r2.xlsx');
    expect(await main(['run', out, '--json', join(dir, 'out', 'r2.json'), '--out', out2], io2)).toBe(0);
    const r2 = JSON.parse(readFileSync(join(dir, 'out', 'r2.json'), 'utf8'));
    expect(r2.students).toEqual(r.students);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(out2);
    // Issue 18: the output's 结果快照 is the previous run; nobody changed, so no 结果变更说明 (SPEC §4.2).
    expect(wb2.worksheets.map((w) => w.name)).toEqual(names);
    expect(wb2.getWorksheet('学生名册')!.getCell('T2').value ?? null).toBeNull();
    expect(wb2.getWorksheet('学生名册')!.getCell('S2').value).toBe('录取专业');
  });

  test('an error issue ⇒ 1; the JSON is still written with the issue; no workbook', async () => {
    const io = capture();
    const json = join(dir, 'bad.json');
    const out = join(dir, 'bad.xlsx');
    expect(await main(['run', join(dir, '名册.xlsx'), join(dir, '坏成绩.csv'), '--json', json, '--out', out], io)).toBe(1);
    expect(existsSync(out)).toBe(false);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    const bad = r.issues.find((i: { code: string }) => i.code === 'BAD_SCORE');
    expect(bad).toMatchObject({ severity: 'error', sheet: '坏成绩', cell: 'D11' }); // header row 1, student 1 rows 2–5, student 2 rows 6–9, student 3 英语 row 11
    expect(io.err).toMatch(/^错误 坏成绩!D11 /mu);
    expect(io.err).toContain('未写出工作簿');
  });

  test('a file that is not a spreadsheet ⇒ 1 with a clear Chinese error, not a crash', async () => {
    const fake = join(dir, '假的.xlsx');
    writeFileSync(fake, '这不是工作簿');
    const io = capture();
    expect(await main(['run', fake, join(dir, '成绩.csv')], io)).toBe(1);
    expect(io.err).toContain('不是 .xlsx 工作簿');
  });
});

describe('output formatting', () => {
  test('issue lines: severity, location once, message', () => {
    expect(
      formatIssue({ severity: 'error', code: 'BAD_SCORE', message: '成绩!E27：成绩“好”无法识别', sheet: '成绩', row: 27, column: 'E', cell: 'E27' }),
    ).toBe('错误 成绩!E27 成绩“好”无法识别');
    expect(formatIssue({ severity: 'warning', code: 'X', message: '整行问题', sheet: '名册', row: 5, column: null, cell: null })).toBe('警告 名册 第5行 整行问题');
    expect(formatIssue({ severity: 'info', code: 'X', message: '全局', sheet: null, row: null, column: null, cell: null })).toBe('提示 全局');
  });

  test('summary table aligns CJK text', () => {
    const t = summaryTable({
      version: 1,
      config: {} as never,
      groups: [
        { key: 'k', grade: 2021, major: '机电', track: '普通', label: '机电', size: 10, quotaBase: 10, quota: 3, recommendedQuota: 3, recommendedDirect: 1, recommendedVeteran: 0, tiePending: 0 },
      ],
      students: [],
      issues: [],
    });
    const lines = t.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('2021级 机电（普通）');
    expect(lines[2]).toMatch(/10\s+3\s+0\s+3\s+1\s+0\s+0$/u);
  });
});

describe('settings', () => {
  test('without --config the settings saved in the input workbook are used; --config wins', async () => {
    const dir = tempDir();
    await writeRosterXlsx(join(dir, '名册.xlsx'), { registration: true });
    writeGradesCsv(join(dir, '成绩.csv'));
    const out = join(dir, 'o.xlsx');
    writeFileSync(join(dir, 's.json'), JSON.stringify({ quotaPercent: 20 }));
    expect(await main(['run', join(dir, '名册.xlsx'), join(dir, '成绩.csv'), '--config', join(dir, 's.json'), '--out', out], capture())).toBe(0);
    const io = capture();
    const json = join(dir, 'r.json');
    expect(await main(['run', out, '--json', json], io)).toBe(0);
    expect(io.err).toContain('使用输入工作簿中保存的设置');
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.config.quotaPercent).toBe(20);
    expect(r.groups[0].quota).toBe(2); // ⌊10 × 20 / 100⌋
    writeFileSync(join(dir, 't.json'), JSON.stringify({ quotaPercent: 30 }));
    expect(await main(['run', out, '--config', join(dir, 't.json'), '--json', json], capture())).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).groups[0].quota).toBe(3);
  });
});
