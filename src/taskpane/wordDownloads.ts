/**
 * The Word versions (附件8-1, 附件10-1 per 二级学院, 附件11-1) as downloads, in Excel mode and file mode.
 * The .docx writer (the `docx` package) is loaded only when asked for, in its own chunk, so the pane's
 * initial JavaScript does not grow.
 */
import type { PaneServices } from './controller';
import type { PaneState } from './state';
import { buildWordDocs } from '../sheets/attachments/wordDocs';
import type { SheetModel } from '../sheets/attachments/model';

export interface WordFile {
  name: string;
  /** An object URL of the .docx (revoke when replaced). */
  url: string;
  bytes: number;
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Builds the Word documents of the current result; [] when there is none to make. */
export async function makeWordFiles(svc: PaneServices, s: PaneState): Promise<WordFile[]> {
  const output = s.result?.outcome.output;
  if (!s.result || !output) throw new Error('请先完成“计算”。');
  const meta = {
    inputFingerprint: '',
    generatedAt: svc.now().toISOString(),
    sources: svc.sources?.() ?? [],
    issues: s.result.outcome.issues,
  };
  const made = svc.wordDocs ? await svc.wordDocs(output, s.settings.config, meta) : await wordDocsHere(svc.attachments(output, s.settings.config, meta));
  return made.map(({ fileName, bytes }) => ({ name: fileName, url: URL.createObjectURL(new Blob([bytes as BlobPart], { type: DOCX_TYPE })), bytes: bytes.length }));
}

/** The .docx files of `models`, made on this thread. */
async function wordDocsHere(models: SheetModel[]): Promise<{ fileName: string; bytes: Uint8Array }[]> {
  const docs = buildWordDocs(models);
  if (docs.length === 0) return [];
  const { wordDocument } = await import(/* webpackChunkName: "docx" */ '../hosts/docx/wordWriter');
  const out: { fileName: string; bytes: Uint8Array }[] = [];
  for (const doc of docs) out.push({ fileName: doc.fileName, bytes: await wordDocument(doc) });
  return out;
}
