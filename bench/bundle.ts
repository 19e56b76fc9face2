/**
 * Benchmark 4 (issue 6): the task-pane bundle. Runs the production build (webpack) and reports the
 * gzip size of the initial JavaScript (the <script> tags of taskpane.html) and of every lazy chunk.
 * Budget: initial JS gzip ≤ 350 KB; ExcelJS and file-import code only in lazy chunks.
 * Usage: tsx bench/bundle.ts [--no-build]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.join(__dirname, '..');
const out = path.join(root, 'build');

function gz(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

function main(): void {
  if (!process.argv.includes('--no-build')) {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'production'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const html = fs.readFileSync(path.join(out, 'taskpane.html'), 'utf8');
  // The production HTML is minified: attribute values may be unquoted.
  const initial = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+\.js)/gu)].map((m) => m[1]).filter((s) => !/office\.js$/u.test(s) && !/^https?:/u.test(s));
  const js = fs.readdirSync(out).filter((f) => f.endsWith('.js'));
  const initialNames = new Set(initial.map((s) => path.basename(s)));
  const rows = js.map((f) => ({ f, raw: fs.statSync(path.join(out, f)).size, gzip: gz(path.join(out, f)), initial: initialNames.has(f) }));
  rows.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
  const initialGzip = rows.filter((r) => r.initial).reduce((s, r) => s + r.gzip, 0);
  const lines = [
    `Initial JavaScript (gzip): ${(initialGzip / 1024).toFixed(0)} KB (budget 350 KB) — ${[...initialNames].join(', ')}. office.js is loaded from assets/office/ and not counted.`,
    '',
    '| file | loaded | raw KB | gzip KB |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.f} | ${r.initial ? 'initial' : 'lazy'} | ${(r.raw / 1024).toFixed(0)} | ${(r.gzip / 1024).toFixed(0)} |`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (initialGzip > 350 * 1024) process.exitCode = 1;
}

main();
