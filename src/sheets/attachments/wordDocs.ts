/**
 * The Word versions the 细则 lists beside the Excel ones (附件8-1, 附件10-1 per 二级学院, 附件11-1): what
 * each document says, host-independent. src/hosts/docx writes them as .docx: A4, the title, the
 * 公示时间 and 监督电话 lines, the table with its header row repeated on every page, the notes, then the
 * 落款 (unit) and date on the right.
 */
import type { ModelTable, SheetModel } from './model';

export interface WordDoc {
  /** "附件8-1". */
  annex: string;
  fileName: string;
  title: string;
  /** 公示时间…, 监督电话/督察组投诉电话… (the sheet's subtitles). */
  lines: string[];
  table: ModelTable;
  /** Notes under the table (the sheet's footnotes without its 制表单位 line). */
  notes: string[];
  signature: string;
  /** "2024年3月18日". */
  date: string;
  orientation: 'portrait' | 'landscape';
}

/** One WordDoc per sheet model that has a Word version, in the models' order. */
export function buildWordDocs(models: readonly SheetModel[]): WordDoc[] {
  return models.flatMap((m) => {
    const table = m.tables[0];
    if (!m.word || !table) return [];
    return [
      {
        annex: m.word.annex,
        fileName: m.word.fileName.replace(/[\\/:*?"<>|]/g, '_'),
        title: m.title,
        lines: m.subtitles,
        table,
        notes: m.footnotes.filter((f) => !f.startsWith('制表单位：')),
        signature: m.word.signature,
        date: m.word.date,
        orientation: m.orientation,
      },
    ];
  });
}
