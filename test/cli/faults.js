'use strict';
/**
 * Faults injected into the computing node of `zsb run` (loaded with `node --require`; test/cli/failures.test.ts).
 * ZSB_FAULT names the fault; each strikes once the --out workbook's temporary file (`*.tmp`) holds at
 * least ZSB_FAULT_AFTER bytes (default 1), i.e. in the middle of writing it:
 *   enospc        the disk is full: the zip part's write (fs.writeSync) fails with ENOSPC, as node's own
 *   throw         an Error thrown inside a callback (a timer, as a stream's event handler would)
 *   reject        a promise rejected with nobody waiting for it
 *   enospc-throw  ENOSPC thrown inside a callback (a stream's 'error' handler that rethrows)
 *   enospc-file   the disk is full when a file whose (temporary) name matches ZSB_FAULT_MATCH is written
 *                 whole (the --json file, a Word document): half of it lands, then ENOSPC
 *   changed-input the input ZSB_FAULT_FILE is saved again (ZSB_FAULT_WITH copied over it) after the run
 *                 read it, before it reads it once more to write the result
 */
const fs = require('fs');

const fault = process.env.ZSB_FAULT;
const after = Number(process.env.ZSB_FAULT_AFTER || 1);
const tmpFds = new Set();
let written = 0;
let struck = false;

function enospc() {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { errno: -28, code: 'ENOSPC', syscall: 'write' });
}

const openSync = fs.openSync;
fs.openSync = function (file, ...rest) {
  const fd = openSync.call(this, file, ...rest);
  if (String(file).endsWith('.tmp')) tmpFds.add(fd);
  return fd;
};

const writeSync = fs.writeSync;
fs.writeSync = function (fd, ...rest) {
  // A full disk stays full; the other faults strike once.
  if (fault === 'enospc' && tmpFds.has(fd) && written >= after) throw enospc();
  if (!tmpFds.has(fd) || struck || written < after) {
    const n = writeSync.call(this, fd, ...rest);
    if (tmpFds.has(fd)) written += n;
    return n;
  }
  struck = true;
  if (fault === 'throw') setImmediate(() => {
    throw new Error('injected: a stream callback failed');
  });
  if (fault === 'reject') setImmediate(() => void Promise.reject(new TypeError('injected: nobody waits for this')));
  if (fault === 'enospc-throw') setImmediate(() => {
    throw enospc();
  });
  return writeSync.call(this, fd, ...rest);
};

const readFile = fs.promises.readFile;
let reads = 0;
fs.promises.readFile = async function (file, ...rest) {
  if (fault === 'changed-input' && String(file) === process.env.ZSB_FAULT_FILE && ++reads === 2) fs.copyFileSync(process.env.ZSB_FAULT_WITH, String(file));
  return readFile.call(this, file, ...rest);
};

const writeFile = fs.promises.writeFile;
fs.promises.writeFile = async function (file, data, ...rest) {
  if (fault !== 'enospc-file' || !new RegExp(process.env.ZSB_FAULT_MATCH, 'u').test(String(file))) return writeFile.call(this, file, data, ...rest);
  await writeFile.call(this, file, typeof data === 'string' ? data.slice(0, data.length >> 1) : data.subarray(0, data.length >> 1), ...rest);
  throw Object.assign(enospc(), { path: String(file) });
};
