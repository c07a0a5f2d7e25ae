"""Working days in the Netherlands: Monday to Friday, without the national public holidays.

The holidays most employers and schools are closed on: Nieuwjaarsdag, Tweede Paasdag,
Koningsdag, Hemelvaartsdag, Tweede Pinksterdag and both Kerstdagen. Goede Vrijdag and
Bevrijdingsdag are left out: they are not a general day off (Bevrijdingsdag only once in five
years in many CAO's), so a reminder rather comes a day early than a day late.
"""

import datetime
from functools import lru_cache

import numpy as np
from dateutil.easter import easter

_DAY = datetime.timedelta(days=1)


@lru_cache(maxsize=64)
def dutch_public_holidays(year: int) -> tuple[datetime.date, ...]:
    easter_sunday = easter(year)
    kingsday = datetime.date(year, 4, 27)
    if kingsday.weekday() == 6:  # on a Sunday it moves to the Saturday before
        kingsday -= _DAY
    return (
        datetime.date(year, 1, 1),
        easter_sunday + _DAY,
        kingsday,
        easter_sunday + datetime.timedelta(days=39),
        easter_sunday + datetime.timedelta(days=50),
        datetime.date(year, 12, 25),
        datetime.date(year, 12, 26),
    )


def _holidays(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [d for y in range(first.year, last.year + 1) for d in dutch_public_holidays(y)]


def working_days_after(day: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `day` (`day` itself not counted); n=0 gives the first
    working day on or after `day`."""
    holidays = _holidays(day, day + datetime.timedelta(days=2 * n + 30))
    start = np.datetime64(day, "D")
    if n == 0:
        out = np.busday_offset(start, 0, roll="forward", holidays=holidays)
    else:
        # Rolled back first: from a Saturday the count starts on the Monday as day one.
        out = np.busday_offset(start, n, roll="backward", holidays=holidays)
    return out.astype(datetime.date)
