/**
 * 附件7 毕业生生源数据 — INTERNAL (细则 五(三): sent by 教务处 to 招生就业处 for the 教育厅 专升本系统).
 * The only sheet with the full 身份证号 and the 联系电话 (publicity: false); titled 内部资料.
 * Columns follow the 生源模板 fields the 细则 names: 考生号, 学号, 姓名, 性别, 民族, 身份证号, 政治面貌,
 * 二级学院, 专业, 班级, 年级, 培养类型, the ranking (平均成绩, 排名, 专业人数, 是否前60%), 是否符合条件,
 * 建档立卡, 处分未解除, 退役大学生士兵, 立功情况, 不占指标 and 优先录取原因 (the award evidence), and
 * when registration data exists 报名状态 and 推荐结果. 家庭住址 is left out (不需要，简洁够用原则).
 */
import type { Student, TrainingType } from '../../engine/model';
import { groupName, madeBy, scoreColumns, statusLabel, tableFrom, yesNo } from './common';
import type { AnnexContext, ColumnSpec, SheetNamer, StudentRow } from './common';
import type { SheetModel } from './model';
import { awardsBySource, evidenceWithTeamRank } from './annex08Direct';

const trainingText: Record<TrainingType, string> = { normal: '普通', expanded: '扩招', directed: '定向培养' };

function registrationText(s: Student): string {
  switch (s.registration) {
    case 'registered':
      return '已报名';
    case 'waived':
      return s.waiverProof ? '放弃（已交证明）' : '放弃（未交证明）';
    case 'none':
      return '未报名';
    default:
      return '';
  }
}

function optionalYesNo(b: boolean | undefined): string {
  return b === undefined ? '' : yesNo(b);
}

export function buildAnnex07(ctx: AnnexContext, namer: SheetNamer): SheetModel {
  const { config } = ctx;
  const awards = awardsBySource(ctx);
  const specs: ColumnSpec<StudentRow>[] = [
    { header: '序号', value: (_r, i) => i + 1, min: 5 },
    { header: '学号', value: (r) => r.result.studentId, text: true },
    { header: '姓名', value: (r) => r.result.name, min: 8 },
    { header: '考生号', value: (r) => r.student.examNo ?? '', text: true },
    { header: '性别', value: (r) => r.student.gender ?? '', min: 5 },
    { header: '民族', value: (r) => r.student.ethnicity ?? '', min: 6 },
    { header: '身份证号', value: (r) => r.student.idNumber ?? '', text: true, min: 20 },
    { header: '联系电话', value: (r) => r.student.phone ?? '', text: true, min: 13 },
    { header: '政治面貌', value: (r) => r.student.political ?? '' },
    { header: '二级学院', value: (r) => r.student.college ?? '', max: 24 },
    { header: '专业', value: (r) => groupName(ctx, r.group), max: 20 },
    { header: '班级', value: (r) => r.student.className ?? '', max: 22 },
    { header: '年级', value: (r) => r.group.grade, min: 6 },
    { header: '培养类型', value: (r) => trainingText[r.student.trainingType] },
    { header: '学籍异动', value: (r) => (r.student.statusChange ? r.student.statusChangeType || '是' : '否') },
    ...scoreColumns(ctx, ctx.rows),
    { header: `是否前${config.rankPercent}%`, value: (r) => yesNo(r.result.top60) },
    { header: '是否符合条件', value: (r) => yesNo(r.result.eligible) },
    { header: '建档立卡', value: (r) => optionalYesNo(r.student.povertyFile) },
    { header: '处分未解除', value: (r) => yesNo(r.student.sanction) },
    { header: '退役大学生士兵', value: (r) => yesNo(r.student.veteran) },
    { header: '立功情况', value: (r) => r.student.merit ?? '' },
    { header: '不占指标', value: (r) => yesNo(r.result.direct) },
    { header: '同等条件优先', value: (r) => yesNo(r.result.priority) },
    {
      header: '优先录取原因',
      value: (r) => r.details.evidence.map((e) => evidenceWithTeamRank(e, awards)).join('；'),
      align: 'left',
      min: 16,
      max: 30,
    },
  ];
  if (ctx.hasRegistration) {
    specs.push(
      { header: '报名状态', value: (r) => registrationText(r.student) },
      { header: '推荐结果', value: (r) => statusLabel(r.result), min: 10 },
    );
  }
  const table = tableFrom(ctx.rows, specs);
  return {
    name: namer.name('附件7-生源数据（内部）'),
    title: `${config.schoolName}${config.graduationYear}届毕业生生源数据（内部资料）`,
    subtitles: [
      '内部资料：含身份证号、联系电话等个人敏感信息，仅用于报送教育厅专升本系统，严禁公示、张贴或在班级群传播（细则六（三））。',
    ],
    tables: [table],
    footnotes: [madeBy(ctx, `${config.schoolName}教务与实训管理处`)],
    publicity: false,
    orientation: 'landscape',
    // 序号, 学号, 姓名: frozen on screen and repeated on every printed page (the sheet prints across
    // several pages wide so that its 29 columns stay legible).
    freezeColumns: 3,
    pageHeader: '内部资料　严禁外传（含身份证号、联系电话）',
  };
}
