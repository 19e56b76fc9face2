/**
 * The score each plan course contributed to one student's average (SPEC §2.4; 附件6 shows them), stored
 * as two small number lists per student instead of one object per course.
 *
 * A school of 20,000 students × 45 courses has ~0.9 M of these; as objects that live until the 附件
 * sheets are written they cost the engine about a fifth of its time in allocation and garbage collection
 * (issue 6). `at(i)` / `toArray()` give the `CourseScore` objects when a sheet needs them; `toJSON()`
 * makes the list serialise exactly like the array it stands for.
 */
import type { CourseScore, CourseScoreSource } from './result';

/** What a CourseScore says about its course (the plan course's identity). */
export interface CourseIdentity {
  courseKey: string;
  courseName: string;
  courseCode?: string;
  term: number | null;
}

const SOURCES: readonly CourseScoreSource[] = ['first', 'later', 'missing', 'exempt', 'pending', 'not_taken'];
const SOURCE_CODE: Readonly<Record<CourseScoreSource, number>> = { first: 0, later: 1, missing: 2, exempt: 3, pending: 4, not_taken: 5 };
const PASSED = 8;
/** `values` entry of a course without a score (hundredths null). */
const NO_VALUE = -1;
const COUNTED = 16;
/** Flags of a counted score from a first sitting (SOURCE_CODE.first is 0). */
const FIRST_COUNTED = COUNTED;
const MAKEUP = 32;
const RETAKE = 64;

/** Each course list's position by course key, shared by all students of a plan. */
const positions = new WeakMap<readonly CourseIdentity[], Map<string, number>>();

/**
 * Where the scores of one run live: one array of numbers and one of flags for all students, each student's
 * list a slice of them (20,000 students × 45 courses in two typed arrays outside the JavaScript heap, not
 * 40,000 small arrays the garbage collector copies). The arrays grow by doubling; a list reads through the
 * store, so it sees the current arrays.
 */
export class CourseScoreStore {
  /** Hundredths (whole numbers 0…32,767: scores are 0–100), NO_VALUE for null. */
  values: Int16Array;
  flags: Uint8Array;
  private used = 0;

  /** @param capacity entries expected (students × plan courses); grows past it when needed. */
  constructor(capacity = 64) {
    this.values = new Int16Array(Math.max(16, capacity));
    this.flags = new Uint8Array(Math.max(16, capacity));
  }

  /** Reserves `n` entries and returns the first one's index. */
  reserve(n: number): number {
    const start = this.used;
    const need = start + n;
    if (need > this.values.length) {
      const size = Math.max(this.values.length * 2, need);
      const values = new Int16Array(size);
      values.set(this.values);
      const flags = new Uint8Array(size);
      flags.set(this.flags);
      this.values = values;
      this.flags = flags;
    }
    this.used = need;
    return start;
  }

  /** The store again after a structured clone (see CourseScores.revive). */
  static revive(o: CourseScoreStore): CourseScoreStore {
    return Object.setPrototypeOf(o, CourseScoreStore.prototype) as CourseScoreStore;
  }
}

export class CourseScores {
  private n = 0;
  private readonly start: number;
  private marks: Map<number, string> | undefined;

  /**
   * @param courses the plan courses, in the order the scores are added (shared, not copied).
   * @param store where the entries are kept (a run shares one among all its students; default: its own).
   */
  constructor(
    private readonly courses: readonly CourseIdentity[],
    private readonly store: CourseScoreStore = new CourseScoreStore(courses.length),
  ) {
    this.start = store.reserve(courses.length);
  }

  /**
   * The list again after a structured clone (postMessage from the engine's Web Worker keeps the fields
   * but not the class): gives the object back its methods. Lists cloned in one message still share
   * one store.
   */
  static revive(o: CourseScores): CourseScores {
    CourseScoreStore.revive(o.store);
    return Object.setPrototypeOf(o, CourseScores.prototype) as CourseScores;
  }

