/** A button that asks before doing something that loses work (恢复默认, new files over a finished run). */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useState } from 'react';

export interface ConfirmButtonProps {
  children: React.ReactNode;
  appearance?: 'primary' | 'secondary' | 'subtle';
  disabled?: boolean;
  'data-testid'?: string;
  /** The question; null: no need to ask (act at once). */
  question: string | null;
  confirmLabel: string;
  onConfirm: () => void;
}

export function ConfirmButton({ question, confirmLabel, onConfirm, children, appearance, disabled, 'data-testid': testId }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (asking && question) {
    return (
      <MessageBar intent="warning" layout="multiline" role="alertdialog" aria-label={question} data-testid="confirm">
        <MessageBarBody>{question}</MessageBarBody>
        <MessageBarActions>
          <Button
            size="small"
            appearance="primary"
            onClick={() => {
              setAsking(false);
              onConfirm();
            }}
            data-testid="confirm-yes"
          >
            {confirmLabel}
          </Button>
          <Button size="small" onClick={() => setAsking(false)} autoFocus>
            取消
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  return (
    <Button appearance={appearance} disabled={disabled} data-testid={testId} onClick={() => (question ? setAsking(true) : onConfirm())}>
      {children}
    </Button>
  );
}
