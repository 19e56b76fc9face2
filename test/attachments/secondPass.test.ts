/**
 * Issue 19, what a posting official sent back: the 递补 order on 附件10, the legends of 未分配/待定 and
 * the seat held for a tie, 团队排名 on 附件8, titles as the 细则 names them. Expected values come from the
 * crafted result (fixtures.ts), never from the sheet under test.
 */
import type { Award } from '../../src/engine/model';
import type { AwardEvidence } from '../../src/engine/result';
import { buildAllAttachments } from '../../src/sheets/attachments';
import { buildOutput, meta, registeredGroups, SEATS } from './fixtures';
import { column, headers, records, sheet } from './helpers';

function build(edit?: (o: ReturnType<typeof buildOutput>['output']) => void) {
  const { output, config } = buildOutput(registeredGroups(), { seats: SEATS });
  edit?.(output);
  return { output, sheets: buildAllAttachments(output, config, meta()) };
}

describe('附件10 publishes 推荐结果 and the 递补 order', () => {
  const { output, sheets } = build();

  test('every applicant with the result and, for a 递补候选, the order from the result', () => {
    for (const name of ['附件10-机电工程学院', '附件10-财经与物流管理学院']) {
      const s = sheet(sheets, name);
      const rows = records(s.tables[0]!);
      for (const r of rows) {
        const result = output.result.students.find((x) => x.studentId === r['学号'])!;
        expect([r['学号'], r['递补顺序']]).toEqual([r['学号'], result.substituteOrder]);
      }
      expect(s.footnotes.join('')).toContain('依次递补');
    }
    const mech = records(sheet(sheets, '附件10-机电工程学院').tables[0]!);
    // by hand from fixtures.ts: 周八 took a seat someone above gave up; 褚乙 is the first in line (扩招)
    expect(mech.find((r) => r['姓名'] === '周八')!['推荐结果']).toBe('推荐（递补）');
    expect(mech.find((r) => r['姓名'] === '褚乙')).toMatchObject({ 推荐结果: '递补候选', 递补顺序: 1 });
    expect(mech.find((r) => r['姓名'] === '张三')).toMatchObject({ 推荐结果: '推荐（占指标）', 递补顺序: null });
  });

  test('附件11 points to the column', () => {
    expect(sheet(sheets, '附件11-拟推荐名单').footnotes.join('')).toContain('附件10）“推荐结果”“递补顺序”列');
  });
});

describe('legends of 未分配 and 待定; the seat held for a tie', () => {
  // 周八 (pending) wants 广西科技大学/机械设计制造及其自动化 (3 seats, 张三 and 陈甲 took 2: 1 left) first.
  const { sheets } = build((o) => {
    o.students.get('2021010106')!.wishes.push({ university: '广西科技大学', program: '机械设计制造及其自动化' });
  });

  test('附件11 explains 未分配 and 待定 (both appear on it)', () => {
    const s = sheet(sheets, '附件11-拟推荐名单');
    const cells = column(s.tables[0]!, '本科院校');
    expect(cells).toContain('未分配');
    expect(cells).toContain('待定（同分待裁定）');
    const notes = s.footnotes.join('\n');
    expect(notes).toMatch(/^待定（同分待裁定）：.*保留/m);
    expect(notes).toMatch(/^未分配：/m);
    expect(notes).not.toMatch(/^待分配：/m);
  });

  test('附件16: 剩余计划 beside the held seat says it is held, and for whom', () => {
    const plan = records(sheet(sheets, '附件16-对口招录计划').tables[0]!);
    const held = plan.find((r) => r['本科院校'] === '广西科技大学')!;
    expect(held['剩余计划']).toBe(1);
    expect(held['备注']).toBe('为同分待裁定的2021010106（周八）保留');
    expect(plan.filter((r) => r['备注'] !== '').length).toBe(1);
    expect(sheet(sheets, '附件16-对口招录计划').footnotes.join('')).toContain('排名在后的学生不得占用');
    expect(sheet(sheets, '附件16-拟分配情况').footnotes.join('\n')).toMatch(/^待定（同分待裁定）：/m);
  });

  test('附件16 拟分配: 排名 says its ranking group; within a programme by average (the allocation order)', () => {
    const t = sheet(sheets, '附件16-拟分配情况').tables[0]!;
    const rows = records(t);
    expect(rows.map((r) => [r['姓名'], r['高职专业（排名组）'], r['排名']])).toEqual([
      ['张三', '机电一体化技术（普通）', 1], // 95.00
      ['陈甲', '机电一体化技术（扩招）', 1], // 82.00
      ['孙七', '机电一体化技术（普通）', 4],
      ['周八', '机电一体化技术（普通）', 6],
    ]);
    expect(headers(t)).toContain('排名组人数');
  });
});

