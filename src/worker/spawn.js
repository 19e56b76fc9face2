// Kept in plain JavaScript: `import.meta.url` is what webpack 5 needs to bundle the worker as its own
// chunk, and the project's TypeScript settings (CommonJS for Node and jest) do not allow it in .ts files.
export function spawnEngineWorker() {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { name: 'zsb-engine' });
}
