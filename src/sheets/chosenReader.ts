/** SPEC §1.6: the user's chosen meaning of a coded column's value is read before the column's vocabulary. */
import { canonicalHeader, type SheetKind } from './headers';
import type { CellValue } from './table';
import type { UnknownValues } from './unknownValues';
import { textOf, type Read } from './values';

/**
 * A cell reader that reads the user's chosen meaning of a value (SPEC §1.6, setting valueMeanings) instead
 * of the cell, when there is one for the column (canonical header of `field`).
 */
export function withChosen<T>(
  uv: UnknownValues,
  kind: SheetKind,
  field: string,
  reader: (v: CellValue, display?: string) => Read<T>,
): (v: CellValue, display?: string) => Read<T> {
  const column = canonicalHeader(kind, field);
  return (v, display) => {
    const chosen = uv.chosen(column, textOf(v, display));
    return chosen !== undefined ? reader(chosen) : reader(v, display);
  };
}
