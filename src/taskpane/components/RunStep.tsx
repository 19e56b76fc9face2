/** Step 3 计算: run the engine in its worker with a progress bar; per-group summary; the issues list. */
import { Badge, Button, Card, Field, MessageBar, MessageBarBody, ProgressBar, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { Issue, Severity } from '../../engine/issues';
import { chooseMeaning, locate, runEngine } from '../controller';
import { runBlocker } from '../state';
import { countBySeverity, severityText, totals, unknownValueChoice, type GroupSummaryRow } from '../summary';
import type { StepProps } from './common';
import { useStyles } from './styles';

const ISSUE_PAGE = 100;

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
        <Field validationMessage={run.stage} validationState="none">
          <ProgressBar value={run.progress > 0 ? run.progress : undefined} max={1} aria-label="计算进度" />
        </Field>
      )}
      {run.message && (
        <MessageBar layout="multiline" intent={run.status === 'failed' || result?.blocked ? 'error' : run.status === 'done' ? 'success' : 'info'} data-testid="run-message">
          <MessageBarBody>{run.message}</MessageBarBody>
        </MessageBar>
      )}
      {result && result.groups.length > 0 && <Summary rows={result.groups} />}
      {result && (
        <Issues
          issues={result.issues}
          onLocate={(i) => locate(services, i)}
          canLocate={Boolean(services.host.selectCell)}
          onMeaning={(column, value, meaning) => void chooseMeaning(services, getState, dispatch, column, value, meaning)}
        />
      )}
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
  return (
    <section aria-label="各排名组汇总" data-testid="summary">
      <div className={styles.section}>各排名组汇总（{rows.length} 组）</div>
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
    </section>
  );
}

/** For an UNKNOWN_VALUE warning: “此取值表示 [选择]” — the choice is saved as a value meaning. */
function MeaningChoice({ issue, onMeaning }: { issue: Issue; onMeaning: (column: string, value: string, meaning: string) => void }) {
  const choice = unknownValueChoice(issue);
  if (!choice) return null;
  return (
    <div>
      <Select
        size="small"
        aria-label={`“${choice.column}”列的“${choice.value}”表示`}
        defaultValue=""
        onChange={(_, d) => d.value && onMeaning(choice.column, choice.value, d.value)}
      >
        <option value="">指定“{choice.value}”的含义…</option>
        {choice.choices.map((c) => (
          <option key={c} value={c}>
            表示“{c}”（保存到设置，重新计算后生效）
          </option>
        ))}
      </Select>
    </div>
  );
}

const badgeColor: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

function Issues({
  issues,
  onLocate,
  canLocate,
  onMeaning,
}: {
  issues: Issue[];
  onLocate: (i: Issue) => Promise<string | null>;
  canLocate: boolean;
  onMeaning: (column: string, value: string, meaning: string) => void;
}) {
  const styles = useStyles();
  const [filter, setFilter] = useState<Severity | 'all'>(() => (issues.some((i) => i.severity === 'error') ? 'error' : 'all'));
  const [shown, setShown] = useState(ISSUE_PAGE);
  const [locateError, setLocateError] = useState<string | null>(null);
  const counts = countBySeverity(issues);
  const list = filter === 'all' ? issues : issues.filter((i) => i.severity === filter);
  return (
    <section aria-label="问题列表" data-testid="issues">
      <div className={styles.section}>
        问题（错误 {counts.error}，警告 {counts.warning}，提示 {counts.info}）
      </div>
      <Select aria-label="按严重程度筛选" value={filter} onChange={(_, d) => { setFilter(d.value as Severity | 'all'); setShown(ISSUE_PAGE); }}>
        <option value="all">全部（{issues.length}）</option>
        <option value="error">错误（{counts.error}）</option>
        <option value="warning">警告（{counts.warning}）</option>
        <option value="info">提示（{counts.info}）</option>
      </Select>
      {locateError && (
        <MessageBar intent="error">
          <MessageBarBody>{locateError}</MessageBarBody>
        </MessageBar>
      )}
      <div role="list">
        {list.slice(0, shown).map((i, n) => (
          <div role="listitem" key={`${i.code}-${i.sheet}-${i.cell ?? i.row}-${n}`} className={styles.issue}>
            <Badge color={badgeColor[i.severity]} appearance="filled">{severityText[i.severity]}</Badge>
            <div className={styles.issueText}>
              {i.sheet && <strong>{i.cell ? `${i.sheet}!${i.cell}` : i.row ? `${i.sheet} 第${i.row}行` : i.sheet}　</strong>}
              {i.message}
              <MeaningChoice issue={i} onMeaning={onMeaning} />
            </div>
            {canLocate && i.sheet ? (
              <Button size="small" onClick={() => void onLocate(i).then(setLocateError)} aria-label={`定位到 ${i.sheet}${i.cell ? '!' + i.cell : ''}`}>
                定位
              </Button>
            ) : (
              <span />
            )}
          </div>
        ))}
      </div>
      {list.length > shown && (
        <Button appearance="subtle" onClick={() => setShown(shown + ISSUE_PAGE)}>
          再显示 {Math.min(ISSUE_PAGE, list.length - shown)} 条（共 {list.length} 条）
        </Button>
      )}
      {list.length === 0 && <div className={styles.muted}>没有此类问题。</div>}
    </section>
  );
}
