/**
 * Issue 16: the layers are enforced by lint (eslint.config.mjs, layerRules): a back-edge fails `npm test`.
 * Each case lints a one-line file placed in a layer, as if a developer had added it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..');

const backEdges: [string, string][] = [
  ['src/engine/backEdge.ts', "import { parseTables } from '../sheets/parse';\nexport const x = parseTables;\n"],
  ['src/engine/backEdge.ts', "import { META_SHEET } from '../hosts/meta';\nexport const x = META_SHEET;\n"],
  ['src/sheets/backEdge.ts', "import type { WorkbookHost } from '../hosts/host';\nexport type X = WorkbookHost;\n"],
  ['src/sheets/attachments/backEdge.ts', "import { App } from '../../taskpane/components/App';\nexport const x = App;\n"],
  ['src/sheets/backEdge.ts', "export const load = () => import('exceljs');\n"],
  ['src/taskpane/backEdge.ts', "import ExcelJS from 'exceljs';\nexport const x = ExcelJS;\n"],
  ['src/taskpane/file/backEdge.ts', "export const load = () => import('@e965/xlsx');\n"],
  ['src/cli/backEdge.ts', "import JSZip from 'jszip';\nexport const x = JSZip;\n"],
  ['src/hosts/xlsx/backEdge.ts', "import { main } from '../../cli/main';\nexport const x = main;\n"],
  ['src/engine/backEdge.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
];
const inward: [string, string][] = [
  ['src/hosts/xlsx/ok.ts', "import { parseRange } from '../../sheets/table';\nimport ExcelJS from 'exceljs';\nexport const x = [parseRange, ExcelJS];\n"],
  ['src/sheets/ok.ts', "import { issueAt } from '../engine/issues';\nexport const x = issueAt;\n"],
  ['src/cli/ok.ts', "import { analyse } from '../pipeline';\nimport { newWorkbook } from '../hosts/xlsx/fileHost';\nexport const x = [analyse, newWorkbook];\n"],
  ['src/taskpane/ok.ts', "import { XlsxFileHost } from '../hosts/xlsx/fileHost';\nexport const x = XlsxFileHost;\n"],
];

/**
 * Lints every case in one plain node process (ESLint loads its ESM config with import(), which jest's VM
 * refuses): file → the messages of its errors.
 */
function lintAll(cases: [string, string][]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const [file, code] of cases) {
        const [r] = await eslint.lintText(code, { filePath: require('path').join(process.cwd(), file) });
        out.push(r.messages.filter((m) => m.severity === 2).map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[][];
}

const results = lintAll([...backEdges, ...inward]);

describe('a back-edge fails lint', () => {
  test.each(backEdges.map(([file, code], i) => [file, code, i] as const))('%s: %s', (_file, _code, i) => {
    const found = results[i] ?? [];
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toContain('层次规则');
  });
});

describe('inward edges are allowed', () => {
  test.each(inward.map(([file], i) => [file, backEdges.length + i] as const))('%s', (_file, i) => {
    expect(results[i]).toEqual([]);
  });
});
