/** Wires the pane to the real pieces: a WorkbookHost, the engine worker, result columns and 附件 builders. */
import type { WorkbookHost } from '../hosts/host';
import { buildAllAttachments } from '../sheets/attachments';
import { buildResultBlocks } from '../sheets/resultColumns';
import type { EngineClient } from '../worker/client';
import type { PaneServices } from './controller';

export function createServices(host: WorkbookHost, engine: EngineClient): PaneServices {
  return {
    host,
    engine,
    resultBlocks: (outcome) => (outcome.output && outcome.parsed ? buildResultBlocks(outcome.output, outcome.parsed.sheets) : []),
    attachments: (output, config, meta) => buildAllAttachments(output, config, meta),
    now: () => new Date(),
  };
}
