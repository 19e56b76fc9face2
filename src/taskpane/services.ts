/** Wires the pane to the real pieces: a WorkbookHost, the engine worker, result columns and 附件 builders. */
import type { WorkbookHost } from '../hosts/host';
import type { OfficeWorkbookHost } from '../hosts/office/officeHost';
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

/**
 * Excel mode: adds 导入其他工作簿 — insertWorksheetsFromBase64 where ExcelApi 1.13 exists, else the file is
 * read with ExcelJS in the pane (both inside src/hosts/office/importWorkbook, loaded only when used).
 */
export function withWorkbookImport(services: PaneServices, host: OfficeWorkbookHost): PaneServices {
  return {
    ...services,
    importWorkbook: async (file) => {
      const { importWorkbook } = await import(/* webpackChunkName: "office-import" */ '../hosts/office/importWorkbook');
      const r = await importWorkbook(host, file.data, file.name);
      const list = r.sheets.length > 0 ? `：${r.sheets.join('、')}` : '';
      return `已从“${file.name}”导入 ${r.sheets.length} 张工作表${list}。${r.note ?? ''}`;
    },
  };
}
