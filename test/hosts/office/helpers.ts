import { createHash } from 'crypto';
import type { FakeExcelController, FakeSheetData } from '../../fakes/excel';
import type { SheetModel } from '../../../src/sheets/attachments/model';

export function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hash of every sheet's content except the ones listed (to prove user data did not change). */
export function userHash(excel: FakeExcelController, except: (name: string) => boolean): string {
  return hash(
    excel
      .sheetNames()
      .filter((n) => !except(n))
      .map((n) => excel.fingerprint(n))
      .join('\n'),
  );
}

/** Full state: every sheet with its values, formats, merges, widths, freeze and page layout. */
export function workbookState(excel: FakeExcelController): string {
  return hash(
    JSON.stringify(
    excel.sheetNames().map((n) => [n, excel.fingerprint(n), excel.merges(n), [...excel.columnWidths(n)], excel.freeze(n), excel.pageLayout(n)]),
    ),
  );
}

const MAJORS = ['机电一体化技术', '计算机网络技术', '会计', '汽车检测与维修技术', '护理', '电子商务'];

/** A roster sheet with a title row, a header row at row 2, 学号 as text with leading zeros. */
export function roster(n: number): FakeSheetData {
  const values: (string | number | null)[][] = [['2021级学生名册', null, null, null, null, null, null, null, null, null, null, null]];
  values.push(['学号', '姓名', '专业', '年级', '二级学院', '班级', '性别', '民族', '政治面貌', '培养类型', '学籍异动', '报名状态']);
  for (let i = 0; i < n; i++) {
    values.push([
      `0${21000000 + i}`,
      `学生${i}`,
      MAJORS[i % MAJORS.length]!,
      '2021',
      '智能制造学院',
      `${MAJORS[i % MAJORS.length]}${1 + (i % 4)}班`,
      i % 2 ? '男' : '女',
      '汉族',
      '共青团员',
      '普通',
      '否',
      '报名',
    ]);
  }
  return { name: '学生名册', values, numberFormats: values.map((_, r) => (r >= 2 ? ['@'] : [])) };
}

/** Grade rows: n students × courses (≈ 45 each for a 6,000-student school → 270,000 rows). */
export function grades(students: number, courses: number): FakeSheetData {
  const values: (string | number | null)[][] = [['学号', '姓名', '课程代码', '课程名称', '成绩', '学期', '考试性质', '学分']];
  for (let s = 0; s < students; s++) {
    for (let c = 0; c < courses; c++) {
      values.push([`0${21000000 + s}`, `学生${s}`, `C${100 + c}`, `专业课程${c}`, 60 + ((s * 7 + c * 13) % 40), 1 + (c % 5), '正考', 3]);
    }
  }
  return { name: '成绩', values, numberFormats: values.map((_, r) => (r >= 1 ? ['@'] : [])) };
}

/** A publicity-like sheet model: one table per 专业, 学号 text, average "85.30" strings. */
export function rankingModel(n: number, name = '附件5 平均成绩排名公示'): SheetModel {
  const perMajor = new Map<string, (string | number | null)[][]>();
  for (let i = 0; i < n; i++) {
    const major = MAJORS[i % MAJORS.length]!;
    const rows = perMajor.get(major) ?? [];
    rows.push([rows.length + 1, `0${21000000 + i}`, `学生${i}`, major, (60 + (i % 4000) / 100).toFixed(2), rows.length + 1, i % 3 ? '是' : '否', null]);
    perMajor.set(major, rows);
  }
  return {
    name,
    title: '柳州职业技术学院2021级各专业各科考试平均成绩排名公示',
    subtitles: ['公示时间：2024年3月18日至3月22日', '如有异议请向二级学院反映'],
    tables: [...perMajor].map(([major, rows]) => ({
      caption: `专业：${major}`,
      columns: [
        { header: '序号', width: 6 },
        { header: '学号', width: 14, text: true },
        { header: '姓名', width: 10 },
        { header: '专业', width: 20, align: 'left' as const },
        { header: '平均成绩', width: 10, numberFormat: '0.00' },
        { header: '排名', width: 6 },
        { header: '是否前60%', width: 10 },
        { header: '备注', width: 16 },
      ],
      rows,
    })),
    footnotes: ['制表人：', '日期：'],
    publicity: true,
    orientation: 'portrait',
  };
}

/** Students × courses matrix (附件6-like), landscape, with frozen 学号/姓名 columns. */
export function matrixModel(n: number, courses: number): SheetModel {
  return {
    name: '附件6 分科目成绩公示',
    title: '柳州职业技术学院2021级分科目成绩公示',
    subtitles: [],
    tables: [
      {
        columns: [
          { header: '学号', width: 14, text: true },
          { header: '姓名', width: 10 },
          ...Array.from({ length: courses }, (_, c) => ({ header: `专业课程${c}`, width: 8 })),
        ],
        rows: Array.from({ length: n }, (_, i) => [`0${21000000 + i}`, `学生${i}`, ...Array.from({ length: courses }, (_, c) => (c % 17 === 0 ? '60(补)' : 60 + ((i + c) % 40)))]),
      },
    ],
    footnotes: [],
    publicity: true,
    orientation: 'landscape',
    freezeColumns: 2,
  };
}
