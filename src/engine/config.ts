/**
 * Every setting of SPEC §2 (and the publicity settings of §3), zod-validated, with the 细则's defaults
 * (2024, 国家高水平高职学校). Settings are stored in the workbook so that a colleague sees the same ones.
 */
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.cjs';

/** zod's messages in Chinese (issue 16): they reach users through --config and stored settings. */
export const chineseErrors = { error: zhCN().localeError };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const percent = z.number().int().min(0).max(100);
/** A score setting: 0–100 with at most two decimals (the engine works in integer hundredths). */
const scoreSetting = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '分数最多保留两位小数');

export const configSchema = z
  .object({
    /** 五级制 → score (SPEC §2.2). */
    fiveLevel: z.record(z.string(), scoreSetting).default({
      优秀: 95,
      良好: 85,
      中等: 75,
      及格: 65,
      不及格: 0,
    }),
    /** 二级制 → score (SPEC §2.2). */
    twoLevel: z.record(z.string(), scoreSetting).default({
      合格: 75,
      通过: 75,
      不合格: 0,
      不通过: 0,
    }),
    /** How the attempts of one course combine (SPEC §2.3). */
    attemptPolicy: z.enum(['cap60', 'first', 'best']).default('cap60'),
    passMark: scoreSetting.default(60),
    /** Attempts dated after this day do not count for 学籍异动 students (SPEC §2.3, 细则 二(一)2). */
    gradeCutoff: isoDate.default('2024-03-18'),
    cutoffAppliesToAll: z.boolean().default(false),
    /** Plan terms counted in the average (细则: 1-5 学期). */
    countedTerms: z.array(z.number().int().min(1).max(12)).min(1).default([1, 2, 3, 4, 5]),
    /** Plan inference without a 教学计划 sheet (SPEC §1.3): share of the group's non-异动 students. */
    planInferencePercent: percent.default(50),
    averageDecimals: z.number().int().min(0).max(4).default(2),
    /** What is ranked: the published (rounded) average, or the exact one (SPEC §2.4). */
    rankOn: z.enum(['rounded', 'exact']).default('rounded'),
    /** The 60 % line (SPEC §2.5). */
    rankPercent: percent.default(60),
    /** Recommendation ratio (SPEC §2.8, 细则 三(一)2: 不超过 30%). */
    quotaPercent: percent.default(30),
    /**
     * Quota of 排名组 (SPEC §2.1, 细则 三(一)2): `apportioned` — the (cohort, 专业, track) quota from its whole
     * head count, shared among its ranking groups by largest remainder; `separate` — each group its own floor.
     */
    rankingGroupQuota: z.enum(['apportioned', 'separate']).default('apportioned'),
    /** 毕业班人数 override per group key ("2021|机电一体化技术|普通") used as the quota base. */
    graduatingClassSize: z.record(z.string(), z.number().int().min(0)).default({}),
    /** 退役士兵 must also have passed every course (SPEC §2.6). */
    veteranRequiresPass: z.boolean().default(false),
    /** 退役士兵 via 学校选拔 take a quota seat (SPEC §2.8 step 5). */
    veteranUsesQuota: z.boolean().default(false),
    /**
     * SPEC §1.6: the meaning the user chose for a value outside a coded column's vocabulary, by column
     * (canonical header, e.g. "学籍异动") and value (trimmed, no white space, half-width) → a word of that
     * column's vocabulary (e.g. "否"). Applied by every host; such a value is then no longer reported.
     */
    valueMeanings: z.record(z.string(), z.record(z.string(), z.string())).default({}),

    // ---- publicity (SPEC §3.2) ----
    schoolName: z.string().min(1).default('柳州职业技术学院'),
    /** 届 of the graduates (2024 届 ⇒ 2021 级 for three-year programmes). */
    graduationYear: z.number().int().min(2000).max(2100).default(2024),
    /** 公示 period text for the score publicity (附件5/6). */
    scorePublicityPeriod: z.string().default('3月18日—3月22日'),
    /** 公示 period for the 不占指标 list (附件8). */
    directPublicityPeriod: z.string().default('3月22日—3月24日'),
    /** 公示 period for the college 申报名单 (附件10). */
    collegePublicityPeriod: z.string().default('4月8日—4月10日'),
    /** 公示 period for the school 拟推荐名单 (附件11). */
    recommendationPublicityPeriod: z.string().default('4月15日—4月19日'),
    /** 督察组 complaint contact printed under every publicity title. */
    complaintContact: z.string().default('督察组投诉电话：0772-3156006，邮箱：lzzyjwdd@163.com'),
    /** Where the lists are posted (附件4 公示地点/方式). */
    publicityPlace: z.string().default('二级学院公示栏、学院网站、班级群'),
    /** Add a masked 身份证号 (first 6 + last 4) to publicity sheets (SPEC §4.3). */
    showMaskedIdNumber: z.boolean().default(false),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** The defaults, as a full Config. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}

/** A config issue in Chinese: which setting, what is wrong. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** Validates user settings (partial allowed; missing keys take defaults). */
export function parseConfig(raw: unknown): { config: Config } | { problems: ConfigProblem[] } {
  const r = configSchema.safeParse(raw ?? {}, chineseErrors);
  if (r.success) return { config: r.data };
  return {
    problems: r.error.issues.map((i) => ({
      path: i.path.join('.') || '(根)',
      message: i.code === 'unrecognized_keys' ? `未知的设置项：${(i as { keys?: string[] }).keys?.join('、')}` : i.message,
    })),
  };
}
