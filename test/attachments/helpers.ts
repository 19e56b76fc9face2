import type { ModelCell, ModelTable, SheetModel } from '../../src/sheets/attachments/model';

export function sheet(models: SheetModel[], name: string): SheetModel {
  const m = models.find((s) => s.name === name);
  if (!m) throw new Error(`no sheet ${name}; have ${models.map((s) => s.name).join(', ')}`);
  return m;
}

export function headers(t: ModelTable): string[] {
  return t.columns.map((c) => c.header);
}

/** The values of one column (by header) of a table. */
export function column(t: ModelTable, header: string): ModelCell[] {
  const i = t.columns.findIndex((c) => c.header === header);
  if (i < 0) throw new Error(`no column ${header}; have ${headers(t).join(', ')}`);
  return t.rows.map((r) => r[i] ?? null);
}

/** Rows as objects keyed by header, for readable expectations. */
export function records(t: ModelTable): Record<string, ModelCell>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.header, r[i] ?? null])));
}

/** Every text of a sheet: names, title, subtitles, captions, headers, cells, footnotes. */
export function allTexts(m: SheetModel): string[] {
  return [
    m.name,
    m.title,
    ...m.subtitles,
    ...m.footnotes,
    ...m.tables.flatMap((t) => [t.caption ?? '', ...t.columns.map((c) => c.header), ...t.rows.flat().map((v) => (v === null ? '' : String(v)))]),
  ];
}
