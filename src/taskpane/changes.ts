/**
 * 变更对比 in the pane (issue 18 point 7): the previous run's outcomes, read from the workbook's 结果快照
 * sheet (written with the 附件 by the previous run; in file mode, the downloaded workbook picked again).
 */
import type { WorkbookHost } from '../hosts/host';
import { readSnapshot, SNAPSHOT_SHEET } from '../sheets/attachments/changeReport';
import type { RunSnapshot } from '../sheets/runDiff';

/** The previous run's snapshot, or null when the workbook has none (first run) or it cannot be read. */
export async function loadPreviousSnapshot(host: WorkbookHost): Promise<RunSnapshot | null> {
  const sheet = (await host.listSheets()).find((s) => s.owned && s.name.startsWith(SNAPSHOT_SHEET));
  if (!sheet) return null;
  return readSnapshot(await host.readSheet(sheet.name));
}
