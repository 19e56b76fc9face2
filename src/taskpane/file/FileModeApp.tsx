/**
 * File mode (issue 7): the pane outside Excel (WPS / LibreOffice users, no add-in rights, or a newcomer
 * trying the sample). Pick .xlsx / .csv files, then the same 数据 / 设置 / 计算 steps, then download one
 * result workbook. Everything happens in this browser tab: nothing is uploaded.
 */
import { Button, Field, FluentProvider, MessageBar, MessageBarBody, ProgressBar, Radio, RadioGroup, Spinner, webLightTheme } from '@fluentui/react-components';
import { startTransition, useMemo, useRef, useState } from 'react';
import { App } from '../components/App';
import type { StepProps } from '../components/common';
import { ConfirmButton } from '../components/ConfirmButton';
import { PaneTitle } from '../components/PaneTitle';
import { useStyles } from '../components/styles';
import { errorText, writeAttachments, writeResults } from '../controller';
import { createServices } from '../services';
import { writeBlocker, type Action } from '../state';
import { FileCancelled, type FileClient } from './fileClient';
import { FileSession, resultFileName, type PickedFile } from './session';

const SAMPLE = 'assets/sample/示例学校-2024专升本.xlsx';
const REPLACE_QUESTION = '换用新的文件会放弃当前的数据、设置改动和计算结果（尚未下载的结果工作簿将丢失）。继续吗？';

/** Offers bytes as a file download (an object URL of this page: no network). */
function saveFile(name: string, bytes: Uint8Array): void {
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function readPicked(list: FileList): Promise<PickedFile[]> {
  // Each File is kept so that the pane can read it again from disk before computing (SPEC §4.6).
  return Promise.all([...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), reread: async () => new Uint8Array(await f.arrayBuffer()) })));
}

/** The download's stages, shown while the workbook is made (issue 18: progress, not a bare spinner). */
const STAGES = ['写回结果列…', '生成附件…', '打包工作簿…'] as const;

/** The 取消 answer: nothing was offered, the pane stays as it was. */
const CANCELLED = '已取消，没有生成下载。需要时再点“生成并下载”。';

