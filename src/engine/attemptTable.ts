/**
 * The grade rows (SPEC §1.2) stored column-wise: one array per field instead of one object per row.
 *
 * A large school has ~1 M grade rows. As objects ({…, score: {…}, source: {…}}) they were most of the
 * run's time — allocating, and then the garbage collector copying, three objects per row that all live
 * until the end (issue 6). Here a row is an index; `get(i)` rebuilds the `Attempt` object when a rule
 * needs one (several attempts for one course, an issue that points at the row, tests).
 *
 * The engine accepts either form (`EngineInput.attempts`); `attemptTableOf` turns a list of objects into
 * a table, so every rule is written once, against the table.
 */
import { compareText } from './groups';
import type { Attempt, AttemptKind, ScoreValue, SourceRef } from './model';
import { plainScoreValue } from './scores';

const KINDS: readonly AttemptKind[] = ['regular', 'deferred', 'makeup', 'retake'];
const KIND_CODE: Readonly<Record<AttemptKind, number>> = { regular: 0, deferred: 1, makeup: 2, retake: 3 };

/** A copy of a typed array with room for at least `length` elements (doubling), the elements kept. */
function widened<T extends Uint8Array | Uint16Array | Int16Array | Int32Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(a.length * 2, length));
  b.set(a);
  return b;
}

/** `hundredths` of a row whose score is not a plain number (a mark, a text, 缓考, 免修): see `special`. */
const NOT_PLAIN = -1;

/** `terms` of a row whose term is not a whole number 1…254 (any number an Attempt may carry). */
const OTHER_TERM = 255;

/**
 * A column of texts that repeat (学号, 课程代码, 课程名称, 成绩日期): each row holds the number of its text,
 * in a typed array outside the JavaScript heap. Rows with the same text share one number, so a rule can
 * remember something per text in an array instead of a Map. Numbering costs a Map lookup per row unless
 * the row repeats the previous row's text (a student's 学号 does) or the text that followed the previous
 * one last time (a student's courses, in the export's order). A million rows of texts kept as references
 * instead cost 8 MB of pointer arrays per column that the garbage collector copies while the run builds them.
 */
export class CodedTextColumn<T extends string | undefined = string | undefined> {
  /** 16 bits per row while the column has fewer than 65,536 distinct texts (the usual case), then 32. */
  private ids: Uint16Array | Int32Array;
  private readonly texts: (T | undefined)[] = [undefined];
  private readonly numbers = new Map<string, number>();

  /** @param capacity rows expected (the column grows past it when needed). */
  constructor(capacity = 1024) {
    this.ids = new Uint16Array(Math.max(16, capacity));
  }

  /** The value of row i. */
  at(i: number): T {
    return this.texts[this.ids[i]] as T;
  }

  /** The number of row i's text (0 for no text): equal texts, equal numbers. */
  idAt(i: number): number {
    return this.ids[i];
  }

  /** Whether some row holds this text. */
  has(text: string): boolean {
    return this.numbers.has(text);
  }

  /** The number of this text (0 when no row holds it). */
  idOf(text: string): number {
    return this.numbers.get(text) ?? 0;
  }

  /** The text of number id (1 ≤ id < size). */
  text(id: number): T | undefined {
    return this.texts[id];
  }

  /** How many numbers are in use (ids are below this). */
  get size(): number {
    return this.texts.length;
  }

  /** The last text set and its number (rows often repeat the previous row's text: no lookup then). */
  private lastText: T | undefined;
  private lastId = 0;
  /**
   * By number: the number of the text that followed it last time. Exports list each student's courses
   * in the same order, so the next 课程代码 is usually the one that followed the previous code before.
   */
  private followedBy = new Int32Array(1024);

  set(i: number, v: T): void {
    if (i >= this.ids.length) this.ids = widened(this.ids, i + 1);
    let id = 0;
    const guess = this.followedBy[this.lastId];
    if (v === this.lastText) id = this.lastId;
    else if (guess !== 0 && this.texts[guess] === v) id = guess;
    else if (v !== undefined) id = this.idFor(v);
    if (id !== this.lastId) this.followedBy[this.lastId] = id;
    this.lastText = v;
    this.lastId = id;
    this.ids[i] = id;
  }

