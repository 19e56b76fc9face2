/**
 * Manual check (not a jest test): runs the bundled sample through analyse() and writes every 附件 sheet
 * into one workbook, to be rendered with LibreOffice for a visual review.
 *   npx tsx test/attachments/renderSample.ts <sample.xlsx> <out.xlsx> [--masked] [--only=<正则>]
 */
import ExcelJS from 'exceljs';
import { defaultConfig } from '../../src/engine/config';
import { writeSheetModel } from '../../src/hosts/xlsx/sheetModelWriter';
import { loadXlsxFile, workbookToTables } from '../../src/hosts/xlsx/read';
import { analyse } from '../../src/pipeline';
import { buildAllAttachments } from '../../src/sheets/attachments';
import { fingerprintTables } from '../../src/sheets/fingerprint';

async function main(): Promise<void> {
  const [input, out] = process.argv.slice(2);
  if (!input || !out) throw new Error('用法：renderSample.ts <输入.xlsx> <输出.xlsx> [--masked]');
  const config = { ...defaultConfig(), showMaskedIdNumber: process.argv.includes('--masked') };
  const tables = workbookToTables(await loadXlsxFile(input), input);
  const a = analyse(tables, config);
  if (!a.output) throw new Error(`没有可排名的学生：${a.issues.map((i) => i.message).join('；')}`);
  const models = buildAllAttachments(a.output, config, {
    inputFingerprint: fingerprintTables(tables),
    generatedAt: new Date().toISOString(),
    sources: [input],
    issues: a.issues,
  });
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const wb = new ExcelJS.Workbook();
  for (const m of models.filter((x) => !only || new RegExp(only).test(x.name))) writeSheetModel(wb.addWorksheet(m.name), m);
  await wb.xlsx.writeFile(out);
  console.log(models.map((m) => `${m.name}: ${m.tables.map((t) => t.rows.length).join('+')} 行`).join('\n'));
  console.log(`issues: ${a.issues.length} (errors ${a.issues.filter((i) => i.severity === 'error').length})`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
