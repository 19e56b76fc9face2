/** Shared by the corpus tests: run a case folder through the CLI's main() and read back the JSON. */
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main';
import type { ResultJson } from '../../src/engine/result';
import type { Expected } from '../../scripts/make-corpus';

export const CORPUS = resolve(__dirname, '..', 'fixtures', 'corpus');

export function caseIds(): string[] {
  return readdirSync(CORPUS).filter((d) => existsSync(join(CORPUS, d, 'expected.json'))).sort();
}

export function expectedOf(id: string): Expected {
  return JSON.parse(readFileSync(join(CORPUS, id, 'expected.json'), 'utf8')) as Expected;
}

export interface CliRun {
  exit: number;
  stdout: string;
  stderr: string;
  result: ResultJson | null;
  outDir: string;
}

export function tempDir(prefix = 'zsb-corpus-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `zsb run <inputs> --json <tmp>/result.json [--out <tmp>/out.xlsx]` in-process. */
export async function runCli(inputs: string[], opts: { out?: boolean; extra?: string[] } = {}): Promise<CliRun> {
  const outDir = tempDir();
  const io = { out: '', err: '' };
  const json = join(outDir, 'result.json');
  const argv = ['run', ...inputs, '--json', json, ...(opts.out ? ['--out', join(outDir, 'out.xlsx')] : []), ...(opts.extra ?? [])];
  const exit = await main(argv, { stdout: (t) => (io.out += t), stderr: (t) => (io.err += t) });
  const result = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as ResultJson) : null;
  return { exit, stdout: io.out, stderr: io.err, result, outDir };
}

export function runCase(id: string, opts: { out?: boolean } = {}): Promise<CliRun> {
  const e = expectedOf(id);
  return runCli(e.inputs.map((f) => join(CORPUS, id, f)), opts);
}

/**
 * Cases where the code does not (yet) do what the expectation says. Each is run with test.failing, so
 * the suite notices when it starts to pass (then remove it from here).
 */
export const KNOWN_FAILING: Record<string, string> = {};

/** Cases where an engine warning's message does not name its own sheet!cell (findings). */
export const MESSAGES_KNOWN_FAILING: Record<string, string> = {};

