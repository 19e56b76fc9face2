/**
 * The 设置 step as data: one field per setting of src/engine/config.ts (a test checks none is missing),
 * with its Chinese label, how it is edited, and the conversions draft text ↔ Config. Pure; no React.
 */
import { configSchema, parseConfig, type Config, type ConfigProblem } from '../engine/config';
import { normaliseHeader } from '../sheets/headers';
import { valueKey } from '../sheets/unknownValues';
import { stripUnit } from './settingsAdvice';

export type ConfigKey = keyof Config;

export type FieldKind =
  | { type: 'number'; integer: boolean; min?: number; max?: number; unit?: string }
  | { type: 'boolean' }
  | { type: 'text' }
  | { type: 'date' }
  | { type: 'choice'; options: { value: string; label: string }[] }
  /** 1,2,3,4,5 */
  | { type: 'intList' }
  /** One `name=number` per line. */
  | { type: 'map'; integer: boolean; placeholder: string }
  /** One `列|取值=含义` per line (SPEC §1.6 value meanings). */
  | { type: 'meanings'; placeholder: string };

export interface FieldSpec {
  key: ConfigKey;
  label: string;
  help: string;
  section: '成绩计算' | '排名与推荐' | '公示';
  kind: FieldKind;
}

export const settingFields: readonly FieldSpec[] = [
  { key: 'attemptPolicy', section: '成绩计算', label: '补考/重修成绩取法', help: '首考及格取原分；补考或重修及格的课程按60分计（细则）。', kind: { type: 'choice', options: [
    { value: 'cap60', label: '补考/重修及格按60分（默认）' },
    { value: 'first', label: '只取首次考试成绩' },
    { value: 'best', label: '取最高一次成绩' },
  ] } },
  { key: 'passMark', section: '成绩计算', label: '及格线', help: '达到此分数即为通过该课程。', kind: { type: 'number', integer: false, min: 0, max: 100, unit: '分' } },
  { key: 'countedTerms', section: '成绩计算', label: '计入平均分的学期', help: '用逗号分隔，如 1,2,3,4,5。', kind: { type: 'intList' } },
  { key: 'gradeCutoff', section: '成绩计算', label: '成绩截止日期', help: '学籍异动学生只计此日期及以前的成绩（含当天）。', kind: { type: 'date' } },
  { key: 'cutoffAppliesToAll', section: '成绩计算', label: '截止日期适用于全部学生', help: '默认只对学籍异动学生适用。', kind: { type: 'boolean' } },
  { key: 'averageDecimals', section: '成绩计算', label: '平均分保留小数位', help: '四舍五入。', kind: { type: 'number', integer: true, min: 0, max: 4, unit: '位' } },
  { key: 'planInferencePercent', section: '成绩计算', label: '无教学计划时推断课程的修读比例', help: '本组未异动学生中至少此比例修读过的课程视为计划课程。', kind: { type: 'number', integer: true, min: 0, max: 100, unit: '%' } },
  { key: 'fiveLevel', section: '成绩计算', label: '五级制折算分', help: '每行一项：等级=分数。', kind: { type: 'map', integer: false, placeholder: '优秀=95' } },
  { key: 'twoLevel', section: '成绩计算', label: '二级制折算分', help: '每行一项：等级=分数。', kind: { type: 'map', integer: false, placeholder: '合格=75' } },
  { key: 'valueMeanings', section: '成绩计算', label: '无法识别的取值的含义', help: '每行一项：列名|取值=含义，如 学籍异动|待定=否；按此读取，不再提示。', kind: { type: 'meanings', placeholder: '学籍异动|待定=否' } },
  { key: 'rankOn', section: '排名与推荐', label: '排名依据', help: '默认按公示的平均分排名，学生可自行核对。', kind: { type: 'choice', options: [
    { value: 'rounded', label: '公示的平均分（默认）' },
    { value: 'exact', label: '精确平均分' },
  ] } },
  { key: 'rankPercent', section: '排名与推荐', label: '成绩排名比例线', help: '排名在本专业前此比例内方可报名（细则：60%）。', kind: { type: 'number', integer: true, min: 0, max: 100, unit: '%' } },
  { key: 'quotaPercent', section: '排名与推荐', label: '推荐比例', help: '推荐指标 = 毕业班人数 × 此比例，向下取整（细则：不超过30%）。', kind: { type: 'number', integer: true, min: 0, max: 100, unit: '%' } },
  { key: 'rankingGroupQuota', section: '排名与推荐', label: '排名组（天工班等）的推荐指标', help: '细则三(一)2：指标基数为同年级、同专业毕业班总人数；默认按专业总人数核定指标，再按最大余数分配给各排名组。', kind: { type: 'choice', options: [
    { value: 'apportioned', label: '按专业总人数核定后分配（默认）' },
    { value: 'separate', label: '各排名组分别核定' },
  ] } },
  { key: 'graduatingClassSize', section: '排名与推荐', label: '毕业班人数（覆盖）', help: '每行一项：排名组=人数，如 2021|机电一体化技术|普通=120；不填则按名册人数。', kind: { type: 'map', integer: true, placeholder: '2021|机电一体化技术|普通=120' } },
  { key: 'veteranRequiresPass', section: '排名与推荐', label: '退役士兵须全部课程及格', help: '默认否：不及格课程只作提示。', kind: { type: 'boolean' } },
  { key: 'veteranUsesQuota', section: '排名与推荐', label: '退役士兵（学校选拔）占推荐指标', help: '默认否：不占本专业指标。', kind: { type: 'boolean' } },
  { key: 'schoolName', section: '公示', label: '学校名称', help: '用于公示表标题。', kind: { type: 'text' } },
  { key: 'graduationYear', section: '公示', label: '毕业届别', help: '如 2024 届。', kind: { type: 'number', integer: true, min: 2000, max: 2100, unit: '届' } },
  { key: 'scorePublicityPeriod', section: '公示', label: '成绩公示时间', help: '附件5、附件6。', kind: { type: 'text' } },
  { key: 'directPublicityPeriod', section: '公示', label: '不占指标名单公示时间', help: '附件8。', kind: { type: 'text' } },
  { key: 'collegePublicityPeriod', section: '公示', label: '二级学院申报名单公示时间', help: '附件10。', kind: { type: 'text' } },
  { key: 'recommendationPublicityPeriod', section: '公示', label: '拟推荐名单公示时间', help: '附件11。', kind: { type: 'text' } },
  { key: 'complaintContact', section: '公示', label: '投诉联系方式', help: '印在每张公示表标题下。', kind: { type: 'text' } },
  { key: 'publicityPlace', section: '公示', label: '公示地点/方式', help: '附件4。', kind: { type: 'text' } },
  { key: 'showMaskedIdNumber', section: '公示', label: '公示表显示部分隐藏的身份证号', help: '前6位和后4位，如 450203********1234。', kind: { type: 'boolean' } },
];

