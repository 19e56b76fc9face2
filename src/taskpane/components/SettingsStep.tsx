/** Step 2 设置: every setting with its default, validated as typed, saved inside the workbook. */
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Switch, Textarea } from '@fluentui/react-components';
import { saveSettings } from '../controller';
import { settingFields, type FieldSpec } from '../settingsForm';
import type { StepProps } from './common';
import { useStyles } from './styles';

const sections = ['成绩计算', '排名与推荐', '公示'] as const;

export function SettingsStep({ state, dispatch, services, getState }: StepProps) {
  const styles = useStyles();
  const { settings } = state;
  const problemOf = (f: FieldSpec) => settings.problems.filter((p) => p.path.split('.')[0] === f.key).map((p) => p.message).join(' ');
  const set = (f: FieldSpec, value: string | boolean) => dispatch({ type: 'settingChanged', key: f.key, value });
  return (
    <>
      <div className={styles.muted}>默认值取自《2024年普通专升本工作实施细则》。设置（连同“数据”页中对表类型和列含义的选择）保存在工作簿中，同事打开同一工作簿、文件模式和命令行都沿用相同设置。</div>
      {settings.problems.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>有 {settings.problems.length} 项设置需要改正，改正前不能计算。</MessageBarBody>
        </MessageBar>
      )}
      {sections.map((section) => (
        <section key={section} aria-label={section}>
          <div className={styles.section}>{section}</div>
          {settingFields.filter((f) => f.section === section).map((f) => {
            const value = settings.draft[f.key];
            const problem = problemOf(f);
            const common = { label: f.label, hint: f.help, validationMessage: problem || undefined, validationState: problem ? ('error' as const) : ('none' as const) };
            switch (f.kind.type) {
              case 'boolean':
                return (
                  <Field key={f.key} {...common}>
                    <Switch checked={value === true} onChange={(_, d) => set(f, d.checked)} label={value === true ? '是' : '否'} />
                  </Field>
                );
              case 'choice':
                return (
                  <Field key={f.key} {...common}>
                    <Select className={styles.select} value={String(value)} onChange={(_, d) => set(f, d.value)}>
                      {f.kind.options.map((o) => (
                        <option key={o.value} value={o.value}>{o.label}</option>
                      ))}
                    </Select>
                  </Field>
                );
              case 'map':
              case 'meanings':
                return (
                  <Field key={f.key} {...common}>
                    <Textarea className={styles.textarea} value={String(value)} placeholder={f.kind.placeholder} resize="vertical" onChange={(_, d) => set(f, d.value)} />
                  </Field>
                );
              default:
                return (
                  <Field key={f.key} {...common}>
                    <Input
                      value={String(value)}
                      type={f.kind.type === 'date' ? 'date' : 'text'}
                      inputMode={f.kind.type === 'number' ? 'decimal' : undefined}
                      contentAfter={f.kind.type === 'number' && f.kind.unit ? f.kind.unit : undefined}
                      onChange={(_, d) => set(f, d.value)}
                      data-testid={`setting-${f.key}`}
                    />
                  </Field>
                );
            }
          })}
        </section>
      ))}
      {settings.save.message && (
        <MessageBar intent={settings.save.status === 'failed' ? 'error' : 'success'}>
          <MessageBarBody>{settings.save.message}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Button appearance="primary" disabled={settings.problems.length > 0 || settings.save.status === 'busy'} onClick={() => void saveSettings(services, getState(), dispatch)}>
          保存到工作簿
        </Button>
        <Button onClick={() => dispatch({ type: 'settingsReset' })}>恢复默认</Button>
        <Button onClick={() => dispatch({ type: 'go', step: 'run' })} disabled={state.data.status !== 'done'}>下一步：计算</Button>
      </div>
    </>
  );
}
