/**
 * Header normalisation and the synonym table of SPEC §1: which header text means which field of which
 * sheet kind. The canonical header of each field is listed first; synonyms follow. Never remove one.
 */

export type SheetKind = 'roster' | 'grades' | 'plan' | 'awards' | 'seats';

/** Chinese name of each kind, for messages. */
export const kindName: Record<SheetKind, string> = {
  roster: '学生名册',
  grades: '成绩',
  plan: '教学计划',
  awards: '获奖与荣誉',
  seats: '对口招录计划',
};

export const allKinds: readonly SheetKind[] = ['roster', 'grades', 'plan', 'awards', 'seats'];

/** Full-width ASCII (Ａ１：) and the ideographic space → half-width. */
export function toHalfWidth(text: string): string {
  if (!/[\u3000\uff01-\uff5e]/u.test(text)) return text;
  let s = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0x3000) s += ' ';
    else if (code >= 0xff01 && code <= 0xff5e) s += String.fromCodePoint(code - 0xfee0);
    else s += ch;
  }
  return s;
}

const alreadyNormal = /^[\u4e00-\u9fffa-z0-9_.-]*$/u;

/**
 * SPEC §1 normalisation: trim, remove all white space (also inside: `学 号`), full-width → half-width,
 * unify brackets (`（）`/`【】`/`[]` → `()`), drop a trailing `:`/`：`. Latin letters are lower-cased so
 * that `QQ号` and `qq号` match.
 */
export function normaliseHeader(text: string): string {
  // Fast path (called per data row): CJK ideographs, lower-case Latin letters, digits and - _ . are left
  // unchanged by every step below, so a text made only of them is already normalised.
  if (alreadyNormal.test(text)) return text;
  const s = toHalfWidth(text)
    .replace(/\s+/gu, '')
    .replace(/[【\[〔]/gu, '(')
    .replace(/[】\]〕]/gu, ')')
    .replace(/[:：]+$/u, '')
    .toLowerCase();
  return s;
}

export const rosterFields = [
  'studentId',
  'name',
  'major',
  'cohort',
  'college',
  'className',
  'gender',
  'ethnicity',
  'political',
  'examNo',
  'idNumber',
  'phone',
  'address',
  'trainingType',
  'rankingGroup',
  'statusChange',
  'veteran',
  'veteranRoute',
  'merit',
  'sanction',
  'povertyFile',
  'registration',
  'waiverProof',
  'ruling',
  'admissionRuling',
  'otherCondition',
] as const;
export type RosterField = (typeof rosterFields)[number];

export const gradeFields = [
  'studentId',
  'courseName',
  'courseCode',
  'score',
  'term',
  'attemptKind',
  'assessment',
  'credit',
  'date',
  'name',
  'academicYear',
  'voided',
  'makeupScore',
  'makeupScore2',
  'retakeScore',
  'retakeScore2',
  'makeupDate',
  'retakeDate',
  'valid',
  'unused',
] as const;
export type GradeField = (typeof gradeFields)[number];

export const planFields = ['major', 'cohort', 'trainingType', 'rankingGroup', 'courseCode', 'courseName', 'term', 'assessment', 'counted'] as const;
export type PlanField = (typeof planFields)[number];

export const awardFields = [
  'studentId',
  'name',
  'category',
  'project',
  'level',
  'grade',
  'teamRank',
  'year',
  'verified',
] as const;
export type AwardField = (typeof awardFields)[number];

export const seatFields = ['university', 'program', 'vocationalMajor', 'seats', 'cohort'] as const;
export type SeatField = (typeof seatFields)[number];

export type AnyField = RosterField | GradeField | PlanField | AwardField | SeatField;

