import v8 from 'node:v8';
import { readFileSync } from 'node:fs';
import { streamXlsx } from '../src/hosts/xlsx/streamRead';
import { fingerprintTables } from '../src/sheets/fingerprint';
import { describeSheet } from '../src/sheets/overrides';
import { analyse } from '../src/pipeline';
import { defaultConfig } from '../src/engine/config';
import { buildResultBlocks } from '../src/sheets/resultColumns';
import { buildAllAttachments } from '../src/sheets/attachments';
const t = (label: string, f: () => unknown) => { const s = performance.now(); const r = f(); console.log(label, Math.round(performance.now() - s), 'ms'); return r; };
async function main() {
  const wb = await streamXlsx(new Uint8Array(readFileSync('/tmp/i17c/s6000.xlsx')), 's.xlsx');
  const tables = wb.sheets.map((s) => s.table);
  t('fingerprint', () => fingerprintTables(tables));
  t('describe', () => tables.map((x) => describeSheet(x)));
  const ser = t('serialize tables', () => v8.serialize(tables)) as Buffer;
  console.log('bytes', ser.length);
  t('deserialize tables', () => v8.deserialize(ser));
  const out = t('analyse', () => analyse(tables, defaultConfig())) as ReturnType<typeof analyse>;
  const o = { parsed: out.parsed, output: out.output, issues: out.issues };
  const so = t('serialize outcome', () => v8.serialize(o)) as Buffer;
  console.log('bytes', so.length);
  t('deserialize outcome', () => v8.deserialize(so));
  const blocks = t('blocks', () => buildResultBlocks(out.output!, out.parsed.sheets)) as unknown[];
  const models = t('attachments', () => buildAllAttachments(out.output!, defaultConfig(), { inputFingerprint: 'x', generatedAt: new Date().toISOString(), sources: ['s'], issues: out.issues, previous: null })) as unknown[];
  const sm = t('serialize models+blocks', () => v8.serialize([models, blocks])) as Buffer;
  console.log('bytes', sm.length);
}
void main();