/** Every config key, as the schema defines them (the form must cover all). */
export function configKeys(): ConfigKey[] {
  return Object.keys(configSchema.shape) as ConfigKey[];
}

export type SettingsDraft = Record<ConfigKey, string | boolean>;

export function fieldOf(key: string): FieldSpec | undefined {
  return settingFields.find((f) => f.key === key);
}

/** The form's text for each setting. */
export function draftFromConfig(config: Config): SettingsDraft {
  const draft = {} as SettingsDraft;
  for (const f of settingFields) {
    const v = config[f.key];
    switch (f.kind.type) {
      case 'boolean':
        draft[f.key] = Boolean(v);
        break;
      case 'intList':
        draft[f.key] = (v as number[]).join(',');
        break;
      case 'map':
        draft[f.key] = Object.entries(v as Record<string, number>)
          .map(([k, n]) => `${k}=${n}`)
          .join('\n');
        break;
      case 'meanings':
        draft[f.key] = Object.entries(v as Record<string, Record<string, string>>)
          .flatMap(([column, byValue]) => Object.entries(byValue).map(([value, meaning]) => `${column}|${value}=${meaning}`))
          .join('\n');
        break;
      default:
        draft[f.key] = String(v);
    }
  }
  return draft;
}

const fullWidth = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[，、；;]/g, ',').replace(/[＝：:]/g, '=');

