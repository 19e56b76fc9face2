/**
 * SPEC §2.1 and §2.8, 细则 三(一)2: the quota of each ranking group. A 排名组 (天工班, 订单班…) is a way of
 * ranking, not a separate quota base: the quota of a (cohort, 专业, track) is Q = ⌊(Σ N_i) × quotaPercent / 100⌋,
 * apportioned among its ranking groups by largest remainder — each group gets ⌊N_i × quotaPercent / 100⌋, and
 * the seats left go one each to the largest fractional parts (ties: larger N_i, then label). Setting
 * `rankingGroupQuota`: `apportioned` (default) | `separate` (each group its own floor).
 * The base of a group is N, or the 毕业班人数 override of the group (setting `graduatingClassSize`, SPEC §2.8).
 */
import type { Config } from './config';
import { compareText, type Group } from './groups';

export interface QuotaShare {
  key: string;
  grade: number;
  major: string;
  track: string;
  label: string;
  /** N_i, or the 毕业班人数 override of the group. */
  base: number;
}

/** Q = ⌊quotaBase × quotaPercent / 100⌋, in integers (SPEC §2.8). */
export function quotaOf(quotaBase: number, config: Config): number {
  if (!Number.isInteger(quotaBase) || quotaBase < 0) throw new RangeError(`invalid quota base ${quotaBase}`);
  const product = quotaBase * config.quotaPercent;
  return (product - (product % 100)) / 100;
}

/** (cohort, 专业, track): the groups that share one quota. */
export function familyKey(g: { grade: number; major: string; track: string }): string {
  return `${g.grade}|${g.major}|${g.track}`;
}

/** Each group's quota, by group key. Integers only. */
export function apportionQuotas(groups: readonly QuotaShare[], config: Config): Map<string, number> {
  const out = new Map<string, number>();
  const families = new Map<string, QuotaShare[]>();
  for (const g of groups) {
    const k = familyKey(g);
    const list = families.get(k);
    if (list) list.push(g);
    else families.set(k, [g]);
  }
  for (const members of families.values()) {
    if (config.rankingGroupQuota === 'separate' || members.length === 1) {
      for (const g of members) out.set(g.key, quotaOf(g.base, config));
      continue;
    }
    const total = quotaOf(
      members.reduce((s, g) => s + g.base, 0),
      config,
    );
    let given = 0;
    for (const g of members) {
      const q = quotaOf(g.base, config);
      out.set(g.key, q);
      given += q;
    }
    // Fractional part of N_i × p / 100, in hundredths of a seat: (N_i × p) mod 100.
    const order = [...members].sort(
      (a, b) => ((b.base * config.quotaPercent) % 100) - ((a.base * config.quotaPercent) % 100) || b.base - a.base || compareText(a.label, b.label),
    );
    for (let i = 0; given < total && i < order.length; i++, given++) {
      const g = order[i] as QuotaShare;
      out.set(g.key, (out.get(g.key) ?? 0) + 1);
    }
  }
  return out;
}

/** quotaBase of a group (SPEC §2.8): N, or the 毕业班人数 override of the group. */
export function quotaBase(group: Group, config: Config): number {
  return config.graduatingClassSize[group.key] ?? group.members.length;
}

/** Each group's quota base and quota Q (apportioned within its (cohort, 专业, track)), by group key. */
export function groupQuotas(groups: readonly Group[], config: Config): Map<string, { base: number; quota: number }> {
  const quotas = apportionQuotas(
    groups.map((g) => ({ key: g.key, grade: g.grade, major: g.major, track: g.track, label: g.label, base: quotaBase(g, config) })),
    config,
  );
  return new Map(groups.map((g) => [g.key, { base: quotaBase(g, config), quota: quotas.get(g.key) ?? 0 }]));
}
