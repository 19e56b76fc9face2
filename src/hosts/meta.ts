/**
 * What the tool remembers inside a workbook, the same in every host (Office.js, .xlsx via ExcelJS):
 * a very hidden worksheet named META_SHEET whose cell A1 holds this record as JSON. It travels with the
 * workbook by e-mail, so a colleague sees the same settings, and a re-run knows exactly which sheets and
 * which result block it wrote before (and so never touches a user's sheet or cells).
 */
import { z } from 'zod';
import { chineseErrors } from '../engine/config';

export const META_SHEET = 'ZSB_META';

/** "ZSB_META", or "ZSB_META(2)"… when a sheet of the user's already has that name. */
export function isMetaSheetName(name: string): boolean {
  return /^ZSB_META(\(\d+\))?$/u.test(name);
}

/**
 * Whether a worksheet is the tool's own meta sheet, recognised by what the tool writes — not by its name
 * alone: a user's sheet (or a CSV) called ZSB_META is an input like any other (issue 14). The tool's is
 * very hidden, named ZSB_META or ZSB_META(n), and its A1 is empty or a JSON object (a damaged one is
 * still the tool's: parseMeta reports it).
 */
export function isToolMetaSheet(name: string, state: string | undefined, a1: unknown): boolean {
  if (!isMetaSheetName(name) || state !== 'veryHidden') return false;
  return a1 === null || a1 === undefined || a1 === '' || (typeof a1 === 'string' && a1.trimStart().startsWith('{'));
}

/** The name for a new meta sheet: ZSB_META, else the first ZSB_META(n) no sheet has (names compared as Excel does). */
export function freeMetaSheetName(taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(META_SHEET.toLowerCase())) return META_SHEET;
  for (let n = 2; ; n++) if (!used.has(`${META_SHEET}(${n})`.toLowerCase())) return `${META_SHEET}(${n})`;
}

const runStamp = z.object({ fingerprint: z.string(), at: z.string() });

export const metaSchema = z.object({
  format: z.literal(1),
  /** The user's settings (validated against configSchema by the caller). */
  settings: z.unknown().optional(),
  /** Names of the sheets this tool created. */
  ownedSheets: z.array(z.string()).default([]),
  /** The result block on the roster sheet(s): columns [startColumn, endColumn] (1-based), header row. */
  resultBlocks: z
    .array(
      z.object({
        sheet: z.string(),
        headerRow: z.number().int().min(1),
        startColumn: z.number().int().min(1),
        endColumn: z.number().int().min(1),
        lastRow: z.number().int().min(1),
        /**
         * The workbook-scoped defined name that refers to the block: Excel moves it with the cells when
         * the user inserts or deletes rows or columns or renames the sheet, so it — not the numbers
         * above, which are only what was written — says where the block is now (Office host).
         */
        name: z.string().optional(),
        /** The run the block's values come from. */
        run: runStamp.optional(),
        /**
         * Where a copy of what was written lies in this sheet (ZSB_META): from `column` (1-based), row 1
         * the headers, then one row per student — 学号 then the values. Compared cell by cell with the
         * block before it is replaced, so that anything the user typed into it is found (never erased).
         */
        copy: z.object({ column: z.number().int().min(2), rows: z.number().int().min(1), width: z.number().int().min(1) }).optional(),
      }),
    )
    .default([]),
  /** The run the 附件 sheets and 计算说明 come from. */
  attachmentsRun: runStamp.optional(),
  /**
   * The user's corrections in the 数据 step (sheet → kind and column letter → field), kept with the
   * settings so that every host reads the workbook the same way (SPEC §1.6).
   */
  mappings: z.record(z.string(), z.object({ kind: z.string().nullable().optional(), columns: z.record(z.string(), z.string().nullable()).optional() })).optional(),
});

export type MetaRecord = z.infer<typeof metaSchema>;

/** Whether cell (r, c) — 1-based worksheet row and column — lies in one of these result blocks. */
export function inResultBlock(blocks: readonly MetaRecord['resultBlocks'][number][], r: number, c: number): boolean {
  return blocks.some((b) => r >= b.headerRow && r <= b.lastRow && c >= b.startColumn && c <= b.endColumn);
}

export function emptyMeta(): MetaRecord {
  return { format: 1, ownedSheets: [], resultBlocks: [] };
}

/** Parses A1's text; a damaged record is reported, never silently replaced. */
export function parseMeta(text: unknown): { ok: true; meta: MetaRecord } | { ok: false; message: string } {
  if (text === null || text === undefined || text === '') return { ok: true, meta: emptyMeta() };
  try {
    const r = metaSchema.safeParse(JSON.parse(String(text)), chineseErrors);
    if (r.success) return { ok: true, meta: r.data };
    return { ok: false, message: `工作表 ${META_SHEET}!A1 中保存的设置已损坏：${r.error.issues[0]?.message ?? ''}。请删除该隐藏工作表后重新运行。` };
  } catch {
    return { ok: false, message: `工作表 ${META_SHEET}!A1 中保存的设置不是有效的 JSON。请删除该隐藏工作表后重新运行。` };
  }
}

export function serializeMeta(meta: MetaRecord): string {
  return JSON.stringify(meta);
}