  /** A list holding exactly these objects (test fixtures, callers that have objects). */
  static of(list: readonly CourseScore[]): CourseScores {
    const out = new CourseScores(
      list.map((c) => (c.courseCode !== undefined ? { courseKey: c.courseKey, courseName: c.courseName, term: c.term, courseCode: c.courseCode } : { courseKey: c.courseKey, courseName: c.courseName, term: c.term })),
    );
    for (const c of list) out.add(c.hundredths, c.source, c.passed, c.counted, c.mark, c.laterKind);
    return out;
  }

  get length(): number {
    return this.n;
  }

  /** Adds the next course's entry (course i of the plan for the i-th call). */
  add(hundredths: number | null, source: CourseScoreSource, passed: boolean, counted: boolean, mark?: string, laterKind?: 'makeup' | 'retake'): void {
    const i = this.n;
    if (i >= this.courses.length) throw new RangeError(`内部错误：课程成绩多于计划课程（${this.courses.length} 门）`);
    if (hundredths !== null && !(Number.isInteger(hundredths) && hundredths >= 0 && hundredths <= 0x7fff)) {
      throw new RangeError(`内部错误：课程成绩 ${hundredths} 不是 0–327.67 分内的百分之一分整数`);
    }
    this.n = i + 1;
    this.store.values[this.start + i] = hundredths === null ? NO_VALUE : hundredths;
    this.store.flags[this.start + i] = SOURCE_CODE[source] | (passed ? PASSED : 0) | (counted ? COUNTED : 0) | (laterKind === 'makeup' ? MAKEUP : laterKind === 'retake' ? RETAKE : 0);
    if (mark !== undefined) (this.marks ??= new Map()).set(i, mark);
  }

  /** add(hundredths, 'first', passed, true) for a score the caller knows is a whole 0…10000 (the engine's usual course). */
  addFirst(hundredths: number, passed: boolean): void {
    const i = this.n;
    if (i >= this.courses.length) throw new RangeError(`内部错误：课程成绩多于计划课程（${this.courses.length} 门）`);
    this.n = i + 1;
    this.store.values[this.start + i] = hundredths;
    this.store.flags[this.start + i] = FIRST_COUNTED | (passed ? PASSED : 0);
  }

  /** Entry i as an object (same fields, in the same order, as the engine has always produced). */
  at(i: number): CourseScore | undefined {
    if (i < 0 || i >= this.n) return undefined;
    const pc = this.courses[i];
    const f = this.store.flags[this.start + i];
    const v = this.store.values[this.start + i];
    const hundredths = v === NO_VALUE ? null : v;
    const c: CourseScore =
      pc.courseCode !== undefined
        ? { courseKey: pc.courseKey, courseName: pc.courseName, term: pc.term, hundredths, source: SOURCES[f & 7], passed: (f & PASSED) !== 0, counted: (f & COUNTED) !== 0, courseCode: pc.courseCode }
        : { courseKey: pc.courseKey, courseName: pc.courseName, term: pc.term, hundredths, source: SOURCES[f & 7], passed: (f & PASSED) !== 0, counted: (f & COUNTED) !== 0 };
    const mark = this.marks?.get(i);
    if (mark !== undefined) c.mark = mark;
    if (f & MAKEUP) c.laterKind = 'makeup';
    else if (f & RETAKE) c.laterKind = 'retake';
    return c;
  }

  /** The entry of the course with this key. */
  byKey(courseKey: string): CourseScore | undefined {
    let index = positions.get(this.courses);
    if (!index) {
      index = new Map();
      this.courses.forEach((c, i) => index?.has(c.courseKey) || index?.set(c.courseKey, i));
      positions.set(this.courses, index);
    }
    const i = index.get(courseKey);
    return i === undefined ? undefined : this.at(i);
  }

  toArray(): CourseScore[] {
    const out: CourseScore[] = [];
    for (let i = 0; i < this.n; i++) out.push(this.at(i) as CourseScore);
    return out;
  }

  map<T>(fn: (c: CourseScore, i: number) => T): T[] {
    return this.toArray().map(fn);
  }

  toJSON(): CourseScore[] {
    return this.toArray();
  }
}
