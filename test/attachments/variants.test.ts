/** Data shapes that change titles and names: several cohorts, an approved 排名组, no 二级学院, inferred plan. */
import { buildAllAttachments } from '../../src/sheets/attachments';
import { orientationFor } from '../../src/sheets/attachments/common';
import { buildOutput, meta, registeredGroups } from './fixtures';
import type { GroupSpec } from './fixtures';
import { column, records, sheet } from './helpers';

function build(groups: GroupSpec[]) {
  const { output, config } = buildOutput(groups);
  return { output, config, sheets: buildAllAttachments(output, config, meta()) };
}

describe('variants', () => {
  test('several cohorts: the cohort goes into per-group sheet names and the school titles list them', () => {
    const [mech, , acc] = registeredGroups();
    const older: GroupSpec = { ...acc!, grade: 2020, students: acc!.students.map((s) => ({ ...s, id: `2020${s.id.slice(4)}` })) };
    const { sheets } = build([mech!, acc!, older]);
    const names = sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['附件5-2020级大数据与会计', '附件5-2021级大数据与会计', '附件6-2021级机电一体化技术']));
    expect(sheet(sheets, '附件5-总表').title).toBe('柳州职业技术学院2020、2021级各专业各科考试平均成绩排名公示（学校总表）');
    expect(sheet(sheets, '附件5-2020级大数据与会计').title).toBe('柳州职业技术学院2020级大数据与会计专业各科考试平均成绩排名公示');
    // 附件3 keeps the cohorts apart; 2020 sorts before 2021 within the college
    const rows = records(sheet(sheets, '附件3-毕业班人数统计').tables[0]!);
    expect(rows.slice(0, 2).map((r) => [r['年级'], r['专业']])).toEqual([[2020, '大数据与会计'], [2021, '大数据与会计']]);
  });

  test('an approved 排名组 (天工班) gets its own sheets and the label after 专业 in the title', () => {
    const [mech] = registeredGroups();
    const tiangong: GroupSpec = {
      ...mech!,
      label: '机电一体化技术（天工班）',
      quota: 0,
      students: mech!.students.slice(0, 3).map((s) => ({ ...s, id: `T${s.id}` })),
    };
    const { sheets } = build([mech!, tiangong]);
    const s = sheet(sheets, '附件5-机电一体化技术（天工班）');
    expect(s.title).toBe('柳州职业技术学院2021级机电一体化技术专业（天工班）各科考试平均成绩排名公示');
    expect(sheet(sheets, '附件6-机电一体化技术（天工班）').tables[0]!.rows).toHaveLength(3);
    expect(column(sheet(sheets, '附件5-总表').tables[0]!, '专业')).toContain('机电一体化技术（天工班）');
  });

  test('students without 二级学院: 附件10 under 未填二级学院, school name as the unit', () => {
    const groups = registeredGroups().map((g) => ({ ...g, college: '' }));
    const { sheets } = build(groups);
    const s = sheet(sheets, '附件10-未填二级学院');
    expect(s.title).toBe('柳州职业技术学院2024届毕业生“专升本”申报名单公示');
    expect(s.tables[0]!.rows.length).toBe(9);
    expect(records(sheet(sheets, '附件4-二级学院公示情况').tables[0]!).map((r) => r['二级学院'])).toEqual(['未填二级学院', '合计']);
  });

  test('an inferred plan is said under 附件6', () => {
    const { output, config } = buildOutput(registeredGroups());
    for (const g of output.groups.values()) g.planInferred = true;
    const s = sheet(buildAllAttachments(output, config, meta()), '附件6-机电一体化技术');
    expect(s.footnotes.join('')).toContain('未导入教学计划');
    const audit = records(sheet(buildAllAttachments(output, config, meta()), '计算说明').tables[2]!);
    expect(audit.every((r) => r['课程来源'] === '由成绩推断')).toBe(true);
  });

  test('orientation: portrait when the columns fit A4 portrait, else landscape', () => {
    expect(orientationFor([{ header: 'a', width: 50 }, { header: 'b', width: 45 }])).toBe('portrait');
    expect(orientationFor([{ header: 'a', width: 50 }, { header: 'b', width: 46 }])).toBe('landscape');
  });
});
