/**
 * A streaming XML tokenizer for worksheet parts (issue 6: the CLI reads 1 M grade rows, ~330 MB of
 * sheet XML, twice: once to compute, once to copy them into --out).
 *
 * It gives the events ExcelJS's parse-sax (saxes) gives its readers — an open tag with its attributes,
 * text, a close tag — with the same text: entities decoded (the five named ones and character
 * references), line ends as "\n", tabs and line ends in attribute values as spaces, comments, processing
 * instructions, the DOCTYPE and CDATA sections left out (parse-sax does not listen to CDATA). It finds
 * tags with indexOf instead of looking at every character, reads attributes only when asked, and calls
 * its handler instead of making an event object per tag: on the 330 MB grade sheet of the 20,000-student
 * benchmark saxes alone took 6.1 s (~54 MB/s), this 3.1 s (~107 MB/s), before counting parse-sax's event
 * arrays (test/hosts/xlsx/xmlTokens.test.ts checks it against saxes on random documents cut anywhere).
 *
 * Not well-formed XML (a tag that does not close, a close tag that does not match, an unknown entity, a
 * bare "&" or "<", the document ending inside a tag or element) ⇒ Error, as saxes fails on it.
 */

/**
 * The attributes of the tag being opened, read on demand (a worksheet's ~17 M tags would otherwise
 * each make an object and a string per attribute, most never looked at). Valid only during `open`.
 */
export class XmlAttributes {
  /** Per attribute: name start, name end, value start, value end (without the quotes) in `source`. */
  private at = new Int32Array(32);
  private n = 0;
  private source = '';

  /** @internal */
  reset(source: string): void {
    this.source = source;
    this.n = 0;
  }

  /** @internal Adds one; a name given twice ⇒ Error (as saxes). */
  add(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    const s = this.source;
    const len = nameEnd - nameStart;
    for (let k = 0; k < this.n; k++) {
      const ks = this.at[4 * k]!;
      if (this.at[4 * k + 1]! - ks !== len) continue;
      let same = true;
      for (let j = 0; j < len && same; j++) same = s.charCodeAt(ks + j) === s.charCodeAt(nameStart + j);
      if (same) throw new Error(`XML 标签的属性 ${s.slice(nameStart, nameEnd)} 重复`);
    }
    if (4 * this.n + 4 > this.at.length) {
      const wider = new Int32Array(this.at.length * 2);
      wider.set(this.at);
      this.at = wider;
    }
    const at = this.at;
    const o = 4 * this.n++;
    at[o] = nameStart;
    at[o + 1] = nameEnd;
    at[o + 2] = valueStart;
    at[o + 3] = valueEnd;
  }

  /** The value of the k-th attribute, entities decoded. */
  private valueAt(k: number): string {
    return attributeOf(this.source.slice(this.at[4 * k + 2]!, this.at[4 * k + 3]!));
  }

  /** The value of attribute `name` (entities decoded), or undefined. */
  get(name: string): string | undefined {
    const s = this.source;
    for (let k = 0; k < this.n; k++) {
      const ks = this.at[4 * k]!;
      if (this.at[4 * k + 1]! - ks === name.length && s.startsWith(name, ks)) return this.valueAt(k);
    }
    return undefined;
  }

  /** All of them as a record (what saxes gives). */
  record(): Record<string, string> {
    const s = this.source;
    const out: Record<string, string> = {};
    for (let k = 0; k < this.n; k++) {
      const key = s.slice(this.at[4 * k]!, this.at[4 * k + 1]!);
      const value = this.valueAt(k);
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    }
    return out;
  }
}