  /** The number of a text, a new one when no row holds it yet (0 for no text). */
  idFor(v: T): number {
    if (v === undefined) return 0;
    const known = this.numbers.get(v);
    if (known !== undefined) return known;
    const id = this.texts.length;
    this.texts.push(v);
    this.numbers.set(v, id);
    if (id === 0x10000 && this.ids instanceof Uint16Array) this.ids = Int32Array.from(this.ids);
    if (id >= this.followedBy.length) this.followedBy = widened(this.followedBy, id + 1);
    return id;
  }

  /** Row i holds the text of number id (from `idFor`): no lookup. */
  setId(i: number, id: number): void {
    if (i >= this.ids.length) this.ids = widened(this.ids, i + 1);
    this.ids[i] = id;
  }
}

interface Place {
  sheet: string;
  column: string | undefined;
}

export class AttemptTable {
  private n = 0;
  private capacity: number;
  readonly studentId: CodedTextColumn<string>;
  readonly courseCode: CodedTextColumn;
  readonly courseName: CodedTextColumn;
  readonly date: CodedTextColumn;
  /** Term 1…254; 0 when unknown; OTHER_TERM for any other number (kept in otherTerms). */
  private terms: Uint8Array;
  private readonly otherTerms = new Map<number, number>();
  /** Index into KINDS. */
  private kinds: Uint8Array;
  /** The score in hundredths when it is a plain score (0…10000, no mark or text), else NOT_PLAIN. */
  private hundredths: Int16Array;
  /** Index into `places` (sheet and column of the score cell). */
  private placeOf: Uint16Array;
  /** 1-based worksheet row of each attempt. */
  row: Int32Array;
  /** Scores that are not plain, by row index. */
  private readonly special = new Map<number, ScoreValue>();
  /** 姓名 given on the grade row, by row index (rare: the sheets layer checks names itself). */
  private readonly names = new Map<number, string>();
  private readonly places: Place[] = [];
  private readonly placeIndex = new Map<string, Map<string | undefined, number>>();
  /** False once a row was added before an earlier row in (sheet, row, column) order. */
  private sourceOrdered = true;
  /** Index of the first row of each run of rows with the same 学号 (exports list a student's rows together). */
  private readonly runStarts: number[] = [];

  /** @param capacity rows expected (the table grows past it when needed). */
  constructor(capacity = 16) {
    this.capacity = Math.max(16, capacity);
    const c = this.capacity;
    this.studentId = new CodedTextColumn<string>(c);
    this.courseCode = new CodedTextColumn(c);
    this.courseName = new CodedTextColumn(c);
    this.date = new CodedTextColumn(c);
    this.terms = new Uint8Array(c);
    this.kinds = new Uint8Array(c);
    this.hundredths = new Int16Array(c);
    this.placeOf = new Uint16Array(c);
    this.row = new Int32Array(c);
  }

  get length(): number {
    return this.n;
  }

  private grow(): void {
    const c = this.capacity * 2;
    this.terms = widened(this.terms, c);
    this.kinds = widened(this.kinds, c);
    this.hundredths = widened(this.hundredths, c);
    this.placeOf = widened(this.placeOf, c);
    this.row = widened(this.row, c);
    this.capacity = c;
  }


  /**
   * The table again after a structured clone (postMessage from the engine's Web Worker keeps the fields
   * but not the classes): gives it and its columns back their methods.
   */
  static revive(t: AttemptTable): AttemptTable {
    Object.setPrototypeOf(t, AttemptTable.prototype);
    Object.setPrototypeOf(t.studentId, CodedTextColumn.prototype);
    Object.setPrototypeOf(t.courseCode, CodedTextColumn.prototype);
    Object.setPrototypeOf(t.courseName, CodedTextColumn.prototype);
    Object.setPrototypeOf(t.date, CodedTextColumn.prototype);
    return t;
  }

