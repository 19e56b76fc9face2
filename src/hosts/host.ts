/**
 * The one small interface the pane and the CLI share: a place workbooks live (Office.js, an .xlsx file
 * via ExcelJS, a browser file). Only implementations under src/hosts/ touch Office.js or ExcelJS.
 */
import type { ResultBlock, RunStamp } from '../sheets/resultColumns';
import type { RawTable } from '../sheets/table';
import type { SheetModel } from '../sheets/attachments/model';

export interface SheetInfo {
  name: string;
  /** True for sheets this tool created (附件…, 计算说明): they are never read as inputs. */
  owned: boolean;
  visible: boolean;
}

/**
 * The user's corrections in the 数据 step, per sheet: its kind (null = not an input) and column letter →
 * field (null = ignore). Saved in the workbook with the settings; every host applies them.
 */
export type ColumnMappings = Record<string, { kind?: string | null; columns?: Record<string, string | null> }>;


/** The result block (SPEC §3.1): defined with the result columns it holds (src/sheets/resultColumns.ts). */
export type { ResultBlock, RunStamp };

/** What a result-block write did, so the pane claims only what is true. */
export interface ResultBlockReport {
  sheet: string;
  /** Columns written, as letters ("M–W"). */
  columns: string;
  rows: number;
  /**
   * How the previous block was checked before it was replaced: 'cells' (every cell compared with what
   * was written last time), 'headers' (a block of an older version: only its headers), 'none' (no
   * previous block: written into empty columns).
   */
  checked: 'cells' | 'headers' | 'none';
  /** Cells the user had typed inside the old block that were moved beside the new one (A1 → A1). */
  moved: { from: string; to: string }[];
}

/** The runs the outputs in a workbook come from (null = none written, or written by an older version). */
export interface OutputRuns {
  blocks: { sheet: string; run: RunStamp | null }[];
  attachments: RunStamp | null;
}

/** Options of a result-block write. */
export interface ResultBlockOptions {
  /** Cells the user typed inside the previous block are moved beside the new block instead of stopping. */
  moveUserCells?: boolean;
}
export interface WorkbookHost {
  listSheets(): Promise<SheetInfo[]>;
  /** The used range of a sheet as a table (values, display text, number formats when available). */
  readSheet(name: string, onProgress?: (done: number, total: number) => void): Promise<RawTable>;
  /**
   * Writes (or replaces) the result block to the right of the roster's own data. A re-run replaces
   * exactly the block written before; the user's own cells never change.
   */
  writeResultBlock(block: ResultBlock, options?: ResultBlockOptions): Promise<ResultBlockReport | void>;
  /**
   * Creates or replaces sheets this tool owns. A user's sheet with the same name is left alone; the new
   * sheet gets a distinct name, which is returned (requested name → actual name).
   */
  writeOwnedSheets(models: SheetModel[], run?: RunStamp): Promise<Map<string, string>>;
  /** Which runs the result columns and the 附件 in the workbook come from. Optional. */
  outputRuns?(): Promise<OutputRuns>;
  /**
   * Makes the next reads see the workbook as it is now (file mode: re-reads the chosen files from disk).
   * Hosts that always read live (Office.js) need not implement it.
   */
  refresh?(): Promise<void>;
  /** Settings stored inside the workbook (null when none). */
  loadSettings(): Promise<unknown | null>;
  /** Saves the settings, and with them the 数据 step's column choices (SPEC §1.6) when given. */
  saveSettings(settings: unknown, mappings?: ColumnMappings): Promise<void>;
  /** The column choices saved with the settings (null when none). Optional. */
  loadMappings?(): Promise<ColumnMappings | null>;
  /** Selects a cell (or a whole row: "5:5") so the user sees what an issue points at. Optional. */
  selectCell?(sheet: string, cell: string): Promise<void>;
}