export interface XmlHandler {
  open(name: string, attributes: XmlAttributes): void;
  text(text: string): void;
  close(name: string): void;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([^\s&;<>#]*));/gu;

/** References decoded; every "&" must start one (`where` names the place for the error). */
function decodeEntities(text: string, where: string): string {
  if (text.replace(ENTITY, '').includes('&')) throw new Error(`XML ${where}中有未转义的“&”`);
  return text.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      const ch = NAMED[name];
      if (ch === undefined) throw new Error(`XML 中有未定义的实体“${whole}”`);
      return ch;
    }
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    if (!(code >= 1 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) throw new Error(`XML 中有无效的字符引用“${whole}”`);
    return String.fromCodePoint(code);
  });
}

/** Text content: entities and line ends as saxes gives them. */
export function textOf(raw: string): string {
  let t = raw;
  if (t.includes('\r')) t = t.replace(/\r\n?/gu, '\n');
  return t.includes('&') ? decodeEntities(t, '文本') : t;
}

/** An attribute value: entities decoded, tabs and line ends as spaces ("\r\n" as one). */
export function attributeOf(raw: string): string {
  let v = raw;
  if (v.includes('\r') || v.includes('\n') || v.includes('\t')) v = v.replace(/\r\n|[\r\n\t]/gu, ' ');
  return v.includes('&') ? decodeEntities(v, '属性值') : v;
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
/** Where a tag or attribute name ends. */
const endsName = (c: number): boolean => isSpace(c) || c === 62 /* > */ || c === 47 /* / */ || c === 61 /* = */;

export class XmlTokenizer {
  private rest = '';
  private readonly open: string[] = [];
  private seenRoot = false;
  private readonly attributes = new XmlAttributes();
  /** Where the next "<" after the last open tag is (found while checking that tag), -1: none. */
  private nextTag = -1;

  constructor(private readonly handler: XmlHandler) {}

  /** The next piece of the document (any cut: inside a tag, an entity, a "\r\n"…). */
  write(chunk: string): void {
    const s = this.rest === '' ? chunk : this.rest + chunk;
    this.rest = s.slice(this.scan(s, false));
  }

  /** The document is complete: anything unfinished is an error. */
  end(): void {
    const s = this.rest;
    this.rest = '';
    const at = this.scan(s, true);
    if (at < s.length) throw new Error('XML 在标签中间结束');
    if (this.open.length > 0) throw new Error(`XML 在元素 <${this.open[this.open.length - 1]}> 结束之前结束`);
    if (!this.seenRoot) throw new Error('XML 中没有根元素');
  }

  private emitText(raw: string): void {
    if (this.open.length === 0) {
      // Outside the root only white space is allowed (and saxes gives no text event there).
      if (/\S/u.test(raw)) throw new Error('XML 根元素之外有文本');
      return;
    }
    this.handler.text(textOf(raw));
  }

  /** Consumes complete tokens of `s`; returns where the unfinished rest starts. */
  private scan(s: string, final: boolean): number {
    const n = s.length;
    const h = this.handler;
    let pos = 0;
    this.nextTag = -1;
    while (pos < n) {
      const lt = this.nextTag >= pos ? this.nextTag : s.indexOf('<', pos);
      if (lt < 0) {
        if (final) {
          this.emitText(s.slice(pos));
          return n;
        }
        // Text so far, up to a reference or a "\r" that the next piece may finish.
        let cut = n;
        const amp = s.lastIndexOf('&');
        if (amp >= pos && s.indexOf(';', amp) < 0) cut = amp;
        if (cut > pos && s.charCodeAt(cut - 1) === 13) cut--;
        if (cut > pos) this.emitText(s.slice(pos, cut));
        return cut;
      }
      if (lt > pos) this.emitText(s.slice(pos, lt));
      const c = s.charCodeAt(lt + 1);
      if (c === 47 /* / */) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) return lt;
        let e = gt;
        while (e > lt + 2 && isSpace(s.charCodeAt(e - 1))) e--;
        const name = s.slice(lt + 2, e);
        const top = this.open.pop();
        if (top !== name) throw new Error(top === undefined ? `XML 中多了结束标签 </${name}>` : `XML 结束标签 </${name}> 与 <${top}> 不配对`);
        h.close(name);
        pos = gt + 1;
      } else if (c === 63 /* ? */) {
        const e = s.indexOf('?>', lt + 2);
        if (e < 0) return lt;
        pos = e + 2;
      } else if (c === 33 /* ! */) {
        const next = this.declaration(s, lt);
        if (next < 0) return lt;
        pos = next;
      } else if (Number.isNaN(c)) {
        return lt;
      } else {
        const next = this.openTag(s, lt);
        if (next < 0) return lt;
        pos = next;
      }
    }
    return n;
  }

