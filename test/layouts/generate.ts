/**
 * Synthetic 教务系统 exports (issue 12): one invented class of five 2021级 软件技术 students, written in the
 * layout each system exports — headers, column order and value conventions as the systems write them —
 * as .xlsx (ExcelJS) or CSV. Rows are shuffled (seeded) and carry the traps that went silently wrong
 * before: a term-6 course that must not count, a voided row with a higher score, a 补考 that passes (cap60
 * ⇒ 60), a 缺考 then 补考, a 重修 that still fails, text terms.
 *
 * Sources of the headers (public code that reads or writes each system's export; see also
 * docs/教务系统导出成绩.md):
 * - 正方 jwglxt (新正方): the export request of `cjcx_dcListByXs.html`, `exportModel.selectCol=xnmmc@学年&
 *   …xqmmc@学期&kch@课程代码&kcmc@课程名称&kcxzmc@课程性质&xf@学分&cj@成绩&cjbz@成绩备注&jd@绩点&ksxz@成绩性质&
 *   sfcjzf@是否成绩作废&…&khfsmc@考核方式&xh@学号&xm@姓名…` (a Java crawler "CrawlerGrade", found by code search);
 *   the same 28 columns listed in a scholarship tool's notes ("成绩导出.xlsx 列结构").
 * - 正方 old (ASP.NET 现代教学管理信息系统): GitHub undefinedv/ZF-system, xscj_gc.aspx, DataGrid columns
 *   学年, 学期, 课程代码, 课程名称, 课程性质, 课程归属, 学分, 绩点, 成绩, 辅修标记, 补考成绩, 重修成绩, 学院名称, 备注, 重修标记.
 * - 强智 (jsxsd, /kscj/cjcx_list): the Swift client "EduHelper" struct CourseGrade — 开课学期, 课程编号, 课程名称,
 *   分组名, 成绩, 成绩标识, 学分, 总学时, 绩点, 补重学期, 考核方式, 考试性质, 课程属性, 课程性质 (学年学期 as "2023-2024-1").
 * - 青果 (KINGOSOFT, xscj.stuckcj): a Python scraper's table head 序号, 课程/环节, 学分, 类别, 修读性质, 考核方式,
 *   成绩, 获得学分, 绩点, 学分绩点, 备注, course cells "[代码]名称", term captions "2017-2018学年第一学期".
 * - 金智 (ehall jwapp cjcx): fields XSKCM 课程名, ZCJ 总成绩, XNXQDM 学年学期, KCXZDM 课程性质, KCLBDM 课程类别,
 *   CXCKDM 重修重考 ("正常考试、补考1、重修重考", 初修/重修), SFJG 是否及格, and an export read by a Node script
 *   with 课程名/总成绩/百分制成绩/学分/是否学位课/重修重考/是否有效/课程性质/课程类别.
 * The 学号 / 姓名 columns are added where a per-student page has none (a school-wide export has them).
 */
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Course {
  code: string;
  name: string;
  /** Programme term 1…6 (2021级: term 1 = 2021-2022 first half). */
  term: number;
}

export const courses: readonly Course[] = [
  { code: 'GX1001', name: '高等数学', term: 1 },
  { code: 'GX1002', name: '大学英语', term: 2 },
  { code: 'RJ2001', name: '程序设计基础', term: 3 },
  { code: 'RJ2002', name: '数据库原理', term: 4 },
  { code: 'RJ3001', name: 'Web前端开发', term: 5 },
  // Term 6: outside countedTerms (1–5). With 学年 ignored, its 学期 "2" would read as term 2 and count.
  { code: 'RJ3002', name: '毕业设计', term: 6 },
];

export type Kind = 'first' | 'makeup' | 'retake';

/** One attempt of the invented truth: the course (index), kind, score (a number or 缺考), voided. */
export interface Sitting {
  id: string;
  course: number;
  kind: Kind;
  score: number | '缺考';
  /** A voided row (正方 是否成绩作废 = 是, 金智 是否有效 = 否): its higher score must not count. */
  voided?: true;
  /** 五级制 text a system writes instead of the number (青果: 良 for 85). */
  text?: string;
}

