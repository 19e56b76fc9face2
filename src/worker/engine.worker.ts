/// <reference lib="webworker" />
/**
 * The engine Web Worker: runs the whole pipeline (sheet detection, parsing, rules) off the pane's main
 * thread, so Excel's 5-second add-in watchdog never fires on a big school. RawTables in, outcome out.
 */
import { analyse } from '../pipeline';
import { handleEngineRequest } from './handler';
import type { AnalyseFn, EngineRequest } from './protocol';

const run: AnalyseFn = (tables, config, onProgress) => analyse(tables, config, onProgress);

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (ev: MessageEvent<EngineRequest>) => {
  void handleEngineRequest(ev.data, run, (message) => scope.postMessage(message));
};
