/**
 * SPEC §1.2 grade layouts of the 教务系统 exports, cell by cell: 学年 + 学期, combined academic terms,
 * the 考试性质 vocabulary and its synonyms, wide 补考成绩/重修成绩 columns, 是否成绩作废, `[code]name`
 * course cells, single-character 五级制, recognised-but-unused columns. Whole layouts (with rank and
 * eligibility) are in test/layouts/.
 */
import { defaultConfig } from '../../src/engine/config';
import { parseScore } from '../../src/engine/scores';
import { parseTables } from '../../src/sheets/parse';
import { splitCourseCell } from '../../src/sheets/parseGrades';
import type { CellValue } from '../../src/sheets/table';
import { readAcademicYear, readAttemptNature, readTerm, readTermOfYear, readVoided } from '../../src/sheets/values';
import { table } from './helpers';

const config = defaultConfig();

describe('academic terms (cohort 2021: 2021-2022 is terms 1 and 2)', () => {
  test.each([
    ['2021-2022-1', 1],
    ['2021-2022-2', 2],
    ['2022-2023学年第一学期', 3],
    ['2022-2023学年第二学期', 4],
    ['2021-2022学年秋季学期', 1],
    ['2021-2022学年春季学期', 2],
    ['2023-2024学年秋季', 5],
    ['2021-2022-第1学期', 1],
    ['2022-2023 第2学期', 4],
    ['2022秋', 3], // SPEC: (2022−2021)·2+1
    ['2023春', 4], // spring 2023 closes 2022-2023: (2022−2021)·2+2
    ['2021年秋季学期', 1],
    ['2021—2022学年上学期', 1],
    ['2023-2024学年下学期', 6],
  ])('%s → term %d', (text, term) => {
    expect(readTerm(text, 2021)).toEqual({ ok: true, value: term });
  });

  test('秋 or 第一学期 without a 学年 column: 秋 is refused (no year), 第一学期 stays the programme term 1', () => {
    const r = readTerm('秋', 2021);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('学年');
    expect(readTerm('第一学期', 2021)).toEqual({ ok: true, value: 1 });
  });

  test('学年 + 学期: the term of that academic year, never of the programme', () => {
    expect(readTermOfYear('2023-2024', 2, 2021)).toEqual({ ok: true, value: 6 });
    expect(readTermOfYear('2023-2024', '2', 2021)).toEqual({ ok: true, value: 6 });
    expect(readTermOfYear('2022-2023学年', '第一学期', 2021)).toEqual({ ok: true, value: 3 });
    expect(readTermOfYear('2022-2023', '秋', 2021)).toEqual({ ok: true, value: 3 });
    expect(readTermOfYear('2022-2023', '春', 2021)).toEqual({ ok: true, value: 4 });
    // A 学期 cell naming its own year is read as such.
    expect(readTermOfYear('2022-2023', '2021-2022-2', 2021)).toEqual({ ok: true, value: 2 });
    expect(readTermOfYear('2022-2023', null, 2021)).toEqual({ ok: true, value: null });
    expect(readTermOfYear(null, 1, 2021).ok).toBe(false);
    expect(readTermOfYear('2022', 1, 2021).ok).toBe(false);
    expect(readTermOfYear('2022-2023', 3, 2021).ok).toBe(false);
    const before = readTermOfYear('2019-2020', 1, 2021);
    expect(before.ok === false && before.outOfRange).toBe(true);
    expect(readAcademicYear('2022—2023学年')).toEqual({ ok: true, value: 2022 });
    expect(readAcademicYear('2022-2024').ok).toBe(false);
  });
});

