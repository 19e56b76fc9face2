/** Step 3 计算: run the engine in its worker with a progress bar; the problems first (ProblemList), then the per-group summary. */
import { Badge, Button, Card, Field, MessageBar, MessageBarBody, ProgressBar } from '@fluentui/react-components';
import { canCancelEngine, cancelRun, chooseMeaning, locate, runEngine } from '../controller';
import { pendingRulings } from '../issueSummary';
import { runBlocker } from '../state';
import { totals, type GroupSummaryRow } from '../summary';
import { ChangeView } from './ChangeView';
import { GroupTable, useWideStyles } from './GroupTable';
import { ProblemList } from './ProblemList';
import { StudentLookup } from './StudentLookup';
import type { StepProps } from './common';
import { useStyles } from './styles';

export function RunStep({ state, dispatch, services, getState }: StepProps) {
  const styles = useStyles();
  const { run, result } = state;
  const blocker = runBlocker(state);
  return (
    <>
      <div className={styles.row}>
        <Button appearance="primary" disabled={blocker !== null} onClick={() => void runEngine(services, getState(), dispatch)} data-testid="run">
          {result ? '重新计算' : '开始计算'}
        </Button>
        {result && !result.blocked && (
          <Button onClick={() => dispatch({ type: 'go', step: 'output' })} data-testid="to-output">下一步：输出</Button>
        )}
      </div>
      {blocker && run.status !== 'busy' && <div className={styles.muted}>{blocker}</div>}
      {run.status === 'busy' && (
        <div className={styles.progress} data-testid="run-progress">
          <Field validationMessage={run.stage} validationState="none" style={{ flex: 1, minWidth: 0 }}>
            <ProgressBar value={run.progress > 0 ? run.progress : undefined} max={1} aria-label="计算进度" />
          </Field>
          {canCancelEngine(services) && (
            <Button size="small" onClick={() => cancelRun(services)} data-testid="run-cancel">
              取消
            </Button>
          )}
        </div>
      )}
      {run.status === 'busy' && !canCancelEngine(services) && (
        <div className={styles.muted} data-testid="run-no-cancel">此环境中计算在窗格内进行（没有后台计算线程），开始后不能取消，请等待完成。</div>
      )}
      {run.notice && run.status !== 'busy' && (
        <MessageBar intent="info" data-testid="run-notice">
          <MessageBarBody>{run.notice}</MessageBarBody>
        </MessageBar>
      )}
      {run.message && (
        <MessageBar
          layout="multiline"
          intent={run.status === 'failed' || result?.blocked ? 'error' : result && pendingRulings(result.issues).length > 0 ? 'warning' : run.status === 'done' ? 'success' : 'info'}
          data-testid="run-message"
        >
          <MessageBarBody>{run.message}</MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <ProblemList
          issues={result.issues}
          onLocate={(i) => locate(services, i)}
          canLocate={Boolean(services.host.selectCell)}
          onMeaning={(column, value, meaning) => void chooseMeaning(services, getState, dispatch, column, value, meaning)}
        />
      )}
      {result?.outcome.output && <ChangeView state={state} dispatch={dispatch} services={services} getState={getState} />}
      {result?.outcome.output && (
        <StudentLookup output={result.outcome.output} attempts={result.outcome.parsed?.input.attempts ?? null} config={state.settings.config} />
      )}
      {result && result.groups.length > 0 && <Summary rows={result.groups} />}
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  const styles = useStyles();
  return (
    <div className={styles.stat}>
      <span className={styles.statLabel}>{label}</span>
      <span className={styles.statValue}>{value}</span>
    </div>
  );
}

function Stats({ r }: { r: Omit<GroupSummaryRow, 'key' | 'title'> }) {
  const styles = useStyles();
  return (
    <div className={styles.stats}>
      <Stat label="人数 N" value={r.size} />
      <Stat label="指标 Q" value={r.quota} />
      <Stat label="前60%" value={r.top60} />
      <Stat label="符合条件" value={r.eligible} />
      <Stat label="推荐·占指标" value={r.recommendedQuota} />
      <Stat label="推荐·不占指标" value={r.recommendedDirect} />
      <Stat label="推荐·退役士兵" value={r.recommendedVeteran} />
      <Stat label="递补候选" value={r.substitutes} />
      <Stat label="同分待裁定" value={r.tiePending} />
    </div>
  );
}

function Summary({ rows }: { rows: GroupSummaryRow[] }) {
  const styles = useStyles();
  const wide = useWideStyles();
  return (
    <section aria-labelledby="summary-heading" data-testid="summary">
      <h2 id="summary-heading" className={styles.section} style={{ fontSize: 'inherit', margin: '4px 0 0 0' }}>各排名组汇总（{rows.length} 组）</h2>
      <GroupTable rows={rows} />
      <div className={wide.narrowOnly}>
        {rows.length > 1 && (
          <Card className={styles.card}>
            <div className={styles.cardTitle}>合计</div>
            <Stats r={totals(rows)} />
          </Card>
        )}
        {rows.map((r) => (
          <Card key={r.key} className={styles.card} style={{ marginTop: 8 }}>
            <div className={styles.row}>
              <span className={styles.cardTitle}>{r.title}</span>
              {r.tiePending > 0 && <Badge color="warning">待裁定</Badge>}
            </div>
            <Stats r={r} />
          </Card>
        ))}
      </div>
    </section>
  );
}
