import { fieldOf, normaliseHeader, wishIndex, chineseOrArabic, canonicalHeader, synonyms, allKinds } from '../../src/sheets/headers';

describe('SPEC §1 header normalisation', () => {
  test.each([
    [' 学 号 ', '学号'],
    ['学\u3000号', '学号'],
    ['学号：', '学号'],
    ['学号:', '学号'],
    ['排名（团队）', '排名(团队)'],
    ['排名【团队】', '排名(团队)'],
    ['ＱＱ号', 'qq号'],
    ['志愿１', '志愿1'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseHeader(raw)).toBe(expected);
  });
});

describe('SPEC §1.1–§1.5 synonyms', () => {
  test.each([
    ['roster', '学生学号', 'studentId'],
    ['roster', '学籍号', 'studentId'],
    ['roster', '学生姓名', 'name'],
    ['roster', '所在专业', 'major'],
    ['roster', '入学年级', 'cohort'],
    ['roster', '院系', 'college'],
    ['roster', '行政班', 'className'],
    ['roster', '身份证号码', 'idNumber'],
    ['roster', '证件号码', 'idNumber'],
    ['roster', '联系电话', 'phone'],
    ['roster', '学生类别', 'trainingType'],
    ['roster', '退役士兵', 'veteran'],
    ['roster', '处分', 'sanction'],
    ['roster', '报名状态', 'registration'],
    ['roster', '放弃证明', 'waiverProof'],
    ['roster', '裁定结果', 'ruling'],
    ['roster', '志愿3', 'wish'],
    ['roster', '第2志愿', 'wish'],
    ['grades', '课程', 'courseName'],
    ['grades', '课程号', 'courseCode'],
    ['grades', '总评成绩', 'score'],
    ['grades', '最终成绩', 'score'],
    ['grades', '考试成绩', 'score'],
    ['grades', '开课学期', 'term'],
    ['grades', '考试类型', 'attemptKind'],
    ['grades', '录入日期', 'date'],
    ['plan', '计入平均分', 'counted'],
    ['awards', '审核结果', 'verified'],
    ['awards', '团队排名', 'teamRank'],
    ['seats', '高职专业', 'vocationalMajor'],
    ['seats', '计划数', 'seats'],
  ] as const)('%s: %s → %s', (kind, header, field) => {
    expect(fieldOf(kind, header)).toBe(field);
  });

  test('unknown headers and result-block headers are not fields', () => {
    expect(fieldOf('roster', '平均成绩')).toBeNull();
    expect(fieldOf('roster', '排名')).toBeNull();
    expect(fieldOf('roster', '专业人数')).toBeNull();
    expect(fieldOf('grades', '')).toBeNull();
  });

  test('canonical header is listed first for every field', () => {
    expect(canonicalHeader('roster', 'studentId')).toBe('学号');
    expect(canonicalHeader('grades', 'score')).toBe('成绩');
    for (const kind of allKinds) {
      for (const names of Object.values(synonyms[kind])) {
        // every synonym maps back to its own field
        for (const n of names) expect(fieldOf(kind, n)).not.toBeNull();
      }
    }
  });

  test('志愿K pattern and Chinese numerals', () => {
    expect(wishIndex('志愿12')).toBe(12);
    expect(wishIndex('志愿三')).toBe(3);
    expect(wishIndex('第一志愿')).toBe(1);
    expect(wishIndex('志愿')).toBeNull();
    expect(chineseOrArabic('十二')).toBe(12);
    expect(chineseOrArabic('二十')).toBe(20);
    expect(chineseOrArabic('甲')).toBeNull();
  });
});
