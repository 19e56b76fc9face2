/** SPEC §2.5: competition ranking and the 60 % line. */
import { runEngine } from '../../src/engine/index';
import { isTop60, rankGroup } from '../../src/engine/ranking';
import { fraction } from '../../src/engine/exact';
import { attempt, config, groupWithScores, input, planCourse, student } from './builders';

const cfg = config();
const k = (units: number) => fraction(Math.round(units * 100), 1);

describe('§2.5 competition rank (RANK.EQ)', () => {
  it('1, 2, 2, 4 — equal keys share a rank and the next rank skips', () => {
    const r = rankGroup(
      [
        { studentId: 'a', key: k(90) },
        { studentId: 'b', key: k(80) },
        { studentId: 'c', key: k(80) },
        { studentId: 'd', key: k(70) },
      ],
      cfg,
    );
    expect(['a', 'b', 'c', 'd'].map((id) => r.get(id)?.rank)).toEqual([1, 2, 2, 4]);
  });
  it('students without an average have no rank and are not top60', () => {
    const r = rankGroup([{ studentId: 'a', key: k(50) }, { studentId: 'b', key: null }], cfg);
    expect(r.get('a')).toEqual({ rank: 1, top60: true });
    expect(r.get('b')).toEqual({ rank: null, top60: false });
  });
  it('never dense ranking: three tied on top then one below is rank 4', () => {
    const r = rankGroup(['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ studentId: id, key: k(i < 3 ? 90 : 80) })), cfg);
    expect(r.get('d')?.rank).toBe(4);
  });
});

describe('§2.5 the 60 % line in integers', () => {
  it('N = 10: ranks 1–6 are top60, 7 is not', () => {
    expect([6, 7].map((rank) => isTop60(rank, 10, cfg))).toEqual([true, false]);
  });
  it('N = 7: 0.6 × 7 = 4.2 ⇒ rank 4 in, 5 out', () => {
    expect([4, 5].map((rank) => isTop60(rank, 7, cfg))).toEqual([true, false]);
  });
  it('N = 5: rank 3 is exactly 60 % ⇒ in', () => {
    expect(isTop60(3, 5, cfg)).toBe(true);
  });
  it('rankPercent is a setting', () => {
    expect(isTop60(6, 10, config({ rankPercent: 50 }))).toBe(false);
  });
  it('ties at the line go in together: ranks 1,2,3,4,5,6,6,6 of 10', () => {
    const out = runEngine(groupWithScores([99, 98, 97, 96, 95, 90, 90, 90, 50, 40]), cfg);
    const top = out.result.students.filter((s) => s.top60).map((s) => s.rank);
    expect(top).toEqual([1, 2, 3, 4, 5, 6, 6, 6]);
  });
  it('a tie straddling the line goes out together: ranks 5,5,5 of 8 (line 4.8)', () => {
    const out = runEngine(groupWithScores([99, 98, 97, 96, 90, 90, 90, 10]), cfg);
    expect(out.result.students.filter((s) => s.rank === 5).map((s) => s.top60)).toEqual([false, false, false]);
    expect(out.result.students.filter((s) => s.top60)).toHaveLength(4);
  });
});

describe('§2.5 N is the whole roster of the group', () => {
  it('students without grades count in N and sit below everyone', () => {
    const base = groupWithScores([90, 80, 70]);
    base.students.push(student('s900', { statusChange: true }), student('s901', { statusChange: true }));
    const out = runEngine(base, cfg);
    const byId = new Map(out.result.students.map((s) => [s.studentId, s]));
    expect(byId.get('s003')).toMatchObject({ rank: 3, groupSize: 5, top60: true });
    expect(byId.get('s900')).toMatchObject({ rank: null, top60: false, average: null });
    expect(out.result.students.map((s) => s.studentId).slice(-2)).toEqual(['s900', 's901']);
    expect(out.result.groups[0].size).toBe(5);
  });
  it('扩招 and 排名组 students are ranked in their own groups', () => {
    const students = [student('a'), student('b'), student('c', { trainingType: 'expanded' }), student('d', { rankingGroup: '天工班' })];
    const attempts = [attempt('a', '课程A', 70), attempt('b', '课程A', 80), attempt('c', '课程A', 60), attempt('d', '课程A', 50)];
    const out = runEngine(input({ students, attempts, plan: [planCourse('课程A')] }), cfg);
    const byId = new Map(out.result.students.map((s) => [s.studentId, s]));
    expect(byId.get('c')).toMatchObject({ rank: 1, groupSize: 1, group: '2021|机电一体化技术|扩招' });
    expect(byId.get('d')).toMatchObject({ rank: 1, groupSize: 1, group: '2021|机电一体化技术（天工班）|普通' });
    expect(byId.get('a')).toMatchObject({ rank: 2, groupSize: 2 });
  });
});
