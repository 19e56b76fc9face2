import {
  readAttemptKind,
  readBool,
  readCohort,
  readDate,
  readId,
  readRegistration,
  readRuling,
  readTerm,
  readTrainingType,
  readVeteranRoute,
  readWish,
  serialToIso,
  readCount,
} from '../../src/sheets/values';

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(`expected ok, got: ${r.reason}`);
  return r.value;
};

describe('学号 as text', () => {
  test('numeric 学号 → integer text; display text keeps leading zeros', () => {
    expect(value(readId(2021010203))).toBe('2021010203');
    expect(value(readId(123, '000123'))).toBe('000123');
    expect(value(readId(' 00123 '))).toBe('00123');
    expect(value(readId('２０２１０１'))).toBe('202101');
  });
  test('empty, fractional and date 学号 are refused', () => {
    expect(readId(null).ok).toBe(false);
    expect(readId(12.5).ok).toBe(false);
    expect(readId(new Date(Date.UTC(2024, 0, 1))).ok).toBe(false);
  });
});

describe('SPEC §1.1 booleans', () => {
  test.each([
    ['是', true], ['否', false], ['Y', true], ['n', false], ['√', true], ['×', false],
    [1, true], [0, false], ['1', true], ['TRUE', true], ['false', false], [true, true], [false, false],
    ['有', true], ['无', false],
  ] as const)('%j → %j', (raw, expected) => {
    expect(value(readBool(raw, !expected))).toBe(expected);
  });
  test('blank takes the default; nonsense is refused', () => {
    expect(value(readBool(null, true))).toBe(true);
    expect(value(readBool('  ', false))).toBe(false);
    expect(readBool('也许', false).ok).toBe(false);
  });
});

describe('年级', () => {
  test.each([[2021, 2021], ['2021', 2021], ['2021级', 2021], [' 2022 级 ', 2022]] as const)('%j → %d', (raw, y) => {
    expect(value(readCohort(raw))).toBe(y);
  });
  test('届 and garbage are refused with a Chinese reason', () => {
    const r = readCohort('2024届');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('入学年级');
    expect(readCohort('二一级').ok).toBe(false);
    expect(readCohort(null).ok).toBe(false);
  });
});

describe('学期', () => {
  test.each([
    [3, 2021, 3],
    ['3', 2021, 3],
    ['第3学期', 2021, 3],
    ['第三学期', 2021, 3],
    ['2022-2023-1', 2021, 3],
    ['2022-2023-2', 2021, 4],
    ['2021-2022-1', 2021, 1],
    ['2022-2023学年第2学期', 2021, 4],
    ['2023-2024-1', 2022, 3],
  ] as const)('%j (cohort %d) → %d', (raw, cohort, t) => {
    expect(value(readTerm(raw, cohort))).toBe(t);
  });
  test('blank → null; bad and cohort-less academic terms are refused', () => {
    expect(value(readTerm(null, 2021))).toBeNull();
    expect(readTerm('2022-2023-1', null).ok).toBe(false);
    expect(readTerm('2022-2024-1', 2021).ok).toBe(false);
    expect(readTerm('2019-2020-1', 2021).ok).toBe(false);
    expect(readTerm('春季', 2021).ok).toBe(false);
    expect(readTerm(0, 2021).ok).toBe(false);
  });
});

describe('dates', () => {
  test('Excel serials (1900 system)', () => {
    expect(serialToIso(45369)).toBe('2024-03-18');
    expect(serialToIso(45370)).toBe('2024-03-19');
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(value(readDate(45369.75))).toBe('2024-03-18');
  });
  test('Date cells use UTC fields (independent of the machine TZ)', () => {
    expect(value(readDate(new Date(Date.UTC(2024, 2, 18))))).toBe('2024-03-18');
    expect(value(readDate(new Date(Date.UTC(2024, 2, 18, 23, 30))))).toBe('2024-03-18');
  });
  test.each([['2024-03-18'], ['2024/3/18'], ['2024.3.18'], ['2024年3月18日'], ['2024-03-18 10:00:00'], ['20240318'], [20240318]])('text %j', (t) => {
    expect(value(readDate(t))).toBe('2024-03-18');
  });
  test('impossible dates are refused', () => {
    expect(readDate('2024-02-30').ok).toBe(false);
    expect(readDate(20240230).ok).toBe(false);
    expect(readDate('下周').ok).toBe(false);
    expect(value(readDate(null))).toBeNull();
  });
});

describe('codes', () => {
  test('考试性质', () => {
    expect(readAttemptKind(null)).toBe('regular');
    expect(readAttemptKind('正考')).toBe('regular');
    expect(readAttemptKind('补考')).toBe('makeup');
    expect(readAttemptKind('重修')).toBe('retake');
    expect(readAttemptKind('缓考')).toBe('deferred');
    expect(readAttemptKind('清考')).toBeNull();
  });
  test('报名状态', () => {
    expect(value(readRegistration('已报名'))).toBe('registered');
    expect(value(readRegistration('报名'))).toBe('registered');
    expect(value(readRegistration('是'))).toBe('registered');
    expect(value(readRegistration('放弃'))).toBe('waived');
    expect(value(readRegistration(null))).toBe('none');
    expect(value(readRegistration('未报名'))).toBe('none');
    expect(value(readRegistration('否'))).toBe('none');
    expect(readRegistration('待定').ok).toBe(false);
  });
  test('培养类型, 升本方式, 裁定结果', () => {
    expect(readTrainingType('扩招')).toBe('expanded');
    expect(readTrainingType('定向培养')).toBe('directed');
    expect(readTrainingType('定向')).toBe('directed');
    expect(readTrainingType('订单')).toBe('normal');
    expect(readTrainingType(null)).toBe('normal');
    expect(value(readVeteranRoute(null))).toBe('school');
    expect(value(readVeteranRoute('综合考查'))).toBe('exam');
    expect(readVeteranRoute('自考').ok).toBe(false);
    expect(value(readRuling('推荐'))).toBe('recommend');
    expect(value(readRuling('不推荐'))).toBe('reject');
    expect(value(readRuling(''))).toBeNull();
    expect(readRuling('再议').ok).toBe(false);
  });
  test.each(['广西科技大学/机械工程', '广西科技大学-机械工程', '广西科技大学－机械工程', '广西科技大学—机械工程', '广西科技大学·机械工程', '广西科技大学 / 机械工程'])(
    '志愿 %j',
    (t) => {
      expect(value(readWish(t))).toEqual({ university: '广西科技大学', program: '机械工程' });
    },
  );
  test('志愿 without separator is refused; blank is none', () => {
    expect(readWish('广西科技大学').ok).toBe(false);
    expect(value(readWish(null))).toBeNull();
  });
  test('counts', () => {
    expect(value(readCount(3))).toBe(3);
    expect(value(readCount('3人'))).toBe(3);
    expect(value(readCount('第2'))).toBe(2);
    expect(readCount(2.5).ok).toBe(false);
    expect(readCount('-1').ok).toBe(false);
  });
});
