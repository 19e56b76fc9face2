/**
 * Problems first (issue 18): the run's issues grouped by kind — rulings, errors, warnings, information —
 * repeats collapsed behind 展开, each place printed once, each issue with its 定位 button.
 */
import { Badge, Button, MessageBar, MessageBarBody, MessageBarTitle, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { Issue } from '../../engine/issues';
import { countTiers, groupIssues, issueLine, pendingRulings, tierText, type IssueKindGroup, type IssueTier } from '../issueSummary';
import { unknownValueChoice } from '../summary';
import { useStyles } from './styles';

const PAGE = 100;
const badgeColor: Record<IssueTier, 'danger' | 'warning' | 'informative' | 'important'> = {
  ruling: 'important',
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

export interface ProblemListProps {
  issues: readonly Issue[];
  onLocate: (i: Issue) => Promise<string | null>;
  canLocate: boolean;
  /** SPEC §1.6: the meaning chosen for a value reported as UNKNOWN_VALUE (saved as a setting). */
  onMeaning?: (column: string, value: string, meaning: string) => void;
}

interface LocateProps {
  onLocate: ProblemListProps['onLocate'];
  canLocate: boolean;
  onError: (m: string | null) => void;
  onMeaning?: ProblemListProps['onMeaning'];
}

/** For an UNKNOWN_VALUE warning: “此取值表示 [选择]” — the choice is saved as a value meaning. */
function MeaningChoice({ issue, onMeaning }: { issue: Issue; onMeaning?: ProblemListProps['onMeaning'] }) {
  const choice = unknownValueChoice(issue);
  if (!choice || !onMeaning) return null;
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

function LocateButton({ issue, onLocate, canLocate, onError }: LocateProps & { issue: Issue }) {
  if (!canLocate || !issue.sheet) return <span />;
  return (
    <Button size="small" onClick={() => void onLocate(issue).then(onError)} aria-label={`定位到 ${issue.sheet}${issue.cell ? '!' + issue.cell : ''}`}>
      定位
    </Button>
  );
}

function IssueRow({ issue, ...p }: LocateProps & { issue: Issue }) {
  const styles = useStyles();
  return (
    <div role="listitem" className={styles.issue} style={{ gridTemplateColumns: 'minmax(0, 1fr) auto' }}>
      <div className={styles.issueText}>
        {issueLine(issue)}
        <MeaningChoice issue={issue} onMeaning={p.onMeaning} />
      </div>
      <LocateButton issue={issue} {...p} />
    </div>
  );
}

function KindGroup({ g, ...p }: LocateProps & { g: IssueKindGroup }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const single = g.issues.length === 1;
  return (
    <div role="listitem" data-testid={`problem-${g.code}`} data-tier={g.tier} style={{ padding: '6px 0', borderBottom: '1px solid #e0e0e0' }}>
      <div className={styles.issue} style={{ borderBottom: 'none', padding: 0 }}>
        <Badge color={badgeColor[g.tier]} appearance="filled">{tierText[g.tier]}</Badge>
        <div className={styles.issueText}>
          {g.title}
          {single && <MeaningChoice issue={g.issues[0] as Issue} onMeaning={p.onMeaning} />}
        </div>
        {single ? (
          <LocateButton issue={g.issues[0] as Issue} {...p} />
        ) : (
          <Button size="small" appearance="subtle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid={`expand-${g.code}`}>
            {open ? '收起' : '展开'}
          </Button>
        )}
      </div>
      {!single && open && (
        <div role="list" aria-label={g.title} style={{ marginLeft: 12 }}>
          {g.issues.slice(0, shown).map((i, n) => (
            <IssueRow key={`${i.sheet}-${i.cell ?? i.row}-${n}`} issue={i} {...p} />
          ))}
          {g.issues.length > shown && (
            <Button appearance="subtle" onClick={() => setShown(shown + PAGE)}>
              再显示 {Math.min(PAGE, g.issues.length - shown)} 条（共 {g.issues.length} 条）
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

export function ProblemList({ issues, onLocate, canLocate, onMeaning }: ProblemListProps) {
  const styles = useStyles();
  const [locateError, setLocateError] = useState<string | null>(null);
  const groups = groupIssues(issues);
  const c = countTiers(issues);
  return (
    <section aria-labelledby="problems-heading" data-testid="issues">
      <h2 id="problems-heading" className={styles.section} style={{ fontSize: 'inherit', margin: '4px 0 0 0' }}>
        需要处理的问题（待裁定 {c.rulings}，错误 {c.errors}，警告 {c.warnings}，提示 {c.infos}）
      </h2>
      {locateError && (
        <MessageBar intent="error">
          <MessageBarBody>{locateError}</MessageBarBody>
        </MessageBar>
      )}
      <div role="list">
        {groups.map((g) => (
          <KindGroup key={g.key} g={g} onLocate={onLocate} canLocate={canLocate} onError={setLocateError} onMeaning={onMeaning} />
        ))}
      </div>
      {groups.length === 0 && <div className={styles.muted}>没有问题。</div>}
    </section>
  );
}

/** The 输出 step repeats what still waits for the 领导小组 (the results of those students are not final). */
export function PendingRulings({ issues }: { issues: readonly Issue[] }) {
  const rulings = pendingRulings(issues);
  if (rulings.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="pending-rulings">
      <MessageBarBody>
        <MessageBarTitle>{rulings.length} 处待领导小组裁定</MessageBarTitle>
        这些学生的推荐结果或录取尚未确定，输出中标为“同分待裁定”或未分配。裁定后在名册“裁定结果”/“录取裁定”列填写，再重新计算并输出。
        <ul style={{ margin: '4px 0 0 0', paddingLeft: 18 }}>
          {rulings.map((i, n) => (
            <li key={n}>{issueLine(i)}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
