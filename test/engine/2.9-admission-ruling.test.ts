/**
 * SPEC §2.9 (issue 13 point 7): a 录取裁定 settles an allocation conflict — the named members take the contested
 * seats, the other members of the block go on to their next 志愿 with a seat in the same pass; more 录取裁定
 * than seats, or one naming another programme, is an error at that cell. Messages name 学号（姓名）.
 */
import { allocate, type AllocationCandidate } from '../../src/engine/allocation';
import { fraction } from '../../src/engine/exact';
import type { Wish } from '../../src/engine/model';
import { config, seats } from './builders';

const cfg = config();
let row = 1;
const wish = (text: string, column?: string): Wish => {
  const [university, program] = text.split('/');
  return column ? { university, program, source: { sheet: '学生名册', row, column } } : { university, program };
};
function cand(id: string, avg: number, wishes: string[], ruling?: string): AllocationCandidate {
  row++;
  return {
    studentId: id,
    name: `生${id}`,
    major: '机电一体化技术',
    cohort: 2021,
    key: fraction(Math.round(avg * 100), 1),
    priority: false,
    wishes: wishes.map((w) => wish(w)),
    source: { sheet: '学生名册', row },
    ...(ruling ? { admissionRuling: wish(ruling, 'T') } : {}),
  };
}
function placed(out: ReturnType<typeof allocate>): Record<string, string | null> {
  return Object.fromEntries(
    [...out.outcomes].map(([id, o]) => [id, o.allocation ? `${o.allocation.university}/${o.allocation.program}` : o.pending ? 'PENDING' : null]),
  );
}
// 广西科技大学/机械工程 1 seat; 桂林理工大学/机械电子工程 2 seats; 玉林师范学院/机械工程 1 seat.
const plan = () => [seats('广西科技大学', '机械工程', 1), seats('桂林理工大学', '机械电子工程', 2), seats('玉林师范学院', '机械工程', 1)];
const A = '广西科技大学/机械工程';
const B = '桂林理工大学/机械电子工程';
const C = '玉林师范学院/机械工程';

describe('录取裁定 settles a conflict', () => {
  test('without a ruling: a and b (tie) both want A (1 seat) ⇒ both pending, A held, the conflict names 学号（姓名）', () => {
    const out = allocate([cand('a', 90, [A, B]), cand('b', 90, [A, C]), cand('z', 80, [A, C])], plan(), cfg);
    expect(placed(out)).toEqual({ a: 'PENDING', b: 'PENDING', z: C });
    const conflict = out.issues.find((i) => i.code === 'ALLOCATION_CONFLICT')!;
    expect(conflict.message).toContain('a（生a）、b（生b）');
    expect(conflict.message).toContain('录取裁定');
  });

  test('录取裁定 A for b: b takes A; a goes on to B in the same pass; z (below) gets C', () => {
    const out = allocate([cand('a', 90, [A, B]), cand('b', 90, [A, C], A), cand('z', 80, [A, C])], plan(), cfg);
    expect(placed(out)).toEqual({ a: B, b: A, z: C });
    expect(out.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  test('the one who moves on may take the seat the lower-ranked student would have had (成绩优先)', () => {
    // a loses A by the ruling and goes on to C (1 seat) before z, who then has no seat.
    const out = allocate([cand('a', 90, [A, C]), cand('b', 90, [A], A), cand('z', 80, [C])], plan(), cfg);
    expect(placed(out)).toEqual({ a: C, b: A, z: null });
  });

  test('more 录取裁定 than seats: an error at the 录取裁定 cell, nobody is placed there', () => {
    const out = allocate([cand('a', 90, [A, B], A), cand('b', 90, [A, C], A)], plan(), cfg);
    expect(placed(out)).toEqual({ a: 'PENDING', b: 'PENDING' });
    const err = out.issues.find((i) => i.code === 'ADMISSION_RULING_TOO_MANY')!;
    expect(err).toMatchObject({ severity: 'error', column: 'T' });
    expect(err.message).toContain('a（生a）、b（生b）');
  });

  test('a 录取裁定 naming another programme than the conflict: an error at that cell', () => {
    const out = allocate([cand('a', 90, [A, B], C), cand('b', 90, [A, C])], plan(), cfg);
    expect(placed(out)).toEqual({ a: 'PENDING', b: 'PENDING' });
    const err = out.issues.find((i) => i.code === 'ADMISSION_RULING_OTHER_PROGRAMME')!;
    expect(err).toMatchObject({ severity: 'error', column: 'T' });
    expect(err.message).toMatch(/^a（生a） 的录取裁定“玉林师范学院\/机械工程”/u);
  });

  test('a 录取裁定 on a student without a conflict is ignored with a warning', () => {
    const out = allocate([cand('a', 90, [A], B)], plan(), cfg);
    expect(placed(out)).toEqual({ a: A });
    expect(out.issues.find((i) => i.code === 'ADMISSION_RULING_IGNORED')).toMatchObject({ severity: 'warning' });
  });

  test('three-way tie for B (2 seats) with two rulings: both take B, the third goes on to C', () => {
    const out = allocate([cand('a', 90, [B, C], B), cand('b', 90, [B, C]), cand('c', 90, [B, C], B)], plan(), cfg);
    expect(placed(out)).toEqual({ a: B, b: C, c: B });
  });
});

describe('the 录取裁定 column of the roster', () => {
  test('read as 本科院校/本科专业 and applied end to end', async () => {
    const { analyse } = await import('../../src/pipeline');
    const { table } = await import('../sheets/helpers');
    // 10 students, all 90 except the last 8 at 50..57: a and b tie at 90, Q = 3; both recommended.
    const rows = [
      ['a', '甲', '机电', 2021, '已报名', A, B, null],
      ['b', '乙', '机电', 2021, '已报名', A, C, A],
      ...Array.from({ length: 8 }, (_, i) => [`x${i}`, `丙${i}`, '机电', 2021, '未报名', null, null, null]),
    ];
    const roster = table('名册', [['学号', '姓名', '专业', '年级', '报名状态', '志愿1', '志愿2', '录取裁定'], ...rows]);
    const grades = table('成绩', [['学号', '课程名称', '成绩'], ['a', '高数', 90], ['b', '高数', 90], ...Array.from({ length: 8 }, (_, i) => [`x${i}`, '高数', 50 + i])]);
    const seatSheet = table('对口招录计划', [
      ['本科院校', '本科专业', '高职专业', '计划数'],
      ['广西科技大学', '机械工程', '机电', 1],
      ['桂林理工大学', '机械电子工程', '机电', 2],
    ]);
    const res = analyse([roster, grades, seatSheet], cfg).output!.result.students;
    const by = new Map(res.map((s) => [s.studentId, s]));
    expect(by.get('a')!.allocation).toEqual({ university: '桂林理工大学', program: '机械电子工程' });
    expect(by.get('b')!.allocation).toEqual({ university: '广西科技大学', program: '机械工程' });
  });
});