  /** The index of a (sheet, column) pair, for `pushRow`. */
  place(sheet: string, column: string | undefined): number {
    let bySheet = this.placeIndex.get(sheet);
    if (!bySheet) {
      bySheet = new Map();
      this.placeIndex.set(sheet, bySheet);
    }
    let p = bySheet.get(column);
    if (p === undefined) {
      p = this.places.length;
      if (p > 0xffff) throw new RangeError('内部错误：成绩来自超过 65,536 个不同的工作表列');
      this.places.push({ sheet, column });
      bySheet.set(column, p);
    }
    return p;
  }

  /** Adds one row without building its objects (the parser's path for ~1 M rows). */
  pushRow(
    studentId: string,
    courseCode: string | undefined,
    courseName: string | undefined,
    term: number | undefined,
    kind: AttemptKind,
    date: string | undefined,
    score: ScoreValue,
    place: number,
    row: number,
  ): void {
    const i = this.n;
    if (i === this.capacity) this.grow();
    this.studentId.set(i, studentId);
    this.courseCode.set(i, courseCode);
    this.courseName.set(i, courseName);
    this.date.set(i, date);
    this.pushFields(i, term, kind, score, place, row);
  }

  /**
   * pushRow with the texts given by their numbers in this table's columns (`studentId.idFor(text)`…;
   * 0 for none): the parser's path for columnar tables (issue 17), without a Map lookup per row.
   */
  pushCoded(studentNo: number, codeNo: number, nameNo: number, term: number | undefined, kind: AttemptKind, dateNo: number, score: ScoreValue, place: number, row: number): void {
    const i = this.n;
    if (i === this.capacity) this.grow();
    this.studentId.setId(i, studentNo);
    this.courseCode.setId(i, codeNo);
    this.courseName.setId(i, nameNo);
    this.date.setId(i, dateNo);
    this.pushFields(i, term, kind, score, place, row);
  }

  /** The rest of row i, once its texts are set: it becomes the last row. */
  private pushFields(i: number, term: number | undefined, kind: AttemptKind, score: ScoreValue, place: number, row: number): void {
    if (i > 0 && this.sourceOrdered && this.compareSourceWith(i - 1, place, row) > 0) this.sourceOrdered = false;
    if (i === 0 || this.studentId.idAt(i) !== this.studentId.idAt(i - 1)) this.runStarts.push(i);
    if (term === undefined) this.terms[i] = 0;
    else if (Number.isInteger(term) && term >= 1 && term < OTHER_TERM) this.terms[i] = term;
    else {
      this.terms[i] = OTHER_TERM;
      this.otherTerms.set(i, term);
    }
    this.kinds[i] = KIND_CODE[kind];
    const plain = plainHundredths(score);
    this.hundredths[i] = plain;
    if (plain === NOT_PLAIN) this.special.set(i, score);
    this.placeOf[i] = place;
    this.row[i] = row;
    this.n = i + 1;
  }

  push(a: Attempt): void {
    const i = this.n;
    this.pushRow(a.studentId, a.courseCode, a.courseName, a.term, a.kind, a.date, a.score, this.place(a.source.sheet, a.source.column), a.source.row);
    if (a.studentName !== undefined) this.names.set(i, a.studentName);
  }

  term(i: number): number | undefined {
    const t = this.terms[i];
    return t === 0 ? undefined : t === OTHER_TERM ? this.otherTerms.get(i) : t;
  }

  kind(i: number): AttemptKind {
    return KINDS[this.kinds[i]];
  }

  /** 正考 or 缓考 (SPEC §2.3 first sittings). */
  isFirstSitting(i: number): boolean {
    return this.kinds[i] <= 1;
  }

  score(i: number): ScoreValue {
    const h = this.hundredths[i];
    return h === NOT_PLAIN ? (this.special.get(i) as ScoreValue) : plainScoreValue(h);
  }

