/** SPEC §2.2: the score of one attempt. */
import { parseConfig } from '../../src/engine/config';
import { parseScore } from '../../src/engine/scores';
import { config } from './builders';

const cfg = config();

function hundredths(v: Parameters<typeof parseScore>[0]): number {
  const r = parseScore(v, cfg);
  if (!r.ok || r.value.kind !== 'score') throw new Error(`not a score: ${String(v)} → ${JSON.stringify(r)}`);
  return r.value.hundredths;
}

describe('§2.2 numbers', () => {
  it.each<[Parameters<typeof parseScore>[0], number]>([
    [85, 8500],
    [85.5, 8550],
    [85.1, 8510],
    [0.07, 7],
    ['85', 8500],
    [' 85.25 ', 8525],
    ['８５', 8500],
    ['８５．５', 8550],
    ['85分', 8500],
    ['85.5 分', 8550],
    ['100', 10000],
    ['0', 0],
    ['85.10', 8510],
    ['.5', 50],
  ])('%p → %p hundredths', (v, h) => {
    expect(hundredths(v)).toBe(h);
  });

  it('accepts binary noise of a formula result as the intended hundredth', () => {
    expect(hundredths(0.1 + 0.2)).toBe(30);
    expect(hundredths(85.1 * 3 - 170.2)).toBe(8510);
  });

  it('never multiplies floats: 1.15, 4.35, 8.7 become exact hundredths', () => {
    // 1.15 * 100 = 114.99999999999999 and 4.35 * 100 = 434.99999999999994 in binary floats
    expect(hundredths(1.15)).toBe(115);
    expect(hundredths('4.35')).toBe(435);
    expect(hundredths(8.7)).toBe(870);
  });

  it.each<[Parameters<typeof parseScore>[0]]>([[-1], ['101'], [100.01], ['-0.5']])('%p is out of range', (v) => {
    const r = parseScore(v, cfg);
    expect(r).toMatchObject({ ok: false, code: 'SCORE_OUT_OF_RANGE' });
    if (!r.ok) expect(r.reason).toMatch(/0–100/);
  });

  it('more than two decimals is a bad score', () => {
    expect(parseScore('85.125', cfg)).toMatchObject({ ok: false, code: 'BAD_SCORE' });
    expect(parseScore(85.125, cfg)).toMatchObject({ ok: false, code: 'BAD_SCORE' });
  });
});

describe('§2.2 五级制 and 二级制 (from settings)', () => {
  it.each([
    ['优秀', 9500],
    ['良好', 8500],
    ['中等', 7500],
    ['及格', 6500],
    ['不及格', 0],
    ['合格', 7500],
    ['通过', 7500],
    ['不合格', 0],
    ['不通过', 0],
    [' 良 好 ', 8500],
  ])('%s → %d', (t, h) => {
    expect(hundredths(t)).toBe(h);
  });

  it('uses the configured values, not built-in ones', () => {
    const c = config({ fiveLevel: { 优秀: 90, 良好: 80.5 }, twoLevel: { 合格: 70 } });
    expect(parseScore('良好', c)).toMatchObject({ ok: true, value: { kind: 'score', hundredths: 8050 } });
    expect(parseScore('合格', c)).toMatchObject({ ok: true, value: { kind: 'score', hundredths: 7000 } });
    expect(parseScore('中等', c)).toMatchObject({ ok: false, code: 'BAD_SCORE' });
  });
});

describe('§2.2 marks', () => {
  it.each(['缺考', '旷考', '作弊', '违纪', '取消资格'])('%s → 0 with the mark', (m) => {
    expect(parseScore(m, cfg)).toEqual({ ok: true, value: { kind: 'score', hundredths: 0, mark: m, text: m } });
  });
  it('缓考 → pending', () => {
    expect(parseScore('缓考', cfg)).toMatchObject({ ok: true, value: { kind: 'pending' } });
  });
  it.each(['免修', '免考'])('%s → exempt', (m) => {
    expect(parseScore(m, cfg)).toMatchObject({ ok: true, value: { kind: 'exempt' } });
  });
});

describe('§2.2 anything else is an error with a Chinese reason', () => {
  it.each<[Parameters<typeof parseScore>[0], string]>([
    [null, 'EMPTY_SCORE'],
    [undefined, 'EMPTY_SCORE'],
    ['  ', 'EMPTY_SCORE'],
    [true, 'BAD_SCORE'],
    ['八十五', 'BAD_SCORE'],
    ['85,5', 'BAD_SCORE'],
    ['A', 'BAD_SCORE'],
    [Number.NaN, 'BAD_SCORE'],
    ['--', 'BAD_SCORE'],
  ])('%p → %s', (v, code) => {
    const r = parseScore(v, cfg);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.reason).toMatch(/[\u4e00-\u9fff]/u);
    }
  });
});

describe('§2.2 score settings are validated', () => {
  it('passMark and 五级制/二级制 values allow at most two decimals', () => {
    expect(parseConfig({ passMark: 59.5, fiveLevel: { 优秀: 95.25 } })).toHaveProperty('config');
    const bad = parseConfig({ passMark: 59.995, twoLevel: { 合格: 75.125 } });
    expect(bad).toHaveProperty('problems');
    if ('problems' in bad) expect(bad.problems.map((p) => p.path).sort()).toEqual(['passMark', 'twoLevel.合格']);
  });
});
