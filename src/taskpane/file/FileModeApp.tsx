/**
 * File mode (issue 7): the pane outside Excel. Not finished yet: for now it tells the user how to use the
 * add-in inside Excel instead of showing a pane that cannot reach a workbook.
 */
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, webLightTheme } from '@fluentui/react-components';
import type { EngineClient } from '../../worker/client';
import { PRODUCT_NAME } from '../../version';

export function FileModeApp({ engine }: { engine: EngineClient }) {
  void engine;
  return (
    <FluentProvider theme={webLightTheme}>
      <div style={{ padding: 12 }}>
        <h1 style={{ fontSize: 16 }}>{PRODUCT_NAME}</h1>
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>未检测到 Excel</MessageBarTitle>
            请在 Excel 中通过“插入 → 加载项 → 上传我的加载项”打开本加载项。不使用 Excel 的文件模式尚在开发中。
          </MessageBarBody>
        </MessageBar>
      </div>
    </FluentProvider>
  );
}
