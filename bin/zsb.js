#!/usr/bin/env node
'use strict';
// Entry of the `zsb` command. The TypeScript sources are compiled to dist/ by `npm ci` (prepare script).
const path = require('path');
const fs = require('fs');
const { spawnSync } = require('child_process');

const built = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(built)) {
  process.stderr.write('zsb: 未找到编译后的命令行程序 dist/cli/main.js，请先运行 npm ci 或 npm run build:cli。\n');
  process.exit(2);
}

/**
 * `zsb run` with big inputs restarts node once with a larger young generation (issue 6): reading a
 * 1 M-row grade export makes short-lived strings faster than the default 16 MB semi-space lets them
 * die young, and copying them costs ~20 % of a 20,000-student run. V8 takes this size only at start
 * (v8.setFlagsFromString comes too late). ZSB_NO_RESPAWN=1, or any --max-semi-space-size given to node,
 * keeps the process as it is; ZSB_RESPAWN_BYTES sets what counts as big (default 20 MB of inputs).
 */
const SEMI_SPACE = '--max-semi-space-size=64';
const BIG_INPUT = /^\d+$/.test(process.env.ZSB_RESPAWN_BYTES || '') ? Number(process.env.ZSB_RESPAWN_BYTES) : 20 * 1024 * 1024;

function wantsRespawn(args) {
  if (args[0] !== 'run' || process.env.ZSB_NO_RESPAWN === '1') return false;
  if (process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) return false;
  if ((process.env.NODE_OPTIONS || '').includes('--max-semi-space-size')) return false;
  let bytes = 0;
  for (const a of args.slice(1)) {
    if (a.startsWith('-')) continue;
    try {
      const s = fs.statSync(a);
      if (s.isFile()) bytes += s.size;
    } catch {
      // Not a file (an option's value, a missing input): the CLI itself says what is wrong.
    }
  }
  return bytes >= BIG_INPUT;
}

const args = process.argv.slice(2);
if (wantsRespawn(args)) {
  const child = spawnSync(process.execPath, [SEMI_SPACE, ...process.execArgv, __filename, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ZSB_NO_RESPAWN: '1' },
  });
  if (child.error) {
    process.stderr.write(`zsb: 无法启动计算进程：${child.error.message}\n`);
    process.exit(3);
  }
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status === null ? 3 : child.status);
}

require(built).main(args).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`zsb: 内部错误：${err && err.stack ? err.stack : err}\n`);
    process.exit(3);
  },
);
