/** Excel mode, step 1: 导入其他工作簿 — copy the sheets of another .xlsx into the open workbook, then re-read. */
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { importWorkbookFile, type Dispatch, type PaneServices } from '../controller';
import { useStyles } from './styles';

export function ImportWorkbookPicker({ services, dispatch }: { services: PaneServices; dispatch: Dispatch }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const data = await file.arrayBuffer();
      setOutcome(await importWorkbookFile(services, dispatch, { name: file.name, data }));
    } catch (err) {
      setOutcome({ ok: false, message: `无法读取文件“${file.name}”：${err instanceof Error ? err.message : String(err)}` });
    } finally {
      setBusy(false);
    }
    if (input.current) input.current.value = '';
  };

  return (
    <div className={styles.row}>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.xlsm,.xls,.et"
        hidden
        data-testid="import-workbook-input"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      <Button disabled={busy} onClick={() => input.current?.click()} data-testid="import-workbook">
        {busy ? '正在导入…' : '导入其他工作簿…'}
      </Button>
      {outcome && (
        <MessageBar intent={outcome.ok ? 'success' : 'error'}>
          <MessageBarBody>{outcome.message}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
