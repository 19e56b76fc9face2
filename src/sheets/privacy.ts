/**
 * 公示用工作簿 (issue 18 point 8): which input sheets must stay out of a workbook meant for publicity —
 * those holding 身份证号, 手机号 or 家庭住址 (SPEC §4.3, 细则 六(三)), found by their headers or, for a sheet
 * whose headers are not recognised, by values that look like an 18-digit ID or a mobile number — and the
 * tool's own record as such a workbook carries it (naming none of the sheets left out). Pure.
 */
import { detectSheet } from './detect';
import type { RawTable } from './table';

const SENSITIVE_FIELDS: Record<string, string> = { idNumber: '身份证号', phone: '手机号', address: '家庭住址' };
const ID = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/u;
const MOBILE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/u;

export interface SensitiveSheet {
  sheet: string;
  /** "身份证号、手机号" */
  holds: string;
}

export function sensitiveSheets(tables: readonly RawTable[]): SensitiveSheet[] {
  const out: SensitiveSheet[] = [];
  for (const t of tables) {
    const detected = detectSheet(t).detected;
    const holds = new Set(Object.keys(detected?.columns ?? {}).flatMap((f) => (SENSITIVE_FIELDS[f] ? [SENSITIVE_FIELDS[f]] : [])));
    for (const row of t.rows) {
      for (const v of row) {
        const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
        if (ID.test(s)) holds.add('身份证号');
        else if (MOBILE.test(s)) holds.add('手机号');
      }
      if (holds.has('身份证号') && holds.has('手机号')) break;
    }
    if (holds.size > 0) out.push({ sheet: t.sheet, holds: [...holds].join('、') });
  }
  return out;
}

/** The parts of the tool's record in a workbook (src/hosts/meta.ts, ZSB_META) that name sheets. */
export interface SheetNamingRecord {
  ownedSheets: string[];
  resultBlocks: { sheet: string }[];
  mappings?: Record<string, unknown>;
}

/**
 * The record as a 公示用工作簿 carries it: no sheet left out (附件7, 计算说明, 结果快照, a roster holding
 * IDs…) is named — not among the tool's sheets, the result blocks, nor the 数据 step's column choices.
 * Everything else (the settings, the run of the 附件) is kept.
 */
export function recordWithout<M extends SheetNamingRecord>(record: M, omitted: ReadonlySet<string>): M {
  const kept = (name: string) => !omitted.has(name);
  const out: M = { ...record, ownedSheets: record.ownedSheets.filter(kept), resultBlocks: record.resultBlocks.filter((b) => kept(b.sheet)) };
  if (record.mappings) out.mappings = Object.fromEntries(Object.entries(record.mappings).filter(([sheet]) => kept(sheet)));
  return out;
}
