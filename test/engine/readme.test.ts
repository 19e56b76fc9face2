/**
 * README's "规则在哪里" table (SPEC → file) matches the code: every file it names exists, every file of
 * src/engine/ is named in README, and each issue code a row names (DUPLICATE_ID…) is raised in one of
 * that row's files — so a newcomer who looks a rule up finds it where the table says.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const table = readme.slice(readme.indexOf('## 规则在哪里'), readme.indexOf('其余：'));
/** Rows of the table: the rule text and the files (a bare name like `parseGrades.ts` is in the directory of the file before it). */
const rows = table
  .split('\n')
  .filter((l) => /^\| §/u.test(l))
  .map((l) => {
    const [, , rule = '', files = ''] = l.split('|').map((c) => c.trim());
    let dir = '';
    const paths = [...files.matchAll(/`([^`]+)`/gu)]
      .map((m) => m[1] as string)
      .filter((p) => /\.tsx?$|\/$/u.test(p)) // not `runEngine`
      .map((p) => {
        if (p.includes('/')) {
          dir = p.endsWith('/') ? p : p.slice(0, p.lastIndexOf('/') + 1);
          return p;
        }
        return dir + p;
      });
    return { rule, paths };
  });

describe('README SPEC → file table', () => {
  it('has the rows of SPEC §1–§3', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });
  it.each(rows.map((r) => [r.paths.join(', '), r] as const))('%s exist', (_, r) => {
    for (const p of r.paths) expect(existsSync(join(root, p)) ? p : `missing: ${p}`).toBe(p);
  });
  it('names every file of src/engine/', () => {
    const engineFiles = readdirSync(join(root, 'src/engine')).filter((f) => f.endsWith('.ts'));
    const architecture = readme.slice(readme.indexOf('## 规则在哪里'), readme.indexOf('## English summary'));
    for (const f of engineFiles) expect(architecture.includes(`src/engine/${f}`) || architecture.includes(`\`${f}\``) ? f : `not in README: ${f}`).toBe(f);
  });
  it.each(rows.filter((r) => /\b[A-Z][A-Z_]{4,}\b/u.test(r.rule)).map((r) => [r.rule.slice(0, 40), r] as const))(
    'the codes of “%s…” are raised in its files',
    (_, r) => {
      const text = r.paths
        .map((p) => join(root, p))
        .filter((p) => statSync(p).isFile())
        .map((p) => readFileSync(p, 'utf8'))
        .join('\n');
      for (const code of r.rule.match(/\b[A-Z][A-Z_]{4,}\b/gu) ?? []) expect(text.includes(`'${code}'`) ? code : `${code} not raised in ${r.paths.join(', ')}`).toBe(code);
    },
  );
});
