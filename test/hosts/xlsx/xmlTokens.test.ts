/**
 * The worksheet tokenizer (src/hosts/xlsx/xmlTokens.ts) gives the events ExcelJS's parse-sax (saxes)
 * gives — open tags with their attributes, text, close tags — on random documents cut into random
 * pieces, and fails where saxes fails.
 */
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { XmlTokenizer } from '../../../src/hosts/xlsx/xmlTokens';

type Event = ['open', string, Record<string, string>] | ['text', string] | ['close', string];

/**
 * Adjacent text events joined (both parsers may split a text where the input was cut); white space
 * outside the root element left out (saxes reports some of it, no reader looks at it).
 */
function joined(events: Event[]): Event[] {
  const out: Event[] = [];
  let depth = 0;
  for (const e of events) {
    if (e[0] === 'open') depth++;
    if (e[0] === 'close') depth--;
    if (e[0] === 'text' && depth === 0) continue;
    const last = out[out.length - 1];
    if (e[0] === 'text' && last?.[0] === 'text') last[1] += e[1];
    else if (e[0] !== 'text' || e[1] !== '') out.push(e[0] === 'text' ? ['text', e[1]] : e);
  }
  return out;
}

/** What parse-sax hands ExcelJS's readers: saxes' opentag, text and closetag events (no CDATA). */
function saxesEvents(pieces: string[]): Event[] {
  const parser = new SaxesParser();
  const events: Event[] = [];
  let error: Error | null = null;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (t) => events.push(['open', t.name, { ...(t.attributes as Record<string, string>) }]));
  parser.on('text', (t) => events.push(['text', t]));
  parser.on('closetag', (t) => events.push(['close', t.name]));
  for (const p of pieces) parser.write(p);
  parser.close();
  if (error) throw error;
  return joined(events);
}

function tokenizerEvents(pieces: string[]): Event[] {
  const events: Event[] = [];
  const t = new XmlTokenizer({
    open: (name, a) => events.push(['open', name, a.record()]),
    text: (text) => events.push(['text', text]),
    close: (name) => events.push(['close', name]),
  });
  for (const p of pieces) t.write(p);
  t.end();
  return joined(events);
}

/** `doc` cut at the given places. */
function cut(doc: string, at: number[]): string[] {
  const points = [...new Set(at.map((x) => Math.floor(x * doc.length)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(doc.slice(from, p));
    from = p;
  }
  pieces.push(doc.slice(from));
  return pieces;
}

// Documents like worksheet parts, with what real files and awkward writers put in them.
const textPart = fc.constantFrom('85', '学生', ' ', '\r\n', '\n', '\r', '\t', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#20013;', '&#x4E2D;', '&#x1F600;', 'a>b', ']', '示例师范学院/专业372方向', "'", '"');
const text = fc.array(textPart, { maxLength: 5 }).map((a) => a.join(''));
const valuePart = fc.constantFrom('A1', '1', ' ', '\t', '\n', '\r\n', '&amp;', '&#x41;', '>', '中');
const attrValue = fc.array(valuePart, { maxLength: 4 }).map((a) => a.join(''));
const attrName = fc.constantFrom('r', 's', 't', 'ht', 'hidden', 'x14ac:dyDescent', 'spans', 'ref', 'si');
const space = fc.constantFrom(' ', '  ', '\n', '\t', '\r\n');
const attrs = fc.uniqueArray(fc.tuple(attrName, attrValue, fc.constantFrom('"', "'"), space), { selector: (a) => a[0], maxLength: 4 }).map((list) => list.map(([k, v, q, sp]) => `${sp}${k}${sp === ' ' ? '' : ' '}=${q}${v.replaceAll(q, '')}${q}`).join(''));
const tagName = fc.constantFrom('c', 'v', 'row', 'f', 't', 'r', 'is', 'x:ext', 'mergeCell');
const misc = fc.constantFrom('<!-- 注释 <c> -->', '<?pi data?>', '<![CDATA[ <v>1</v> & ]]>', '');

const element: fc.Memo<string> = fc.memo((depth) =>
  fc
    .tuple(tagName, attrs, fc.boolean(), fc.array(depth <= 1 ? text : fc.oneof(text, element(depth - 1), misc), { maxLength: 4 }), fc.constantFrom('', ' ', '\n'))
    .map(([name, a, empty, children, sp]) => (empty && children.length === 0 ? `<${name}${a}${sp}/>` : `<${name}${a}>${children.join('')}</${name}${sp}>`)),
);

const prolog = fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', '<?xml version="1.0"?><!DOCTYPE worksheet [ <!ELEMENT worksheet ANY> ]>', '<!-- head -->\r\n');
const documents = fc.tuple(prolog, element(4), fc.constantFrom('', '\n', ' <!-- tail -->')).map(([p, e, tail]) => `${p}<worksheet xmlns="urn:x">${e}</worksheet>${tail}`);

describe('XmlTokenizer = saxes as ExcelJS uses it', () => {
  test('random worksheet-like documents, cut anywhere', () => {
    fc.assert(
      fc.property(documents, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }), (doc, at) => {
        const pieces = cut(doc, at);
        expect(tokenizerEvents(pieces)).toEqual(saxesEvents([doc]));
      }),
      { numRuns: 1500 },
    );
  });

  test('a real row: values, attributes, entities and line ends', () => {
    const doc = '<worksheet><sheetData><row r="2" spans="1:3" ht="20"\r\n hidden="1"><c r="A2" t="s"><v>12</v></c><c r="B2" t="inlineStr"><is><t>张&amp;三\r\n</t></is></c><c r="C2" s="3"><f t="shared" ref="C2:C9" si="0">A2&amp;"x"</f><v>1</v></c></row></sheetData></worksheet>';
    const events = tokenizerEvents(cut(doc, [0.13, 0.5, 0.51, 0.9]));
    expect(events).toEqual(saxesEvents([doc]));
    expect(events).toContainEqual(['open', 'row', { r: '2', spans: '1:3', ht: '20', hidden: '1' }]);
    expect(events).toContainEqual(['text', '张&三\n']);
    expect(events).toContainEqual(['text', 'A2&"x"']);
  });

  test.each([
    ['an unclosed element', '<worksheet><row>'],
    ['a close tag that does not match', '<worksheet><row></c></worksheet>'],
    ['an unknown entity', '<worksheet>&nbsp;</worksheet>'],
    ['a bare ampersand', '<worksheet>A & B</worksheet>'],
    ['"<" in an attribute value', '<worksheet><c r="A<1"/></worksheet>'],
    ['a repeated attribute', '<worksheet><c r="A1" r="A2"/></worksheet>'],
    ['an attribute without quotes', '<worksheet><c r=A1/></worksheet>'],
    ['attributes without space between them', '<worksheet><c r="A1"s="2"/></worksheet>'],
    ['text outside the root', '<worksheet/>junk'],
    ['a second root', '<worksheet/><worksheet/>'],
    ['the end inside a tag', '<worksheet><c r="A1"'],
    ['no root', '<?xml version="1.0"?>'],
  ])('%s ⇒ error, as saxes', (_, doc) => {
    expect(() => saxesEvents([doc])).toThrow();
    expect(() => tokenizerEvents([doc])).toThrow();
  });
});
