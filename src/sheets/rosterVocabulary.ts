/**
 * SPEC §1.1 and §1.6: the whole-value vocabularies of the roster's coded columns (培养类型, 学籍异动, 处分,
 * 放弃证明, the 是/否 columns) with their negations. A value is compared as a whole after normalising
 * (trim, no white space, half-width, brackets unified, Latin lower-cased) — never by substring, so that
 * `非定向` is not 定向 and `普通（非扩招）` is not 扩招. Each reader returns the meaning, or `undefined` for a
 * value outside the vocabulary: the caller then applies the user's chosen meaning (`valueMeanings`) or the
 * column's documented fallback, and reports it (UNKNOWN_VALUE).
 */
import type { TrainingType } from '../engine/model';
import { normaliseHeader } from './headers';
/** Cells that mean "empty" in every 是/否 column (SPEC §1.1): blank, `-`, `/`, `—` (and their doubles). */
const emptyMarks = new Set(['', '-', '--', '/', '—', '——', '－', '–']);

/** Booleans (SPEC §1.1): 是/否, Y/N, Yes/No, √/×, ✓/✗, 1/0, TRUE/FALSE, 有/无, 没有. */
export const yesWords: ReadonlySet<string> = new Set(['是', 'y', 'yes', '√', '✓', '✔', '1', 'true', '有', 't', '对']);
export const noWords: ReadonlySet<string> = new Set(['否', 'n', 'no', '×', '✗', '✘', 'x', '0', 'false', '无', 'f', '不是', '没有']);

/** The normalised text of a cell value for vocabulary look-up. */
export function vocabularyKey(text: string): string {
  return normaliseHeader(text);
}

/** True for a cell that SPEC §1.1 reads as empty (= the column's default). */
export function isEmptyMark(text: string): boolean {
  return emptyMarks.has(vocabularyKey(text));
}

/** A 是/否 value: true / false, `null` for an empty mark, `undefined` outside the vocabulary. */
export function boolWord(text: string): boolean | null | undefined {
  const t = vocabularyKey(text);
  if (emptyMarks.has(t)) return null;
  if (yesWords.has(t)) return true;
  if (noWords.has(t)) return false;
  return undefined;
}

const directedWords = new Set(['定向', '定向培养', '定向生', '定向班', '定向培养生']);
const expandedWords = new Set(['扩招', '扩招班', '百万扩招', '社会扩招', '扩招生', '高职扩招']);
const normalWords = new Set(['普通', '统招', '非定向', '非扩招', '普通(非扩招)', '普通(非定向)', '普通生', '统招生', '普高', '全日制']);

/** 培养类型 (SPEC §1.1); empty ⇒ 普通; `undefined` outside the vocabulary (read as 普通 and reported). */
export function trainingTypeWord(text: string): TrainingType | undefined {
  const t = vocabularyKey(text);
  if (emptyMarks.has(t) || normalWords.has(t)) return 'normal';
  if (directedWords.has(t)) return 'directed';
  if (expandedWords.has(t)) return 'expanded';
  return undefined;
}

const noChangeWords = new Set(['正常', '无异动', '未异动', '在籍', '无学籍异动', '没有异动', '否异动']);
/** Types of 学籍异动 (细则 二(一)2): a yes, kept as the student's 异动 type. */
const changeTypes = new Set([
  '转专业',
  '休学',
  '复学',
  '休学复学',
  '保留学籍',
  '服兵役',
  '参军入伍',
  '入伍',
  '应征入伍',
  '退役复学',
  '降级',
  '留级',
  '转入',
  '转学',
  '转学转入',
  '转专业转入',
  '转出',
  '异动',
  '有异动',
  '已异动',
]);

/**
 * 学籍异动 (SPEC §1.1): `{ change: false }` for the negative words, `正常`, `无异动`, `未异动`, `在籍` and empty
 * marks; `{ change: true, type }` for the positive words and a type; `undefined` for any other text (read
 * as 是 and reported).
 */
