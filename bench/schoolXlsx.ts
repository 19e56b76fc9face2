/**
 * A synthetic school (bench/synth.ts) as one .xlsx — roster, grades, plan and seats sheets — written with
 * ExcelJS's streaming writer and shared strings, as an export saved from Excel would hold it.
 */
import ExcelJS from 'exceljs';
import type { RawTable } from '../src/sheets/table';

export async function writeXlsx(file: string, tables: RawTable[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  for (const t of tables) {
    const ws = wb.addWorksheet(t.sheet);
    for (const r of t.rows) ws.addRow(r as ExcelJS.CellValue[]).commit();
    ws.commit();
  }
  await wb.commit();
}
