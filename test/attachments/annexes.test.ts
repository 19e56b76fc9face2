/** Content of each 附件 sheet on the crafted EngineOutput (fixtures.ts). */
import { buildAllAttachments } from '../../src/sheets/attachments';
import { settingLabels } from '../../src/sheets/attachments/audit';
import { VERSION } from '../../src/version';
import { buildOutput, ISSUES, meta, preRegistrationGroups, registeredGroups, SEATS } from './fixtures';
import { allTexts, column, headers, records, sheet } from './helpers';

function registered(config = {}) {
  const { output, config: c } = buildOutput(registeredGroups(), { seats: SEATS, config });
  return buildAllAttachments(output, c, meta());
}

function preRegistration() {
  const { output, config } = buildOutput(preRegistrationGroups(), { seats: null });
  return buildAllAttachments(output, config, meta());
}

describe('which sheets are made', () => {
  test('with registration and seats: every 附件, per-group 附件5/6, per-college 附件10, 计算说明, 结果快照 last', () => {
    expect(registered().map((s) => s.name)).toEqual([
      '附件3-毕业班人数统计',
      '附件4-二级学院公示情况',
      '附件5-总表',
      '附件5-大数据与会计',
      '附件5-机电一体化技术',
      '附件5-机电一体化技术（扩招）',
      '附件6-大数据与会计',
      '附件6-机电一体化技术',
      '附件6-机电一体化技术（扩招）',
      '附件7-生源数据（内部）',
      '附件8-不占指标名单',
      '附件9-退役士兵升本方式',
      '附件10-财经与物流管理学院',
      '附件10-机电工程学院',
      '附件11-拟推荐名单',
      '附件14-升本放弃统计',
      '附件16-对口招录计划',
      '附件16-拟分配情况',
      '计算说明',
      '结果快照',
    ]);
  });

  test('before registration and without seats: no 附件10/11/14/16', () => {
    const names = preRegistration().map((s) => s.name);
    expect(names.filter((n) => /^附件(10|11|14|16)-/.test(n))).toEqual([]);
    expect(names).toContain('附件5-总表');
    expect(names).toContain('附件8-不占指标名单');
  });

  test('no direct student ⇒ no 附件8; no veteran ⇒ no 附件9', () => {
    const groups = registeredGroups().map((g) => ({
      ...g,
      students: g.students.map((s) => ({ ...s, direct: false, veteran: false, status: s.status === 'recommended_direct' || s.status === 'recommended_veteran' || s.status === 'exam_route' ? ('recommended_quota' as const) : s.status })),
    }));
    const { output, config } = buildOutput(groups, { seats: SEATS });
    const names = buildAllAttachments(output, config, meta()).map((s) => s.name);
    expect(names.some((n) => n.startsWith('附件8'))).toBe(false);
    expect(names.some((n) => n.startsWith('附件9'))).toBe(false);
  });

  test('only 附件7, 计算说明 and 结果快照 are internal (no previous run: no 结果变更说明)', () => {
    expect(registered().filter((s) => !s.publicity).map((s) => s.name)).toEqual(['附件7-生源数据（内部）', '计算说明', '结果快照']);
  });
});

