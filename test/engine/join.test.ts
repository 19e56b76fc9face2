/**
 * SPEC §1, §1.1, §1.2, §1.4 (src/engine/join.ts): the 学号 join of input rows to the roster — one roster row
 * per 学号 (DUPLICATE_ID), rows of unknown 学号 (UNKNOWN_STUDENT, one per 学号 at its first row), the 姓名
 * cross-check (NAME_MISMATCH), and each student's rows in (sheet, row) order whatever the input order:
 * the fast path for a table already in source order with each 学号's rows together and the counting path
 * for any other table must give the same rows.
 */
import { attemptTableOf, type AttemptSet } from '../../src/engine/attemptTable';
import { buildGroups } from '../../src/engine/groups';
import type { Issue } from '../../src/engine/issues';
import { attemptsByStudent, byStudent, checkNames, compareSource, uniqueStudents } from '../../src/engine/join';
import type { Attempt, Student } from '../../src/engine/model';
import { attempt, award, student } from './builders';

/** A grade row at 成绩!E<row>. */
const at = (id: string, row: number, over: Partial<Attempt> = {}) => attempt(id, '课程A', 80, { source: { sheet: '成绩', row, column: 'E' }, ...over });
/** The worksheet rows of a student's set, in the order given. */
const rowsOf = (s: AttemptSet) => Array.from({ length: s.to - s.from }, (_, k) => s.table.source(s.rows[s.from + k] as number).row);
const roster = (...students: Student[]) => new Map(students.map((s) => [s.studentId, s]));

describe('compareSource: sheet, then row, then column', () => {
  it('orders by each in turn', () => {
    expect(compareSource({ sheet: 'A', row: 9 }, { sheet: 'B', row: 1 })).toBeLessThan(0);
    expect(compareSource({ sheet: 'A', row: 2 }, { sheet: 'A', row: 10 })).toBeLessThan(0);
    expect(compareSource({ sheet: 'A', row: 2, column: 'F' }, { sheet: 'A', row: 2, column: 'E' })).toBeGreaterThan(0);
    expect(compareSource({ sheet: 'A', row: 2, column: 'E' }, { sheet: 'A', row: 2, column: 'E' })).toBe(0);
  });
});

describe('uniqueStudents (DUPLICATE_ID)', () => {
  it('keeps the first row of a 学号 by (sheet, row) and reports every other at its own row', () => {
    const later = student('1', { name: '重复', source: { sheet: '学生名册', row: 9 } });
    const first = student('1', { name: '张三', source: { sheet: '学生名册', row: 3 } });
    const other = student('2', { source: { sheet: '学生名册', row: 4 } });
    const issues: Issue[] = [];
    const { list, byId } = uniqueStudents([later, other, first], issues);
    expect(list).toEqual([first, other]);
    expect(byId.get('1')).toBe(first);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'DUPLICATE_ID', sheet: '学生名册', row: 9 });
    expect(issues[0].message).toContain('学号 1（重复）');
    expect(issues[0].message).toContain('另见 学生名册 第3行');
  });
  it('uses the caller’s index when it holds exactly the roster, and then reports nothing', () => {
    const a = student('1');
    const b = student('2');
    const index = roster(a, b);
    const issues: Issue[] = [];
    const out = uniqueStudents([b, a], issues, index);
    expect(out.byId).toBe(index);
    expect(out.list).toEqual([b, a]);
    expect(issues).toEqual([]);
  });
});

