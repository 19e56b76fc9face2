/** runEngine: wiring of §2.1–§2.9 into the SPEC §3.3 result and the details for the 附件 sheets. */
import { runEngine, sortIssues } from '../../src/engine/index';
import { attempt, award, config, groupWithScores, input, planCourse, score, seats, student } from './builders';

const cfg = config();

describe('SPEC §3.3 shape', () => {
  it('has exactly the documented field names', () => {
    const out = runEngine(groupWithScores([90, 80]), cfg);
    expect(Object.keys(out.result)).toEqual(['version', 'config', 'groups', 'students', 'issues']);
    expect(out.result.version).toBe(1);
    expect(Object.keys(out.result.groups[0]).sort()).toEqual(
      ['key', 'grade', 'major', 'track', 'label', 'size', 'quotaBase', 'quota', 'recommendedQuota', 'recommendedDirect', 'recommendedVeteran', 'tiePending'].sort(),
    );
    expect(Object.keys(out.result.students[0]).sort()).toEqual(
      [
        'studentId', 'name', 'group', 'average', 'countedCourses', 'missingCourses', 'failedCourses', 'rank', 'groupSize', 'top60',
        'eligible', 'direct', 'priority', 'veteran', 'status', 'reasons', 'substituteOrder', 'filledVacancy', 'allocation', 'allocationPending',
      ].sort(),
    );
    expect(out.result.groups[0]).toMatchObject({ key: '2021|机电一体化技术|普通', grade: 2021, major: '机电一体化技术', track: '普通', label: '机电一体化技术', size: 2, quotaBase: 2, quota: 0 });
  });
});

describe('ordering', () => {
  it('students by group key, then rank (unranked last), then 学号; issues sorted', () => {
    const students = [student('b2'), student('a9'), student('c1', { major: '汽车检测与维修技术' }), student('a1'), student('z0')];
    const attempts = [attempt('b2', '课程A', 80), attempt('a9', '课程A', 90), attempt('a1', '课程A', 80), attempt('c1', '课程A', 70)];
    const plan = [planCourse('课程A'), planCourse('课程A', { major: '汽车检测与维修技术' })];
    const out = runEngine(input({ students: students.map((s) => (s.studentId === 'z0' ? { ...s, statusChange: true } : s)), attempts, plan }), cfg);
    expect(out.result.students.map((s) => s.studentId)).toEqual(['a9', 'a1', 'b2', 'z0', 'c1']);
    expect(out.result.issues).toEqual(sortIssues(out.result.issues));
  });
});

describe('input problems become located issues', () => {
  it('the same 学号 twice in the roster is an error at the second row', () => {
    const first = student('1');
    const second = student('1', { name: '重复' });
    const out = runEngine(input({ students: [second, first] }), cfg);
    const dup = out.result.issues.filter((i) => i.code === 'DUPLICATE_ID');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ severity: 'error', sheet: '学生名册', row: second.source.row });
    expect(out.result.students).toHaveLength(1);
  });
  it('an index by 学号 from the caller is used only when it holds exactly the roster: duplicates are still found', () => {
    const first = student('1');
    const second = student('1', { name: '重复' });
    const other = student('2');
    // The caller's index has one entry per 学号 (as a Map would): it does not match a roster with a duplicate.
    const out = runEngine(input({ students: [second, first, other], studentsById: new Map([['1', second], ['2', other]]) }), cfg);
    expect(out.result.issues.filter((i) => i.code === 'DUPLICATE_ID')).toHaveLength(1);
    expect(out.students.get('1')?.student).toBe(first);
    // A matching index gives exactly the run without one.
    const plain = runEngine(groupWithScores([90, 80, 70, 60, 50]), cfg);
    const given = groupWithScores([90, 80, 70, 60, 50]);
    const indexed = runEngine({ ...given, studentsById: new Map(given.students.map((s) => [s.studentId, s])) }, cfg);
    expect(indexed.result).toEqual(plain.result);
  });
  it('grades of an unknown 学号: one warning per 学号, at its first row', () => {
    const a = attempt('x', '课程A', 80);
    const b = attempt('x', '课程B', 80);
    const out = runEngine(input({ students: [student('1')], attempts: [b, a] }), cfg);
    const w = out.result.issues.filter((i) => i.code === 'UNKNOWN_STUDENT');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', row: a.source.row, column: 'E', cell: `E${a.source.row}` });
  });
  it('a 姓名 on a grade row that differs from the roster is a warning at that row', () => {
    const a = attempt('1', '课程A', 80, { studentName: '李四' });
    const out = runEngine(input({ students: [student('1', { name: '张三' })], attempts: [a, attempt('1', '课程A', 80, { studentName: ' 张三 ', kind: 'makeup' })], plan: [planCourse('课程A')] }), cfg);
    const w = out.result.issues.filter((i) => i.code === 'NAME_MISMATCH');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ row: a.source.row });
    expect(w[0].message).toContain('李四');
  });
});

