/**
 * 学生查询 (issue 18 point 6): type a 学号 or a name, see that student's whole reckoning, copy it as text
 * (for answering a 异议 on the phone or by message).
 */
import { Button, Field, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { AttemptTable } from '../../engine/attemptTable';
import type { Config } from '../../engine/config';
import type { EngineOutput } from '../../engine/result';
import { findStudents, studentReckoning } from '../studentLookup';
import { useStyles } from './styles';

/** Copies text: the Clipboard API where allowed, else a selected textarea and execCommand (older Office webviews). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission in this frame): the fallback below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  return ok;
}

export function StudentLookup({ output, attempts, config }: { output: EngineOutput; attempts: AttemptTable | null; config: Config }) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const matches = useMemo(() => findStudents(output.result.students, query), [output, query]);
  const id = chosen ?? (matches.length === 1 ? matches[0]!.studentId : null);
  const text = useMemo(() => (id ? studentReckoning({ output, attempts, config }, id).join('\n') : ''), [id, output, attempts, config]);
  return (
    <section aria-labelledby="lookup-heading" data-testid="student-lookup">
      <h2 id="lookup-heading" className={styles.section} style={{ fontSize: 'inherit', margin: '4px 0' }}>
        学生查询
      </h2>
      <Field label="学号或姓名" hint="查看该生每门课的成绩、取分理由、平均成绩算式、排名与前60%线、推荐结果和志愿，可复制为文字回复异议。">
        <Input
          value={query}
          onChange={(_, d) => {
            setQuery(d.value);
            setChosen(null);
            setCopied(null);
          }}
          data-testid="lookup-input"
        />
      </Field>
      {query.trim() !== '' && matches.length === 0 && <div className={styles.muted}>没有学号或姓名匹配“{query.trim()}”的学生。</div>}
      {matches.length > 1 && !chosen && (
        <div className={styles.row} role="list" aria-label="匹配的学生" style={{ marginTop: 6 }}>
          {matches.map((s) => (
            <Button key={s.studentId} size="small" role="listitem" onClick={() => setChosen(s.studentId)}>
              {s.studentId}（{s.name}）
            </Button>
          ))}
        </div>
      )}
      {id && (
        <>
          <div className={styles.row} style={{ marginTop: 6 }}>
            <Button appearance="primary" size="small" onClick={() => void copyText(text).then((ok) => setCopied(ok ? '已复制到剪贴板。' : '无法访问剪贴板，请选中下方文字后按 Ctrl+C。'))} data-testid="lookup-copy">
              复制为文字
            </Button>
            {chosen && matches.length > 1 && (
              <Button size="small" appearance="subtle" onClick={() => setChosen(null)}>
                返回匹配列表
              </Button>
            )}
          </div>
          {copied && (
            <MessageBar intent="success" role="status">
              <MessageBarBody>{copied}</MessageBarBody>
            </MessageBar>
          )}
          <pre data-testid="lookup-text" tabIndex={0} aria-label={`学号 ${id} 的计算过程`} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', fontSize: 12, background: '#fff', border: '1px solid #e0e0e0', padding: 8, margin: '6px 0 0 0' }}>
            {text}
          </pre>
        </>
      )}
    </section>
  );
}
