import { announcement } from '../../src/taskpane/components/Announcer';
import { initialState, reducer } from '../../src/taskpane/state';

describe('live regions (issue 18 point 4)', () => {
  it('announce the run banner, and failures as alerts', () => {
    let s = initialState();
    expect(announcement(s)).toEqual({ polite: '', alert: '' });
    s = reducer(s, { type: 'dataFailed', message: '读取工作表“名册”失败：x' });
    expect(announcement(s).alert).toBe('读取工作表“名册”失败：x');
    s = { ...s, step: 'run', data: { ...s.data, status: 'done', message: null }, run: { status: 'done', stage: '', progress: 1, message: '计算完成：8 个排名组；2 处待裁定，30 个警告。' } };
    expect(announcement(s)).toEqual({ polite: '计算完成：8 个排名组；2 处待裁定，30 个警告。', alert: '' });
    s = reducer(s, { type: 'opFailed', op: 'write', message: '写回失败：A1 已有内容' });
    expect(announcement(s).alert).toBe('写回失败：A1 已有内容');
  });
});