describe('quota base and the walk', () => {
  it('Q = ⌊N × 30 %⌋, or the 毕业班人数 override of the group', () => {
    const data = groupWithScores([95, 90, 85, 80, 75, 70, 65, 62, 61, 60], () => ({ registration: 'registered' }));
    const a = runEngine({ ...data, hasRegistration: true }, cfg);
    expect(a.result.groups[0]).toMatchObject({ quotaBase: 10, quota: 3, recommendedQuota: 3 });
    const b = runEngine({ ...data, hasRegistration: true }, config({ graduatingClassSize: { '2021|机电一体化技术|普通': 20 } }));
    expect(b.result.groups[0]).toMatchObject({ quotaBase: 20, quota: 6, recommendedQuota: 6 });
  });
  it('direct = eligible and qualifying award; an ineligible award holder is not direct', () => {
    const data = groupWithScores([95, 90, 85, 80, 75, 70, 65, 62, 61, 60], (i) => ({ registration: 'registered', sanction: i === 1 }));
    const out = runEngine({ ...data, hasRegistration: true, awards: [award('s001'), award('s002')] }, cfg);
    const byId = new Map(out.result.students.map((s) => [s.studentId, s]));
    expect(byId.get('s001')).toMatchObject({ direct: true, priority: true, status: 'recommended_direct' });
    expect(byId.get('s002')).toMatchObject({ direct: false, eligible: false, reasons: ['SANCTION'], status: 'ineligible' });
    expect(out.result.groups[0]).toMatchObject({ recommendedDirect: 1, recommendedQuota: 3 });
    expect(out.students.get('s001')?.evidence.length).toBeGreaterThan(0);
  });
  it('without registration data every eligible student is `eligible`', () => {
    const out = runEngine(groupWithScores([95, 90, 85, 80, 75]), cfg);
    expect(out.result.students.map((s) => s.status)).toEqual(['eligible', 'eligible', 'eligible', 'ineligible', 'ineligible']);
  });
});

describe('§2.9 allocation wiring', () => {
  const data = () => {
    const d = groupWithScores([95, 90, 85, 80, 75, 70, 65, 62, 61, 60], () => ({
      registration: 'registered',
      wishes: [{ university: '广西科技大学', program: '机械工程' }],
    }));
    return { ...d, hasRegistration: true };
  };
  it('runs over the recommended students when seats and 志愿 exist', () => {
    const out = runEngine({ ...data(), seats: [seats('广西科技大学', '机械工程', 2)] }, cfg);
    const placed = out.result.students.filter((s) => s.allocation !== null).map((s) => s.studentId);
    expect(placed).toEqual(['s001', 's002']);
    expect(out.seats).toHaveLength(1);
  });
  it('does not run without seats', () => {
    const out = runEngine(data(), cfg);
    expect(out.result.students.every((s) => s.allocation === null && !s.allocationPending)).toBe(true);
  });
});

describe('details for the 附件 sheets', () => {
  it('per-course scores with their source, in plan order; group plan courses', () => {
    const plan = [planCourse('数学'), planCourse('英语', { term: 2 }), planCourse('制图', { term: 3 }), planCourse('体育', { term: 4 })];
    const attempts = [
      attempt('1', '数学', 50),
      attempt('1', '数学', 70, { kind: 'retake' }),
      attempt('1', '英语', score(0, '缺考')),
      attempt('1', '体育', { kind: 'exempt' }),
    ];
    const out = runEngine(input({ students: [student('1')], attempts, plan }), cfg);
    const d = out.students.get('1');
    expect(d?.courses.map((c) => [c.courseName, c.source, c.hundredths, c.counted])).toEqual([
      ['数学', 'later', 6000, true],
      ['英语', 'first', 0, true],
      ['制图', 'missing', 0, true],
      ['体育', 'exempt', null, false],
    ]);
    expect(d?.courses.at(0)?.laterKind).toBe('retake');
    expect(d?.courses.at(1)?.mark).toBe('缺考');
    expect(d?.exactAverage).toEqual({ num: 6000, den: 3 });
    expect(out.groups.get('2021|机电一体化技术|普通')?.courses.map((c) => c.courseName)).toEqual(['数学', '英语', '制图', '体育']);
    expect(out.result.students[0]).toMatchObject({ average: '20.00', countedCourses: 3, missingCourses: ['制图'], failedCourses: ['英语'] });
  });
});

