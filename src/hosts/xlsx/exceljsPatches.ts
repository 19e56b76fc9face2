/**
 * Node only (the CLI): two OOXML rules ExcelJS 4.x misses when it loads a workbook (the CLI loads the
 * base of --out with it), taught to its sheet parsers once, so that a user's sheet is copied into the
 * result as it is (issue 14; the CLI's own reader, streamRead.ts, follows the same rules):
 * - `<c t="d"><v>2024-03-25T00:00:00</v></c>` (openpyxl and others) is an ISO date: ExcelJS read it as
 *   the number 2024 (1905-07-16 under a date format). It becomes its serial number, then a Date under
 *   a date format, as Excel shows it.
 * - `r` is optional on <row> and <c>: without it, the row after the previous one, the next column.
 *   ExcelJS made row NaN and a cell without an address.
 * The browser's file mode loads ExcelJS's prebuilt bundle, which this patch cannot reach: there
 * sheetXmlFixes.ts rewrites the worksheet XML by the same rules before ExcelJS sees it.
 */
import { columnIndex, columnLetter } from '../../sheets/table';
import { isoToSerial } from './bounds';
import { cellXformPrototype, rowXformPrototype, type CellModel, type CellXformThis, type RowXformThis, type SaxNode } from './exceljsInternals';

let patched = false;

export function patchExcelJs(): void {
  if (patched) return;
  patched = true;
  const cell = cellXformPrototype;
  const parseClose = cell.parseClose;
  cell.parseClose = function (this: CellXformThis, name: string): boolean {
    if (name === 'c' && !this.parser && this.t === 'd') {
      const m = this.model;
      if (!m.formula && !m.shareType && typeof m.value === 'string') {
        const serial = isoToSerial(m.value);
        if (serial === null) this.t = 'str';
        else {
          m.isoDate = m.value;
          m.value = String(serial);
          this.t = undefined;
        }
      } else this.t = 'str';
    }
    return parseClose.call(this, name);
  };
  const reconcile = cell.reconcile;
  cell.reconcile = function (this: unknown, model: CellModel, options: { date1904?: boolean }): void {
    if (model.isoDate !== undefined) {
      if (options?.date1904) model.value = isoToSerial(model.isoDate, true);
      delete model.isoDate;
    }
    reconcile.call(this, model, options);
  };

  const row = rowXformPrototype;
  const parseOpen = row.parseOpen;
  row.parseOpen = function (this: RowXformThis, node: SaxNode): boolean {
    if (!this.parser && node.name === 'row') {
      if (node.attributes.r === undefined) node.attributes = { ...node.attributes, r: String((this.zsbRow ?? 0) + 1) };
      this.zsbRow = parseInt(node.attributes.r as string, 10);
      this.zsbCol = 1;
    } else if (!this.parser && node.name === 'c') {
      const r = node.attributes.r;
      if (r === undefined) node.attributes = { ...node.attributes, r: `${columnLetter(this.zsbCol ?? 1)}${this.zsbRow ?? 1}` };
      const letters = /^[A-Za-z]+/u.exec(node.attributes.r as string);
      this.zsbCol = (letters ? columnIndex(letters[0]) : (this.zsbCol ?? 1)) + 1;
    }
    return parseOpen.call(this, node);
  };
}
