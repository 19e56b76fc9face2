/** The ESLint config really enforces the Office.js rules where Office.js is called. */
import { spawnSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..', '..');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

function lint(args: string[], input?: string): { ruleId: string | null; severity: number; message: string; line: number }[] {
  const r = spawnSync(process.execPath, [ESLINT, '--format', 'json', ...args], { cwd: ROOT, input, encoding: 'utf8' });
  if (r.status === 2 || !r.stdout) throw new Error(`eslint failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { messages: { ruleId: string | null; severity: number; message: string; line: number }[] }[]).flatMap((f) => f.messages);
}

const BAD = `export async function f(): Promise<void> {
  await Excel.run(async (context) => {
    const r = context.workbook.worksheets.getItem('a').getRange('A1');
    console.log(r.values);
    for (let i = 0; i < 3; i++) await context.sync();
  });
}
`;

// (`npm run lint` checks the real files; this proves the rules are switched on for the Office code.)
test('sync in a loop and reading before load/sync are errors in src/hosts/office', () => {
  const bad = lint(['--stdin', '--stdin-filename', 'src/hosts/office/probe.ts'], BAD);
  expect(bad.filter((m) => m.severity === 2).map((m) => m.ruleId)).toEqual(
    expect.arrayContaining(['office-addins/no-context-sync-in-loop', 'office-addins/load-object-before-read', 'office-addins/call-sync-before-read']),
  );
});
