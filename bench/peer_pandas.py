"""
The peer of issue 17: what a capable analyst would write with pandas to get the same averages and ranks
from the same CSV files (far less than zsb: no eligibility, quota, 递补, allocation, issues or 附件).
cap60 per course (first sitting >= 60: that score; else a later attempt >= 60: 60; else the highest),
plan courses of terms 1-5, missing plan courses count 0, average rounded half-up to 2 decimals, rank
(competition, like RANK.EQ) within (年级, 专业), top 60 %. Writes a JSON list of students.
Usage: python3 bench/peer_pandas.py 学生名册.csv 成绩.csv 教学计划.csv out.json
"""
import json
import sys
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

roster_file, grades_file, plan_file, out_file = sys.argv[1:5]
roster = pd.read_csv(roster_file, dtype=str, encoding='utf-8-sig')
grades = pd.read_csv(grades_file, dtype=str, encoding='utf-8-sig')
plan = pd.read_csv(plan_file, dtype=str, encoding='utf-8-sig')

roster['年级'] = roster['年级'].astype(int)
cohort = roster.set_index('学号')['年级']

# Academic term "2022-2023-1" -> programme term (2022 - cohort) * 2 + 1; plain "3" stays 3.
term = grades['学期']
academic = term.str.extract(r'^(\d{4})-\d{4}-([12])$')
g_cohort = grades['学号'].map(cohort)
grades['term'] = pd.to_numeric(term, errors='coerce')
has_academic = academic[0].notna()
grades.loc[has_academic, 'term'] = (academic.loc[has_academic, 0].astype(int) - g_cohort[has_academic]) * 2 + academic.loc[has_academic, 1].astype(int)
grades['score'] = pd.to_numeric(grades['成绩'], errors='coerce')
grades['first'] = grades['考试性质'].isin(['正考', '缓考']) | grades['考试性质'].isna()

plan['学期'] = plan['学期'].astype(int)
plan = plan[plan['学期'].between(1, 5) & (plan['计入平均分'] != '否')]
grades = grades.merge(roster[['学号', '专业']], on='学号')
grades = grades.merge(plan[['专业', '课程代码']], on=['专业', '课程代码'])

per = grades.groupby(['学号', '课程代码'])
first_best = grades[grades['first']].groupby(['学号', '课程代码'])['score'].max()
later_best = grades[~grades['first']].groupby(['学号', '课程代码'])['score'].max()
best = per['score'].max()
eff = pd.DataFrame({'first': first_best, 'later': later_best, 'best': best})
eff['effective'] = eff['best']
eff.loc[eff['first'] >= 60, 'effective'] = eff['first']
eff.loc[(eff['first'].isna() | (eff['first'] < 60)) & (eff['later'] >= 60), 'effective'] = 60
totals = eff.groupby(level=0)['effective'].sum()

planned = plan.groupby('专业').size()
roster['courses'] = roster['专业'].map(planned).fillna(0).astype(int)
roster['total'] = roster['学号'].map(totals).fillna(0)


def rounded(row):
    if row['courses'] == 0:
        return None
    return Decimal(str(row['total'])) / Decimal(row['courses'])


roster['average'] = [
    None if a is None else a.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP) for a in roster.apply(rounded, axis=1)
]
roster['avg_num'] = roster['average'].astype(float)
roster['rank'] = roster.groupby(['年级', '专业'])['avg_num'].rank(method='min', ascending=False)
roster['N'] = roster.groupby(['年级', '专业'])['学号'].transform('size')
roster['top60'] = roster['rank'] * 100 <= 60 * roster['N']

out = [
    {
        'studentId': r.学号,
        'average': None if r.average is None else f'{r.average:.2f}',
        'rank': None if pd.isna(r.rank) else int(r.rank),
        'top60': bool(r.top60),
    }
    for r in roster.itertuples()
]
with open(out_file, 'w', encoding='utf-8') as f:
    json.dump(out, f, ensure_ascii=False)
