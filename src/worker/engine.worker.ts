/// <reference lib="webworker" />
/**
 * The engine Web Worker: runs the whole pipeline (sheet detection, parsing, rules) off the pane's main
 * thread, so Excel's 5-second add-in watchdog never fires on a big school. RawTables in, outcome out.
 */
import { analyse } from '../pipeline';
import { handleEngineRequest } from './handler';
import type { AnalyseFn, EngineRequest } from './protocol';

const run: AnalyseFn = (tables, config, onProgress) => {
  onProgress?.('识别工作表、读取名册与成绩、计算平均成绩与排名…', 0, 1);
  return analyse(tables, config);
};

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (ev: MessageEvent<EngineRequest>) => {
  void handleEngineRequest(ev.data, run, (message) => scope.postMessage(message));
};
