/**
 * Exact arithmetic for averages (SPEC §2.4): scores are integers in hundredths, an average is the
 * fraction sum / count, and fractions are compared by cross-multiplication. Never compare floats.
 * Bounds: a score ≤ 10000 hundredths, ≤ a few hundred courses ⇒ every product stays far below 2^53.
 */

/** A non-negative fraction of hundredths: value = num / den / 100. den ≥ 1. */
export interface Fraction {
  num: number;
  den: number;
}

export function fraction(num: number, den: number): Fraction {
  if (!Number.isInteger(num) || !Number.isInteger(den) || den <= 0) {
    throw new RangeError(`invalid fraction ${num}/${den}`);
  }
  return { num, den };
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareFractions(a: Fraction, b: Fraction): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * Rounds num/den hundredths half-up to `decimals` places; returns the result in hundredths-of-a-unit
 * scaled to `decimals` (e.g. decimals 2 → integer hundredths, decimals 1 → integer tenths).
 */
export function roundHalfUp(f: Fraction, decimals: number): number {
  // value in units = num / (den * 100); scaled = value * 10^decimals = num * 10^decimals / (den * 100)
  const scale = 10 ** decimals;
  const numerator = f.num * scale;
  const denominator = f.den * 100;
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** The rounded average as a fraction of hundredths (so it compares with exact ones). */
export function roundedAsFraction(f: Fraction, decimals: number): Fraction {
  const scaled = roundHalfUp(f, decimals);
  // scaled / 10^decimals units = scaled * 100 / 10^decimals hundredths
  const scale = 10 ** decimals;
  return scale <= 100 ? { num: scaled * (100 / scale), den: 1 } : { num: scaled, den: scale / 100 };
}

/**
 * Display text, rounded half-up to `decimals`, always shown with at least 2 decimals ("85.30").
 */
export function formatAverage(f: Fraction, decimals: number): string {
  const scaled = roundHalfUp(f, decimals);
  const shown = Math.max(decimals, 2);
  const asShown = scaled * 10 ** (shown - decimals);
  const int = Math.floor(asShown / 10 ** shown);
  const frac = String(asShown % 10 ** shown).padStart(shown, '0');
  return `${int}.${frac}`;
}

/** Hundredths → "85.5" style text (no trailing zeros beyond what is needed, at least no decimals). */
export function formatHundredths(h: number): string {
  const int = Math.trunc(h / 100);
  const rest = Math.abs(h % 100);
  if (rest === 0) return String(int);
  return rest % 10 === 0 ? `${int}.${rest / 10}` : `${int}.${String(rest).padStart(2, '0')}`;
}
