// Kept in plain JavaScript, as src/worker/spawn.js: `import.meta.url` is what webpack 5 needs to bundle
// the worker as its own chunk.
export function spawnFileWorker() {
  return new Worker(new URL('./file.worker.ts', import.meta.url), { name: 'zsb-file' });
}
