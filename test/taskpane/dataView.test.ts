import type { RawTable } from '../../src/sheets/table';
import { applyOverrides, describeSheet, findHeader } from '../../src/taskpane/dataView';

const roster: RawTable = {
  sheet: '名册',
  originRow: 1,
  originCol: 1,
  rows: [
    ['2021级学生名册', null, null, null, null],
    [null, null, null, null, null],
    ['学 号', '姓名', '专业', '入学年级', '备注'],
    ['0001', '张三', '机电一体化技术', 2021, null],
    ['0002', '李四', '机电一体化技术', 2021, null],
  ],
};

describe('数据 step view', () => {
  it('finds the header below a title and a blank row, and maps each column', () => {
    const v = describeSheet(roster);
    expect(v.kind).toBe('roster');
    expect(v.headerRow).toBe(3);
    expect(v.dataRows).toBe(2);
    expect(v.columns.map((c) => [c.column, c.field])).toEqual([
      ['A', 'studentId'], ['B', 'name'], ['C', 'major'], ['D', 'cohort'], ['E', null],
    ]);
    expect(v.unsure).toBe(false);
  });

  it('is unsure and names the missing required column when 年级 is written in an unknown way', () => {
    const t: RawTable = { ...roster, rows: [['学号', '姓名', '专业', '级别2'], ['1', 'a', 'b', 2021]] };
    const v = describeSheet(t);
    expect(v.kind).toBe('roster');
    expect(v.unsure).toBe(true);
    expect(v.missing).toEqual(['年级']);
    expect(v.notes.join('')).toContain('年级');
  });

  it('ignores a sheet without a header in its first 10 non-empty rows', () => {
    const rows = [...Array.from({ length: 10 }, (_, i) => [`说明${i}`]), ['学号', '姓名', '专业', '年级']];
    const t: RawTable = { sheet: '说明', originRow: 1, originCol: 1, rows };
    expect(findHeader(t)).toBeNull();
    expect(describeSheet(t).kind).toBeNull();
  });

  it('applies a column choice by rewriting the header cell of a copy only', () => {
    const t: RawTable = { ...roster, originCol: 2, rows: [['学号', '姓名', '专业', '级别2'], ['1', 'a', 'b', 2021]] };
    const [out] = applyOverrides([t], { 名册: { columns: { E: 'cohort' } } });
    expect(out!.rows[0]).toEqual(['学号', '姓名', '专业', '年级']);
    expect(t.rows[0]).toEqual(['学号', '姓名', '专业', '级别2']);
    expect(describeSheet(out!).missing).toEqual([]);
  });

  it('an ignored column loses its header; a sheet set to 不作为输入 is dropped', () => {
    const [out] = applyOverrides([roster], { 名册: { columns: { B: null } } });
    expect(out!.rows[2]).toEqual(['学 号', '', '专业', '入学年级', '备注']);
    expect(applyOverrides([roster], { 名册: { kind: null } })).toEqual([]);
    expect(applyOverrides([roster], {})).toEqual([roster]);
  });
});
