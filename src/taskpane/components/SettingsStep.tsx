/** Step 2 设置: every setting with its default, validated as typed, saved inside the workbook. */
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Switch, Textarea } from '@fluentui/react-components';
import { saveSettings } from '../controller';
import { settingWarnings } from '../settingsAdvice';
import { settingFields, type FieldSpec } from '../settingsForm';
import { ConfirmButton } from './ConfirmButton';
import type { StepProps } from './common';
import { useStyles } from './styles';

const sections = ['成绩计算', '排名与推荐', '公示'] as const;

export function SettingsStep({ state, dispatch, services, getState, mode = 'excel' }: StepProps & { mode?: 'excel' | 'file' }) {
  const styles = useStyles();
  const { settings } = state;
  const warnings = settingWarnings(settings.config);
  const problemOf = (f: FieldSpec) => settings.problems.filter((p) => p.path.split('.')[0] === f.key).map((p) => p.message).join(' ');
  const warningOf = (f: FieldSpec) => warnings.filter((p) => p.path === f.key).map((p) => p.message).join(' ');
  // File mode keeps nothing until the download (issue 18: honest wording).
  const saveLabel = mode === 'file' ? '保存设置（随下载的工作簿）' : '保存到工作簿';
  const savedText = mode === 'file' ? '设置已记下，将随下载的结果工作簿保存（下载前不会写入任何文件）。' : settings.save.message;
  const set = (f: FieldSpec, value: string | boolean) => dispatch({ type: 'settingChanged', key: f.key, value });
  return (
    <>
      <div className={styles.muted}>
        {mode === 'file'
          ? '默认值取自《2024年普通专升本工作实施细则》。设置（连同“数据”页中对表类型和列含义的选择）将随下载的结果工作簿保存，下次选择该工作簿即沿用。'
          : '默认值取自《2024年普通专升本工作实施细则》。设置（连同“数据”页中对表类型和列含义的选择）保存在工作簿中，同事打开同一工作簿、文件模式和命令行都沿用相同设置。'}
      </div>
      {warnings.length > 0 && settings.problems.length === 0 && (
        <MessageBar intent="warning" data-testid="settings-warnings">
          <MessageBarBody>有 {warnings.length} 项设置与细则不同（仍可计算），见各项下方的说明。</MessageBarBody>
        </MessageBar>
      )}
      {settings.problems.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>有 {settings.problems.length} 项设置需要改正，改正前不能计算。</MessageBarBody>
        </MessageBar>
      )}
      {/* A sane width on a wide pane (issue 18): fields of 1,256 px help nobody. */}
      <div style={{ maxWidth: 640, display: 'flex', flexDirection: 'column', gap: 12 }}>
      {sections.map((section) => (
        <section key={section} aria-label={section}>
          <h2 className={styles.section} style={{ fontSize: 'inherit', margin: '4px 0 0 0' }}>{section}</h2>
          {settingFields.filter((f) => f.section === section).map((f) => {
            const value = settings.draft[f.key];
            const problem = problemOf(f);
            const warning = problem ? '' : warningOf(f);
            const common = {
              label: f.label,
              hint: f.help,
              validationMessage: problem || warning || undefined,
              validationState: problem ? ('error' as const) : warning ? ('warning' as const) : ('none' as const),
            };
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
      </div>
      {/* Reachable at any scroll position (issue 18): the actions stick to the bottom of the pane. */}
      <div className={styles.row} data-testid="settings-actions" style={{ position: 'sticky', bottom: 0, zIndex: 1, background: '#fafafa', padding: '8px 0', borderTop: '1px solid #e0e0e0' }}>
        {settings.save.message && (
          <MessageBar intent={settings.save.status === 'failed' ? 'error' : 'success'} role="status" style={{ width: '100%' }} data-testid="settings-saved">
            <MessageBarBody>{settings.save.status === 'failed' ? settings.save.message : savedText}</MessageBarBody>
          </MessageBar>
        )}
        <Button appearance="primary" disabled={settings.problems.length > 0 || settings.save.status === 'busy'} onClick={() => void saveSettings(services, getState(), dispatch)} data-testid="settings-save">
          {saveLabel}
        </Button>
        <ConfirmButton question="恢复全部设置为细则默认值？您改过的设置将丢失。" confirmLabel="恢复默认" onConfirm={() => dispatch({ type: 'settingsReset' })} data-testid="settings-reset">
          恢复默认
        </ConfirmButton>
        <Button onClick={() => dispatch({ type: 'go', step: 'run' })} disabled={state.data.status !== 'done'}>下一步：计算</Button>
      </div>
    </>
  );
}
