/** SPEC §2.3: effective score of one course. */
import { effectiveScore } from '../../src/engine/attempts';
import type { Attempt } from '../../src/engine/model';
import { attempt, config, score } from './builders';

const A = (value: number | Parameters<typeof attempt>[2], over: Parameters<typeof attempt>[3] = {}): Attempt =>
  attempt('s1', '高等数学', value, over);

function eff(attempts: Attempt[], cfg = config(), statusChange = false) {
  return effectiveScore(attempts, statusChange, cfg, '高等数学');
}

function value(attempts: Attempt[], cfg = config(), statusChange = false): number | string {
  const e = eff(attempts, cfg, statusChange).effective;
  return e.kind === 'score' ? e.hundredths : e.kind;
}

describe('§2.3 cap60 (default)', () => {
  it('a passing first sitting counts as is', () => {
    expect(value([A(85)])).toBe(8500);
    expect(value([A(60)])).toBe(6000);
  });
  it('a failed first sitting passed later counts as exactly 60', () => {
    const r = eff([A(40), A(92, { kind: 'makeup' })]).effective;
    expect(r).toMatchObject({ kind: 'score', hundredths: 6000, source: 'later', passed: true });
  });
  it('a 重修 pass also gives exactly 60', () => {
    expect(value([A(40), A(50, { kind: 'makeup' }), A(75, { kind: 'retake' })])).toBe(6000);
  });
  it('never passed ⇒ the highest attempt, still failing', () => {
    const r = eff([A(40), A(55, { kind: 'makeup' }), A(50, { kind: 'retake' })]).effective;
    expect(r).toMatchObject({ kind: 'score', hundredths: 5500, passed: false, source: 'later' });
  });
  it('a 缺考 first sitting then a passing 补考 ⇒ 60; the mark is not kept', () => {
    const r = eff([A(score(0, '缺考')), A(80, { kind: 'makeup' })]).effective;
    expect(r).toMatchObject({ hundredths: 6000, passed: true });
    expect(r).not.toHaveProperty('mark');
  });
  it('a 缺考 alone ⇒ 0 with the mark', () => {
    expect(eff([A(score(0, '作弊'))]).effective).toMatchObject({ hundredths: 0, mark: '作弊', passed: false });
  });
  it('a 缓考 sitting with a score is a first sitting', () => {
    expect(eff([A(78, { kind: 'deferred' })]).effective).toMatchObject({ hundredths: 7800, source: 'first' });
  });
  it('passMark is a setting', () => {
    const c = config({ passMark: 70 });
    expect(value([A(65), A(80, { kind: 'makeup' })], c)).toBe(7000);
    expect(eff([A(65)], c).effective).toMatchObject({ passed: false });
  });
  it('says which attempt was used (`row`: its index in the attempts given)', () => {
    const rows = [A(40), A(75, { kind: 'retake' })];
    const r = eff(rows).effective;
    expect(r.kind === 'score' && rows[r.row].kind).toBe('retake');
  });
});

describe('§2.3 first and best', () => {
  const rows = () => [A(45), A(92, { kind: 'makeup' })];
  it('first: the first sitting, even when failed; passed still looks at every attempt', () => {
    expect(eff(rows(), config({ attemptPolicy: 'first' })).effective).toMatchObject({ hundredths: 4500, passed: true, source: 'first' });
  });
  it('best: the highest attempt', () => {
    expect(eff(rows(), config({ attemptPolicy: 'best' })).effective).toMatchObject({ hundredths: 9200, passed: true, source: 'later' });
  });
  it('three policies differ on the same attempts', () => {
    expect([value(rows()), value(rows(), config({ attemptPolicy: 'first' })), value(rows(), config({ attemptPolicy: 'best' }))]).toEqual([6000, 4500, 9200]);
  });
});

describe('§2.3 cutoff for 学籍异动 students', () => {
  const rows = () => [A(40, { date: '2023-12-20' }), A(88, { kind: 'retake', date: '2024-03-19' })];
  it('an attempt after the cutoff does not count for a 异动 student', () => {
    expect(eff(rows(), config(), true).effective).toMatchObject({ hundredths: 4000, passed: false });
  });
  it('the cutoff day itself counts (inclusive)', () => {
    const r = [A(40, { date: '2023-12-20' }), A(88, { kind: 'retake', date: '2024-03-18' })];
    expect(eff(r, config(), true).effective).toMatchObject({ hundredths: 6000, passed: true });
  });
  it('a student without 异动 is not cut off (default)', () => {
    expect(value(rows(), config(), false)).toBe(6000);
  });
  it('cutoffAppliesToAll cuts everyone', () => {
    expect(value(rows(), config({ cutoffAppliesToAll: true }), false)).toBe(4000);
  });
  it('undated attempts count', () => {
    expect(value([A(77)], config(), true)).toBe(7700);
  });
  it('only late attempts ⇒ none', () => {
    expect(eff([A(90, { date: '2024-04-01' })], config(), true).effective).toEqual({ kind: 'none', excludedByCutoff: 1 });
  });
  it('gradeCutoff is a setting', () => {
    expect(value(rows(), config({ gradeCutoff: '2024-03-19' }), true)).toBe(6000);
  });
});

describe('§2.3 exempt, pending, duplicates', () => {
  it('免修 makes the course exempt', () => {
    expect(value([A({ kind: 'exempt' })])).toBe('exempt');
  });
  it('缓考 without a score ⇒ pending; a later score wins', () => {
    expect(value([A({ kind: 'pending' }, { kind: 'deferred' })])).toBe('pending');
    expect(value([A({ kind: 'pending' }, { kind: 'deferred' }), A(70, { kind: 'makeup' })])).toBe(6000);
  });
  it('no attempt ⇒ none', () => {
    expect(value([])).toBe('none');
  });
  it('two first sittings: the later-dated one is used, whatever the row order, with a warning', () => {
    const a = A(90, { date: '2023-01-10' });
    const b = A(70, { date: '2023-06-10' });
    for (const rows of [[a, b], [b, a]]) {
      const r = eff(rows);
      expect(r.effective).toMatchObject({ hundredths: 7000 });
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]).toMatchObject({ severity: 'warning', code: 'DUPLICATE_FIRST_SITTING', row: b.source.row });
    }
  });
  it('two undated first sittings: the higher one', () => {
    expect(value([A(88), A(66)])).toBe(8800);
    expect(value([A(66), A(88)])).toBe(8800);
  });
});
