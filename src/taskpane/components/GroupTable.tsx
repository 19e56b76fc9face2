/**
 * The per-group numbers as one table when the pane is wide (≥ 700 px, issue 18): one row per group instead
 * of cards whose nine numbers spread over three 400 px columns. Narrow panes keep the cards.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { totals, type GroupSummaryRow } from '../summary';

export const WIDE = '@media (min-width: 700px)';

export const useWideStyles = makeStyles({
  narrowOnly: { [WIDE]: { display: 'none' } },
  wideOnly: { display: 'none', [WIDE]: { display: 'block' } },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, backgroundColor: tokens.colorNeutralBackground1 },
  cell: { padding: '4px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: 'right', whiteSpace: 'nowrap' },
  name: { padding: '4px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: 'left' },
});

const columns: [keyof Omit<GroupSummaryRow, 'key' | 'title'>, string][] = [
  ['size', '人数 N'],
  ['quota', '指标 Q'],
  ['top60', '前60%'],
  ['eligible', '符合条件'],
  ['recommendedQuota', '推荐·占指标'],
  ['recommendedDirect', '推荐·不占指标'],
  ['recommendedVeteran', '推荐·退役士兵'],
  ['substitutes', '递补候选'],
  ['tiePending', '同分待裁定'],
];

export function GroupTable({ rows }: { rows: GroupSummaryRow[] }) {
  const s = useWideStyles();
  const sum = totals(rows);
  return (
    <div className={s.wideOnly} data-testid="group-table">
      <table className={s.table}>
        {/* For screen readers; the section's heading already shows it. */}
        <caption style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>各排名组汇总（{rows.length} 组）</caption>
        <thead>
          <tr>
            <th scope="col" className={s.name}>排名组</th>
            {columns.map(([k, label]) => (
              <th scope="col" key={k} className={s.cell}>{label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className={s.name} style={{ fontWeight: 400 }}>{r.title}</th>
              {columns.map(([k]) => (
                <td key={k} className={s.cell} style={k === 'tiePending' && r[k] > 0 ? { color: '#bc2f32', fontWeight: 600 } : undefined}>{r[k]}</td>
              ))}
            </tr>
          ))}
        </tbody>
        {rows.length > 1 && (
          <tfoot>
            <tr>
              <th scope="row" className={s.name}>合计</th>
              {columns.map(([k]) => (
                <td key={k} className={s.cell} style={{ fontWeight: 600 }}>{sum[k]}</td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