function Download({ p, session }: { p: StepProps; session: FileSession }) {
  const styles = useStyles();
  const [status, setStatus] = useState<{ busy: boolean; message: string | null; failed: boolean; cancelled?: boolean }>({ busy: false, message: null, failed: false });
  const [stage, setStage] = useState(0);
  // What the worker is doing within the step (its own words), shown under the bar.
  const [detail, setDetail] = useState('');
  // 内部工作簿 (everything) or 公示用工作簿 (issue 18: no 附件7, no input sheet holding IDs or phone numbers).
  const [kind, setKind] = useState<'internal' | 'public'>('internal');
  const blocker = writeBlocker(p.state);
  const run = async () => {
    setStatus({ busy: true, message: null, failed: false });
    try {
      // Every download writes both halves from the run on screen, each after re-reading the files from disk
      // (SPEC §4.6). Failures are taken from the actions themselves: getState() lags behind dispatch.
      let failure: string | null = null;
      const watch = (a: Action) => {
        if (a.type === 'opFailed') failure = a.message;
        p.dispatch(a);
      };
      const s = p.getState();
      session.onStage = setDetail;
      setStage(0);
      setDetail('');
      if (!(await writeResults(p.services, s, watch))) throw new Error(failure ?? '写回结果列失败。');
      setStage(1);
      setDetail('');
      if (!(await writeAttachments(p.services, s, watch))) throw new Error(failure ?? '生成附件失败。');
      setStage(2);
      setDetail('');
      const output = s.result?.outcome.output;
      const cohorts = output ? output.result.groups.map((g) => g.grade) : [];
      const base = resultFileName(s.settings.config.schoolName, cohorts, p.services.now());
      const omitted = kind === 'public' ? session.publicOmissions() : [];
      const name = kind === 'public' ? base.replace(/\.xlsx$/u, '-公示用.xlsx') : base;
      // The bytes are made in the worker and handed over whole: a download is offered only once complete.
      const bytes = await session.resultBytes(s.settings.config, omitted.map((o) => o.sheet), (text) => setDetail(text));
      session.onStage = null;
      saveFile(name, bytes);
      const left = omitted.map((o) => `${o.sheet}（${o.why}）`).join('、');
      setStatus({
        busy: false,
        message: kind === 'public' ? `已下载“${name}”（公示用：不含 ${left || '任何内部工作表'}）。` : `已下载“${name}”（原始数据 + 结果列 + 全部附件 + 计算说明）。`,
        failed: false,
      });
    } catch (err) {
      session.onStage = null;
      if (err instanceof FileCancelled || cancelled.current) setStatus({ busy: false, message: CANCELLED, failed: false, cancelled: true });
      else setStatus({ busy: false, message: `生成结果工作簿失败：${errorText(err)}`, failed: true });
    }
  };
  const cancelled = useRef(false);
  const cancel = () => {
    cancelled.current = true;
    session.cancel();
  };
  const start = () => {
    cancelled.current = false;
    void run();
  };
  return (
    <section aria-labelledby="download-heading">
      <h2 id="download-heading" className={styles.section} style={{ fontSize: 'inherit', margin: '4px 0 0 0' }}>下载结果工作簿</h2>
      <RadioGroup value={kind} onChange={(_, d) => setKind(d.value as 'internal' | 'public')} aria-label="工作簿类型" data-testid="download-kind">
        <Radio value="internal" label="内部工作簿：您的数据、结果列、附件3—16、附件7（含身份证号）、计算说明；设置也保存在其中" />
        <Radio value="public" label="公示用工作簿：只含可公开的附件，不含附件7、计算说明、结果快照和含身份证号/手机号的输入表（可发给他人）" data-testid="download-public" />
      </RadioGroup>
      <div className={styles.row}>
        <Button appearance="primary" disabled={blocker !== null || status.busy} onClick={start} data-testid="download">
          生成并下载
        </Button>
      </div>
      {status.busy && (
        <div className={styles.row} style={{ alignItems: 'flex-end', maxWidth: 640 }}>
          <Field style={{ flex: 1 }} validationMessage={`第 ${stage + 1} 步，共 ${STAGES.length} 步：${STAGES[stage]}${detail && detail !== STAGES[stage] ? `（${detail}）` : ''}`} validationState="none" data-testid="download-progress">
            <ProgressBar value={(stage + 0.5) / STAGES.length} max={1} aria-label="生成进度" />
          </Field>
          <Button onClick={cancel} data-testid="download-cancel">取消</Button>
        </div>
      )}
      {status.message && (
        <MessageBar intent={status.failed ? 'error' : status.cancelled ? 'info' : 'success'} data-testid="download-message">
          <MessageBarBody>{status.message}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/**
 * `newClient` gives each picked set of files its own worker (file.worker.ts: reading, computing and writing
 * happen there; issue 17), so that a new pick or 取消 simply ends the old one.
 */
export function FileModeApp({ newClient }: { newClient: () => FileClient }) {
  const [session, setSession] = useState<FileSession | null>(null);
  // Reading: the worker's stage ("读取“成绩.xlsx”…") and the client to end on 取消.
  const [reading, setReading] = useState<{ stage: string; client: FileClient } | null>(null);
  // A new pick is a new workbook: the pane starts over (new key), even for the same file names.
  const [opened, setOpened] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const services = useMemo(
    () =>
      session
        ? {
            ...createServices(session, session.engine),
            sources: () => session.fileNames,
            ownedSheets: (output: Parameters<FileSession['ownedSheets']>[0], config: Parameters<FileSession['ownedSheets']>[1], meta: Parameters<FileSession['ownedSheets']>[2]) => session.ownedSheets(output, config, meta),
            wordDocs: (output: Parameters<FileSession['wordDocs']>[0], config: Parameters<FileSession['wordDocs']>[1], meta: Parameters<FileSession['wordDocs']>[2]) => session.wordDocs(output, config, meta),
          }
        : null,
    [session],
  );
  /** The download at the end of the 输出 step, for this session (a new component type only when the files change). */
  const DownloadExtra = useMemo(
    () => (session ? (p: StepProps) => <Download p={p} session={session} /> : undefined),
    [session],
  );

  const open = async (files: () => Promise<PickedFile[]>) => {
    setLoading(true);
    setError(null);
    try {
      const picked = await files();
      if (picked.length === 0) return;
      const client = newClient();
      setReading({ stage: '正在读取文件…', client });
      const next = await FileSession.open(picked, client, (stage, done, total) => setReading({ stage: total > 0 ? `${stage}（${done + 1}/${total}）` : stage, client }));
      session?.cancel(); // the previous files' worker
      // A transition: React draws the new pane in slices, so that a big school's first render does not
      // hold the page in one piece (issue 17: no main-thread task over 200 ms).
      startTransition(() => {
        setSession(next);
        setOpened((n) => n + 1);
      });
    } catch (err) {
      if (err instanceof FileCancelled) setError('已取消读取，仍使用原来的文件。');
      else setError(`无法读取所选文件：${errorText(err)}`);
    } finally {
      setLoading(false);
      setReading(null);
    }
  };
  const sample = async (): Promise<PickedFile[]> => {
    const res = await fetch(SAMPLE);
    if (!res.ok) throw new Error(`示例文件 ${SAMPLE} 不存在（HTTP ${res.status}）`);
    return [{ name: '示例学校-2024专升本.xlsx', bytes: new Uint8Array(await res.arrayBuffer()) }];
  };

  const picker = (
    <div>
      <input
        ref={input}
        type="file"
        multiple
        accept=".xlsx,.xlsm,.xls,.et,.csv,.txt"
        style={{ display: 'none' }}
        data-testid="file-input"
        onChange={(e) => {
          const list = e.target.files;
          if (list && list.length > 0) void open(() => readPicked(list));
          e.target.value = '';
        }}
      />
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        {/* Over an open session: ask first, the pane starts over and an undownloaded result is lost (issue 18). */}
        <ConfirmButton appearance={session ? 'secondary' : 'primary'} disabled={loading} question={session ? REPLACE_QUESTION : null} confirmLabel="重新选择" onConfirm={() => input.current?.click()} data-testid="pick-files">
          {session ? '重新选择文件' : '选择文件（.xlsx / .xls / .et / .csv）'}
        </ConfirmButton>
        <ConfirmButton appearance="subtle" disabled={loading} question={session ? REPLACE_QUESTION : null} confirmLabel="使用示例数据" onConfirm={() => void open(sample)} data-testid="use-sample">
          使用示例数据
        </ConfirmButton>
      </div>
      <div style={{ fontSize: 12, color: '#605e5c', marginTop: 6 }}>
        {session
          ? `已选择：${session.fileNames.join('、')}`
          : '可一次选择多个文件：名册、成绩（CSV 可为 GBK 编码）、教学计划等。选择上次下载的结果工作簿可沿用其中的设置。旧版 .xls 和 WPS 的 .et 可直接选择。'}
      </div>
      {loading && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 6 }} data-testid="read-progress">
          <Spinner size="tiny" label={reading?.stage ?? '正在读取文件…'} />
          {reading && (
            <Button size="small" onClick={() => reading.client.cancel()} data-testid="read-cancel">
              取消
            </Button>
          )}
        </div>
      )}
      {error && (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {session?.problems.map((p) => (
        <MessageBar key={p.message} intent="error">
          <MessageBarBody>{p.message}</MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );

  if (!session || !services) {
    return (
      <FluentProvider theme={webLightTheme}>
        <EmptyShell picker={picker} />
      </FluentProvider>
    );
  }
  return (
    <App
      key={opened}
      services={services}
      mode="file"
      filePicker={picker}
      autoLoad
      outputExtra={DownloadExtra}
    />
  );
}

function EmptyShell({ picker }: { picker: React.ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <header className={styles.header} style={{ paddingBottom: 10 }}>
        <PaneTitle />
        <div className={styles.mode}>文件模式：数据只在本机浏览器中处理，不会上传</div>
      </header>
      <main className={styles.body}>{picker}</main>
    </div>
  );
}
