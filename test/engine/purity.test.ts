/** Architecture rule: src/engine is pure — no Office, DOM, React, ExcelJS or file I/O. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(__dirname, '../../src/engine');
const forbidden = /from\s+['"](exceljs|react|react-dom|@fluentui\/[^'"]*|@microsoft\/office-js[^'"]*|fs|node:fs|path|node:path|\.\.\/(hosts|sheets|taskpane|cli)[^'"]*)['"]/u;

describe('src/engine purity', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  it('has the engine modules', () => {
    expect(files).toEqual(expect.arrayContaining(['index.ts', 'scores.ts', 'groups.ts', 'attempts.ts', 'plan.ts', 'averages.ts', 'ranking.ts', 'eligibility.ts']));
  });
  it.each(files)('%s imports nothing outside the pure engine', (f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    expect(text).not.toMatch(forbidden);
    expect(text).not.toMatch(/\b(Office|Excel|document|window)\./u);
  });
});