describe('附件5 平均成绩排名公示', () => {
  const sheets = registered();

  test('group sheet: title, period, complaint contact; rows by rank, ties by 学号, no rank last', () => {
    const s = sheet(sheets, '附件5-机电一体化技术');
    // 机电一体化技术 is ranked in two groups (普通 10, 扩招 4): the title and the size column say which.
    expect(s.title).toBe('柳州职业技术学院2021级机电一体化技术专业（普通）各科考试平均成绩排名公示');
    expect(s.footnotes[0]).toBe('本表为2021级机电一体化技术专业（普通）排名组单独排名（10人）；该专业同年级毕业班共14人，见附件3。');
    expect(s.subtitles[0]).toContain('3月18日—3月22日');
    expect(s.subtitles[1]).toContain('0772-3156006');
    const t = s.tables[0]!;
    expect(column(t, '学号')).toEqual([
      '2021010101', '2021010102', '2021010103', '2021010104', '2021010105',
      '2021010106', '2021010108', '2021010109', '2021010107', '2021010110',
    ]);
    expect(column(t, '排名')).toEqual([1, 2, 3, 4, 4, 6, 7, 8, 9, null]);
    expect(column(t, '序号')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(column(t, '平均成绩').slice(0, 3)).toEqual([95, 92.5, 90]);
    expect(t.columns.find((c) => c.header === '平均成绩')!.numberFormat).toBe('0.00');
    expect(t.columns.find((c) => c.header === '学号')!.text).toBe(true);
    expect(column(t, '排名组人数')).toEqual(Array(10).fill(10));
    expect(headers(t)).not.toContain('专业人数');
    // 大数据与会计 is one group: its size is the 专业's
    expect(column(sheet(sheets, '附件5-大数据与会计').tables[0]!, '专业人数')).toEqual(Array(5).fill(5));
  });

  test('eligibility, 前60% and reasons with the courses named', () => {
    const byId = Object.fromEntries(records(sheet(sheets, '附件5-机电一体化技术').tables[0]!).map((r) => [r['学号'], r]));
    expect(byId['2021010101']!['是否前60%']).toBe('是');
    expect(byId['2021010101']!['是否符合专升本条件']).toBe('是');
    expect(byId['2021010101']!['不符合原因']).toBe('');
    expect(byId['2021010109']!['是否符合专升本条件']).toBe('否');
    expect(byId['2021010109']!['不符合原因']).toBe('有未修课程：机械制图；成绩排名未在前60%');
    expect(byId['2021010107']!['不符合原因']).toBe('有不及格课程：高等数学；成绩排名未在前60%');
    expect(byId['2021010110']!['不符合原因']).toBe('无有效成绩；成绩排名未在前60%');
    expect(byId['2021010108']!['备注']).toBe('学籍异动（转专业），按实际修读课程计算');
    expect(byId['2021010103']!['备注']).toBe('退役大学生士兵');
  });

  test('扩招 group has its own sheet and title; the rankPercent setting shows in the header', () => {
    const s = sheet(registered({ rankPercent: 50 }), '附件5-机电一体化技术（扩招）');
    expect(s.title).toBe('柳州职业技术学院2021级机电一体化技术专业（扩招）各科考试平均成绩排名公示');
    expect(headers(s.tables[0]!)).toContain('是否前50%');
    expect(column(s.tables[0]!, '学号')).toEqual(['2021019001', '2021019002', '2021019003', '2021019004']);
  });

  test('总表: every student, by 二级学院 then 专业 then rank, with 二级学院 and 专业 columns', () => {
    const s = sheet(sheets, '附件5-总表');
    const t = s.tables[0]!;
    expect(t.rows).toHaveLength(19);
    expect(s.title).toBe('柳州职业技术学院2021级各专业各科考试平均成绩排名公示（学校总表）');
    const colleges = column(t, '二级学院');
    expect(colleges.slice(0, 5)).toEqual(Array(5).fill('财经与物流管理学院'));
    expect(colleges.slice(5)).toEqual(Array(14).fill('机电工程学院'));
    expect(column(t, '专业').slice(5, 16)).toEqual([...Array(10).fill('机电一体化技术（普通）'), '机电一体化技术（扩招）']);
    expect(column(t, '专业').slice(0, 5)).toEqual(Array(5).fill('大数据与会计'));
    expect(s.orientation).toBe('landscape');
    expect(headers(t)).not.toContain('班级');
  });
});

describe('附件6 分科目成绩公示', () => {
  const t = sheet(registered(), '附件6-机电一体化技术').tables[0]!;
  const byId = Object.fromEntries(records(t).map((r) => [r['学号'], r]));

  test('one column per plan course in plan order, then 计入课程数, 平均成绩, 排名', () => {
    expect(headers(t)).toEqual(['序号', '学号', '姓名', '高等数学', '大学英语', '机械制图', '计入课程数', '平均成绩', '排名']);
  });

  test('score used with its marks: first sitting number, 补考/重修, 未修, 缺考, 免修, 缓考, not taken', () => {
    expect(byId['2021010101']).toMatchObject({ 高等数学: 95, 大学英语: 96, 机械制图: 94, 计入课程数: 3, 平均成绩: 95 });
    expect(byId['2021010102']!['机械制图']).toBe(92.5);
    expect(byId['2021010106']!['高等数学']).toBe('60(补)');
    expect(byId['2021010103']!['大学英语']).toBe('70(重)');
    expect(byId['2021010109']!['机械制图']).toBe('0(未修)');
    expect(byId['2021010107']!['高等数学']).toBe('0(缺考)');
    expect(byId['2021010104']!['大学英语']).toBe('免修');
    expect(byId['2021010104']!['计入课程数']).toBe(2);
    expect(byId['2021010108']).toMatchObject({ 大学英语: '—', 机械制图: '缓考' });
  });

  test('a legend explains every mark; 学号 and 姓名 stay visible when scrolling', () => {
    const s = sheet(registered(), '附件6-机电一体化技术');
    for (const mark of ['(补)', '(重)', '(未修)', '免修', '缓考', '—']) expect(s.footnotes.join('')).toContain(mark);
    expect(s.freezeColumns).toBe(3);
    expect(s.title).toBe('柳州职业技术学院2021级机电一体化技术专业（普通）全体学生分科目成绩公示');
  });
});

describe('附件7 生源数据 (internal)', () => {
  const s = sheet(registered(), '附件7-生源数据（内部）');
  const rows = records(s.tables[0]!);

  test('titled as internal, every student with full 身份证号 and 考生号 as text', () => {
    expect(s.title).toContain('内部资料');
    expect(s.publicity).toBe(false);
    expect(rows).toHaveLength(19);
    expect(rows.every((r) => /^\d{17}[\dX]$/.test(String(r['身份证号'])))).toBe(true);
    const textCols = s.tables[0]!.columns.filter((c) => c.text).map((c) => c.header);
    expect(textCols).toEqual(expect.arrayContaining(['考生号', '学号', '身份证号', '联系电话']));
    expect(headers(s.tables[0]!)).not.toContain('家庭住址');
  });

  test('优先录取原因 carries the evidence; 推荐结果 with registration data', () => {
    const li = rows.find((r) => r['学号'] === '2021010102')!;
    expect(li['不占指标']).toBe('是');
    expect(li['优先录取原因']).toBe('2023年 全国职业院校技能大赛 国家级 二等奖（工业机器人技术应用）');
    expect(li['推荐结果']).toBe('推荐（不占指标）');
    expect(rows.find((r) => r['学号'] === '2021010106')!['推荐结果']).toBe('推荐（递补）');
    expect(rows.find((r) => r['学号'] === '2021050103')!['培养类型']).toBe('定向培养');
  });
});

describe('附件8 不占指标升本名单', () => {
  test('only direct students, with category, project, level, grade and evidence', () => {
    const s = sheet(registered(), '附件8-不占指标名单');
    const rows = records(s.tables[0]!);
    expect(rows.map((r) => r['姓名'])).toEqual(['沈戊', '李四']);
    expect(rows[1]).toMatchObject({
      不占指标类别: '职业技能大赛',
      '获奖项目/荣誉称号': '工业机器人技术应用',
      级别: '国家级',
      等次: '二等奖',
    });
    expect(rows[0]).toMatchObject({ 不占指标类别: '荣誉称号', 级别: '自治区级' });
    expect(s.subtitles[0]).toContain('3月22日—3月24日');
  });
});

describe('附件9 退役大学生士兵', () => {
  test('every veteran with 立功情况, route and result', () => {
    const rows = records(sheet(registered(), '附件9-退役士兵升本方式').tables[0]!);
    expect(rows.map((r) => [r['姓名'], r['升本方式'], r['立功情况'], r['结果']])).toEqual([
      ['韩己', '综合考查', '无', '综合考查'],
      ['王五', '学校选拔', '三等功', '推荐（退役士兵）'],
    ]);
    expect(rows[0]!['是否符合学校选拔条件']).toBe('—');
    expect(rows[0]!['备注']).toBe('退役士兵有不及格课程（不影响资格）');
  });
});

describe('附件10 申报名单 (per 二级学院)', () => {
  test('registered applicants of that college only, by 专业 then rank, with 志愿', () => {
    const s = sheet(registered(), '附件10-机电工程学院');
    expect(s.title).toBe('柳州职业技术学院机电工程学院2024届毕业生“专升本”申报名单公示');
    const rows = records(s.tables[0]!);
    // 赵六 waived, the ineligible and unregistered are not applicants
    expect(rows.map((r) => r['姓名'])).toEqual(['张三', '李四', '王五', '孙七', '周八', '陈甲', '褚乙']);
    expect(rows[2]!['申报类别']).toBe('退役大学生士兵');
    expect(rows[1]!['不占指标']).toBe('是');
    expect(rows[0]!['填报志愿（本科院校/专业）']).toBe('1.广西科技大学/机械设计制造及其自动化；2.桂林理工大学/机械工程');
    expect(s.subtitles[0]).toContain('4月8日—4月10日');
  });

  test('the other college has its own sheet', () => {
    const rows = records(sheet(registered(), '附件10-财经与物流管理学院').tables[0]!);
    expect(rows.map((r) => r['姓名'])).toEqual(['沈戊', '秦壬']);
  });
});

describe('附件11 拟推荐名单', () => {
  test('recommended students of every kind with 推荐类型 and allocation', () => {
    const s = sheet(registered(), '附件11-拟推荐名单');
    const rows = records(s.tables[0]!);
    expect(rows.map((r) => [r['姓名'], r['推荐类型'], r['本科院校'], r['本科专业']])).toEqual([
      ['沈戊', '不占指标', '未分配', '未分配'],
      ['张三', '占指标', '广西科技大学', '机械设计制造及其自动化'],
      ['李四', '不占指标', '未分配', '未分配'],
      ['王五', '退役士兵', '未分配', '未分配'],
      ['孙七', '占指标', '桂林理工大学', '机械工程'],
      ['周八', '递补', '待定（同分待裁定）', '待定（同分待裁定）'],
      ['陈甲', '占指标', '广西科技大学', '机械设计制造及其自动化'],
    ]);
    expect(s.subtitles[0]).toContain('4月15日—4月19日');
    expect(s.tables).toHaveLength(1);
  });

  test('without a 对口招录计划 the programme columns say 待分配', () => {
    const { output, config } = buildOutput(registeredGroups(), { seats: null });
    const rows = records(sheet(buildAllAttachments(output, config, meta()), '附件11-拟推荐名单').tables[0]!);
    expect(rows.find((r) => r['姓名'] === '李四')!['本科院校']).toBe('待分配');
  });
});

describe('附件14 升本、放弃情况统计表', () => {
  test('per group counts and a total row', () => {
    const rows = records(sheet(registered(), '附件14-升本放弃统计').tables[0]!);
    expect(rows.map((r) => r['专业'])).toEqual(['大数据与会计', '机电一体化技术', '机电一体化技术（扩招）', '']);
    const [acc, mech, exp, total] = rows;
    expect(mech).toMatchObject({
      毕业生数: 10,
      推荐指标数: 3,
      符合条件人数: 6,
      报名人数: 5,
      '放弃（已交证明）': 1,
      视为自动放弃: 0,
      '推荐（占指标）': 3,
      其中递补: 1,
      '推荐（不占指标）': 1,
      '推荐（退役士兵）': 1,
    });
    expect(acc).toMatchObject({ 毕业生数: 5, 推荐指标数: 0, 视为自动放弃: 1, 递补候选: 1, 综合考查: 1, '推荐（不占指标）': 1 });
    expect(exp).toMatchObject({ 毕业生数: 4, '推荐（占指标）': 1, 递补候选: 1 });
    expect(total).toMatchObject({ 二级学院: '合计', 毕业生数: 19, 推荐指标数: 4, '推荐（占指标）': 4, 递补候选: 2, 报名人数: 9 });
  });
});

describe('附件16 对口招录计划及录取情况', () => {
  test('plan with seats taken and left; allocation detail incl. the pending student', () => {
    const s = sheet(registered(), '附件16-对口招录计划');
    expect(s.title).toBe('本科高校对口招录高职高专学校专业和计划表'); // 细则 附件16
    expect(s.tables).toHaveLength(1);
    const plan = records(s.tables[0]!);
    expect(plan.map((r) => [r['本科院校'], r['本科专业'], r['对口高职专业'], r['年级'], r['计划数'], r['已分配'], r['剩余计划']])).toEqual([
      ['广西财经学院', '会计学', '大数据与会计', '不限', 2, 0, 2],
      ['广西科技大学', '机械设计制造及其自动化', '机电一体化技术', '不限', 3, 2, 1],
      ['桂林理工大学', '机械工程', '机电一体化技术', 2021, 2, 1, 1],
    ]);
    const detail = records(sheet(registered(), '附件16-拟分配情况').tables[0]!);
    expect(detail.map((r) => [r['本科院校'], r['姓名']])).toEqual([
      ['广西科技大学', '张三'],
      ['广西科技大学', '陈甲'],
      ['桂林理工大学', '孙七'],
      ['待定（同分待裁定）', '周八'],
    ]);
  });

  test('overlapping plan rows: a seat counts for every row of its programme, 高职专业 and cohort (不限 included); a held seat is the first such row with seats left', () => {
    // Worked by hand: 孙七 (2021级 机电一体化技术) holds 桂林理工大学/机械工程; the plan has that programme
    // for 不限 (5 seats), 2020 (1) and 2021 (2). 孙七 counts for 不限 and 2021, not 2020. 周八 waits for a
    // ruling with 志愿 广西财经学院/会计学 (a 大数据与会计 row only: not his) then 桂林理工大学/机械工程, whose first
    // row in plan order (不限, 4 left) is held for him.
    const seats = [
      ...SEATS,
      { university: '桂林理工大学', program: '机械工程', vocationalMajor: '机电一体化技术', seats: 5, cohort: null, source: { sheet: '对口招录计划', row: 5 } },
      { university: '桂林理工大学', program: '机械工程', vocationalMajor: '机电一体化技术', seats: 1, cohort: 2020, source: { sheet: '对口招录计划', row: 6 } },
    ];
    const { output, config } = buildOutput(registeredGroups(), { seats });
    const zhou = output.students.get('2021010106')!;
    zhou.wishes = [
      { university: '广西财经学院', program: '会计学' },
      { university: '桂林理工大学', program: '机械工程' },
    ];
    const plan = records(sheet(buildAllAttachments(output, config, meta()), '附件16-对口招录计划').tables[0]!);
    expect(plan.map((r) => [r['本科院校'], r['年级'], r['计划数'], r['已分配'], r['剩余计划'], r['备注']])).toEqual([
      ['广西财经学院', '不限', 2, 0, 2, ''],
      ['广西科技大学', '不限', 3, 2, 1, ''],
      ['桂林理工大学', '不限', 5, 1, 4, '为同分待裁定的2021010106（周八）保留'],
      ['桂林理工大学', 2020, 1, 0, 1, ''],
      ['桂林理工大学', 2021, 2, 1, 1, ''],
    ]);
  });

  test('before registration: the plan only', () => {
    const { output, config } = buildOutput(preRegistrationGroups(), { seats: SEATS });
    const s = sheet(buildAllAttachments(output, config, meta()), '附件16-对口招录计划');
    expect(s.tables).toHaveLength(1);
    expect(headers(s.tables[0]!)).not.toContain('已分配');
  });
});

describe('附件3 and 附件4', () => {
  test('附件3: one row per 专业 (扩招 folded in), with the splits and a total', () => {
    const rows = records(sheet(registered(), '附件3-毕业班人数统计').tables[0]!);
    expect(rows.map((r) => [r['专业'], r['毕业班人数'], r['其中：普通'], r['其中：扩招'], r['其中：定向培养'], r['其中：退役大学生士兵'], r['推荐指标数']])).toEqual([
      ['大数据与会计', 5, 4, 0, 1, 1, 0],
      ['机电一体化技术', 14, 10, 4, 0, 1, 4],
      ['2个专业', 19, 14, 4, 1, 2, 4],
    ]);
  });

  test('附件4: one row per 二级学院 with periods and place from the settings, blanks to fill', () => {
    const s = sheet(registered({ publicityPlace: '学院公告栏' }), '附件4-二级学院公示情况');
    const rows = records(s.tables[0]!);
    expect(rows.map((r) => [r['序号'], r['二级学院'], r['专业数'], r['毕业生数'], r['成绩公示人数'], r['申报名单公示人数'], r['公示地点/方式'], r['异议情况']])).toEqual([
      [1, '财经与物流管理学院', 1, 5, 5, 2, '学院公告栏', ''],
      [2, '机电工程学院', 1, 14, 14, 7, '学院公告栏', ''],
      ['', '合计', 2, 19, 19, 9, '', ''], // 合计 row: 5+14 students, 2+7 applicants (by hand)
    ]);
    expect(rows[0]!['成绩公示时间']).toBe('3月18日—3月22日');
    expect(s.title).toBe('柳州职业技术学院各二级学院专升本相关工作公示情况');
  });
});

describe('计算说明', () => {
  const s = sheet(registered(), '计算说明');
  const texts = allTexts(s).join('\n');

  test('version, time, fingerprint, sources, every issue and every setting', () => {
    expect(texts).toContain(VERSION);
    // Issue 18: Beijing time, 08:00 UTC + 8 h.
    expect(texts).toContain('2024-03-18 16:00（北京时间）');
    expect(texts).not.toContain('2024-03-18T08:00:00.000Z');
    expect(texts).toContain('sha256:0123456789abcdef');
    expect(texts).toContain('名册.xlsx');
    for (const i of ISSUES) expect(texts).toContain(i.message);
    const settings = records(s.tables[1]!).map((r) => String(r['项目']));
    const { config } = buildOutput([]);
    for (const key of Object.keys(config)) {
      expect(settings.some((x) => x.endsWith(`（${key}）`))).toBe(true);
      expect(settingLabels[key]).toBeDefined();
    }
  });

  test('counts: students, groups, statuses, issues by severity', () => {
    const run = Object.fromEntries(records(s.tables[0]!).map((r) => [r['项目'], r['内容']]));
    expect(run['学生总数']).toBe(19);
    expect(run['排名组数']).toBe(3);
    expect(run['推荐结果：推荐（占指标）']).toBe(4);
    expect(run['问题']).toBe('错误 0 条，警告 1 条，提示 1 条');
    expect(records(s.tables[3]!).map((r) => r['单元格'])).toEqual(['A5', '']);
  });
});