/** Header texts per kind and field (canonical first). */
export const synonyms: { [K in SheetKind]: Record<string, readonly string[]> } = {
  roster: {
    studentId: ['学号', '学生学号', '学籍号', '学生编号'],
    name: ['姓名', '学生姓名'],
    major: ['专业', '专业名称', '所在专业', '所学专业', '高职专业'],
    cohort: ['年级', '入学年级', '入学年份', '所在年级', '编入年级'],
    college: ['二级学院', '学院', '院系', '系部', '所在学院'],
    className: ['班级', '行政班', '班级名称', '所在班级'],
    gender: ['性别'],
    ethnicity: ['民族'],
    political: ['政治面貌'],
    examNo: ['考生号', '高考考生号'],
    idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', '身份证'],
    phone: ['手机号', '联系电话', '手机号码', '电话', '联系方式'],
    address: ['家庭住址', '家庭地址', '通讯地址'],
    trainingType: ['培养类型', '学生类别', '培养方式'],
    rankingGroup: ['排名组', '独立排名组', '排名分组'],
    statusChange: ['学籍异动', '是否学籍异动', '异动情况', '学籍异动情况'],
    veteran: ['退役大学生士兵', '退役士兵', '是否退役大学生士兵', '是否退役士兵'],
    veteranRoute: ['升本方式', '退役士兵升本方式'],
    merit: ['立功情况', '立功受奖情况'],
    sanction: ['处分未解除', '处分', '纪律处分', '处分情况', '是否处分未解除'],
    povertyFile: ['建档立卡', '是否建档立卡', '原建档立卡'],
    registration: ['报名状态', '是否报名', '报名情况'],
    waiverProof: ['放弃证明', '放弃声明', '放弃证明材料'],
    ruling: ['裁定结果', '领导小组裁定', '裁定'],
    admissionRuling: ['录取裁定', '录取裁定结果', '志愿裁定'],
    otherCondition: ['其他不符合条件', '资格审查意见', '其他不符合条件情况', '审查意见', '资格审查'],
  },
  // Headers of the 教务系统 exports (SPEC §1.2; sources in docs/教务系统导出成绩.md and test/layouts/).
  grades: {
    studentId: ['学号', '学生学号', '学籍号'],
    courseName: ['课程名称', '课程', '课程名', '课程/环节', '课程环节'],
    courseCode: ['课程代码', '课程号', '课程编号', '课程代号'],
    score: ['成绩', '总评成绩', '最终成绩', '考试成绩', '总成绩', '总评', '分数'],
    term: ['学期', '开课学期', '修读学期', '学年学期', '成绩获得学年学期', '开课学年学期', '考试学期'],
    attemptKind: ['考试性质', '考试类型', '成绩性质', '考试类别', '修读性质', '重修重考', '取得方式'],
    assessment: ['考核方式', '考核类型'],
    credit: ['学分'],
    date: ['成绩日期', '录入日期', '考试日期', '成绩录入日期'],
    name: ['姓名', '学生姓名'],
    /** 学年 (正方): with it, a 学期 of 1/2/秋/春 is the term of that academic year (SPEC §1.2). */
    academicYear: ['学年', '学年度', '开课学年'],
    /** 是否成绩作废 (正方): 是 ⇒ the row is ignored. */
    voided: ['是否成绩作废', '作废', '成绩作废', '是否作废'],
    /** Wide exports (one row per course): each non-empty cell is one more attempt of that kind. */
    makeupScore: ['补考成绩', '补考成绩1', '补考成绩一'],
    makeupScore2: ['补考成绩2', '补考成绩二'],
    retakeScore: ['重修成绩', '重修成绩1', '重修成绩一'],
    retakeScore2: ['重修成绩2', '重修成绩二'],
    makeupDate: ['补考日期', '补考时间'],
    retakeDate: ['重修日期', '重修时间'],
    /** 是否有效 (金智): 否 ⇒ the row is ignored, like 作废 = 是. */
    valid: ['是否有效'],
    /**
     * Columns the exports carry that the rules do not use (the 细则 average is unweighted): recognised so
     * that each is reported once (info) by name, never dropped unseen (SPEC §1.6). Not counted as a
     * DUPLICATE_COLUMN: an export has several.
     */
    unused: [
      '绩点',
      '学分绩点',
      '课程绩点',
      '课程性质',
      '课程类别',
      '课程属性',
      '类别',
      '学时',
      '总学时',
      '获得学分',
      '成绩备注',
      '成绩标识',
      '补重学期',
      '是否学位课程',
      '是否学位课',
      '课程标记',
      '课程归属',
      '修读方式',
      '是否主修',
      '是否及格',
      '备注',
      '重修标记',
      '辅修标记',
      // Parts of the 总评 (the tool reads the 成绩/总评 column only): named so that none is taken for it unseen.
      '平时成绩',
      '期中成绩',
      '期末成绩',
      '实验成绩',
      '百分制成绩',
      '等级成绩',
    ],
  },
  plan: {
    major: ['专业', '专业名称', '所在专业'],
    cohort: ['年级', '入学年级', '适用年级'],
    trainingType: ['培养类型', '学生类别', '培养方式'],
    rankingGroup: ['排名组', '独立排名组', '排名分组'],
    courseCode: ['课程代码', '课程号', '课程编号'],
    courseName: ['课程名称', '课程', '课程名'],
    term: ['学期', '开课学期', '建议修读学期'],
    assessment: ['考核方式', '考核类型'],
    counted: ['计入平均分', '是否计入平均分', '计入平均成绩'],
  },
  awards: {
    studentId: ['学号', '学生学号', '学籍号'],
    name: ['姓名', '学生姓名'],
    category: ['类别', '比赛名称', '竞赛名称', '赛事名称', '获奖类别', '奖项类别'],
    project: ['项目名称', '项目', '赛项名称', '赛项', '荣誉名称'],
    level: ['级别', '获奖级别', '奖项级别'],
    grade: ['等次', '获奖等次', '奖项等次', '获奖等级', '名次'],
    teamRank: ['团队排名', '团队排序', '成员排名', '排名(团队)'],
    year: ['获奖年份', '年份', '获奖时间', '获奖年度'],
    verified: ['审核结果', '审核状态', '审核意见'],
  },
  seats: {
    university: ['本科院校', '本科高校', '招录院校', '本科学校'],
    program: ['本科专业', '招录专业', '本科专业名称'],
    vocationalMajor: ['高职专业', '对口高职专业', '高职高专专业', '专科专业'],
    seats: ['计划数', '招生计划数', '计划', '计划人数', '招录计划数'],
    cohort: ['年级', '适用年级'],
  },
};

