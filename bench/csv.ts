/** The benchmarks' CSV writer: UTF-8 with BOM, CRLF, quotes only where needed (as Excel saves). */
import fs from 'node:fs';
import type { CellValue, RawTable } from '../src/sheets/table';

function csvCell(v: CellValue): string {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

export function writeCsv(file: string, t: RawTable): void {
  fs.writeFileSync(file, '\ufeff' + t.rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n');
}
