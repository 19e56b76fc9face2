/** Step 4 输出: write the result columns next to the roster, and generate the 附件 sheets. */
import { Button, Field, MessageBar, MessageBarBody, ProgressBar, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import { cancelWrite, errorText, WRITE_NOT_CANCELLABLE, writeOutputs } from '../controller';
import { writeBlocker, type OpState } from '../state';
import { makeWordFiles, type WordFile } from '../wordDownloads';
import type { StepProps } from './common';
import { PendingRulings } from './ProblemList';
import { useStyles } from './styles';

function OpMessage({ op, testId }: { op: OpState; testId: string }) {
  if (op.status === 'busy') return <Spinner size="tiny" label="正在写入…" />;
  if (!op.message) return null;
  return (
    <MessageBar layout="multiline" intent={op.status === 'failed' ? 'error' : op.status === 'idle' ? 'info' : 'success'} data-testid={testId}>
      <MessageBarBody>{op.message}</MessageBarBody>
    </MessageBar>
  );
}

export function OutputStep({ state, dispatch, services, getState, mode, extra }: StepProps & { mode: 'excel' | 'file'; extra?: React.ReactNode }) {
  const blocker = writeBlocker(state);
  const busy = blocker === '正在写入…';
  return (
    <>
      {blocker && !busy && (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>{blocker}</MessageBarBody>
        </MessageBar>
      )}
      {state.result && <PendingRulings issues={state.result.issues} />}
      {/* File mode: the download (extra) writes results and 附件 in one go. */}
      {mode === 'excel' && <WorkbookOutputs state={state} dispatch={dispatch} services={services} getState={getState} blocked={blocker !== null} />}
      {extra}
      <WordDownloads services={services} getState={getState} blocked={blocker !== null} />
    </>
  );
}

/** Both modes: the Word versions the 细则 lists (附件8-1, 10-1, 11-1) as .docx downloads. */
function WordDownloads({ services, getState, blocked }: Pick<StepProps, 'services' | 'getState'> & { blocked: boolean }) {
  const styles = useStyles();
  const [files, setFiles] = useState<WordFile[] | null>(null);
  const [op, setOp] = useState<OpState>({ status: 'idle', message: null });
  const make = async () => {
    setOp({ status: 'busy', message: null });
    try {
      const made = await makeWordFiles(services, getState());
      setFiles((old) => {
        old?.forEach((f) => URL.revokeObjectURL(f.url));
        return made;
      });
      setOp({ status: 'done', message: made.length > 0 ? `已生成 ${made.length} 个 Word 文档，请逐个下载。` : '没有需要生成的 Word 版公示（无不占指标学生，且无报名数据）。' });
    } catch (err) {
      setOp({ status: 'failed', message: `生成 Word 版失败：${errorText(err)}` });
    }
  };
  return (
    <section aria-label="Word 版公示">
      <div className={styles.section}>Word 版公示</div>
      <div className={styles.muted}>《实施细则》要求的 Word 版：附件8-1 不占指标名单、各二级学院附件10-1 申报名单、附件11-1 拟推荐名单（A4，含公示时间、监督电话、落款）。</div>
      <div className={styles.row}>
        <Button disabled={blocked || op.status === 'busy'} onClick={() => void make()} data-testid="word">
          生成 Word 版
        </Button>
      </div>
      <OpMessage op={op} testId="word-message" />
      {files && files.length > 0 && (
        <ul data-testid="word-files">
          {files.map((f) => (
            <li key={f.name}>
              <a href={f.url} download={f.name}>
                {f.name}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Excel: one action writes the result columns and the 附件 sheets from the same run (SPEC §4.6). When the
 * write stops because the user typed inside the old result columns, the pane asks before moving them.
 */
function WorkbookOutputs({ state, dispatch, services, getState, blocked }: StepProps & { blocked: boolean }) {
  const styles = useStyles();
  const { write, attachments, runs, progress } = state.output;
  const busy = write.status === 'busy' || attachments.status === 'busy';
  return (
    <section aria-label="写回结果列并生成附件">
      <div className={styles.section}>写回结果列并生成附件</div>
      <div className={styles.muted}>
        在学生名册右侧写入：平均成绩、计入课程数、排名、专业人数、是否前60%、是否符合条件、推荐结果、递补顺序、原因/备注、录取院校、录取专业；
        并新建（或重建）附件3—附件16 与“计算说明”工作表。两者出自同一次计算。写入前会重新读取工作表，数据有改动时先重新计算、不写入。
        不会覆盖您自己的单元格和工作表。
      </div>
      <div className={styles.row}>
        <Button appearance="primary" disabled={blocked || busy} onClick={() => void writeOutputs(services, getState, dispatch)} data-testid="write">
          写回结果列并生成附件
        </Button>
      </div>
      {progress && (
        <div data-testid="write-progress" style={{ maxWidth: 640 }}>
          <div className={styles.progress}>
            <Field validationMessage={`第 ${progress.step} 步，共 ${progress.steps} 步：${progress.stage}`} validationState="none" style={{ flex: 1, minWidth: 0 }}>
              <ProgressBar value={(progress.step - 0.5) / progress.steps} max={1} aria-label="写入进度" />
            </Field>
            {progress.cancellable && (
              <Button size="small" onClick={() => cancelWrite(services)} data-testid="write-cancel">
                取消
              </Button>
            )}
          </div>
          {!progress.cancellable && <div className={styles.muted} data-testid="write-no-cancel">{WRITE_NOT_CANCELLABLE}</div>}
        </div>
      )}
      {!progress && <OpMessage op={write} testId="write-message" />}
      {write.conflict && (
        <div className={styles.row}>
          <Button disabled={busy} onClick={() => void writeOutputs(services, getState, dispatch, { moveUserCells: true })} data-testid="write-move">
            把这些内容移到结果列右侧，然后写回
          </Button>
        </div>
      )}
      {!progress && <OpMessage op={attachments} testId="attachments-message" />}
      {runs && (
        <MessageBar layout="multiline" intent="warning" data-testid="runs-message">
          <MessageBarBody>{runs}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
