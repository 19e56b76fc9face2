/**
 * 附件4 各二级学院专升本相关工作公示情况 (细则 五(四), 五(十): the record of what each college published,
 * when and where). One row per 二级学院, filled from the data and the settings, with the columns a
 * college completes by hand left blank (异议情况, 处理结果, 负责人签字): 序号, 二级学院, 专业数, 毕业生数,
 * 成绩公示时间, 公示人数, (申报名单公示时间, 申报人数 with registration data), 公示地点/方式, 异议情况,
 * 处理结果, 负责人签字.
 */
import { compareText, madeBy, tableFrom } from './common';
import type { AnnexContext, ColumnSpec, SheetNamer } from './common';
import { isApplicant, NO_COLLEGE } from './annex10Applications';
import type { SheetModel } from './model';

interface CollegeRow {
  college: string;
  majors: number;
  students: number;
  applicants: number;
}

export function countColleges(ctx: AnnexContext): CollegeRow[] {
  const by = new Map<string, CollegeRow & { majorSet: Set<string> }>();
  for (const r of ctx.rows) {
    const college = r.student.college?.trim() || NO_COLLEGE;
    const c = by.get(college) ?? { college, majors: 0, students: 0, applicants: 0, majorSet: new Set<string>() };
    c.majorSet.add(`${r.group.grade}|${r.group.major}`);
    c.students++;
    if (isApplicant(r)) c.applicants++;
    by.set(college, c);
  }
  return [...by.values()]
    .map(({ majorSet, ...c }) => ({ ...c, majors: majorSet.size }))
    .sort((a, b) => compareText(a.college, b.college));
}

export function buildAnnex04(ctx: AnnexContext, namer: SheetNamer): SheetModel {
  const { config } = ctx;
  const items = countColleges(ctx);
  const total: CollegeRow = {
    college: '合计',
    majors: items.reduce((n, c) => n + c.majors, 0),
    students: items.reduce((n, c) => n + c.students, 0),
    applicants: items.reduce((n, c) => n + c.applicants, 0),
  };
  /** A value of a college row; the 合计 row leaves the per-college columns blank. */
  const own = (value: string) => (c: CollegeRow) => (c === total ? '' : value);
  const specs: ColumnSpec<CollegeRow>[] = [
    { header: '序号', value: (c, i) => (c === total ? '' : i + 1), min: 5 },
    { header: '二级学院', value: (c) => c.college, max: 24 },
    { header: '专业数', value: (c) => c.majors, min: 6 },
    { header: '毕业生数', value: (c) => c.students, min: 6 },
    { header: '成绩公示时间', value: own(config.scorePublicityPeriod), max: 16 },
    { header: '成绩公示人数', value: (c) => c.students, min: 6 },
  ];
  if (ctx.hasRegistration) {
    specs.push(
      { header: '申报名单公示时间', value: own(config.collegePublicityPeriod), max: 16 },
      { header: '申报名单公示人数', value: (c) => c.applicants, min: 6 },
    );
  }
  specs.push(
    { header: '公示地点/方式', value: own(config.publicityPlace), align: 'left', max: 34 },
    { header: '异议情况', value: () => '', min: 10 },
    { header: '处理结果', value: () => '', min: 10 },
    { header: '负责人签字', value: () => '', min: 10 },
  );
  const table = tableFrom([...items, total], specs);
  return {
    name: namer.name('附件4-二级学院公示情况'),
    title: `${config.schoolName}各二级学院专升本相关工作公示情况`,
    subtitles: [`${config.graduationYear}届　　公示期不少于3天；异议情况、处理结果由二级学院填写并签字。`],
    tables: [table],
    footnotes: [madeBy(ctx, `${config.schoolName}教务与实训管理处`)],
    publicity: true,
    orientation: 'landscape',
  };
}
