/**
 * The one small interface the pane and the CLI share: a place workbooks live (Office.js, an .xlsx file
 * via ExcelJS, a browser file). Only implementations under src/hosts/ touch Office.js or ExcelJS.
 */
import type { RawTable } from '../sheets/table';
import type { SheetModel } from '../sheets/attachments/model';
import type { ModelCell } from '../sheets/attachments/model';

export interface SheetInfo {
  name: string;
  /** True for sheets this tool created (附件…, 计算说明): they are never read as inputs. */
  owned: boolean;
  visible: boolean;
}

/** The result block written to the right of the roster's data (SPEC §3.1). */
export interface ResultBlock {
  /** Roster sheet name. */
  sheet: string;
  /** Header row (1-based) of the roster table. */
  headerRow: number;
  /** Headers of the block, in order (平均成绩, 计入课程数, …). */
  headers: string[];
  /** One entry per roster row to fill: worksheet row (1-based) → values in header order. */
  rows: { row: number; values: ModelCell[] }[];
  /** Which headers hold text that must stay text (none by default). */
  textColumns?: string[];
  /** Number format per header for numeric values (e.g. 平均成绩 → "0.00"). */
  numberFormats?: Record<string, string>;
}

export interface WorkbookHost {
  listSheets(): Promise<SheetInfo[]>;
  /** The used range of a sheet as a table (values, display text, number formats when available). */
  readSheet(name: string, onProgress?: (done: number, total: number) => void): Promise<RawTable>;
  /**
   * Writes (or replaces) the result block to the right of the roster's own data. A re-run replaces
   * exactly the block written before; the user's own cells never change.
   */
  writeResultBlock(block: ResultBlock): Promise<void>;
  /**
   * Creates or replaces sheets this tool owns. A user's sheet with the same name is left alone; the new
   * sheet gets a distinct name, which is returned (requested name → actual name).
   */
  writeOwnedSheets(models: SheetModel[]): Promise<Map<string, string>>;
  /** Settings stored inside the workbook (null when none). */
  loadSettings(): Promise<unknown | null>;
  saveSettings(settings: unknown): Promise<void>;
  /** Selects a cell (or a whole row: "5:5") so the user sees what an issue points at. Optional. */
  selectCell?(sheet: string, cell: string): Promise<void>;
}