describe('byStudent (award rows)', () => {
  it('each known 学号 its rows in (sheet, row) order; an unknown 学号: empty, one warning at its first row', () => {
    const known = roster(student('1'));
    const r12 = award('1', { source: { sheet: '获奖与荣誉', row: 12 } });
    const r5 = award('1', { source: { sheet: '获奖与荣誉', row: 5 } });
    const x20 = award('x', { source: { sheet: '获奖与荣誉', row: 20 } });
    const x7 = award('x', { source: { sheet: '获奖与荣誉', row: 7 } });
    const issues: Issue[] = [];
    const out = byStudent([x20, r12, x7, r5], known, '获奖与荣誉', issues);
    expect([...out.keys()]).toEqual(['1', 'x']);
    expect(out.get('1')).toEqual([r5, r12]);
    expect(out.get('x')).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', code: 'UNKNOWN_STUDENT', row: 7 });
    expect(issues[0].message).toBe('获奖与荣誉中的学号 x 不在学生名册中，该学号的获奖与荣誉已忽略；请核对学号或把该生加入名册');
  });
});

describe('attemptsByStudent (grade rows)', () => {
  const known = roster(student('A'), student('B'), student('C'));
  /** Rows 10–15: A 10, 11; B 12, 13; X (unknown) 14, 15. */
  const sorted = [at('A', 10), at('A', 11), at('B', 12), at('B', 13), at('X', 14), at('X', 15)];
  const expectRows = (rows: Attempt[]) => {
    const issues: Issue[] = [];
    const table = attemptTableOf(rows);
    const of = attemptsByStudent(table, known, issues);
    expect(rowsOf(of.of('A'))).toEqual([10, 11]);
    expect(rowsOf(of.of('B'))).toEqual([12, 13]);
    expect(rowsOf(of.of('C'))).toEqual([]); // in the roster, no grade row
    expect(rowsOf(of.of('X'))).toEqual([]); // not in the roster: left out
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'UNKNOWN_STUDENT', row: 14, cell: 'E14' });
    return table;
  };
  it('a table in source order, each 学号 together (the fast path)', () => {
    expect(expectRows(sorted).isSourceOrdered()).toBe(true);
  });
  it('the same rows shuffled (the counting path, then a sort per student)', () => {
    const shuffled = [sorted[3], sorted[5], sorted[0], sorted[4], sorted[2], sorted[1]] as Attempt[];
    expect(expectRows(shuffled).isSourceOrdered()).toBe(false);
  });
  it('a table in source order with a 学号 in two runs (A, B, A)', () => {
    const issues: Issue[] = [];
    const table = attemptTableOf([at('A', 10), at('B', 11), at('A', 12)]);
    expect(table.isSourceOrdered()).toBe(true);
    const of = attemptsByStudent(table, known, issues);
    expect(rowsOf(of.of('A'))).toEqual([10, 12]);
    expect(rowsOf(of.of('B'))).toEqual([11]);
    expect(issues).toEqual([]);
  });
  it('ofGroup: the members’ rows, one student after another in 学号 order', () => {
    const group = buildGroups([student('B'), student('A')])[0];
    const of = attemptsByStudent(attemptTableOf([at('B', 3), at('A', 9), at('B', 1), at('A', 4)]), known, []);
    expect(rowsOf(of.ofGroup(group))).toEqual([4, 9, 1, 3]);
  });
});

describe('checkNames (NAME_MISMATCH)', () => {
  it('warns at each grade row whose 姓名 differs after normalising; blank and equal names pass', () => {
    const s = student('1', { name: '张三' });
    const rows = [at('1', 2, { studentName: '李四' }), at('1', 3, { studentName: ' 张 三 ' }), at('1', 4, { studentName: '' }), at('1', 5)];
    const issues: Issue[] = [];
    checkNames(attemptsByStudent(attemptTableOf(rows), roster(s), []).of('1'), s, issues);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', code: 'NAME_MISMATCH', row: 2 });
    expect(issues[0].message).toBe('成绩表中学号 1 的姓名“李四”与名册中的“张三”不一致，请核对学号或姓名');
  });
  it('a table without any 姓名 is not checked', () => {
    const s = student('1', { name: '张三' });
    const issues: Issue[] = [];
    checkNames(attemptsByStudent(attemptTableOf([at('1', 2)]), roster(s), []).of('1'), s, issues);
    expect(issues).toEqual([]);
  });
});