/**
 * Fields recognised only to be reported (SPEC §1.6): every column of them is listed in
 * DetectedSheet.unusedColumns, none is a DUPLICATE_COLUMN.
 */
export const unusedFields: { readonly [K in SheetKind]?: ReadonlySet<string> } = {
  grades: new Set(['unused', 'credit', 'assessment']),
};

/**
 * Headers of a field that are read only when the sheet has no other header of that field (SPEC §1.1:
 * `入学年级` is read as 年级 only when no 年级 column exists — a 学籍异动 student's 年级 is the cohort he is
 * ranked with after 复学/转专业, his 入学年级 may be older).
 */
export const fallbackHeaders: { [K in SheetKind]?: Record<string, readonly string[]> } = {
  roster: { cohort: ['入学年级', '入学年份'] },
};

/** True when `header` is one of the field's fallback headers (see fallbackHeaders). */
export function isFallbackHeader(kind: SheetKind, field: string, header: string): boolean {
  const n = normaliseHeader(header);
  return (fallbackHeaders[kind]?.[field] ?? []).some((h) => normaliseHeader(h) === n);
}

/** Required fields per kind. For grades one of 课程代码/课程名称 is required (checked separately). */
export const requiredFields: { [K in SheetKind]: readonly string[] } = {
  roster: ['studentId', 'name', 'major', 'cohort'],
  grades: ['studentId', 'score'],
  plan: ['major', 'courseName'],
  awards: ['studentId', 'category'],
  seats: ['university', 'program', 'vocationalMajor', 'seats'],
};

/** 志愿1 … 志愿K (also 第1志愿, 志愿一). Returns K, or null. */
export function wishIndex(normalisedHeader: string): number | null {
  const m = /^(?:第)?志愿([0-9]+|[一二三四五六七八九十]+)$/u.exec(normalisedHeader) ??
    /^第([0-9]+|[一二三四五六七八九十]+)志愿$/u.exec(normalisedHeader);
  if (!m) return null;
  const n = chineseOrArabic(m[1] ?? '');
  return n !== null && n >= 1 ? n : null;
}

const chineseDigits: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "3" → 3, "三" → 3, "十二" → 12; null otherwise. */
export function chineseOrArabic(s: string): number | null {
  if (/^[0-9]+$/u.test(s)) return Number(s);
  if (!/^[一二三四五六七八九十]+$/u.test(s)) return null;
  if (s === '十') return 10;
  const i = s.indexOf('十');
  if (i < 0) return s.length === 1 ? (chineseDigits[s] ?? null) : null;
  const tens = i === 0 ? 1 : (chineseDigits[s.slice(0, i)] ?? NaN);
  const ones = i === s.length - 1 ? 0 : (chineseDigits[s.slice(i + 1)] ?? NaN);
  const n = tens * 10 + ones;
  return Number.isFinite(n) ? n : null;
}

/** Lookup: kind → normalised header → field. Built once. */
const headerIndex: { [K in SheetKind]: Map<string, string> } = (() => {
  const out = {} as { [K in SheetKind]: Map<string, string> };
  for (const kind of allKinds) {
    const m = new Map<string, string>();
    for (const [field, names] of Object.entries(synonyms[kind])) {
      for (const n of names) m.set(normaliseHeader(n), field);
    }
    out[kind] = m;
  }
  return out;
})();

/** The field a header text means for a kind ("wish" is returned for 志愿K on a roster), or null. */
export function fieldOf(kind: SheetKind, header: string): string | null {
  const n = normaliseHeader(header);
  if (n === '') return null;
  const f = headerIndex[kind].get(n);
  if (f) return f;
  if (kind === 'roster' && wishIndex(n) !== null) return 'wish';
  return null;
}

/** The canonical header of a field (for messages: "缺少列“学号”"). */
export function canonicalHeader(kind: SheetKind, field: string): string {
  return synonyms[kind][field]?.[0] ?? field;
}

/** True when a cell text is one of the kind's header texts (a repeated header row inside data). */
export function isHeaderText(kind: SheetKind, field: string, text: string): boolean {
  return headerIndex[kind].get(normaliseHeader(text)) === field;
}
