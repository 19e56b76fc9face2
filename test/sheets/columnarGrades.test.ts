/**
 * Issue 17: a CSV grade sheet is read column-wise (dictionary-coded) and parseGrades has a fast path
 * for such tables. It must give exactly what the row path gives for the same cells — the same students,
 * attempts (in the same order, same numbering) and issues at the same cells — for the usual rows and for
 * every row the fast path leaves to the general one, sorted and shuffled, with and without optional
 * columns.
 */
import { defaultConfig } from '../../src/engine/config';
import { csvToTable } from '../../src/hosts/csv/read';
import { analyse } from '../../src/pipeline';
import type { RawTable } from '../../src/sheets/table';

const rosterCsv = ['学号,姓名,专业,年级', ...Array.from({ length: 8 }, (_, s) => `0${s + 1},生${s + 1},${s < 4 ? '机电' : '会计'},2021`)].join('\r\n');

/** Academic-term text of programme term t for cohort 2021. */
const academic = (t: number) => `${2021 + Math.floor((t - 1) / 2)}-${2022 + Math.floor((t - 1) / 2)}-${((t - 1) % 2) + 1}`;

/** Usual rows (every term spelling) and rows the fast path must leave to the general path. */
function gradeLines(withVoided: boolean): string[] {
  const lines: string[] = [];
  for (let s = 1; s <= 8; s++) {
    for (let c = 1; c <= 6; c++) {
      const term = [String(c), `第${c}学期`, academic(c)][(s + c) % 3] as string;
      lines.push([`0${s}`, `生${s}`, `K${c}`, `课程${c}`, String(55 + ((s * 7 + c * 5) % 45)), term, '正考', '2023-01-15', ...(withVoided ? ['否'] : [])].join(','));
    }
  }
  const odd = [
    ['09', '生9', 'K1', '课程1', '80', '1', '正考', '2023-01-15'], // not in the roster
    ['1', '生1', 'K1', '课程1', '61', '1', '补考', '2023-03-01'], // 学号 lost its zero
    ['02', '生2', 'K2', '课程2', 'abc', '2', '正考', '2023-01-15'], // unreadable score
    ['03', '生3', 'K3', '课程3', '', '3', '正考', '2023-01-15'], // empty score
    ['04', '王五', 'K4', '课程4', '70', '4', '正考', '2023-01-15'], // 姓名 mismatch
    ['05', '生5', 'K5', '课程5', '88', '5', '旷考', '2023-01-15'], // 缺考 mark replaces the score
    ['06', ' 生6 ', 'K1', '[K1]课程1', '59', '1', '补考', '2023/3/1'], // code in the course cell, spaced name, other date spelling
    ['07', '生7', 'K2', '课程2', '77', '第三学年', '正考', '2023-01-15'], // unreadable term
    ['08', '生8', '', '课程3', '优秀', '3', '重修', ''], // a grade word, no code, no date
    ['08', '生8', 'K4', '课程4', '90', '4', '自学考试', '2023-01-15'], // a nature outside the vocabulary
    ['学号', '姓名', '课程代码', '课程名称', '成绩', '学期', '考试性质', '成绩日期'], // a repeated header
    ['制表人：教务科', '', '', '', '', '', '', ''], // a lone note
    ['', '', '', '', '', '', '', ''], // a blank row
    ['  ', '生1', 'K6', '课程6', '70', '6', '正考', '2023-01-15'], // a blank 学号
  ];
  for (const [k, o] of odd.entries()) lines.push([...o, ...(withVoided ? [k === 0 ? '是' : k === 1 ? '待定' : '否'] : [])].join(','));
  return lines;
}

function shuffle<T>(xs: T[], seed: number): T[] {
  let x = seed;
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const bytes = (text: string) => new TextEncoder().encode(`\ufeff${text}\r\n`);

/** The same CSV analysed with its grade table column-wise and as plain rows (`{ ...t }` builds them). */
function both(header: string, lines: string[]) {
  const roster = () => csvToTable(bytes(rosterCsv), '名册.csv');
  const grades = csvToTable(bytes([header, ...lines].join('\r\n')), '成绩.csv');
  expect(grades.columns).toBeDefined();
  const plain: RawTable = { ...csvToTable(bytes([header, ...lines].join('\r\n')), '成绩.csv') };
  expect(plain.columns).toBeUndefined();
  const run = (g: RawTable) => {
    const a = analyse([roster(), g], defaultConfig());
    return { attempts: a.parsed.input.attempts.toArray(), students: a.output?.result.students, issues: a.issues };
  };
  const coded = run(grades);
  // The fast path did not build the rows.
  expect(grades.columns).toBeDefined();
  return { coded, plain: run(plain) };
}

describe('a CSV grade sheet read column-wise gives what its rows give', () => {
  const header = '学号,姓名,课程代码,课程名称,成绩,学期,考试性质,成绩日期';
  test.each([false, true])('every kind of row (shuffled: %s)', (shuffled) => {
    const lines = gradeLines(false);
    const { coded, plain } = both(header, shuffled ? shuffle(lines, 7) : lines);
    expect(coded).toEqual(plain);
    // The rows above produce their issues, at their cells (a sample, worked out by hand).
    const codes = new Set(coded.issues.map((i) => i.code));
    for (const code of ['UNKNOWN_STUDENT', 'ID_ZEROS_MATCHED', 'BAD_SCORE', 'EMPTY_SCORE', 'NAME_MISMATCH', 'BAD_TERM', 'SKIPPED_ROW', 'UNKNOWN_VALUE']) expect(codes).toContain(code);
    // 48 usual rows + 01's 补考 (zeros matched), 04's (a warning only), 05's 缺考, 06's 补考, 08's two: 54.
    expect(coded.attempts).toHaveLength(54);
    expect(coded.attempts.find((a) => a.studentId === '06' && a.kind === 'makeup')).toMatchObject({ courseCode: 'K1', courseName: '课程1', date: '2023-03-01' });
  });

  test('with 是否成绩作废, without 姓名 and 成绩日期', () => {
    const lines = gradeLines(true);
    const withVoided = both(`${header},是否成绩作废`, shuffle(lines, 3));
    expect(withVoided.coded).toEqual(withVoided.plain);
    expect(withVoided.coded.issues.map((i) => i.code)).toContain('VOIDED_ROWS');
    const narrow = lines.map((l) => l.split(',').filter((_, c) => c !== 1 && c !== 7).slice(0, 6).join(','));
    const without = both('学号,课程代码,课程名称,成绩,学期,考试性质', shuffle(narrow, 5));
    expect(without.coded).toEqual(without.plain);
  });

  test('学年 + 学期 columns (正方)', () => {
    const lines: string[] = [];
    for (let s = 1; s <= 8; s++) for (let c = 1; c <= 6; c++) lines.push([`0${s}`, `生${s}`, `课程${c}`, String(60 + ((s + c) % 40)), `${2021 + Math.floor((c - 1) / 2)}-${2022 + Math.floor((c - 1) / 2)}`, String(((c - 1) % 2) + 1)].join(','));
    const { coded, plain } = both('学号,姓名,课程名称,成绩,学年,学期', shuffle(lines, 11));
    expect(coded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(coded).toEqual(plain);
  });
});
