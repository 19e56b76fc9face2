/**
 * Every output file of the CLI (the --out workbook, --json, the Word documents) is written whole or not at
 * all: under a temporary name, renamed at the end — a full disk or an error leaves no half-written file
 * that looks like a result. The name is `<path>.<pid>.tmp`: bin/zsb.js removes those of a run that ended
 * unfinished by that name.
 */
import { rename, rm } from 'node:fs/promises';

/** The temporary name `path` is written under by this process. */
export function tempPath(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/**
 * Writes `path` through `write(tmp)`, which fills the temporary file; renamed when it resolves. On failure
 * `abort` runs (a writer still holding the file), the temporary file is removed and the error goes on.
 */
export async function writeWhole(path: string, write: (tmp: string) => Promise<void>, abort?: () => void): Promise<void> {
  const tmp = tempPath(path);
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (e) {
    abort?.();
    await rm(tmp, { force: true });
    throw e;
  }
}