export const students: readonly { id: string; name: string }[] = [
  { id: '2021010101', name: '陈思远' },
  { id: '2021010102', name: '林晓雯' },
  { id: '2021010103', name: '黄志强' },
  { id: '2021010104', name: '赵雅琴' },
  { id: '2021010105', name: '周建华' },
];

const firstScores: Record<string, (number | '缺考')[]> = {
  '2021010101': [88, 92, 95, 90, 85, 60],
  '2021010102': [70, 45, 80, 76, 84, 98],
  '2021010103': ['缺考', 81, 77, 50, 90, 88],
  '2021010104': [95, 93, 91, 89, 94, 70],
  '2021010105': [62, 68, 71, 65, 73, 80],
};

/** Every attempt of the class: first sittings, then the traps. */
export function sittings(): Sitting[] {
  const out: Sitting[] = [];
  for (const s of students) {
    (firstScores[s.id] ?? []).forEach((score, course) => out.push({ id: s.id, course, kind: 'first', score }));
  }
  out.push({ id: '2021010101', course: 0, kind: 'first', score: 99, voided: true });
  out.push({ id: '2021010102', course: 1, kind: 'makeup', score: 75 });
  out.push({ id: '2021010103', course: 0, kind: 'makeup', score: 66 });
  out.push({ id: '2021010103', course: 3, kind: 'retake', score: 58 });
  return out;
}

/** Academic year (start) and half of a programme term for the 2021 cohort. */
export function academicTerm(term: number): { start: number; half: 1 | 2 } {
  return { start: 2021 + Math.floor((term - 1) / 2), half: term % 2 === 1 ? 1 : 2 };
}

/** A later sitting takes place in the term after the course's (as exports date them). */
function termOf(s: Sitting): number {
  const c = courses[s.course] as Course;
  return s.kind === 'first' ? c.term : c.term + 1;
}

