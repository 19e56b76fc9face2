/**
 * File mode's worker protocol on the calling thread (Node tests; loaded only when no client is given, so
 * that file.html's own JavaScript does not carry the readers and the engine).
 */
import { FileCore } from './core';
import { settle, type CallHooks, type FileCall, type FileClient, type Pending } from './fileClient';
import { handleFileRequest, type FileRequest } from './fileProtocol';

export class InlineFileClient implements FileClient {
  private core = new FileCore();
  generation = 1;

  async call<T>(request: FileCall, hooks: CallHooks = {}): Promise<T> {
    let out: { value: unknown } | { error: Error } | null = null;
    const p: Pending = { ...hooks, resolve: (value) => (out = { value }), reject: (error) => (out = { error }) };
    await handleFileRequest(this.core, { ...request, id: 0 } as FileRequest, (msg) => settle(p, msg));
    const done = out as { value: unknown } | { error: Error } | null;
    if (!done) throw new Error('后台线程没有返回结果。');
    if ('error' in done) throw done.error;
    return done.value as T;
  }

  cancel(): boolean {
    this.core = new FileCore();
    this.generation++;
    return false;
  }
}