export function statusChangeWord(text: string): { change: boolean; type?: string } | undefined {
  const t = vocabularyKey(text);
  if (emptyMarks.has(t) || noWords.has(t) || noChangeWords.has(t)) return { change: false };
  if (yesWords.has(t)) return { change: true };
  if (changeTypes.has(t)) return { change: true, type: text.trim() };
  return undefined;
}

const noSanctionWords = new Set(['无处分', '没有处分', '未受处分', '无违纪', '无纪律处分']);

/**
 * 处分未解除 / 处分 (SPEC §1.1, 细则 二(一)4 excludes only a sanction 尚未解除): `false` for the negative words
 * (无处分, 无, 否…) and a description saying the sanction is lifted (已解除, 已撤销, 解除); `true` for the
 * positive words; `'description'` for any other text (a sanction described: 是, reported with the student).
 */
export function sanctionWord(text: string): boolean | 'description' {
  const t = vocabularyKey(text);
  if (emptyMarks.has(t) || noWords.has(t) || noSanctionWords.has(t)) return false;
  if (yesWords.has(t) || t === '未解除' || t === '尚未解除' || t === '处分未解除') return true;
  // "未解除" / "尚未解除" / "未撤销" contain the lifting words but say the opposite.
  if (/(?:未|尚未|没有|不)(?:解除|撤销)/u.test(t)) return 'description';
  if (/已解除|已撤销|解除|撤销/u.test(t)) return false;
  return 'description';
}

const proofYesWords = new Set(['已提交', '提交', '已交', '已上交', '有证明', '已附', '已签字', '已签']);
const proofNoWords = new Set(['未提交', '没提交', '未交', '无证明', '未附', '没有证明']);
const fileReference = /\.(?:pdf|jpe?g|png|gif|bmp|tiff?|docx?|xlsx?|zip|rar|ofd)$|附件|扫描件|原件|复印件|照片|第\d+页|^p\.?\d+$|页码|\d+页/iu;

/**
 * 放弃证明 (SPEC §1.1): true for the positive words, 已提交, 有, a date, a file or page reference; false for the
 * negative words, 未提交, 无, 没有 and empty marks; `undefined` otherwise (read as submitted, reported).
 */
export function waiverProofWord(text: string): boolean | undefined {
  const t = vocabularyKey(text);
  if (emptyMarks.has(t) || noWords.has(t) || proofNoWords.has(t)) return false;
  if (yesWords.has(t) || proofYesWords.has(t)) return true;
  // "已签字（2024-03-27）": a positive word with the date it was handed in.
  const dated = /^(.*?)\((?:19|20)\d\d[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?\)$/u.exec(t);
  if (dated && (dated[1] === '' || yesWords.has(dated[1] ?? '') || proofYesWords.has(dated[1] ?? ''))) return true;
  if (/^(?:19|20)\d\d[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?/u.test(t)) return true;
  if (fileReference.test(t)) return true;
  return undefined;
}

const noConditionWords = new Set(['符合', '符合条件', '合格', '通过', '审查通过', '资格审查通过', '同意', '无异议', '无其他', '无不符合条件', '正常']);

/**
 * 其他不符合条件 / 资格审查意见 (SPEC §1.1): true when the text says there is no such condition (the negative
 * words, empty marks, 符合条件, 通过…); any other non-empty text names a condition (OTHER_CONDITION).
 */
export function noConditionWord(text: string): boolean {
  const t = vocabularyKey(text);
  return emptyMarks.has(t) || noWords.has(t) || noConditionWords.has(t);
}

/** The vocabularies listed in UNKNOWN_VALUE messages (what the column understands). */
export const expectedText = {
  trainingType: '定向、扩招、普通（统招、非定向、非扩招）',
  statusChange: '否（正常、无异动、未异动、在籍）、是（或异动类型：转专业、休学、复学、保留学籍、服兵役、降级、留级）',
  waiverProof: '已提交（有、是、日期或文件名）、未提交（无、否、没有）',
  bool: '是、否（Y/N、√/×、1/0、有/无）',
} as const;
