import type { WorkerLike } from './client';
/** Starts the engine Web Worker (bundled by webpack as its own chunk). Browser only. */
export function spawnEngineWorker(): WorkerLike;
