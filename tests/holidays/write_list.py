#!/usr/bin/env python3
"""Writes tests/holidays/italy-2013-2035.txt: Italy's national public
holidays, one date a line, written from the law (L. 260/1949 as amended
by L. 54/1977, D.P.R. 792/1985, L. 336/2000, and L. 151/2025, which made
4 October, St Francis of Assisi and St Catherine of Siena, a national
holiday again from 2026), with Easter Monday from dateutil's Western
Easter, not from our code.

    python3 tests/holidays/write_list.py > tests/holidays/italy-2013-2035.txt

Compared once with the `holidays` package (0.109, holidays.Italy): see
docs/planning.md for where they differ.
"""

from datetime import date, timedelta

from dateutil.easter import easter

FIXED = [(1, 1), (1, 6), (4, 25), (5, 1), (6, 2), (8, 15), (11, 1),
         (12, 8), (12, 25), (12, 26)]

for year in range(2013, 2036):
    days = [date(year, m, d) for m, d in FIXED]
    days.append(easter(year) + timedelta(days=1))
    if year >= 2026:
        days.append(date(year, 10, 4))
    for day in sorted(days):
        print(day.isoformat())