describe('附件8: 团队排名 of an innovation-competition award', () => {
  const innovation: AwardEvidence = {
    kind: 'direct',
    text: '2023年 中国国际大学生创新大赛 自治区级 金奖（智能产线）',
    category: '中国国际大学生创新大赛（互联网+）',
    project: '智能产线',
    levelText: '自治区级',
    grade: '金奖',
    sheet: '获奖',
    row: 7,
  };
  const award: Award = {
    studentId: '2021010102',
    category: innovation.category,
    project: '智能产线',
    level: 'regional',
    levelText: '自治区级',
    grade: '金奖',
    teamRank: 3,
    verified: true,
    source: { sheet: '获奖', row: 7 },
  };
  const { sheets } = build((o) => {
    o.students.get('2021010102')!.evidence = [innovation];
    o.awards = [award];
  });

  test('the evidence and a 团队排名 column say 第3名 (the 细则 condition is 项目团队排名前5)', () => {
    const rows = records(sheet(sheets, '附件8-不占指标名单').tables[0]!);
    const li = rows.find((r) => r['学号'] === '2021010102')!;
    expect(li['团队排名']).toBe('第3名');
    expect(li['佐证（获奖情况）']).toBe('2023年 中国国际大学生创新大赛 自治区级 金奖（智能产线），项目团队排名第3名');
    // an honour has no team rank
    expect(rows.find((r) => r['学号'] === '2021050101')!['团队排名']).toBe('');
    const a7 = records(sheet(sheets, '附件7-生源数据（内部）').tables[0]!);
    expect(a7.find((r) => r['学号'] === '2021010102')!['优先录取原因']).toContain('项目团队排名第3名');
  });

  test('without innovation awards there is no 团队排名 column', () => {
    expect(headers(sheet(build().sheets, '附件8-不占指标名单').tables[0]!)).not.toContain('团队排名');
  });
});

describe('附件5 says which group a rank is in', () => {
  const { sheets } = build();
  test('a 专业 ranked in several groups: 排名组人数 and "同一排名组" in the notes; a whole 专业: 专业人数', () => {
    const split = sheet(sheets, '附件5-机电一体化技术（扩招）');
    expect(headers(split.tables[0]!)).toContain('排名组人数');
    expect(split.footnotes.join('\n')).toContain('排名为同一排名组全体学生的并列排名');
    expect(split.footnotes[0]).toBe('本表为2021级机电一体化技术专业（扩招）排名组单独排名（4人）；该专业同年级毕业班共14人，见附件3。');
    const whole = sheet(sheets, '附件5-大数据与会计');
    expect(headers(whole.tables[0]!)).toContain('专业人数');
    expect(whole.footnotes.join('\n')).toContain('排名为同年级同专业全体学生的并列排名');
    expect(whole.footnotes.join('\n')).not.toContain('排名组人数');
  });
});

describe('titles as the 细则 lists its 附件', () => {
  const { sheets } = build();
  test('附件3 and 附件16', () => {
    expect(sheet(sheets, '附件3-毕业班人数统计').title).toBe('柳州职业技术学院2021级各专业在校生人数统计');
    expect(sheet(sheets, '附件16-对口招录计划').title).toBe('本科高校对口招录高职高专学校专业和计划表');
  });
});