  /**
   * The score in hundredths when row i is a first sitting (正考/缓考) with a plain score, else −1: the
   * usual grade row, whose effective score (SPEC §2.3, when it is a course's only attempt) is itself.
   */
  plainFirstSitting(i: number): number {
    return this.kinds[i] <= 1 ? this.hundredths[i] : -1;
  }

  /** The score in hundredths when it is a plain score without a mark, else undefined (use `score`). */
  plainHundredths(i: number): number | undefined {
    const h = this.hundredths[i];
    return h === NOT_PLAIN ? undefined : h;
  }

  studentName(i: number): string | undefined {
    return this.names.size === 0 ? undefined : this.names.get(i);
  }

  hasStudentNames(): boolean {
    return this.names.size > 0;
  }

  sheet(i: number): string {
    return this.places[this.placeOf[i]].sheet;
  }

  source(i: number): SourceRef {
    const p = this.places[this.placeOf[i]];
    return p.column === undefined ? { sheet: p.sheet, row: this.row[i] } : { sheet: p.sheet, row: this.row[i], column: p.column };
  }

  /** Row i as an object (same fields as the parser's attempts). */
  get(i: number): Attempt {
    const a: Attempt = {
      studentId: this.studentId.at(i),
      courseCode: this.courseCode.at(i),
      courseName: this.courseName.at(i),
      term: this.term(i),
      kind: this.kind(i),
      date: this.date.at(i),
      score: this.score(i),
      source: this.source(i),
    };
    const name = this.studentName(i);
    if (name !== undefined) a.studentName = name;
    return a;
  }

  toArray(): Attempt[] {
    const out: Attempt[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.get(i));
    return out;
  }

  /** Order by (sheet, row, column), like sorting the attempts' sources. */
  compareSource(i: number, j: number): number {
    return this.compareSourceWith(i, this.placeOf[j], this.row[j]);
  }

  /** Where each run of rows with the same 学号 starts (ascending; the first is 0 when there are rows). */
  studentRuns(): readonly number[] {
    return this.runStarts;
  }

  /** True when the rows were added in (sheet, row, column) order (the parser's case: no sort needed). */
  isSourceOrdered(): boolean {
    return this.sourceOrdered;
  }

  private compareSourceWith(i: number, place: number, row: number): number {
    const pi = this.placeOf[i];
    if (pi === place) return this.row[i] - row;
    const a = this.places[pi];
    const b = this.places[place];
    return compareText(a.sheet, b.sheet) || this.row[i] - row || compareText(a.column ?? '', b.column ?? '');
  }
}

function plainHundredths(score: ScoreValue): number {
  if (score.kind !== 'score' || score.mark !== undefined || score.text !== undefined) return NOT_PLAIN;
  const h = score.hundredths;
  return Number.isInteger(h) && h >= 0 && h <= 10000 && !Object.is(h, -0) ? h : NOT_PLAIN;
}

/** The attempts as a table: the table itself, or a new one holding the objects in the same order. */
export function attemptTableOf(attempts: readonly Attempt[] | AttemptTable): AttemptTable {
  if (attempts instanceof AttemptTable) return attempts;
  const t = new AttemptTable(attempts.length);
  for (const a of attempts) t.push(a);
  return t;
}

/**
 * Some rows of a table (a student's, a group's): the row indices rows[from], …, rows[to − 1]. A range of
 * a shared index list rather than a list of its own: a school has ~20,000 students.
 */
export interface AttemptSet {
  table: AttemptTable;
  rows: ArrayLike<number>;
  from: number;
  to: number;
}

/** The set of the rows listed (all of `rows`). */
export function rowSet(table: AttemptTable, rows: ArrayLike<number>): AttemptSet {
  return { table, rows, from: 0, to: rows.length };
}

/** A list of attempt objects as a set over a new table (tests and small callers). */
export function attemptSetOf(attempts: readonly Attempt[] | AttemptSet): AttemptSet {
  if (!Array.isArray(attempts)) return attempts as AttemptSet;
  const table = attemptTableOf(attempts as readonly Attempt[]);
  return rowSet(table, Array.from({ length: table.length }, (_, i) => i));
}
