/// <reference lib="webworker" />
/**
 * File mode's Web Worker (issue 17): reads the picked files, computes, builds the 附件 and the result
 * workbook (core.ts), so that the page's main thread only draws the pane. One request at a time, in order.
 */
import { FileCore } from './core';
import { handleFileRequest, type FileRequest } from './fileProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const core = new FileCore();
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (ev: MessageEvent<FileRequest>) => {
  queue = queue.then(() => handleFileRequest(core, ev.data, (message, transfer) => scope.postMessage(message, transfer ?? [])));
};
