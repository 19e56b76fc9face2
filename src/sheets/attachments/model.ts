/**
 * A host-independent description of one generated sheet (附件3…附件16, 计算说明): what it contains and
 * how it prints, not how it is written. `src/hosts/xlsx` and `src/hosts/office` each write a SheetModel.
 */

export type ModelCell = string | number | null;

export interface ModelColumn {
  header: string;
  /** Width in Excel character units. */
  width: number;
  /** Text columns (学号, 考生号…) are written with number format "@" so leading zeros stay. */
  text?: boolean;
  /** Number format for numeric columns, e.g. "0.00". */
  numberFormat?: string;
  align?: 'left' | 'center' | 'right';
}

/** One table inside a sheet (a sheet may stack several, e.g. one block per 专业). */
export interface ModelTable {
  /** Optional caption row above the header (e.g. the 专业 name). */
  caption?: string;
  columns: ModelColumn[];
  rows: ModelCell[][];
}

export interface SheetModel {
  /** Worksheet name, ≤ 31 characters, unique, no : \ / ? * [ ]. Starts with its 附件 number. */
  name: string;
  /** Big title row, e.g. "柳州职业技术学院2021级机电一体化技术专业各科考试平均成绩排名公示". */
  title: string;
  /** Lines under the title: 公示 period, complaint contact, "内部资料，严禁外传"… */
  subtitles: string[];
  tables: ModelTable[];
  /** Lines after the tables (制表人, 日期, notes). */
  footnotes: string[];
  /** False only for 附件7 and 计算说明 (internal): privacy checks apply to publicity sheets. */
  publicity: boolean;
  orientation: 'portrait' | 'landscape';
}