/** Form text → Config, or the problems named by the field's Chinese label. */
export function configFromDraft(draft: SettingsDraft): { config: Config } | { problems: ConfigProblem[] } {
  const raw: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const f of settingFields) {
    const v = draft[f.key];
    const text = typeof v === 'string' ? fullWidth(v).trim() : '';
    const bad = (message: string) => problems.push({ path: f.key, message: `「${f.label}」${message}` });
    switch (f.kind.type) {
      case 'boolean':
        raw[f.key] = v === true;
        break;
      case 'number': {
        // "30%", "３０％" and "60 分" are the number the field asks for (issue 18).
        const digits = stripUnit(text, f.kind.unit);
        const n = Number(digits);
        if (digits === '' || !Number.isFinite(n)) bad('应填写数字。');
        else raw[f.key] = n;
        break;
      }
      case 'intList': {
        const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
        const nums = parts.map((s) => Number(s));
        if (parts.length === 0 || nums.some((n) => !Number.isInteger(n))) bad('应填写用逗号分隔的学期序号，如 1,2,3,4,5。');
        else raw[f.key] = [...new Set(nums)].sort((a, b) => a - b);
        break;
      }
      case 'map': {
        const out: Record<string, number> = {};
        const lines = (typeof v === 'string' ? v : '').split(/\r?\n/).map((l) => fullWidth(l).trim()).filter((l) => l !== '');
        for (const line of lines) {
          const eq = line.lastIndexOf('=');
          const name = eq > 0 ? line.slice(0, eq).trim() : '';
          const n = eq > 0 ? Number(line.slice(eq + 1).trim()) : NaN;
          if (!name || !Number.isFinite(n)) bad(`第 ${lines.indexOf(line) + 1} 行“${line}”应写成“名称=数字”，如 ${f.kind.placeholder}。`);
          else out[name] = n;
        }
        raw[f.key] = out;
        break;
      }
      case 'meanings': {
        const out: Record<string, Record<string, string>> = {};
        const lines = (typeof v === 'string' ? v : '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
        lines.forEach((line, i) => {
          const m = /^([^|｜]+)[|｜]([^=＝]+)[=＝](.+)$/u.exec(line);
          if (!m) {
            bad(`第 ${i + 1} 行“${line}”应写成“列名|取值=含义”，如 ${f.kind.type === 'meanings' ? f.kind.placeholder : ''}。`);
            return;
          }
          const column = normaliseHeader(m[1] ?? '');
          (out[column] ??= {})[valueKey(m[2] ?? '')] = (m[3] ?? '').trim();
        });
        raw[f.key] = out;
        break;
      }
      default:
        raw[f.key] = typeof v === 'string' ? v.trim() : v;
    }
  }
  const parsed = parseConfig(raw);
  if ('problems' in parsed) {
    for (const p of parsed.problems) {
      const field = fieldOf(p.path.split('.')[0] ?? '');
      // zod's own messages are English; name the field and its allowed range in Chinese.
      problems.push({ path: p.path, message: field ? `「${field.label}」${describeRange(field)}（${p.message}）` : p.message });
    }
  }
  if (problems.length > 0 || 'problems' in parsed) return { problems };
  return parsed;
}

function describeRange(f: FieldSpec): string {
  switch (f.kind.type) {
    case 'number': {
      const k = f.kind;
      const range = k.min !== undefined && k.max !== undefined ? `${k.min}～${k.max}` : '';
      return `应为${k.integer ? '整数' : '数字'}${range ? `，范围 ${range}` : ''}。`;
    }
    case 'date':
      return '应为日期，格式 YYYY-MM-DD，如 2024-03-18。';
    case 'intList':
      return '应为 1～12 的学期序号，至少一个。';
    case 'meanings':
      return '每行应写成“列名|取值=含义”。';
    case 'map':
      return f.kind.integer ? '每行的数字应为非负整数。' : '每行的分数应在 0～100 之间。';
    case 'text':
      return '不能为空。';
    default:
      return '取值无效。';
  }
}

/** Settings stored in a workbook → Config; a damaged record is reported, never silently replaced. */
export function configFromStored(stored: unknown): { config: Config; problems: ConfigProblem[] } {
  if (stored === null || stored === undefined) return { config: configSchema.parse({}), problems: [] };
  const parsed = parseConfig(stored);
  if ('config' in parsed) return { config: parsed.config, problems: [] };
  return { config: configSchema.parse({}), problems: parsed.problems };
}
