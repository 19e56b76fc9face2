/**
 * SPEC §1.6 end to end, across the parser, the issue list and the settings: a value outside a column's
 * vocabulary is read by the fallback and reported; the pane's choice for it becomes the setting
 * valueMeanings; the next run reads the value as chosen and no longer reports it.
 */
import { defaultConfig, type Config } from '../../src/engine/config';
import { analyse } from '../../src/pipeline';
import { configFromDraft, draftFromConfig } from '../../src/taskpane/settingsForm';
import { unknownValueChoice, withMeaning } from '../../src/taskpane/summary';
import { table } from './helpers';

function inputs() {
  const roster = table('名册', [
    ['学号', '姓名', '专业', '年级', '学籍异动', '培养类型'],
    ['01', '甲', '机电', 2021, '无异动', '统招'],
    ['02', '乙', '机电', 2021, '', ''],
    ['03', '丙', '机电', 2021, '待定', ''],
    ['04', '丁', '机电', 2021, '', ''],
    ['05', '戊', '机电', 2021, '', '委培'],
  ]);
  // 高数 (term 1) and 英语 (term 2) for everyone but 03, who has only 高数: the inferred plan is both.
  const rows: (string | number)[][] = [['学号', '课程名称', '成绩', '学期']];
  for (const [id, s] of [['01', 90], ['02', 85], ['03', 80], ['04', 75], ['05', 70]] as const) {
    rows.push([id, '高数', s, 1]);
    if (id !== '03') rows.push([id, '英语', s, 2]);
  }
  return [roster, table('成绩', rows)];
}

const student = (cfg: Config, id: string) => analyse(inputs(), cfg).output?.result.students.find((s) => s.studentId === id);

test('an unknown value is read by the fallback, reported, chosen in the pane, and read as chosen next time', () => {
  const first = analyse(inputs(), defaultConfig());
  const unknown = first.issues.filter((i) => i.code === 'UNKNOWN_VALUE');
  expect(unknown.map((i) => i.cell).sort()).toEqual(['E4', 'F6']);
  // Fallbacks (SPEC §1.1): 学籍异动 “待定” ⇒ 是 — only the courses he has count: 80 / 1 = 80.00;
  // 培养类型 “委培” ⇒ 普通 — no DIRECTED reason.
  expect(student(defaultConfig(), '03')).toMatchObject({ average: '80.00', countedCourses: 1 });
  expect(student(defaultConfig(), '05')?.reasons).not.toContain('DIRECTED');

  // The pane offers the column's words; the secretary picks 否 for “待定” and 定向 for “委培”.
  let draft = draftFromConfig(defaultConfig());
  const picks: Record<string, string> = { 学籍异动: '否', 培养类型: '定向' };
  for (const issue of unknown) {
    const choice = unknownValueChoice(issue);
    if (!choice) throw new Error(`no choice offered for: ${issue.message}`);
    const pick = picks[choice.column] as string;
    expect(choice.choices).toContain(pick);
    draft = { ...draft, valueMeanings: withMeaning(String(draft.valueMeanings), choice.column, choice.value, pick) };
  }
  const saved = configFromDraft(draft);
  if (!('config' in saved)) throw new Error(JSON.stringify(saved.problems));

  const second = analyse(inputs(), saved.config);
  expect(second.issues.filter((i) => i.code === 'UNKNOWN_VALUE')).toEqual([]);
  // 03 not 异动 any more: both plan courses count, 英语 missing counts 0 ⇒ (80 + 0) / 2 = 40.00.
  expect(student(saved.config, '03')).toMatchObject({ average: '40.00', countedCourses: 2 });
  expect(student(saved.config, '03')?.reasons).toContain('MISSING_COURSE');
  expect(student(saved.config, '05')?.reasons).toContain('DIRECTED');
});
