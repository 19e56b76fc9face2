import { defaultConfig } from '../../src/engine/config';
import { detectSheet } from '../../src/sheets/detect';
import { parseTables } from '../../src/sheets/parse';
import { META_SHEET } from '../../src/hosts/meta';
import type { CellValue } from '../../src/sheets/table';
import { table } from './helpers';

const config = defaultConfig();

const roster = table('学生名册', [
  ['柳州职业技术学院2021级学生名册', null, null, null, null],
  [null, null, null, null, null],
  ['学 号', '姓名', '专业名称', '年级：', '报名状态'],
  ['2021001', '张三', '机电一体化技术', '2021级', '已报名'],
  [2021002, '李四', '机电一体化技术', 2021, '放弃'],
]);
const grades = table('成绩', [
  ['学号', '姓名', '课程名称', '总评成绩', '学期', '考试性质', '成绩日期'],
  ['2021001', '张三', '高等数学', 85.5, '2021-2022-1', '正考', 45369],
  ['2021001', '张三', '大学英语', '良好', '第2学期', '补考', '2024/3/19'],
  ['2021002', '李四', '高等数学', '缓考', 1, null, null],
]);

describe('SPEC §1 detection', () => {
  test('title rows and blank rows above the header are skipped', () => {
    const d = detectSheet(roster);
    expect(d.detected?.kind).toBe('roster');
    expect(d.detected?.headerRow).toBe(3);
    expect(d.detected?.columns.studentId).toEqual({ header: '学 号', column: 'A', index: 0 });
    expect(d.detected?.columns.cohort?.column).toBe('D');
    expect(d.issues).toEqual([]);
  });

  test('a merged banner (value only at its top-left) and an offset origin are fine', () => {
    const t = table('成绩', [
      ['2021级成绩汇总（教务系统导出）', null, null, null],
      ['学号', '课程', '成绩', '学期'],
      ['1', '高等数学', 90, 1],
    ], { originRow: 5, originCol: 2 });
    const d = detectSheet(t);
    expect(d.detected?.kind).toBe('grades');
    expect(d.detected?.headerRow).toBe(6);
    expect(d.detected?.columns.score?.column).toBe('D');
  });

  test('the header must be within the first 10 non-empty rows', () => {
    const rows = [...Array.from({ length: 10 }, (_, i) => [`说明${i}`, null]), ['学号', '姓名', '专业', '年级']];
    expect(detectSheet(table('x', rows)).detected).toBeNull();
    const rows9 = [...Array.from({ length: 9 }, (_, i) => [`说明${i}`, null]), ['学号', '姓名', '专业', '年级']];
    expect(detectSheet(table('x', rows9)).detected?.kind).toBe('roster');
  });

  test('a plan sheet with course columns is a plan, not grades; a seats sheet is seats', () => {
    expect(detectSheet(table('p', [['专业', '年级', '课程代码', '课程名称', '学期', '考核方式', '计入平均分']])).detected?.kind).toBe('plan');
    expect(detectSheet(table('s', [['本科院校', '本科专业', '高职专业', '计划数']])).detected?.kind).toBe('seats');
    expect(detectSheet(table('a', [['学号', '姓名', '类别', '项目名称', '级别', '等次']])).detected?.kind).toBe('awards');
    // 教务 exports often carry 专业/年级 columns: still grades
    expect(detectSheet(table('g', [['学号', '姓名', '专业', '年级', '课程代码', '课程名称', '成绩', '学期', '考核方式', '学分']])).detected?.kind).toBe('grades');
    // a plan with 学分 and without 年级/计入平均分: a tie broken by required columns ⇒ plan
    expect(detectSheet(table('p2', [['专业', '课程代码', '课程名称', '学期', '考核方式', '学分']])).detected?.kind).toBe('plan');
  });

  test('lastColumn: the rightmost column with content in any row (blank trailing cells do not count)', () => {
    const rows: CellValue[][] = [
      ['学号', '姓名', '专业', '年级', null, ''],
      ['2021001', '张三', '机电', 2021, null, null, null],
      ['2021002', '李四', '机电', 2021, null, null, '备注', null],
      ['2021003', '王五', '机电', 2021],
    ];
    expect(detectSheet(table('名册', rows)).detected?.lastColumn).toBe(7);
    expect(detectSheet(table('名册', rows, { originCol: 3 })).detected?.lastColumn).toBe(9);
    expect(detectSheet(table('名册', [rows[0], rows[1], rows[3]])).detected?.lastColumn).toBe(4);
  });

  test('missing required column ⇒ error naming sheet, header row and header', () => {
    const d = detectSheet(table('名册', [['标题'], ['学号', '姓名', '专业']]));
    expect(d.detected?.kind).toBe('roster');
    expect(d.issues).toHaveLength(1);
    expect(d.issues[0]).toMatchObject({ severity: 'error', code: 'MISSING_COLUMN', sheet: '名册', row: 2 });
    expect(d.issues[0]?.message).toContain('年级');
    expect(d.issues[0]?.message).toContain('第2行');
  });

  test('unknown sheet ⇒ info; owned sheets are never inputs; a table named ZSB_META is (the hosts leave out only the tool\'s own meta sheet, recognised by its content)', () => {
    const p = parseTables([roster, grades, table('备注', [['随便写写']]), table(META_SHEET, [['我自己的笔记']]), table('附件5', [['学号', '姓名', '专业', '年级']])], config, {
      ownedSheets: ['附件5'],
    });
    expect(p.sheets.map((s) => s.sheet)).toEqual(['学生名册', '成绩']);
    expect(p.issues.filter((i) => i.code === 'UNKNOWN_SHEET').map((i) => i.sheet).sort()).toEqual([META_SHEET, '备注'].sort());
    expect(p.issues.find((i) => i.code === 'UNKNOWN_SHEET')?.severity).toBe('info');
  });
});

