/**
 * bin/zsb.js, the command as a user runs it: for big inputs it runs the CLI again in a node with a
 * larger young generation (issue 6) and passes through its output, exit code and errors unchanged.
 * Runs the compiled CLI (dist/, built by `npm ci`), as `npx zsb` does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join, resolve } from 'node:path';
import { tempDir, writeGradesCsv, writeRosterXlsx } from './fixtures';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'zsb.js');

function zsb(args: string[], env: Record<string, string>, nodeOptions: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...nodeOptions, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ZSB_TIMINGS: '1', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stderr without the lines that differ between runs (timings, memory, node options). */
const stable = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => !/^(耗时|内存|节点参数) /u.test(l))
    .join('\n');

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/cli/main.js is missing: run npm run build:cli');
});

describe('bin/zsb.js', () => {
  let dir: string;
  let inputs: string[];
  beforeAll(async () => {
    dir = tempDir();
    inputs = [join(dir, '名册.xlsx'), join(dir, '成绩.csv')];
    await writeRosterXlsx(inputs[0]!);
    writeGradesCsv(inputs[1]!);
  });

  test('big inputs: the run happens in a node with --max-semi-space-size=64, same output and exit code', () => {
    const direct = zsb(['run', ...inputs, '--json', join(dir, 'a.json')], { ZSB_NO_RESPAWN: '1' });
    const respawned = zsb(['run', ...inputs, '--json', join(dir, 'b.json')], { ZSB_RESPAWN_BYTES: '0' });
    expect(direct.status).toBe(0);
    expect(direct.stderr).not.toContain('--max-semi-space-size');
    expect(respawned.stderr).toContain('节点参数 --max-semi-space-size=64');
    // Three quarters of the memory as heap limit when that is more than node's default (~4 GB).
    const heapMb = Math.floor((totalmem() / 2 ** 20) * 0.75);
    if (heapMb > getHeapStatistics().heap_size_limit / 2 ** 20) expect(respawned.stderr).toContain(`--max-old-space-size=${heapMb}`);
    expect(respawned.status).toBe(direct.status);
    expect(respawned.stdout).toBe(direct.stdout);
    expect(respawned.stdout).toContain('排名组');
    expect(stable(respawned.stderr).replace('b.json', 'a.json')).toBe(stable(direct.stderr));
  });

  test("small inputs: the computing node gets node's own options only", () => {
    const r = zsb(['run', ...inputs], {});
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('节点参数 （无）');
  });

  test('a usage error in the restarted node: exit 2 and the Chinese usage, as without it', () => {
    const r = zsb(['run', ...inputs, '--bogus'], { ZSB_RESPAWN_BYTES: '0' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('未知选项“--bogus”');
    expect(r.stderr).toContain('用法');
  });

  test.each([
    ['big inputs (restarted node)', { ZSB_RESPAWN_BYTES: '0' }],
    ['small inputs (issue 14: any run, not only big ones)', {}],
  ])('the heap runs out, %s ⇒ exit 1, a Chinese message saying what to do, the JSON with that error, no workbook', (_, env) => {
    const json = join(dir, `oom-${Object.keys(env).length}.json`);
    const out = join(dir, `oom-${Object.keys(env).length}.xlsx`);
    const r = zsb(['run', ...inputs, '--json', json, '--out', out], env, ['--max-old-space-size=12']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('zsb: 内存不足，计算未完成，没有写出工作簿');
    expect(r.stderr).toContain('按二级学院分开运行');
    expect(r.stderr).not.toMatch(/FATAL ERROR|JavaScript heap|\n\s+at /u);
    const written = JSON.parse(readFileSync(json, 'utf8')) as { issues: { severity: string; code: string; message: string }[]; students: unknown[] };
    expect(written.issues.map((i) => `${i.severity} ${i.code}`)).toEqual(['error OUT_OF_MEMORY']);
    expect(written.issues[0]!.message).toMatch(/^内存不足/u);
    expect(existsSync(out)).toBe(false);
  });

  test('--version is answered without restarting', () => {
    const r = zsb(['--version'], { ZSB_RESPAWN_BYTES: '0' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/u);
  });
});
