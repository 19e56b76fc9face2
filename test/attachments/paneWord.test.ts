/**
 * The pane's 生成 Word 版 (both modes call makeWordFiles): one downloadable .docx per Word version, as a
 * blob URL of a real Word document; nothing when the result has no 附件8/10/11.
 */
import JSZip from 'jszip';
import { resolveObjectURL } from 'node:buffer';
import { buildAllAttachments } from '../../src/sheets/attachments';
import type { PaneServices } from '../../src/taskpane/controller';
import type { PaneState } from '../../src/taskpane/state';
import { DOCX_TYPE, makeWordFiles } from '../../src/taskpane/wordDownloads';
import { buildOutput, preRegistrationGroups, registeredGroups, SEATS } from './fixtures';

function fake(groups: ReturnType<typeof registeredGroups>): { svc: PaneServices; state: PaneState } {
  const { output, config } = buildOutput(groups, { seats: SEATS });
  const svc = { attachments: buildAllAttachments, now: () => new Date('2024-04-08T08:00:00Z') } as unknown as PaneServices;
  const state = { result: { outcome: { output, issues: [] } }, settings: { config } } as unknown as PaneState;
  return { svc, state };
}

test('registered data: 附件8-1, 附件10-1 per college, 附件11-1 as .docx blob URLs', async () => {
  const { svc, state } = fake(registeredGroups());
  const files = await makeWordFiles(svc, state);
  expect(files.map((f) => f.name)).toEqual([
    '附件8-1 不占指标升本名单.docx',
    '附件10-1 财经与物流管理学院申报名单公示.docx',
    '附件10-1 机电工程学院申报名单公示.docx',
    '附件11-1 拟推荐名单公示.docx',
  ]);
  for (const f of files) {
    const blob = resolveObjectURL(f.url)!;
    expect(blob.type).toBe(DOCX_TYPE);
    const zip = await JSZip.loadAsync(await blob.arrayBuffer());
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('2024年4月8日');
    URL.revokeObjectURL(f.url);
  }
});

test('before registration only 附件8-1 (the direct students)', async () => {
  const { svc, state } = fake(preRegistrationGroups());
  expect((await makeWordFiles(svc, state)).map((f) => f.name)).toEqual(['附件8-1 不占指标升本名单.docx']);
});
