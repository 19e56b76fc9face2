/**
 * 学生查询 (issue 18 point 6): the reckoning text of sample students, checked against numbers worked out by
 * hand from the sample's grade cells (the cells are read back from the raw table, not from the engine).
 */
import path from 'node:path';
import { defaultConfig } from '../../src/engine/config';
import { loadXlsxFile, workbookToTables } from '../../src/hosts/xlsx/read';
import { analyse, type Analysis } from '../../src/pipeline';
import type { RawTable } from '../../src/sheets/table';
import { exactValue, findStudents, studentReckoning } from '../../src/taskpane/studentLookup';

let tables: RawTable[];
let a: Analysis;
const config = defaultConfig();
beforeAll(async () => {
  tables = workbookToTables(await loadXlsxFile(path.join(__dirname, '../../assets/sample/示例学校-2024专升本.xlsx')), '示例学校-2024专升本.xlsx');
  a = analyse(tables, config);
});

/** The raw value of a cell ("J1561") of the 成绩 sheet. */
function cell(sheet: string, address: string): unknown {
  const t = tables.find((x) => x.sheet === sheet)!;
  const [, col, row] = /^([A-Z]+)([0-9]+)$/.exec(address)!;
  const c = [...col!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return t.rows[Number(row) - t.originRow]?.[c - t.originCol];
}

function text(id: string): string {
  return studentReckoning({ output: a.output!, attempts: a.parsed.input.attempts, config }, id).join('\n');
}

describe('studentReckoning', () => {
  it('0121130016 孙辉: a 补考 pass counts 60 (cap60); the average as a fraction; rank against the 60 % line', () => {
    // The sample's cells: 军事理论 正考 J1561 不合格 (0), 补考 J1562 合格 (75) ⇒ cap60: 60.
    expect(cell('成绩', 'J1561')).toBe('不合格');
    expect(cell('成绩', 'J1562')).toBe('合格');
    // By hand: 96.2+87+90+60+93+90+93+87+96+85+89+89+90+98 = 1243.2 over 14 courses = 88.8 exactly.
    // Group 2021级 工业机器人技术（扩招） has N = 20; rank 3 ⇒ 3×100 = 300 ≤ 60×20 = 1200 ⇒ top 60 %.
    const t = text('0121130016');
    expect(t).toContain('4. 军事理论（第1学期）：采用 60 分 —— 正考未及格，补考及格：按细则计 60 分');
    expect(t).toContain('· 正考 不合格（按 0 分），2022-01-07，成绩!J1561');
    expect(t).toContain('· 补考 合格（按 75 分），2022-03-04，成绩!J1562');
    expect(t).toContain('= 1243.2 ÷ 14 = 88.8');
    expect(t).toContain('公示（四舍五入保留 2 位小数）：88.80');
    expect(t).toContain('第 3 名 / 专业人数 N = 20');
    expect(t).toContain('排名 × 100 = 300 ≤ 60 × N = 1200 ⇒ 在前60%');
    expect(t).toContain('五、推荐结果：推荐（占指标）；本组推荐指标 Q = 6（基数 20 × 30% 向下取整）');
    expect(t).toContain('录取：梧州学院/机械电子工程');
  });

  it('0521310022 赵婧: both sittings failed ⇒ the highest; not in the top 60 %; both reasons', () => {
    expect(cell('成绩', 'J3384')).toBe(45);
    expect(cell('成绩', 'J3385')).toBe(52);
    // By hand: 75+72+70+75+74+77+78+73+52+75+74+77+79+78 = 1029; 1029/14 = 73.5. N = 38, rank 24:
    // 2400 > 60×38 = 2280 ⇒ not top 60 %.
    const t = text('0521310022');
    expect(t).toContain('9. 财务会计（第3学期）：采用 52 分 —— 各次均未及格，取最高分（补考）');
    expect(t).toContain('= 1029 ÷ 14 = 73.5');
    expect(t).toContain('排名 × 100 = 2400 > 60 × N = 2280 ⇒ 不在前60%');
    expect(t).toContain('四、资格：不符合条件 —— 有不及格课程（财务会计）；成绩排名未在前60%');
  });

  it('0121010003 徐军宇 (学籍异动): the attempt after the cutoff is listed but not counted', () => {
    expect(cell('成绩', 'J49')).toBe(88);
    // By hand: 13 counted courses (PLC应用技术 dated 2024-03-28 > 2024-03-18 is left out):
    // 81.8+81+82+75+90+88+87+82+83+85+77+83+92 = 1086.8; /13 = 83.6.
    const t = text('0121010003');
    expect(t).toContain('学籍异动（休学）');
    expect(t).toContain('12. PLC应用技术（第4学期）：不计入');
    expect(t).toContain('· 正考 88 分，2024-03-28，成绩!J49；晚于 2024-03-18，不计入');
    expect(t).toContain('= 1086.8 ÷ 13 = 83.6');
  });

  it('a missing course counts 0; a tie at the quota and a substitute are explained', () => {
    const missing = text('0321220031');
    expect(missing).toContain('11. Web前端开发（第4学期）：采用 0 分 —— 没有有效成绩：按未修计 0 分');
    expect(missing).toContain('四、资格：不符合条件 —— 有未修课程（Web前端开发）');
    const tie = text('0521310025');
    expect(tie).toContain('五、推荐结果：同分待裁定');
    expect(tie).toContain('（与另外 1 人同分并列）');
    const sub = text('0521310028');
    // Behind the 大数据与会计 tie block (2 students for 1 seat: 1 certain loser, SPEC §2.8) ⇒ 1 + 1 = 2.
    expect(sub).toContain('递补顺序：第 2 位');
    expect(text('0321210010')).toContain('志愿冲突');
    expect(text('0521310036')).toContain('不占指标依据：2024年 自治区级 “优秀毕业生”荣誉称号（获奖与荣誉 第21行）');
  });

  it('without the grade rows the courses are still explained, just without attempts', () => {
    const t = studentReckoning({ output: a.output!, attempts: null, config }, '0121130016').join('\n');
    expect(t).toContain('4. 军事理论（第1学期）：采用 60 分 —— 正考未及格，补考及格');
    expect(t).not.toContain('成绩!J1561');
    expect(studentReckoning({ output: a.output!, attempts: null, config }, 'nobody')).toEqual(['没有找到学号 nobody 的学生。']);
  });
});

describe('exactValue and findStudents', () => {
  it('shows an exact quotient exactly and a repeating one with …', () => {
    expect(exactValue({ num: 8330, den: 1 })).toBe('= 83.3');
    expect(exactValue({ num: 108680, den: 13 })).toBe('= 83.6');
    // 1000 hundredths / 3 = 3.3333…
    expect(exactValue({ num: 1000, den: 3 })).toBe('≈ 3.3333…');
  });
  it('finds by exact 学号 first, then prefix and name (full-width digits and spaces ignored)', () => {
    const s = a.output!.result.students;
    expect(findStudents(s, ' ０１２１１３００１６ ').map((x) => x.studentId)).toEqual(['0121130016']);
    expect(findStudents(s, '孙辉').map((x) => x.name)).toContain('孙辉');
    expect(findStudents(s, '0121').length).toBe(20);
    expect(findStudents(s, '')).toEqual([]);
  });
});