  /** `<!-- -->`, `<![CDATA[ ]]>` (left out, as parse-sax does) or `<!DOCTYPE …>`: the index after it, or -1. */
  private declaration(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) {
      const e = s.indexOf('-->', lt + 4);
      return e < 0 ? -1 : e + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      if (this.open.length === 0) throw new Error('XML 根元素之外有 CDATA');
      const e = s.indexOf(']]>', lt + 9);
      return e < 0 ? -1 : e + 3;
    }
    if (s.length - lt < 9) return -1;
    if (!s.startsWith('<!DOCTYPE', lt)) throw new Error('XML 中有无法识别的“<!”');
    // An internal subset in [ ] may hold ">" of its own.
    let depth = 0;
    for (let i = lt + 9; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      if (ch === 91 /* [ */) depth++;
      else if (ch === 93 /* ] */) depth--;
      else if (ch === 62 /* > */ && depth <= 0) return i + 1;
    }
    return -1;
  }

  /** `<name a="v" …>` or `<name …/>`: the index after it, or -1 when the piece ends inside it. */
  private openTag(s: string, lt: number): number {
    const n = s.length;
    let i = lt + 1;
    let c = s.charCodeAt(i);
    while (i < n && !endsName(c)) c = s.charCodeAt(++i);
    if (i >= n) return -1;
    const name = s.slice(lt + 1, i);
    if (name === '') throw new Error('XML 中有没有名称的标签');
    if (this.open.length === 0 && this.seenRoot) throw new Error(`XML 中有第二个根元素 <${name}>`);
    const attributes = this.attributes;
    attributes.reset(s);
    for (;;) {
      const spaced = isSpace(c);
      while (isSpace(c)) c = s.charCodeAt(++i);
      if (i >= n) return -1;
      if (c === 62 /* > */ || c === 47 /* / */) {
        const end = c === 62 ? i + 1 : i + 2;
        if (end > n) return -1;
        if (c === 47 && s.charCodeAt(i + 1) !== 62) throw new Error(`XML 标签 <${name}> 中有多余的“/”`);
        // One look for "<" inside the tag (never allowed in a name or a value), which is also where
        // the scan goes on.
        const next = s.indexOf('<', lt + 1);
        if (next >= 0 && next < end) throw new Error(`XML 标签 <${name}> 中有“<”`);
        this.nextTag = next;
        this.seenRoot = true;
        this.handler.open(name, attributes);
        if (c === 62) this.open.push(name);
        else this.handler.close(name);
        return end;
      }
      if (!spaced) throw new Error(`XML 标签 <${name}> 的属性之间缺少空格`);
      const start = i;
      while (i < n && !endsName(c)) {
        if (c === 34 || c === 39) throw new Error(`XML 标签 <${name}> 的属性无法识别`);
        c = s.charCodeAt(++i);
      }
      if (i >= n) return -1;
      const keyEnd = i;
      if (keyEnd === start) throw new Error(`XML 标签 <${name}> 的属性无法识别`);
      while (isSpace(c)) c = s.charCodeAt(++i);
      if (i >= n) return -1;
      if (c !== 61 /* = */) throw new Error(`XML 标签 <${name}> 的属性 ${s.slice(start, keyEnd)} 没有值`);
      c = s.charCodeAt(++i);
      while (isSpace(c)) c = s.charCodeAt(++i);
      if (i >= n) return -1;
      if (c !== 34 && c !== 39) throw new Error(`XML 标签 <${name}> 的属性 ${s.slice(start, keyEnd)} 的值没有引号`);
      const close = s.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      attributes.add(start, keyEnd, i + 1, close);
      i = close + 1;
      c = s.charCodeAt(i);
    }
  }
}
