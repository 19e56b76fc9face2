/** SPEC §2.1: ranking groups. */
import { buildGroups, groupDisplayName, groupOf } from '../../src/engine/groups';
import { student } from './builders';

describe('§2.1 group key, label and track', () => {
  it('key is cohort|专业|普通 for an ordinary student', () => {
    expect(groupOf(student('1'))).toEqual({ key: '2021|机电一体化技术|普通', grade: 2021, major: '机电一体化技术', track: '普通', label: '机电一体化技术' });
  });
  it('扩招 students form their own track', () => {
    const g = groupOf(student('1', { trainingType: 'expanded' }));
    expect(g.key).toBe('2021|机电一体化技术|扩招');
    expect(g.track).toBe('扩招');
  });
  it('定向 students stay in the ordinary group of their 专业', () => {
    expect(groupOf(student('1', { trainingType: 'directed' })).key).toBe('2021|机电一体化技术|普通');
  });
  it('a 排名组 gives the label 专业（排名组）, also in the key; major stays the 专业', () => {
    const g = groupOf(student('1', { rankingGroup: ' 天工班 ' }));
    expect(g.label).toBe('机电一体化技术（天工班）');
    expect(g.key).toBe('2021|机电一体化技术（天工班）|普通');
    expect(g.major).toBe('机电一体化技术');
  });
  it('an empty 排名组 is no 排名组', () => {
    expect(groupOf(student('1', { rankingGroup: '' })).key).toBe('2021|机电一体化技术|普通');
  });
  it('cohorts are separate groups', () => {
    expect(groupOf(student('1', { cohort: 2022 })).key).toBe('2022|机电一体化技术|普通');
  });
});

describe('§2.1 buildGroups', () => {
  it('every roster student is in exactly one group; groups sorted by key, members by 学号', () => {
    const students = [
      student('09', { trainingType: 'expanded' }),
      student('03'),
      student('05', { veteran: true }),
      student('01', { trainingType: 'directed' }),
      student('02', { rankingGroup: '天工班' }),
      student('04', { major: '汽车检测与维修技术' }),
    ];
    const groups = buildGroups(students);
    expect(groups.map((g) => g.key)).toEqual([
      '2021|机电一体化技术|扩招',
      '2021|机电一体化技术|普通',
      '2021|机电一体化技术（天工班）|普通',
      '2021|汽车检测与维修技术|普通',
    ]);
    expect(groups[1].members.map((s) => s.studentId)).toEqual(['01', '03', '05']);
    const all = groups.flatMap((g) => g.members.map((s) => s.studentId)).sort();
    expect(all).toEqual(['01', '02', '03', '04', '05', '09']);
  });
});

describe('§2.1 group names in messages', () => {
  it('普通 groups by 年级 and label, 扩招 marked', () => {
    expect(groupDisplayName(groupOf(student('1', { rankingGroup: '天工班' })))).toBe('2021级 机电一体化技术（天工班）');
    expect(groupDisplayName(groupOf(student('1', { trainingType: 'expanded' })))).toBe('2021级 机电一体化技术（扩招）');
  });
});