describe('SPEC §1 parsing', () => {
  test('roster and grades → domain', () => {
    const p = parseTables([roster, grades], config);
    expect(p.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(p.input.students.map((s) => [s.studentId, s.cohort, s.registration, s.source.row])).toEqual([
      ['2021001', 2021, 'registered', 4],
      ['2021002', 2021, 'waived', 5],
    ]);
    expect(p.input.hasRegistration).toBe(true);
    expect(p.input.plan).toBeNull();
    expect(p.input.awards).toBeNull();
    expect(p.input.seats).toBeNull();
    const a = p.input.attempts.toArray();
    expect(a).toHaveLength(3);
    expect(a[0]).toMatchObject({ studentId: '2021001', courseName: '高等数学', term: 1, kind: 'regular', date: '2024-03-18', score: { kind: 'score', hundredths: 8550 } });
    expect(a[0]?.source).toEqual({ sheet: '成绩', row: 2, column: 'D' });
    expect(a[1]).toMatchObject({ term: 2, kind: 'makeup', date: '2024-03-19', score: { kind: 'score', hundredths: 8500 } });
    expect(a[2]).toMatchObject({ kind: 'regular', score: { kind: 'pending' } });
  });

  test('without 报名状态 registration is null and hasRegistration false', () => {
    const p = parseTables([table('名册', [['学号', '姓名', '专业', '年级'], ['1', 'a', 'm', 2021]]), table('成绩', [['学号', '课程', '成绩'], ['1', 'c', 80]])], config);
    expect(p.input.hasRegistration).toBe(false);
    expect(p.input.students[0]?.registration).toBeNull();
  });

  test('several roster sheets are one table; duplicate 学号 ⇒ error at both rows', () => {
    const a = table('机电学院', [['学号', '姓名', '专业', '年级'], ['001', '甲', 'm', 2021], ['002', '乙', 'm', 2021]]);
    const b = table('汽车学院', [['标题'], ['学号', '姓名', '专业', '年级'], ['003', '丙', 'n', 2021], ['001', '甲2', 'n', 2021]]);
    const p = parseTables([a, b, table('成绩', [['学号', '课程', '成绩']])], config);
    expect(p.input.students.map((s) => s.studentId)).toEqual(['001', '002', '003']);
    const dup = p.issues.filter((i) => i.code === 'DUPLICATE_ID');
    expect(dup.map((i) => `${i.sheet}!${i.cell}`).sort()).toEqual(['机电学院!A2', '汽车学院!A4']);
    expect(dup.every((i) => i.severity === 'error')).toBe(true);
    expect(dup[0]?.message).toContain('001');
  });

  test('grade issues are located at the exact cell', () => {
    const g = table('成绩', [
      ['学号', '姓名', '课程名称', '成绩', '学期', '考试性质', '成绩日期'],
      ['2021001', '张三', '高数', null, 1, null, null],
      ['2021001', '张三', '英语', '101', 1, null, null],
      ['2021001', '张三', '体育', '甲等', 1, null, null],
      ['2021001', '张三', '物理', { error: '#N/A' }, 1, null, null],
      ['2021001', '张三', '化学', 70, '春季', null, null],
      ['2021001', '张三', '生物', 70, 1, '清考', null],
      ['2021001', '张三', '地理', 70, 1, null, '明天'],
      ['9999999', '王五', '地理', 70, 1, null, null],
      ['9999999', '王五', '历史', 70, 1, null, null],
      ['2021002', '李四四', '地理', 70, 1, null, null],
    ]);
    const p = parseTables([roster, g], config);
    const byCode = (c: string) => p.issues.filter((i) => i.code === c).map((i) => `${i.sheet}!${i.cell}:${i.severity}`);
    expect(byCode('EMPTY_SCORE')).toEqual(['成绩!D2:warning']);
    expect(byCode('SCORE_OUT_OF_RANGE')).toEqual(['成绩!D3:error']);
    expect(byCode('BAD_SCORE')).toEqual(['成绩!D4:error']);
    expect(byCode('CELL_ERROR')).toEqual(['成绩!D5:error']);
    expect(byCode('BAD_TERM')).toEqual(['成绩!E6:error']);
    // SPEC §1.6: a 考试性质 outside the vocabulary is read as 正考 and reported once by the shared collector.
    expect(byCode('UNKNOWN_VALUE')).toEqual(['成绩!F7:warning']);
    expect(p.issues.find((i) => i.code === 'UNKNOWN_VALUE')?.message).toContain('“考试性质”列的取值“清考”');
    expect(byCode('BAD_DATE')).toEqual(['成绩!G8:error']);
    expect(byCode('UNKNOWN_STUDENT')).toEqual(['成绩!A9:warning']);
    expect(byCode('NAME_MISMATCH')).toEqual(['成绩!B11:warning']);
    expect(p.issues.find((i) => i.code === 'UNKNOWN_STUDENT')?.message).toContain('2 条成绩');
    expect(p.issues.find((i) => i.code === 'CELL_ERROR')?.message).toMatch(/^成绩!D5：.*#N\/A/);
    // unreadable rows are not attempts; the 清考 row is read as 正考; the name-mismatch row is kept
    expect(p.input.attempts.toArray().map((a) => a.courseName)).toEqual(['生物', '地理']);
    expect(p.input.attempts.toArray()[0]?.kind).toBe('regular');
  });

  test('roster value problems: bad 年级, bad boolean, 学籍异动 types, 处分 text, 志愿', () => {
    const r = table('名册', [
      ['学号', '姓名', '专业', '年级', '学籍异动', '退役士兵', '处分', '培养类型', '排名组', '志愿2', '志愿1', '裁定结果'],
      ['1', '甲', 'm', '2021', '转专业', '是', '警告处分（未解除）', '扩招', '天工班', '乙大学/乙专业', '甲大学/甲专业', '推荐'],
      ['2', '乙', 'm', '二一', '否', '也许', '无', '', '', '', '甲大学', ''],
    ]);
    const p = parseTables([r, table('成绩', [['学号', '课程', '成绩']])], config);
    const s1 = p.input.students[0];
    expect(s1).toMatchObject({
      statusChange: true,
      statusChangeType: '转专业',
      veteran: true,
      sanction: true,
      trainingType: 'expanded',
      rankingGroup: '天工班',
      ruling: 'recommend',
      wishes: [
        { university: '甲大学', program: '甲专业' },
        { university: '乙大学', program: '乙专业' },
      ],
    });
    expect(p.input.students).toHaveLength(1);
    const errs = p.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.cell}`);
    expect(errs.sort()).toEqual(['BAD_BOOLEAN@F3', 'BAD_COHORT@D3', 'BAD_WISH@K3']);
  });

  test('awards: 审核结果 absent ⇒ all verified + one info; unknown 学号 ⇒ warning', () => {
    const aw = table('获奖', [
      ['学号', '姓名', '类别', '项目名称', '级别', '等次', '团队排名', '获奖年份'],
      ['2021001', '张三', '全国职业院校技能大赛', '工业机器人', '国家级', '二等奖', 2, '2023年'],
      ['8888', '某人', '荣誉称号', '三好学生', '校级', '', null, 2022],
    ]);
    const p = parseTables([roster, grades, aw], config);
    expect(p.input.awards).toEqual([
      expect.objectContaining({ studentId: '2021001', level: 'national', levelText: '国家级', grade: '二等奖', teamRank: 2, year: 2023, verified: true }),
    ]);
    expect(p.issues.filter((i) => i.code === 'NO_VERIFICATION_COLUMN')).toHaveLength(1);
    expect(p.issues.find((i) => i.code === 'NO_VERIFICATION_COLUMN')?.severity).toBe('info');
    expect(p.issues.find((i) => i.code === 'UNKNOWN_STUDENT')).toMatchObject({ severity: 'warning', sheet: '获奖', cell: 'A3' });
  });

  test('awards with 审核结果: 通过 / 不通过 / blank / bad', () => {
    const aw = table('获奖', [
      ['学号', '类别', '级别', '等次', '审核结果'],
      ['2021001', '广西职业院校技能大赛', '省级', '一等奖', '通过'],
      ['2021001', '广西职业院校技能大赛', '自治区级', '二等奖', '不通过'],
      ['2021001', '广西职业院校技能大赛', '区级', '三等奖', ''],
      ['2021001', '广西职业院校技能大赛', '区级', '三等奖', '再看看'],
    ]);
    const p = parseTables([roster, grades, aw], config);
    expect(p.input.awards?.map((a) => [a.level, a.verified])).toEqual([
      ['regional', true],
      ['regional', false],
      ['regional', false],
      ['regional', false],
    ]);
    expect(p.issues.find((i) => i.code === 'UNVERIFIED_AWARD')?.cell).toBe('E4');
    expect(p.issues.find((i) => i.code === 'BAD_VERIFICATION')).toMatchObject({ severity: 'error', cell: 'E5' });
  });

  test('plan and seats', () => {
    const plan = table('教学计划', [
      ['专业', '年级', '课程代码', '课程名称', '学期', '计入平均分'],
      ['机电一体化技术', '', 'C01', '高等数学', '第1学期', null],
      ['机电一体化技术', 2021, 'C02', '大学英语', '2021-2022-2', '否'],
    ]);
    const seats = table('对口招录计划', [
      ['本科院校', '本科专业', '高职专业', '计划数', '年级'],
      ['广西科技大学', '机械工程', '机电一体化技术', 3, null],
      ['广西科技大学', '车辆工程', '汽车检测与维修技术', 'x', null],
    ]);
    const p = parseTables([roster, grades, plan, seats], config);
    expect(p.input.plan?.map((c) => [c.courseCode, c.cohort, c.term, c.counted])).toEqual([
      ['C01', null, 1, true],
      ['C02', 2021, 2, false],
    ]);
    expect(p.input.seats).toEqual([expect.objectContaining({ university: '广西科技大学', program: '机械工程', seats: 3, cohort: null })]);
    expect(p.issues.find((i) => i.code === 'BAD_SEATS')).toMatchObject({ severity: 'error', cell: 'D3' });
  });

  test('no roster ⇒ error; footers and repeated header rows are skipped; hidden rows ⇒ info', () => {
    expect(parseTables([grades], config).issues.map((i) => i.code)).toContain('NO_ROSTER');
    const r = table('名册', [
      ['学号', '姓名', '专业', '年级'],
      ['1', '甲', 'm', 2021],
      ['学号', '姓名', '专业', '年级'],
      ['2', '乙', 'm', 2021],
      [null, '制表人：王老师', null, null],
    ], { hiddenRows: [4] });
    const p = parseTables([r, grades], config);
    expect(p.input.students.map((s) => s.studentId)).toEqual(['1', '2']);
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(p.issues.find((i) => i.code === 'HIDDEN_ROWS')).toMatchObject({ severity: 'info', row: 4 });
  });

  test('an academic term before the cohort: warning for a 学籍异动 student, error otherwise', () => {
    const r = table('名册', [
      ['学号', '姓名', '专业', '年级', '学籍异动'],
      ['1', '甲', 'm', 2021, '复学'],
      ['2', '乙', 'm', 2021, '否'],
    ]);
    const g = table('成绩', [
      ['学号', '课程', '成绩', '学期'],
      ['1', '高数', 80, '2019-2020-1'],
      ['2', '高数', 80, '2019-2020-1'],
    ]);
    const p = parseTables([r, g], config);
    expect(p.issues.filter((i) => i.code === 'TERM_BEFORE_COHORT').map((i) => `${i.severity}@${i.cell}`)).toEqual(['warning@D2']);
    expect(p.issues.filter((i) => i.code === 'BAD_TERM').map((i) => `${i.severity}@${i.cell}`)).toEqual(['error@D3']);
    expect(p.input.attempts.toArray().map((a) => [a.studentId, a.term])).toEqual([['1', undefined]]);
  });
});

describe('real-file shapes (corpus findings)', () => {
  test('two-row merged header: the second row names the columns under a banner', () => {
    const r = table('名册', [
      ['学号', '姓名', '专业', '年级', '学籍情况', null],
      [null, null, null, null, '学籍异动', '退役士兵'],
      ['0210101', '甲', 'm', '2021级', '否', '是'],
    ]);
    const p = parseTables([r, table('成绩', [['学号', '课程', '成绩'], ['0210101', 'c', 80]])], config);
    expect(p.sheets[0]?.columns.veteran?.column).toBe('F');
    expect(p.input.students.map((s) => [s.studentId, s.veteran, s.source.row])).toEqual([['0210101', true, 3]]);
    expect(p.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  test('a footer in the 学号 column is skipped (info), not read as data', () => {
    const g = table('成绩', [['学号', '课程', '成绩'], ['0210101', 'c', 80], [null, null, null], ['制表人：教务科', null, null], ['审核人：', null, null]]);
    const p = parseTables([table('名册', [['学号', '姓名', '专业', '年级'], ['0210101', '甲', 'm', 2021]]), g], config);
    expect(p.issues.filter((i) => i.code === 'SKIPPED_ROW').map((i) => `${i.severity}@${i.row}`)).toEqual(['info@4', 'info@5']);
    expect(p.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  test('学号 that lost their leading zeros on either side (SPEC §1.6): matched, one warning with the count, never missing grades', () => {
    const r = table('名册', [['学号', '姓名', '专业', '年级'], ['0210101', '甲', 'm', 2021], [210102, '乙', 'm', 2021], ['0210103', '丙', 'm', 2021]]);
    const g = table('成绩', [['学号', '课程', '成绩'], ['0210101', 'c', 80], ['0210102', 'c', 80], [210103, 'c', 70], [210103, 'd', 70]]);
    const p = parseTables([r, g], config);
    expect(p.issues.filter((i) => i.severity !== 'info').map((i) => `${i.severity} ${i.code} ${i.sheet}!${i.cell}`)).toEqual([
      'warning ID_LOST_ZEROS 名册!A3',
      'warning ID_ZEROS_MATCHED 成绩!A3',
    ]);
    // By hand: 0210102 (grades) → roster 210102, 210103 ×2 → roster 0210103: 2 students, 3 rows.
    expect(p.issues.find((i) => i.code === 'ID_ZEROS_MATCHED')?.message).toContain('2 名学生的 3 条成绩');
    const rows = p.input.attempts.toArray().map((a) => `${a.studentId}:${a.courseName}`).sort();
    expect(rows).toEqual(['0210101:c', '0210103:c', '0210103:d', '210102:c']);
  });

  test('a roster of 学号 stored as numbers (77) and grades that keep the zeros (0000000077): matched, whatever the row order; numbers and text agree', () => {
    const roster = (ids: (string | number)[]) => table('名册', [['学号', '姓名', '专业', '年级'], ...ids.map((id, i) => [id, `生${i}`, 'm', 2021])]);
    const grades = (ids: string[]) => table('成绩', [['学号', '课程', '成绩'], ...ids.flatMap((id) => [[id, 'c', 80], [id, 'd', 90]])]);
    const asNumbers = parseTables([roster([77, 78, 1234]), grades(['0000000078', '0000000077', '0000001234'])], config);
    expect(asNumbers.issues.filter((i) => i.severity !== 'info').map((i) => `${i.severity} ${i.code} ${i.cell}`)).toEqual(['warning ID_ZEROS_MATCHED A2']);
    expect(asNumbers.issues.find((i) => i.code === 'ID_ZEROS_MATCHED')?.message).toContain('3 名学生的 6 条成绩');
    const asText = parseTables([roster(['77', '78', '1234']), grades(['0000000077', '0000000078', '0000001234'].reverse())], config);
    const byStudent = (p: typeof asText) => p.input.attempts.toArray().map((a) => `${a.studentId}:${a.courseName}`).sort();
    expect(byStudent(asNumbers)).toEqual(['1234:c', '1234:d', '77:c', '77:d', '78:c', '78:d']);
    expect(byStudent(asText)).toEqual(byStudent(asNumbers));
    // Two roster 学号 with the same digits (077, 0077): no guess, the grade row stays an unknown 学号.
    const ambiguous = parseTables([roster(['077', '0077']), grades(['77'])], config);
    expect(ambiguous.issues.filter((i) => i.severity === 'warning').map((i) => i.code).sort()).toEqual(['STUDENT_NO_GRADES', 'STUDENT_NO_GRADES', 'UNKNOWN_STUDENT']);
  });

  test('empty roster ⇒ error at its header; a roster student without any grade ⇒ warning at the 学号', () => {
    const empty = parseTables([table('名册', [['学号', '姓名', '专业', '年级']]), table('成绩', [['学号', '课程', '成绩'], ['1', 'c', 80]])], config);
    expect(empty.issues.filter((i) => i.severity !== 'info').map((i) => `${i.severity} ${i.code} ${i.sheet}:${i.row}`)).toEqual(['error EMPTY_ROSTER 名册:1']);
    const p = parseTables([table('名册', [['学号', '姓名', '专业', '年级'], ['1', '甲', 'm', 2021], ['2', '乙', 'm', 2021]]), table('成绩', [['学号', '课程', '成绩'], ['1', 'c', 80]])], config);
    expect(p.issues.filter((i) => i.severity !== 'info').map((i) => `${i.severity} ${i.code} ${i.sheet}!${i.cell}`)).toEqual(['warning STUDENT_NO_GRADES 名册!A3']);
  });
});
