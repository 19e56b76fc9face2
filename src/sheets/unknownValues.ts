/**
 * SPEC §1.6 "No silent interpretation": a value outside a coded column's vocabulary is read by the
 * column's documented fallback **and** reported — one `UNKNOWN_VALUE` warning per (column, distinct value),
 * naming the column, the value, how it was read, how many rows, and the first cell.
 *
 * The user's choice of meaning for such a value (setting `valueMeanings`, saved in the workbook with the
 * other settings and applied by every host) is looked up first: a chosen value is read as the chosen
 * vocabulary word and is not reported again.
 */
import { describeLocation, issueAt, type Issue } from '../engine/issues';
import type { SourceRef } from '../engine/model';
import { normaliseHeader } from './headers';

/** column (canonical header, e.g. "学籍异动") → value as typed (normalised) → the vocabulary word it means. */
export type ValueMeanings = Readonly<Record<string, Readonly<Record<string, string>>>>;

interface Seen {
  column: string;
  value: string;
  readAs: string;
  expected: string;
  count: number;
  first: SourceRef;
}

/** The key under which a value's meaning is looked up and reported: trimmed, white space removed, half-width. */
export function valueKey(value: string): string {
  return normaliseHeader(value);
}

export class UnknownValues {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly meanings: ValueMeanings = {}) {}

  /** The word the user chose for `value` in `column` (SPEC §1.6), or undefined. */
  chosen(column: string, value: string): string | undefined {
    const byValue = this.meanings[column];
    if (!byValue) return undefined;
    const key = valueKey(value);
    return Object.prototype.hasOwnProperty.call(byValue, key) ? byValue[key] : undefined;
  }

  /**
   * Records that `value` in `column` is outside the vocabulary and was read as `readAs` (Chinese, e.g. "是"
   * or "正考"); `expected` lists the words the column understands (for the message).
   */
  note(column: string, value: string, readAs: string, at: SourceRef, expected = ''): void {
    const key = `${column}\u0000${valueKey(value)}`;
    const prior = this.seen.get(key);
    if (prior) {
      prior.count++;
      return;
    }
    this.seen.set(key, { column, value, readAs, expected, count: 1, first: at });
  }

  /** How many distinct values were noted. */
  get size(): number {
    return this.seen.size;
  }

  /** One warning per (column, distinct value), in the order first seen. */
  issues(): Issue[] {
    const out: Issue[] = [];
    for (const s of this.seen.values()) {
      const rows = s.count > 1 ? `共 ${s.count} 行，第一处在 ${describeLocation(s.first)}` : `在 ${describeLocation(s.first)}`;
      const hint = s.expected ? `可识别的取值：${s.expected}。` : '';
      out.push(
        issueAt(
          'warning',
          'UNKNOWN_VALUE',
          `“${s.column}”列的取值“${s.value}”不在可识别的范围内，已按“${s.readAs}”处理（${rows}）。${hint}` +
            `如含义不同，请改为规范取值，或在任务窗格中指定该取值的含义。`,
          s.first,
        ),
      );
    }
    return out;
  }
}