test('考试性质 vocabulary (SPEC §1.2)', () => {
  const kind = (v: string | null) => readAttemptNature(v);
  for (const w of [null, '正考', '正常考试', '正常', '初修', '首修']) expect(kind(w)).toEqual({ kind: 'regular' });
  for (const w of ['补考', '补考一', '补考二', '补考1', '补考2', '重考', '第一次补考']) expect(kind(w)).toEqual({ kind: 'makeup' });
  for (const w of ['重修', '重修补考', '重修重考', '第2次重修']) expect(kind(w)).toEqual({ kind: 'retake' });
  expect(kind('缓考')).toEqual({ kind: 'deferred' });
  expect(kind('旷考')).toEqual({ kind: 'regular', mark: 'absent' });
  expect(kind('免修')).toEqual({ kind: 'regular', mark: 'exempt' });
  for (const w of ['清考', '正常考', '补考（缺考）', '结业后补考']) expect(kind(w)).toBeNull();
});

test('是否成绩作废 / 是否有效', () => {
  expect(readVoided('是')).toBe(true);
  expect(readVoided('否')).toBe(false);
  expect(readVoided(null)).toBe(false);
  expect(readVoided('待定')).toBeNull();
  expect(readVoided('否', undefined, true)).toBe(true);
  expect(readVoided('是', undefined, true)).toBe(false);
});

test('[code]name course cells', () => {
  expect(splitCourseCell('[CS1001]程序设计基础')).toEqual({ code: 'CS1001', name: '程序设计基础' });
  expect(splitCourseCell('(CS1001)程序设计基础')).toEqual({ code: 'CS1001', name: '程序设计基础' });
  expect(splitCourseCell('（0801002）高等数学（上）')).toEqual({ code: '0801002', name: '高等数学（上）' });
  expect(splitCourseCell('高等数学（上）')).toBeNull();
  expect(splitCourseCell('[CS1001]')).toBeNull();
});

test('single-character 五级制 are the fiveLevel words (and follow their setting)', () => {
  const h = (v: string, c = config) => {
    const r = parseScore(v, c);
    return r.ok && r.value.kind === 'score' ? r.value.hundredths : null;
  };
  expect([h('优'), h('良'), h('中'), h('及'), h('差'), h('合格')]).toEqual([9500, 8500, 7500, 6500, 0, 7500]);
  expect(h('良', { ...config, fiveLevel: { ...config.fiveLevel, 良好: 80 } })).toBe(8000);
  expect(parseScore('甲', config).ok).toBe(false);
});

