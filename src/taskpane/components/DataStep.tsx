/** Step 1 数据: read the workbook's sheets, show each one's kind and column mapping, let the user correct. */
import { Badge, Button, Card, Field, MessageBar, MessageBarBody, ProgressBar, Select } from '@fluentui/react-components';
import { allKinds, kindName, type SheetKind } from '../../sheets/headers';
import { cancelLoadData, loadData } from '../controller';
import { fieldChoices, type SheetView } from '../dataView';
import type { StepProps } from './common';
import { useStyles } from './styles';

export function DataStep({ state, dispatch, services, filePicker }: StepProps & { filePicker?: React.ReactNode }) {
  const styles = useStyles();
  const { data } = state;
  const busy = data.status === 'busy';
  const inputs = data.views.filter((v) => v.kind !== null);
  const others = data.views.filter((v) => v.kind === null);
  return (
    <>
      {filePicker}
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy} onClick={() => void loadData(services, dispatch)} data-testid="read-sheets">
          {data.status === 'done' ? '重新读取工作表' : '读取工作表'}
        </Button>
        {data.status === 'done' && (
          <Button disabled={inputs.length === 0} onClick={() => dispatch({ type: 'go', step: 'settings' })}>
            下一步：设置
          </Button>
        )}
      </div>
      {busy && (
        <div className={styles.progress} data-testid="read-progress">
          <Field validationMessage={data.reading ?? '正在读取工作表…'} validationState="none" style={{ flex: 1, minWidth: 0 }}>
            <ProgressBar value={data.progress} max={1} aria-label="读取进度" />
          </Field>
          <Button size="small" onClick={() => cancelLoadData(services)} data-testid="read-cancel">
            取消
          </Button>
        </div>
      )}
      {data.message && (
        <MessageBar layout="multiline" intent={data.status === 'failed' ? 'error' : 'warning'}>
          <MessageBarBody>{data.message}</MessageBarBody>
        </MessageBar>
      )}
      {data.status === 'idle' && (
        <div className={styles.muted}>
          点击“读取工作表”，识别学生名册、成绩、教学计划、获奖与荣誉、对口招录计划。表头可在前10个非空行内，上方可有标题行。
        </div>
      )}
      {Object.keys(data.overrides).length > 0 && state.settings.dirty && (
        <div className={styles.muted} data-testid="mappings-unsaved">
          您对表类型或列含义的选择会在“2 设置”中点“保存到工作簿”时随设置一起保存，下次打开（文件模式、命令行也一样）自动沿用。
        </div>
      )}
      {inputs.map((v) => (
        <SheetCard key={v.sheet} view={v} onKind={(kind) => dispatch({ type: 'setKind', sheet: v.sheet, kind })}
          onColumn={(column, field) => dispatch({ type: 'mapColumn', sheet: v.sheet, column, field })} />
      ))}
      {others.length > 0 && (
        <Card className={styles.card}>
          <div className={styles.cardTitle}>未作为输入的工作表</div>
          {others.map((v) => (
            <div key={v.sheet} className={styles.row}>
              <span className={styles.issueText}>“{v.sheet}”：{v.notes.join('')}</span>
              <KindSelect label={`“${v.sheet}”的类型`} value={null} onChange={(kind) => dispatch({ type: 'setKind', sheet: v.sheet, kind })} />
            </div>
          ))}
        </Card>
      )}
    </>
  );
}

function KindSelect({ label, value, onChange }: { label: string; value: SheetKind | null; onChange: (k: SheetKind | null) => void }) {
  const styles = useStyles();
  return (
    <Select className={styles.select} aria-label={label} value={value ?? ''} onChange={(_, d) => onChange(d.value === '' ? null : (d.value as SheetKind))}>
      <option value="">不作为输入</option>
      {allKinds.map((k) => (
        <option key={k} value={k}>{kindName[k]}</option>
      ))}
    </Select>
  );
}

function SheetCard({ view, onKind, onColumn }: {
  view: SheetView;
  onKind: (k: SheetKind | null) => void;
  onColumn: (column: string, field: string | null) => void;
}) {
  const styles = useStyles();
  const kind = view.kind!;
  const choices = fieldChoices(kind);
  return (
    <Card className={styles.card} data-testid={`sheet-${view.sheet}`}>
      <div className={styles.row}>
        <span className={styles.cardTitle}>{view.sheet}</span>
        {view.unsure ? <Badge color="warning">请确认</Badge> : <Badge color="success" appearance="tint">已识别</Badge>}
      </div>
      <div className={styles.muted}>
        表头在第 {view.headerRow} 行，{view.dataRows} 行数据
      </div>
      <KindSelect label={`“${view.sheet}”的类型`} value={kind} onChange={onKind} />
      {view.notes.map((n) => (
        <MessageBar key={n} intent="warning">
          <MessageBarBody>{n}</MessageBarBody>
        </MessageBar>
      ))}
      <details open={view.unsure}>
        <summary className={styles.muted}>列的含义（{view.columns.filter((c) => c.field).length}/{view.columns.length} 列已识别）</summary>
        <table className={styles.mapping}>
          <thead>
            <tr>
              <th className={styles.mappingCell} style={{ width: '2.5em' }}>列</th>
              <th className={styles.mappingCell}>表头</th>
              <th className={styles.mappingCell} style={{ width: '45%' }}>含义</th>
            </tr>
          </thead>
          <tbody>
            {view.columns.map((c) => (
              <tr key={c.column}>
                <td className={styles.mappingCell}>{c.column}</td>
                <td className={styles.mappingCell}>{c.header || '（空）'}</td>
                <td className={styles.mappingCell}>
                  {c.field === 'wish' ? (
                    '志愿'
                  ) : (
                    <select
                      className={styles.select}
                      aria-label={`${view.sheet} ${c.column}列“${c.header}”的含义`}
                      value={c.field ?? ''}
                      onChange={(e) => onColumn(c.column, e.target.value === '' ? null : e.target.value)}
                    >
                      <option value="">（不使用）</option>
                      {choices.map((f) => (
                        <option key={f.field} value={f.field}>{f.label}</option>
                      ))}
                    </select>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Card>
  );
}
