import { beijingDate, beijingTime } from '../../src/sheets/beijingTime';

describe('Beijing time (issue 18 point 4)', () => {
  it('adds 8 hours to UTC, whatever the computer zone', () => {
    expect(beijingTime('2024-03-18T06:05:09.000Z')).toBe('2024-03-18 14:05（北京时间）');
    // 17:30 UTC is already the next day in Beijing (01:30).
    expect(beijingTime(new Date(Date.UTC(2024, 2, 18, 17, 30)))).toBe('2024-03-19 01:30（北京时间）');
    expect(beijingDate('2024-03-18T17:30:00Z')).toBe('2024-03-19');
    expect(beijingDate('2024-03-18T15:59:59Z')).toBe('2024-03-18');
  });
  it('leaves a text that is not a time as it is', () => {
    expect(beijingTime('不是时间')).toBe('不是时间');
  });
});
