import type { Issue } from '../../src/engine/issues';
import { countTiers, groupIssues, issueLine, pendingRulings, runBanner } from '../../src/taskpane/issueSummary';
import golden from '../golden/sample.result.json';

const issues = golden.issues as Issue[];

describe('problems first (issue 18 point 2)', () => {
  it('groups the sample: rulings first, then warnings, then info; repeats collapsed with counts', () => {
    const g = groupIssues(issues);
    // Counted by hand from the golden issues: 2 rulings (TIE_AT_QUOTA, ALLOCATION_CONFLICT), 31 other warnings
    // of 7 kinds (25 NO_SEAT_FOR_WISHES + VETERAN_COURSES, NO_WISH, WISH_NOT_IN_PLAN, PENDING_SCORE,
    // AWARD_TEAM_RANK_MISSING, SANCTION_DESCRIBED), 18 infos of 5 kinds (UNKNOWN_SHEET, OUTSIDE_PLAN ×8,
    // AFTER_CUTOFF ×4, UNUSED_COLUMN ×2 — 学分 and 考核方式, AWARD_NOT_COUNTED ×3).
    expect(g.map((x) => x.tier)).toEqual(['ruling', 'ruling', 'warning', 'warning', 'warning', 'warning', 'warning', 'warning', 'warning', 'info', 'info', 'info', 'info', 'info']);
    expect(g.slice(0, 2).map((x) => x.code).sort()).toEqual(['ALLOCATION_CONFLICT', 'TIE_AT_QUOTA']);
    const seats = g.find((x) => x.code === 'NO_SEAT_FOR_WISHES')!;
    expect(seats.issues).toHaveLength(25);
    expect(seats.title).toBe('25 名学生：志愿中没有仍有名额的对口招录专业');
    expect(g.reduce((n, x) => n + x.issues.length, 0)).toBe(issues.length);
  });

  it('a single issue shows its own message; the place is printed once', () => {
    const tie = groupIssues(issues).find((x) => x.code === 'TIE_AT_QUOTA')!;
    expect(tie.title.startsWith('学生名册-财经与物流管理学院!B28：排名组')).toBe(true);
    expect(tie.title.split('学生名册-财经与物流管理学院!B28')).toHaveLength(2);
    // An info message without its place gets it in front, once.
    const i: Issue = { severity: 'info', code: 'X', message: '某提示', sheet: '成绩', row: 5, column: 'C', cell: 'C5' };
    expect(issueLine(i)).toBe('成绩!C5：某提示');
    expect(issueLine({ ...i, column: null, cell: null })).toBe('成绩 第5行：某提示');
  });

  it('an unknown kind repeated is shown by count and its first message', () => {
    const mk = (row: number): Issue => ({ severity: 'error', code: 'ODD', message: `成绩!A${row}：怪`, sheet: '成绩', row, column: 'A', cell: `A${row}` });
    const [g] = groupIssues([mk(3), mk(4), mk(9)]);
    expect(g!.title).toBe('3 处同类问题，例如：成绩!A3：怪');
    expect(g!.tier).toBe('error');
  });

  it('the banner states counts (a ruling is not counted again as a warning: 33 warnings = 2 rulings + 31)', () => {
    expect(countTiers(issues)).toEqual({ rulings: 2, errors: 0, warnings: 31, infos: 18 });
    expect(runBanner(8, issues, false)).toBe('计算完成：8 个排名组；2 处待裁定，31 个警告。');
    expect(runBanner(3, [], false)).toBe('计算完成：3 个排名组；没有需要处理的问题。');
    const err: Issue = { severity: 'error', code: 'BAD_SCORE', message: 'x', sheet: 's', row: 1, column: 'A', cell: 'A1' };
    expect(runBanner(0, [err, err, ...issues], true)).toBe('发现 2 个错误，不能写回。请按问题列表中的位置（工作表!单元格）逐条改正后重新计算。另有 2 处待裁定，31 个警告。');
  });

  it('pending rulings are what the 输出 step repeats', () => {
    expect(pendingRulings(issues).map((i) => i.code).sort()).toEqual(['ALLOCATION_CONFLICT', 'TIE_AT_QUOTA']);
  });
});