/** Deterministic shuffle (mulberry32): the same order on every run. */
export function shuffled<T>(rows: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

type Cell = string | number | null;
const nameOf = (id: string) => students.find((s) => s.id === id)?.name ?? '';
const cn = ['', '一', '二'];

export interface Layout {
  /** Short key (file names, test titles). */
  key: string;
  system: string;
  format: 'xlsx' | 'csv';
  header: string[];
  rows: Cell[][];
  /** Headers the tool recognises but does not use: one UNUSED_COLUMN info each. */
  unused: string[];
  /** Rows left out as voided (VOIDED_ROWS info count), 0 when the layout has no such column. */
  voided: number;
}

/** 正方 jwglxt: one row per attempt; 学年 + 学期 (numbers and text); 成绩性质; 是否成绩作废. */
export function zhengfang(): Layout {
  const header = ['学年', '学期', '课程代码', '课程名称', '课程性质', '学分', '成绩', '成绩备注', '绩点', '成绩性质', '是否成绩作废', '是否学位课程', '开课学院', '课程标记', '课程类别', '课程归属', '教学班', '任课教师', '考核方式', '学号', '姓名', '性别', '学生类别', '学院', '专业', '年级', '班级', '学生标记'];
  const nature: Record<Kind, string> = { first: '正常考试', makeup: '补考一', retake: '重修' };
  const rows = sittings().map((s, i): Cell[] => {
    const c = courses[s.course] as Course;
    const { start, half } = academicTerm(termOf(s));
    return [
      `${start}-${start + 1}`,
      i % 2 === 0 ? half : String(half), // 学期 as a number or as text: both are the half of that 学年
      c.code,
      c.name,
      '必修课',
      3,
      s.score,
      s.score === '缺考' ? '缺考' : null,
      typeof s.score === 'number' ? Math.max(0, (s.score - 50) / 10) : 0,
      nature[s.kind],
      s.voided ? '是' : '否',
      '否',
      '信息工程学院',
      '主修',
      '专业核心课',
      null,
      `(2021-2022-1)-${c.code}-01`,
      '王老师',
      '考试',
      s.id,
      nameOf(s.id),
      '男',
      '普通全日制',
      '信息工程学院',
      '软件技术',
      '2021',
      '软件2101',
      null,
    ];
  });
  return {
    key: 'zhengfang',
    system: '正方 jwglxt',
    format: 'xlsx',
    header,
    rows: shuffled(rows, 12),
    unused: ['课程性质', '学分', '成绩备注', '绩点', '是否学位课程', '课程标记', '课程类别', '课程归属', '考核方式'],
    voided: 1,
  };
}

/** Old 正方: one row per course; 补考成绩 / 重修成绩 in their own columns. */
export function zhengfangWide(): Layout {
  const header = ['学号', '姓名', '学年', '学期', '课程代码', '课程名称', '课程性质', '课程归属', '学分', '绩点', '成绩', '辅修标记', '补考成绩', '重修成绩', '学院名称', '备注', '重修标记'];
  const all = sittings().filter((s) => !s.voided);
  const rows = all
    .filter((s) => s.kind === 'first')
    .map((s): Cell[] => {
      const c = courses[s.course] as Course;
      const { start, half } = academicTerm(c.term);
      const later = (k: Kind) => all.find((x) => x.id === s.id && x.course === s.course && x.kind === k)?.score ?? null;
      const retake = later('retake');
      return [s.id, nameOf(s.id), `${start}-${start + 1}`, `第${cn[half]}学期`, c.code, c.name, '必修课', null, 3, 1.5, s.score, null, later('makeup'), retake, '信息工程学院', null, retake === null ? null : '1'];
    });
  return {
    key: 'zhengfang-wide',
    system: '正方（旧版，补考/重修成绩分列）',
    format: 'xlsx',
    header,
    rows: shuffled(rows, 7),
    unused: ['课程性质', '课程归属', '学分', '绩点', '备注', '重修标记', '辅修标记'],
    voided: 0,
  };
}

/** 强智 jsxsd: 开课学期 2021-2022-1 (a 补考's row keeps its course's term, 补重学期 says when); CSV. */
export function qiangzhi(): Layout {
  const header = ['序号', '学号', '姓名', '开课学期', '课程编号', '课程名称', '分组名', '成绩', '成绩标识', '学分', '总学时', '绩点', '补重学期', '考核方式', '考试性质', '课程属性', '课程性质'];
  const nature: Record<Kind, string> = { first: '正常考试', makeup: '补考', retake: '重修' };
  const rows = shuffled(
    sittings().filter((s) => !s.voided),
    3,
  ).map((s, i): Cell[] => {
    const c = courses[s.course] as Course;
    const own = academicTerm(c.term);
    const when = academicTerm(termOf(s));
    return [
      i + 1,
      s.id,
      nameOf(s.id),
      `${own.start}-${own.start + 1}-${own.half}`,
      c.code,
      c.name,
      null,
      s.score,
      s.score === '缺考' ? '缺考' : null,
      3,
      48,
      2.5,
      s.kind === 'first' ? null : `${when.start}-${when.start + 1}-${when.half}`,
      '考试',
      nature[s.kind],
      '必修',
      '专业课',
    ];
  });
  return {
    key: 'qiangzhi',
    system: '强智',
    format: 'csv',
    header,
    rows,
    unused: ['成绩标识', '学分', '总学时', '绩点', '补重学期', '考核方式', '课程属性', '课程性质'],
    voided: 0,
  };
}

/** 青果: 课程/环节 `[code]name`, 学年学期 2021-2022学年第一学期, 修读性质 初修/补考/重修, 五级制 良. */
export function qingguo(): Layout {
  const header = ['学号', '姓名', '学年学期', '序号', '课程/环节', '学分', '类别', '修读性质', '考核方式', '成绩', '获得学分', '绩点', '学分绩点', '备注'];
  const nature: Record<Kind, string> = { first: '初修', makeup: '补考', retake: '重修' };
  const rows = shuffled(
    sittings().filter((s) => !s.voided),
    5,
  ).map((s, i): Cell[] => {
    const c = courses[s.course] as Course;
    const { start, half } = academicTerm(termOf(s));
    // 陈思远's Web前端开发 (85) is written in 五级制 as 青果 prints it: 良 (= 良好 = 85 by default).
    const score = s.id === '2021010101' && s.course === 4 ? '良' : s.score;
    return [s.id, nameOf(s.id), `${start}-${start + 1}学年第${cn[half]}学期`, i + 1, `[${c.code}]${c.name}`, 3, '必修', nature[s.kind], '考试', score, 3, 2.5, 7.5, null];
  });
  return {
    key: 'qingguo',
    system: '青果',
    format: 'xlsx',
    header,
    rows,
    unused: ['学分', '类别', '考核方式', '获得学分', '绩点', '学分绩点', '备注'],
    voided: 0,
  };
}

/** 金智: 课程号/课程名/总成绩/成绩获得学年学期 (秋季/春季)/重修重考 初修/重考/重修/是否有效. */
export function jinzhi(): Layout {
  const header = ['学号', '姓名', '课程号', '课程名', '成绩获得学年学期', '总成绩', '学分', '课程性质', '课程类别', '重修重考', '是否及格', '是否有效'];
  const nature: Record<Kind, string> = { first: '初修', makeup: '重考', retake: '重修' };
  const rows = shuffled(sittings(), 9).map((s): Cell[] => {
    const c = courses[s.course] as Course;
    const { start, half } = academicTerm(termOf(s));
    const passed = typeof s.score === 'number' && s.score >= 60;
    return [s.id, nameOf(s.id), c.code, c.name, `${start}-${start + 1}学年${half === 1 ? '秋季' : '春季'}学期`, s.score, 3, '必修', '专业课', nature[s.kind], passed ? '是' : '否', s.voided ? '否' : '是'];
  });
  return {
    key: 'jinzhi',
    system: '金智',
    format: 'xlsx',
    header,
    rows,
    unused: ['学分', '课程性质', '课程类别', '是否及格'],
    voided: 1,
  };
}

export const layouts = [zhengfang, zhengfangWide, qiangzhi, qingguo, jinzhi];

/** The roster (same for every layout): 学号 as text. */
export function rosterRows(): Cell[][] {
  return [['学号', '姓名', '专业', '年级', '班级'], ...students.map((s) => [s.id, s.name, '软件技术', '2021级', '软件2101'])];
}

/** Writes a layout into `dir`: returns the input files (roster workbook first). */
export async function writeLayout(dir: string, layout: Layout): Promise<string[]> {
  const roster = join(dir, `${layout.key}-名册.xlsx`);
  const rwb = new ExcelJS.Workbook();
  const rws = rwb.addWorksheet('学生名册');
  for (const r of rosterRows()) rws.addRow(r).getCell(1).numFmt = '@';
  if (layout.format === 'csv') {
    await rwb.xlsx.writeFile(roster);
    const csv = join(dir, `${layout.key}-成绩.csv`);
    const quote = (v: Cell) => (v === null ? '' : /[",\n]/u.test(String(v)) ? `"${String(v).replace(/"/gu, '""')}"` : String(v));
    writeFileSync(csv, '\ufeff' + [layout.header, ...layout.rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n');
    return [roster, csv];
  }
  // The export as its own workbook, with the title row the systems put above the header.
  const grades = join(dir, `${layout.key}-成绩.xlsx`);
  const gwb = new ExcelJS.Workbook();
  const gws = gwb.addWorksheet('成绩');
  gws.addRow([`${layout.system} 学生成绩导出`]);
  gws.addRow(layout.header);
  for (const r of layout.rows) gws.addRow(r);
  await rwb.xlsx.writeFile(roster);
  await gwb.xlsx.writeFile(grades);
  return [roster, grades];
}
