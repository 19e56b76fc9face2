#!/usr/bin/env node
'use strict';
// npm run demo: runs the built command line (bin/zsb.js) on the bundled sample (assets/sample/) and
// writes the JSON result and the workbook into output/. Builds the CLI first when dist/ is missing.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const sample = path.join(root, 'assets', 'sample');
const out = path.join(root, 'output');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: false });
  if (r.error) throw r.error;
  return r.status;
}

if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('正在编译命令行程序（npm run build:cli）…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (run(npm, ['run', 'build:cli']) !== 0) {
    console.error('编译失败，请查看上面的错误。');
    process.exit(1);
  }
}
const workbook = path.join(sample, '示例学校-2024专升本.xlsx');
if (!fs.existsSync(workbook)) {
  console.error(`找不到示例数据 ${path.relative(root, workbook)}，请先运行 npm run sample。`);
  process.exit(1);
}
fs.mkdirSync(out, { recursive: true });
const json = path.join(out, 'result.json');
const xlsx = path.join(out, 'result.xlsx');
const code = run(process.execPath, [path.join(root, 'bin', 'zsb.js'), 'run', workbook, '--json', json, '--out', xlsx]);
console.log('');
if (code === 0 || code === 1) {
  console.log('示例结果 / Sample results:');
  console.log(`  JSON（SPEC §3.3）：${path.relative(root, json)}`);
  if (code === 0) console.log(`  工作簿（结果列 + 附件表）：${path.relative(root, xlsx)}`);
  else console.log('  有错误，未写出工作簿（见上面的错误列表）。');
}
process.exit(code === null ? 1 : code);
