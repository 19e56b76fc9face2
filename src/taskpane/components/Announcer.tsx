/**
 * Accessibility (issue 18 point 4): the new step's heading takes the focus (not <body>), and results and
 * errors are announced through live regions, so a screen-reader user hears "计算完成：…" without hunting.
 */
import { useEffect, useRef } from 'react';
import { steps, type PaneState, type StepId } from '../state';

const hidden: React.CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

/** What the live regions say now: the newest outcome of reading, computing, writing. */
export function announcement(s: PaneState): { polite: string; alert: string } {
  const failed = [s.data.status === 'failed' ? s.data.message : null, s.run.status === 'failed' ? s.run.message : null, s.output.write.status === 'failed' ? s.output.write.message : null, s.output.attachments.status === 'failed' ? s.output.attachments.message : null].filter(Boolean);
  const polite = [
    s.data.status === 'done' && s.step === 'data' ? `已读取 ${s.data.views.length} 张工作表。${s.data.message ?? ''}` : '',
    s.run.status === 'done' ? (s.run.message ?? '') : '',
    s.run.status !== 'busy' ? (s.run.notice ?? '') : '',
    s.output.write.status === 'idle' ? (s.output.write.message ?? '') : '',
    s.output.write.status === 'done' ? (s.output.write.message ?? '') : '',
    s.output.attachments.status === 'done' ? (s.output.attachments.message ?? '') : '',
  ].filter(Boolean);
  return { polite: polite.join(' '), alert: failed.join(' ') };
}

export function LiveRegions({ state }: { state: PaneState }) {
  const { polite, alert } = announcement(state);
  return (
    <>
      <div role="status" aria-live="polite" style={hidden} data-testid="live-status">
        {polite}
      </div>
      <div role="alert" aria-live="assertive" style={hidden} data-testid="live-alert">
        {alert}
      </div>
    </>
  );
}

/** The step's heading; it takes the focus whenever the step changes (and on a fresh start in file mode). */
export function StepHeading({ step, focusOnMount }: { step: StepId; focusOnMount: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      if (!focusOnMount) return;
    }
    ref.current?.focus();
  }, [step, focusOnMount]);
  const label = steps.find((s) => s.id === step)?.label.replace(/^\d+\s*/u, '') ?? step;
  return (
    <h2 ref={ref} tabIndex={-1} data-testid="step-heading" style={{ fontSize: 16, margin: 0, outline: 'none' }}>
      {label}
    </h2>
  );
}
