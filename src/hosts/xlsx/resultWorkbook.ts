/**
 * The result workbook as the streaming writer writes it (issue 17): one plan for the CLI's `--out`
 * (src/cli/main.ts) and file mode's download (src/taskpane/file/core.ts, in its worker).
 *
 * The first .xlsx is the base, loaded into ExcelJS without its big sheets' rows (xlsxBase.ts: they are
 * read again from the file when written); the other files' sheets are added under unique names — a CSV
 * table as a placeholder written from its columns, another .xlsx's sheet copied from that file loaded
 * the same way, an .xls sheet as its values. The sheets the run writes into (`targets`: the result
 * blocks) and those an earlier run wrote into are loaded whole.
 */
import { isMetaSheetName, META_SHEET, type MetaRecord } from '../meta';
import { copyWorksheet, newWorkbook, uniqueSheetName, XlsxFileHost, type XlsxWorkbook } from './fileHost';
import type { InputSet } from './loadInputs';
import type { StreamedWorkbook } from './streamRead';
import type { StreamPlan } from './streamWrite';
import { loadBase, type BaseOptions } from './xlsxBase';

/** An .xlsx read by the streaming reader, to build the result from. */
export interface XlsxSource {
  /** The file's name (messages). */
  name: string;
  /** Its bytes, read again (the CLI) or kept (file mode). */
  bytes: () => Promise<Uint8Array>;
  workbook: StreamedWorkbook;
  meta: MetaRecord | null;
}

export interface ResultWorkbook {
  wb: XlsxWorkbook;
  host: XlsxFileHost;
  plan: StreamPlan;
}

/**
 * Builds the result workbook of `loaded` (its `extra` sheets added, `loaded.base` set when there is a
 * base): `base` is the first .xlsx, `others` the other .xlsx files by key (ExtraSheet.source.file).
 */
export async function buildResultWorkbook(
  loaded: InputSet,
  base: XlsxSource | null,
  others: ReadonlyMap<string, XlsxSource>,
  targets: ReadonlySet<string>,
  options: BaseOptions = {},
): Promise<ResultWorkbook> {
  // Big sheets are placeholders here, written row by row by the streaming writer (streamWrite.ts).
  const plan: StreamPlan = { streamed: new Map(), deferred: new Map() };
  if (base) {
    // The base without the rows of its big sheets (read again from the file when written), except the
    // sheets this run writes into or wrote into before, and the meta sheet.
    const keep = new Set([META_SHEET, ...base.workbook.sheets.filter((sh) => isMetaSheetName(sh.name)).map((sh) => sh.name), ...targets, ...(base.meta?.resultBlocks ?? []).map((b) => b.sheet)]);
    const loadedBase = await loadBase(await base.bytes(), base.workbook, (sheet) => keep.has(sheet), base.name, options);
    loaded.base = { wb: loadedBase.wb, host: new XlsxFileHost(loadedBase.wb) };
    plan.copied = loadedBase.cells;
  }
  // The other .xlsx files, loaded the same way when their first sheet is copied.
  const otherLoaded = new Map<string, Awaited<ReturnType<typeof loadBase>>>();
  const other = async (key: string) => {
    let done = otherLoaded.get(key);
    if (!done) {
      const file = others.get(key)!;
      const keep = new Set(loaded.extra.filter((e) => e.source?.file === key && targets.has(e.name)).map((e) => e.source!.sheet));
      done = await loadBase(await file.bytes(), file.workbook, (sheet) => keep.has(sheet), file.name, options);
      otherLoaded.set(key, done);
    }
    return done;
  };
  plan.copiedOther = new Map();
  const wb = loaded.base?.wb ?? (await newWorkbook());
  for (const e of loaded.extra) {
    let actual: string;
    if (e.table && !targets.has(e.name)) {
      actual = uniqueSheetName(wb, e.name);
      wb.addWorksheet(actual);
      plan.streamed.set(actual, e.table);
    } else if (e.source) {
      const { sheet, blocks } = e.source;
      const from = await other(e.source.file);
      actual = copyWorksheet(from.wb.getWorksheet(sheet)!, wb, e.name, blocks);
      const cells = from.cells.get(sheet);
      if (cells) plan.copiedOther.set(actual, { cells, blocks: blocks.filter((b) => b.sheet === sheet) });
    } else actual = e.add(wb);
    if (actual !== e.name) throw new Error(`内部错误：工作表名“${e.name}”在输出中变成了“${actual}”`);
  }
  return { wb, host: loaded.base?.host ?? new XlsxFileHost(wb), plan };
}

/** The sheets of the result workbook that are not written from memory: their rows must not be written into. */
export function streamedSheets(plan: StreamPlan): Set<string> {
  return new Set([...plan.streamed.keys(), ...(plan.copied?.keys() ?? []), ...(plan.copiedOther?.keys() ?? [])]);
}
