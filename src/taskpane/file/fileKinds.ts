/**
 * Which picked files file mode can read, decided by name before anything is read. Kept apart from the
 * readers (core.ts, in the worker), so that file.html's own JavaScript does not carry them.
 */
import { isCsvName } from '../../hosts/csv/read';
import { isLegacyName } from '../../hosts/xls/read';

const XLSX = /\.(xlsx|xlsm)$/iu;

/** Files the pane cannot read at all, in Chinese (checked before reading). */
export function unsupportedFileMessage(name: string): string | null {
  if (XLSX.test(name) || isCsvName(name) || isLegacyName(name)) return null;
  if (/\.(ods|numbers)$/iu.test(name)) return `“${name}”不是 Excel 或 WPS 表格格式。请在 LibreOffice 或 Numbers 中“另存为” .xlsx 后再选择。`;
  return `“${name}”不是 .xlsx、.xls、.et 或 .csv 文件，无法读取。`;
}
