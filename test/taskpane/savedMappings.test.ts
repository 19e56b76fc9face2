/**
 * SPEC §1.6: a column choice made for a “请确认” sheet is saved in the workbook with the settings and comes
 * back when the pane is opened again (Office host through the strict fake; file mode and the CLI read the
 * same meta record: test/cli/savedMappings.test.ts).
 */
import { analyse } from '../../src/pipeline';
import { OfficeWorkbookHost } from '../../src/hosts/office/officeHost';
import { loadData, loadSettings, runEngine, saveSettings } from '../../src/taskpane/controller';
import { createServices } from '../../src/taskpane/services';
import { initialState, reducer, type Action, type PaneState } from '../../src/taskpane/state';
import { InlineEngineClient } from '../../src/worker/client';
import { installFakeOffice } from '../fakes/excel';

function pane() {
  const services = createServices(new OfficeWorkbookHost(), new InlineEngineClient((t, c) => analyse(t, c)));
  let state: PaneState = initialState();
  const dispatch = (a: Action) => {
    state = reducer(state, a);
  };
  return { services, dispatch, get: () => state };
}

test('the 数据 step\'s column choice is saved with the settings and applied when the pane opens again', async () => {
  const excel = installFakeOffice(globalThis, {
    sheets: [
      { name: '名册', values: [['编码', '姓名', '专业', '年级'], ['001', '张三', '机电', 2021], ['002', '李四', '机电', 2021]], numberFormats: [[], ['@'], ['@']] },
      { name: '成绩', values: [['学号', '课程名称', '成绩', '学期'], ['001', '高数', 90, 1], ['002', '高数', 80, 1]], numberFormats: [[], ['@'], ['@']] },
    ],
  });
  try {
    const first = pane();
    await loadSettings(first.services, first.dispatch);
    await loadData(first.services, first.dispatch);
    expect(first.get().data.views.find((v) => v.sheet === '名册')!.unsure).toBe(true);
    first.dispatch({ type: 'mapColumn', sheet: '名册', column: 'A', field: 'studentId' });
    expect(first.get().settings.dirty).toBe(true);
    await saveSettings(first.services, first.get(), first.dispatch);
    expect(first.get().settings.save.status).toBe('done');

    // Reopened: the choice is there before anything is read again, and the run uses it.
    const again = pane();
    await loadSettings(again.services, again.dispatch);
    expect(again.get().data.overrides).toEqual({ 名册: { columns: { A: 'studentId' } } });
    await loadData(again.services, again.dispatch);
    const column = again.get().data.views.find((v) => v.sheet === '名册')!.columns.find((c) => c.column === 'A')!;
    expect(column).toMatchObject({ field: 'studentId', chosen: true });
    await runEngine(again.services, again.get(), again.dispatch);
    expect(again.get().result!.outcome.output!.result.students.map((s) => s.studentId)).toEqual(['001', '002']);
  } finally {
    excel.uninstall();
  }
});
