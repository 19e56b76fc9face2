import { parseConfig } from '../../src/engine/config';

describe('settings problems are in Chinese (issue 16: zod English reached users)', () => {
  test('a number out of range and an unknown key', () => {
    const r = parseConfig({ quotaPercent: 200, quota: 30 });
    if (!('problems' in r)) throw new Error('accepted an invalid config');
    expect(r.problems).toHaveLength(2);
    for (const p of r.problems) {
      expect(p.message).toMatch(/[\u4e00-\u9fff]/u);
      expect(p.message).not.toMatch(/Too big|expected|Unrecognized/u);
    }
    expect(r.problems.find((p) => p.path === 'quotaPercent')?.message).toContain('100');
  });
  test('a wrong type', () => {
    const r = parseConfig({ rankPercent: '60' });
    expect('problems' in r && r.problems[0]?.message).toMatch(/^[^A-Za-z]*无效|期望/u);
  });
});
