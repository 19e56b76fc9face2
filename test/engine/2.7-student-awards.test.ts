/**
 * SPEC §2.7 (src/engine/awards.ts): direct ⇔ eligible and a verified award that qualifies; priority and
 * evidence whatever the eligibility.
 */
import { studentAwards } from '../../src/engine/awards';
import { award, config } from './builders';

describe('studentAwards', () => {
  // 全国职业院校技能大赛 国家级 三等奖: qualifies for direct (国家级 third tier or better), and so for priority.
  const qualifying = [award('1')];
  it('eligible ⇒ direct and priority, with the evidence', () => {
    const r = studentAwards(qualifying, true, config(), { name: '张三', cohort: 2021 });
    expect(r).toMatchObject({ direct: true, priority: true, issues: [] });
    expect(r.evidence.map((e) => e.kind)).toEqual(['direct']);
  });
  it('not eligible ⇒ not direct, still priority and evidence', () => {
    const r = studentAwards(qualifying, false, config(), { name: '张三', cohort: 2021 });
    expect(r).toMatchObject({ direct: false, priority: true });
    expect(r.evidence).toHaveLength(1);
  });
  it('eligible with only a priority award (市级) ⇒ priority, not direct', () => {
    const r = studentAwards([award('1', { level: 'city', levelText: '市级', grade: '一等奖' })], true, config());
    expect(r).toMatchObject({ direct: false, priority: true });
  });
  it('an unverified award counts for nothing', () => {
    expect(studentAwards([award('1', { verified: false })], true, config())).toEqual({ direct: false, priority: false, evidence: [], issues: [] });
  });
});
