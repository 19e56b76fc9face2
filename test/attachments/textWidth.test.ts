/**
 * textWidth and fitWidth run over every cell of every 附件 (issue 17): made faster (char codes instead of
 * the string iterator, a column stops being read once it is at its maximum width), they must give the
 * widths of the former definitions, written out here, for any text — CJK, full-width, characters beyond
 * U+FFFF and lone surrogates included.
 */
import fc from 'fast-check';
import { fitWidth, textWidth } from '../../src/sheets/attachments/model';
import type { ModelCell } from '../../src/sheets/attachments/model';

function referenceWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    w += code >= 0x2e80 || (code >= 0x1100 && code <= 0x115f) ? 2 : 1;
  }
  return w;
}

function referenceFit(header: string, values: readonly ModelCell[], min = 6, max = 40): number {
  const headerWidth = referenceWidth(header);
  let w = headerWidth > 8 ? Math.ceil(headerWidth / 2) : headerWidth;
  for (const v of values) if (v !== null) w = Math.max(w, referenceWidth(String(v)));
  return Math.min(max, Math.max(min, w + 2));
}

// Any UTF-16 code units (lone surrogates too), and texts built of the ranges that matter.
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('a', '1', '学', '号', 'Ａ', '\u1100', '\u115f', '\u1160', '\u2e7f', '\u2e80', '𠀀', '😀', '\ud800', '\udc00') }),
);

test('textWidth: the former code-point definition', () => {
  fc.assert(fc.property(text, (t) => textWidth(t) === referenceWidth(t)), { numRuns: 3000 });
  expect(textWidth('学号A😀')).toBe(7);
});

test('fitWidth: the former definition on one column of the rows, whatever the bounds (min above max included)', () => {
  const cell: fc.Arbitrary<ModelCell> = fc.oneof(fc.constant(null), text, fc.double({ noNaN: true }), fc.integer());
  // Rows of 1–4 cells, some shorter than the column read (a missing cell is an empty one).
  const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 30 });
  fc.assert(
    fc.property(text, rows, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), (header, rs, column, min, max) =>
      fitWidth(header, rs, column, min, max) === referenceFit(header, rs.map((r) => r[column] ?? null), min, max),
    ),
    { numRuns: 2000 },
  );
});
