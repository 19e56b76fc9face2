/**
 * SPEC §2.5: competition ranking (1, 2, 2, 4 — Excel RANK.EQ) within a group, and the 60 % line in
 * integer arithmetic. Students without an average have no rank, sit below everyone and still count in N.
 */
import type { Config } from './config';
import { compareFractions, roundedAsFraction, type Fraction } from './exact';

/** The value that is ranked: the published rounded average (default) or the exact one. */
export function rankKey(exact: Fraction | null, config: Config): Fraction | null {
  if (exact === null) return null;
  return config.rankOn === 'rounded' ? roundedAsFraction(exact, config.averageDecimals) : exact;
}

export interface RankEntry {
  rank: number | null;
  top60: boolean;
}

/** top60 ⇔ rank × 100 ≤ rankPercent × N (integers). */
export function isTop60(rank: number | null, groupSize: number, config: Config): boolean {
  return rank !== null && rank * 100 <= config.rankPercent * groupSize;
}

/**
 * Ranks one group. `members` is the whole roster of the group (N = members.length).
 * rank = 1 + number of members with a strictly greater key.
 */
export function rankGroup(members: readonly { studentId: string; key: Fraction | null }[], config: Config): Map<string, RankEntry> {
  const n = members.length;
  const ranked = members.filter((m): m is { studentId: string; key: Fraction } => m.key !== null);
  ranked.sort((a, b) => compareFractions(b.key, a.key));
  const out = new Map<string, RankEntry>();
  for (let i = 0; i < ranked.length; i++) {
    const m = ranked[i];
    // Equal keys share the rank of the first of their block.
    const rank = i > 0 && compareFractions(ranked[i - 1].key, m.key) === 0 ? (out.get(ranked[i - 1].studentId) as RankEntry).rank : i + 1;
    out.set(m.studentId, { rank, top60: isTop60(rank, n, config) });
  }
  for (const m of members) if (m.key === null) out.set(m.studentId, { rank: null, top60: false });
  return out;
}