describe('grade rows grouped by student or not', () => {
  // The engine takes a shortcut when each 学号's rows come together in source order (the usual export);
  // rows listed course by course, or out of order, take the general path. Both must give the same run.
  const students = [student('s1'), student('s2')];
  const plan = [planCourse('课程A'), planCourse('课程B')];
  const row = (id: string, course: string, value: number, r: number, kind: 'regular' | 'makeup' = 'regular') =>
    attempt(id, course, value, { kind, source: { sheet: '成绩', row: r, column: 'E' } });
  const byStudent = [
    row('s1', '课程A', 50, 2), row('s1', '课程A', 70, 3, 'makeup'), row('s1', '课程B', 80, 4),
    row('x9', '课程A', 99, 5), row('x9', '课程B', 99, 6),
    row('s2', '课程A', 90, 7), row('s2', '课程B', 60, 8),
  ];
  const byCourse = [
    row('s1', '课程A', 50, 2), row('x9', '课程A', 99, 3), row('s2', '课程A', 90, 4), row('s1', '课程A', 70, 5, 'makeup'),
    row('s1', '课程B', 80, 6), row('x9', '课程B', 99, 7), row('s2', '课程B', 60, 8),
  ];
  it('same averages, statuses and issues (unknown 学号 reported at its first row)', () => {
    const a = runEngine(input({ students, attempts: byStudent, plan }), cfg);
    const b = runEngine(input({ students, attempts: byCourse, plan }), cfg);
    const c = runEngine(input({ students, attempts: [...byStudent].reverse(), plan }), cfg);
    const shape = (o: typeof a) => o.result.students.map((s) => [s.studentId, s.average, s.countedCourses, s.failedCourses]);
    expect(shape(a)).toEqual([['s2', '75.00', 2, []], ['s1', '70.00', 2, []]]);
    expect(shape(b)).toEqual(shape(a));
    expect(shape(c)).toEqual(shape(a));
    const unknown = (o: typeof a) => o.result.issues.filter((i) => i.code === 'UNKNOWN_STUDENT').map((i) => [i.message, i.row]);
    expect(unknown(a)).toEqual([[expect.stringContaining('x9'), 5]]);
    expect(unknown(b)).toEqual([[expect.stringContaining('x9'), 3]]);
    expect(unknown(c)).toEqual(unknown(a));
    expect(JSON.stringify([...b.students])).toBe(JSON.stringify([...runEngine(input({ students, attempts: [...byCourse].reverse(), plan }), cfg).students]));
  });
});

describe('the same 课程代码 in the plans of two groups', () => {
  it('is matched against each group’s own plan (order and names differ)', () => {
    const a = student('a1', { major: '机电一体化技术' });
    const b = student('b1', { major: '汽车检测与维修技术' });
    const plan = [
      planCourse('高等数学', { major: '机电一体化技术', courseCode: 'K01', term: 1 }),
      planCourse('机械制图', { major: '机电一体化技术', courseCode: 'K02', term: 2 }),
      planCourse('汽车构造', { major: '汽车检测与维修技术', courseCode: 'K02', term: 1 }),
      planCourse('高等数学B', { major: '汽车检测与维修技术', courseCode: 'K01', term: 2 }),
    ];
    const attempts = [
      attempt('a1', '高等数学', 91, { courseCode: 'K01' }), attempt('a1', '机械制图', 62, { courseCode: 'K02' }),
      attempt('b1', '高等数学B', 88, { courseCode: 'K01' }), attempt('b1', '汽车构造', 70, { courseCode: 'K02' }),
    ];
    const out = runEngine(input({ students: [a, b], attempts, plan }), cfg);
    const marks = (id: string) => out.students.get(id)?.courses.toArray().map((c) => [c.courseCode, c.courseName, c.hundredths]);
    expect(marks('a1')).toEqual([['K01', '高等数学', 9100], ['K02', '机械制图', 6200]]);
    expect(marks('b1')).toEqual([['K02', '汽车构造', 7000], ['K01', '高等数学B', 8800]]);
  });
});
