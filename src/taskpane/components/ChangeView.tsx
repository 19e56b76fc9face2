/**
 * 变更对比 (issue 18 point 7): after a run, who changed since the previous run's 结果快照 in this workbook
 * (average, rank, eligibility, status, 递补, allocation) and the likely cause. The same list becomes the
 * sheet 结果变更说明 when the 附件 are generated.
 */
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { changeText, diffRuns, snapshotOf } from '../../sheets/runDiff';
import { loadPreviousSnapshot } from '../changes';
import { errorText } from '../controller';
import type { StepProps } from './common';
import { useStyles } from './styles';

const PAGE = 50;

export function ChangeView({ state, dispatch, services }: StepProps) {
  const styles = useStyles();
  const result = state.result;
  const [failed, setFailed] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const outcome = result?.outcome;
  const previous = result?.previous;
  useEffect(() => {
    if (!outcome || previous !== undefined) return;
    let live = true;
    loadPreviousSnapshot(services.host).then(
      (snapshot) => live && dispatch({ type: 'previousLoaded', snapshot }),
      (err: unknown) => live && setFailed(`读取上次的“结果快照”失败：${errorText(err)}`),
    );
    return () => {
      live = false;
    };
  }, [outcome, previous, services, dispatch]);
  const changes = useMemo(
    () => (previous && outcome?.output ? diffRuns(previous, snapshotOf(outcome.output.result, state.settings.config, null)) : null),
    [previous, outcome, state.settings.config],
  );
  if (failed) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{failed}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!changes || !previous) return null;
  return (
    <section aria-labelledby="changes-heading" data-testid="changes">
      <h2 id="changes-heading" className={styles.section} style={{ fontSize: 'inherit', margin: '4px 0' }}>
        与上次结果对比（{previous.at ?? '时间未知'}）
      </h2>
      <div className={styles.muted} data-testid="changes-summary">
        {changes.length === 0 ? '没有学生的结果发生变化。' : `${changes.length} 名学生的结果有变化。生成附件时一并生成“结果变更说明”工作表。`}
      </div>
      <div role="list">
        {changes.slice(0, shown).map((c) => (
          <div role="listitem" key={c.studentId} className={styles.issueText} style={{ padding: '4px 0', borderBottom: '1px solid #e0e0e0' }}>
            <strong>
              {c.studentId}（{c.name}）
            </strong>{' '}
            {c.group}：{changeText(c)}
            {c.why.length > 0 && <div className={styles.muted}>可能原因：{c.why.join('；')}</div>}
          </div>
        ))}
      </div>
      {changes.length > shown && (
        <Button appearance="subtle" onClick={() => setShown(shown + PAGE)}>
          再显示 {Math.min(PAGE, changes.length - shown)} 名（共 {changes.length} 名）
        </Button>
      )}
    </section>
  );
}
