/** Step 4 输出: write the result columns next to the roster, and generate the 附件 sheets. */
import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { writeAttachments, writeResults } from '../controller';
import { writeBlocker, type OpState } from '../state';
import type { StepProps } from './common';
import { PendingRulings } from './ProblemList';
import { useStyles } from './styles';

function OpMessage({ op, testId }: { op: OpState; testId: string }) {
  if (op.status === 'busy') return <Spinner size="tiny" label="正在写入…" />;
  if (!op.message) return null;
  return (
    <MessageBar intent={op.status === 'failed' ? 'error' : 'success'} data-testid={testId}>
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
        <MessageBar intent="warning">
          <MessageBarBody>{blocker}</MessageBarBody>
        </MessageBar>
      )}
      {state.result && <PendingRulings issues={state.result.issues} />}
      {/* File mode: the download (extra) writes results and 附件 in one go. */}
      {mode === 'excel' && <WorkbookOutputs state={state} dispatch={dispatch} services={services} getState={getState} blocked={blocker !== null} />}
      {extra}
    </>
  );
}

/** Excel: write the result columns and the 附件 sheets into the open workbook. */
function WorkbookOutputs({ state, dispatch, services, getState, blocked }: StepProps & { blocked: boolean }) {
  const styles = useStyles();
  return (
    <>
      <section aria-label="写回结果列">
        <div className={styles.section}>写回结果列</div>
        <div className={styles.muted}>
          在学生名册右侧写入：平均成绩、计入课程数、排名、专业人数、是否前60%、是否符合条件、推荐结果、递补顺序、原因/备注、录取院校、录取专业。重新写回只替换这些列。
        </div>
        <div className={styles.row}>
          <Button appearance="primary" disabled={blocked} onClick={() => void writeResults(services, getState(), dispatch)} data-testid="write">
            写回结果列
          </Button>
        </div>
        <OpMessage op={state.output.write} testId="write-message" />
      </section>
      <section aria-label="生成附件">
        <div className={styles.section}>生成附件</div>
        <div className={styles.muted}>
          新建（或重建）附件3—附件16 与“计算说明”工作表。不会覆盖您自己的工作表。
        </div>
        <div className={styles.row}>
          <Button disabled={blocked} onClick={() => void writeAttachments(services, getState(), dispatch)} data-testid="attachments">
            生成附件
          </Button>
        </div>
        <OpMessage op={state.output.attachments} testId="attachments-message" />
      </section>
    </>
  );
}
