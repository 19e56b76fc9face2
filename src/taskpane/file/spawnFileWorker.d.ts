import type { FileWorkerLike } from './fileClient';
/** Starts file mode's Web Worker (bundled by webpack as its own chunk). Browser only. */
export function spawnFileWorker(): FileWorkerLike;
