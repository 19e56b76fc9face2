/** The task pane: four steps 数据 → 设置 → 计算 → 输出 over a WorkbookHost and the engine worker. */
import { FluentProvider, Tab, TabList, webLightTheme } from '@fluentui/react-components';
import { startTransition, useCallback, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import { PRODUCT_NAME, VERSION } from '../../version';
import { checkOutputRuns, loadData, loadSettings, type Dispatch, type PaneServices } from '../controller';
import type { StepProps } from './common';
import { initialState, isBulky, reducer, stepEnabled, steps, type PaneState, type StepId } from '../state';
import { LiveRegions, StepHeading } from './Announcer';
import { DataStep } from './DataStep';
import { ImportWorkbookPicker } from './ImportWorkbookPicker';
import { OutputStep } from './OutputStep';
import { PaneTitle } from './PaneTitle';
import { RunStep } from './RunStep';
import { SettingsStep } from './SettingsStep';
import { useStyles } from './styles';

export interface AppProps {
  services: PaneServices;
  /** 'excel' inside Excel; 'file' in a plain browser (issue 7). */
  mode: 'excel' | 'file';
  /** Rendered at the top of the 数据 step in file mode (the file picker). */
  filePicker?: React.ReactNode;
  /** Rendered at the end of the 输出 step (file mode: the download). */
  outputExtra?: React.ComponentType<StepProps>;
  /** Read the sheets at once (file mode: the files were just picked). */
  autoLoad?: boolean;
}

export function App({ services, mode, filePicker, outputExtra: OutputExtra, autoLoad }: AppProps) {
  const styles = useStyles();
  const [state, dispatchNow] = useReducer(reducer, undefined, () => initialState());
  // The actions that bring a whole school onto the screen (the sheets read, a run's result) are drawn as a
  // transition: React renders them in slices between which the page stays responsive, instead of one
  // task of over half a second at 6,000 students (issue 17: no main-thread task over 200 ms). Every other
  // action (progress, clicks) is drawn at once, and an urgent one arriving meanwhile goes first.
  const dispatch = useCallback<Dispatch>((a) => (isBulky(a) ? startTransition(() => dispatchNow(a)) : dispatchNow(a)), []);
  // Effects read the latest state without re-creating every callback.
  const latest = useRef<PaneState>(state);
  // Updated after each render is committed (a ref written during render breaks React's rules): handlers
  // and effects, which run after the commit, see the state of the last render.
  useLayoutEffect(() => {
    latest.current = state;
  });
  const get = useCallback(() => latest.current, []);

  useEffect(() => {
    // Settings first: a re-read must not race with them (loadData only reads sheets).
    void loadSettings(services, dispatch)
      .then(() => (autoLoad ? loadData(services, dispatch) : undefined))
      .then(() => checkOutputRuns(services, dispatch));
  }, [services, autoLoad, dispatch]);

  const go = (step: StepId) => dispatch({ type: 'go', step });
  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.root}>
        <header className={styles.header}>
          <PaneTitle />
          <div className={styles.mode}>{mode === 'excel' ? '当前工作簿' : '文件模式：数据只在本机浏览器中处理，不会上传'}</div>
          <TabList
            className={styles.tabs}
            size="small"
            selectedValue={state.step}
            onTabSelect={(_, d) => go(d.value as StepId)}
            aria-label="步骤"
          >
            {steps.map((s) => (
              <Tab key={s.id} value={s.id} disabled={!stepEnabled(state, s.id)} data-testid={`tab-${s.id}`}>
                {s.label}
              </Tab>
            ))}
          </TabList>
        </header>
        <main className={styles.body}>
          <StepHeading step={state.step} focusOnMount={Boolean(autoLoad)} />
          <LiveRegions state={state} />
          {state.step === 'data' && <DataStep state={state} dispatch={dispatch} services={services} getState={get} filePicker={filePicker ?? (services.importWorkbook ? <ImportWorkbookPicker services={services} dispatch={dispatch} /> : undefined)} />}
          {state.step === 'settings' && <SettingsStep state={state} dispatch={dispatch} services={services} getState={get} mode={mode} />}
          {state.step === 'run' && <RunStep state={state} dispatch={dispatch} services={services} getState={get} />}
          {state.step === 'output' && <OutputStep state={state} dispatch={dispatch} services={services} getState={get} mode={mode}
            extra={OutputExtra ? <OutputExtra state={state} dispatch={dispatch} services={services} getState={get} /> : undefined} />}
        </main>
        <footer className={styles.footer}>
          {PRODUCT_NAME} {VERSION} · 全部计算在本机完成，不联网
        </footer>
      </div>
    </FluentProvider>
  );
}
