import { UnknownValues } from '../../src/sheets/unknownValues';

describe('UnknownValues (SPEC §1.6)', () => {
  test('one warning per column and distinct value, with the count, the reading and the first cell', () => {
    const u = new UnknownValues();
    u.note('学籍异动', '待定', '是', { sheet: '名册', row: 5, column: 'H' }, '否、无异动、转专业…');
    u.note('学籍异动', ' 待 定 ', '是', { sheet: '名册', row: 9, column: 'H' });
    u.note('处分', '待定', '是', { sheet: '名册', row: 6, column: 'K' });
    const issues = u.issues();
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ severity: 'warning', code: 'UNKNOWN_VALUE', sheet: '名册', row: 5, cell: 'H5' });
    expect(issues[0]!.message).toContain('“学籍异动”列的取值“待定”');
    expect(issues[0]!.message).toContain('已按“是”处理');
    expect(issues[0]!.message).toContain('共 2 行');
    expect(issues[0]!.message).toContain('名册!H5');
    expect(issues[0]!.message).toContain('否、无异动、转专业…');
    expect(issues[1]!.message).toContain('在 名册!K6');
  });

  test("the user's chosen meaning is found by the normalised value, only in its column", () => {
    const u = new UnknownValues({ 学籍异动: { 待定: '否' } });
    expect(u.chosen('学籍异动', ' 待 定')).toBe('否');
    expect(u.chosen('处分', '待定')).toBeUndefined();
    expect(u.chosen('学籍异动', 'constructor')).toBeUndefined();
  });
});
