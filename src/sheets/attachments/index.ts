/**
 * Builds every 附件 sheet (SPEC §3.2, issue 4) and the audit sheet 计算说明 from the engine's output.
 * Pure: no Office, no ExcelJS, no file I/O. Hosts write the returned SheetModels.
 */
import type { Config } from '../../engine/config';
import type { Issue } from '../../engine/issues';
import type { EngineOutput } from '../../engine/result';
import type { SheetModel } from './model';

export interface AttachmentMeta {
  /** A fingerprint (hash) of the inputs, printed in 计算说明. */
  inputFingerprint: string;
  /** ISO time of the run. */
  generatedAt: string;
  /** Input files / sheets read. */
  sources: string[];
  issues: Issue[];
}

export function buildAllAttachments(output: EngineOutput, config: Config, meta: AttachmentMeta): SheetModel[] {
  void output;
  void config;
  void meta;
  throw new Error('附件生成尚未实现');
}
