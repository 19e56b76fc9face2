import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { lockIsStale } from './support';

describe('the e2e build lock (issue 16: a lock left by Ctrl-C failed the next run)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zsb-lock-'));
  const lock = path.join(dir, 'build.lock');
  beforeEach(() => fs.mkdirSync(lock));
  afterEach(() => fs.rmSync(lock, { recursive: true, force: true }));

  test('held by a running process: not stale', () => {
    fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
    expect(lockIsStale(lock)).toBe(false);
  });
  test('left by a process that has ended: stale at once', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(path.join(lock, 'pid'), gone);
    expect(lockIsStale(lock)).toBe(true);
  });
  test('without an owner: stale after 15 minutes, not before', () => {
    expect(lockIsStale(lock)).toBe(false);
    const old = new Date(Date.now() - 16 * 60_000);
    fs.utimesSync(lock, old, old);
    expect(lockIsStale(lock)).toBe(true);
  });
});