describe('parseTables with export layouts', () => {
  const roster = table('学生名册', [
    ['学号', '姓名', '专业', '年级'],
    ['2021001', '张三', '软件技术', 2021],
    ['2021002', '李四', '软件技术', 2021],
  ]);
  const run = (rows: CellValue[][], extra: Parameters<typeof parseTables>[1] = config) => {
    const p = parseTables([roster, table('成绩', rows)], extra);
    return { p, attempts: p.input.attempts.toArray() };
  };

  test('学年 + numeric 学期 (正方): 2023-2024 学期 2 is term 6, not term 2 — text and number alike', () => {
    for (const term of [2, '2']) {
      const { p, attempts } = run([
        ['学年', '学期', '学号', '课程代码', '课程名称', '成绩'],
        ['2023-2024', term, '2021001', 'C1', '毕业设计', 90],
        ['2021-2022', term, '2021001', 'C2', '高等数学', 80],
      ]);
      expect(p.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(attempts.map((a) => a.term)).toEqual([6, 2]);
    }
  });

  test('是否成绩作废 = 是 rows are left out, with one info issue counting them', () => {
    const { p, attempts } = run([
      ['学号', '课程名称', '成绩', '是否成绩作废'],
      ['2021001', '高等数学', 55, '否'],
      ['2021001', '高等数学', 95, '是'],
      ['2021002', '高等数学', 99, '是'],
      ['2021002', '高等数学', 70, null],
    ]);
    expect(attempts.map((a) => a.score)).toEqual([
      { kind: 'score', hundredths: 5500 },
      { kind: 'score', hundredths: 7000 },
    ]);
    const info = p.issues.filter((i) => i.code === 'VOIDED_ROWS');
    expect(info.map((i) => `${i.cell}:${i.severity}`)).toEqual(['D3:info']);
    expect(info[0]?.message).toContain('2 行');
  });

  test('an unknown 作废 value is reported once and the row counts', () => {
    const { p, attempts } = run([
      ['学号', '课程名称', '成绩', '是否成绩作废'],
      ['2021001', '高等数学', 55, '待定'],
      ['2021002', '高等数学', 66, '待定'],
    ]);
    expect(attempts).toHaveLength(2);
    const w = p.issues.filter((i) => i.code === 'UNKNOWN_VALUE');
    expect(w.map((i) => i.cell)).toEqual(['D2']);
    expect(w[0]?.message).toContain('共 2 行');
  });

  test('wide 补考成绩/重修成绩 columns are extra attempts of that kind, dated by 补考日期', () => {
    const { p, attempts } = run([
      ['学号', '课程名称', '成绩', '补考成绩', '补考日期', '重修成绩'],
      ['2021001', '高等数学', 45, 72, '2023-03-01', null],
      ['2021002', '高等数学', 30, 50, null, 65],
    ]);
    expect(p.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(attempts.map((a) => [a.studentId, a.kind, a.score.kind === 'score' ? a.score.hundredths : a.score.kind, a.date, a.source.column])).toEqual([
      ['2021001', 'regular', 4500, undefined, 'C'],
      ['2021001', 'makeup', 7200, '2023-03-01', 'D'],
      ['2021002', 'regular', 3000, undefined, 'C'],
      ['2021002', 'makeup', 5000, undefined, 'D'],
      ['2021002', 'retake', 6500, undefined, 'F'],
    ]);
  });

  test('成绩性质 / 重修重考: 旷考 is the 缺考 mark, 免修 exempt, 初修/重修 kinds; anything else 正考 + UNKNOWN_VALUE', () => {
    const { p, attempts } = run([
      ['学号', '课程名', '分数', '重修重考'],
      ['2021001', '高等数学', null, '旷考'],
      ['2021001', '高等数学', 61, '补考一'],
      ['2021001', '体育', null, '免修'],
      ['2021001', '英语', 80, '初修'],
      ['2021001', '英语', 90, '重修'],
      ['2021002', '英语', 70, '清考'],
      ['2021002', '高等数学', 75, '清考'],
    ]);
    expect(attempts.map((a) => [a.courseName, a.kind, a.score])).toEqual([
      ['高等数学', 'regular', { kind: 'score', hundredths: 0, mark: '缺考', text: '旷考' }],
      ['高等数学', 'makeup', { kind: 'score', hundredths: 6100 }],
      ['体育', 'regular', { kind: 'exempt', text: '免修' }],
      ['英语', 'regular', { kind: 'score', hundredths: 8000 }],
      ['英语', 'retake', { kind: 'score', hundredths: 9000 }],
      ['英语', 'regular', { kind: 'score', hundredths: 7000 }],
      ['高等数学', 'regular', { kind: 'score', hundredths: 7500 }],
    ]);
    const w = p.issues.filter((i) => i.code === 'UNKNOWN_VALUE');
    expect(w.map((i) => i.cell)).toEqual(['D7']);
    expect(w[0]?.message).toContain('“清考”');
    expect(w[0]?.message).toContain('共 2 行');
  });

  test('the user’s chosen meaning of a 考试性质 value is applied and no longer reported', () => {
    const { p, attempts } = run(
      [
        ['学号', '课程名称', '成绩', '考试性质'],
        ['2021001', '高等数学', 70, '清考'],
      ],
      { ...config, valueMeanings: { 考试性质: { 清考: '补考' } } },
    );
    expect(attempts.map((a) => a.kind)).toEqual(['makeup']);
    expect(p.issues.filter((i) => i.code === 'UNKNOWN_VALUE')).toEqual([]);
  });

  test('课程/环节 `[CS1001]程序设计基础` gives code and name; 学年学期 and single-character 五级制', () => {
    const { p, attempts } = run([
      ['学号', '学年学期', '课程/环节', '成绩'],
      ['2021001', '2021-2022学年第一学期', '[CS1001]程序设计基础', '良'],
    ]);
    expect(p.issues.filter((i) => i.code === 'MISSING_COLUMN')).toEqual([]);
    expect(attempts.map((a) => [a.courseCode, a.courseName, a.term, a.score])).toEqual([
      ['CS1001', '程序设计基础', 1, { kind: 'score', hundredths: 8500, text: '良' }],
    ]);
  });

  test('fast path and general path agree: numeric terms with `[code]name`, 旷考 and 免修 rows (fast-path shaped)', () => {
    const rows = (term: CellValue): CellValue[][] => [
      ['学号', '课程名称', '成绩', '学期', '考试性质'],
      ['2021001', '[CS1001]程序设计基础', 80, term, null],
      ['2021001', '高等数学', 0, term, '旷考'],
      ['2021001', '体育', 0, term, '免修'],
      ['2021001', '英语', 70, term, '正考'],
    ];
    const numeric = run(rows(1)).attempts;
    const text = run(rows('第1学期')).attempts;
    expect(numeric).toEqual(text);
    expect(numeric.map((a) => [a.courseCode, a.courseName, a.score.kind, a.score.kind === 'score' ? a.score.mark : undefined])).toEqual([
      ['CS1001', '程序设计基础', 'score', undefined],
      [undefined, '高等数学', 'score', '缺考'],
      [undefined, '体育', 'exempt', undefined],
      [undefined, '英语', 'score', undefined],
    ]);
  });

  test('学年/作废/是否有效/wide columns: the fast path (text 学号) and the general path (number 学号) give the same attempts', () => {
    const rows = (id: (s: string) => CellValue): CellValue[][] => [
      ['学年', '学期', '学号', '课程名称', '成绩', '成绩性质', '是否成绩作废', '是否有效', '补考成绩'],
      ['2023-2024', 2, id('2021001'), '毕业设计', 90, '正常考试', '否', '是', null],
      ['2023-2024', 2, id('2021001'), '毕业设计', 99, '正常考试', '是', '是', null],
      ['2022-2023', '1', id('2021001'), '英语', 50, '正常考试', null, null, 70],
      ['2022-2023', '秋', id('2021002'), '英语', 80, '补考一', '否', '否', null],
      ['2022-2023', '春', id('2021002'), '体育', 80, '旷考', '否', '是', null],
      ['2021-2022', '第二学期', id('2021002'), '高数', 61, '初修', '否', '是', ''],
    ];
    const fast = run(rows((s) => s));
    const general = run(rows((s) => Number(s)));
    expect(fast.attempts).toEqual(general.attempts);
    expect(fast.p.issues).toEqual(general.p.issues);
    expect(fast.attempts.map((a) => [a.studentId, a.courseName, a.term, a.kind, a.score.kind === 'score' ? a.score.hundredths : a.score.kind])).toEqual([
      ['2021001', '毕业设计', 6, 'regular', 9000],
      ['2021001', '英语', 3, 'regular', 5000],
      ['2021001', '英语', 3, 'makeup', 7000],
      ['2021002', '体育', 4, 'regular', 0],
      ['2021002', '高数', 2, 'regular', 6100],
    ]);
  });

  test('recognised but unused columns are reported once each by name (info), over several sheets', () => {
    const header = ['学号', '课程名称', '成绩', '学分', '绩点', '课程性质', '课程类别'];
    const p = parseTables(
      [roster, table('成绩1', [header, ['2021001', '高等数学', 80, 4, 3.0, '必修', '公共课']]), table('成绩2', [header, ['2021002', '高等数学', 70, 4, 2.0, '必修', '公共课']])],
      config,
    );
    const unused = p.issues.filter((i) => i.code === 'UNUSED_COLUMN');
    expect(unused.map((i) => `${i.sheet}!${i.cell}:${i.severity}`)).toEqual(['成绩1!D1:info', '成绩1!E1:info', '成绩1!F1:info', '成绩1!G1:info']);
    expect(unused[0]?.message).toContain('“学分”');
    expect(p.issues.filter((i) => i.code === 'DUPLICATE_COLUMN')).toEqual([]);
  });
});
